import PilotDomain
import WorkflowEngine

/// The participants column: transition id → the actors who took it, as canonical JSON.
extension Participant {
    static func text(_ participants: [String: [Participant]]) -> String {
        JSONValue.canonicalText(
            participants.mapValues { list in
                .array(
                    list.map { participant in
                        var fields: [String: JSONValue] = ["user": .string(participant.userId)]
                        if let organisation = participant.organisationId { fields["org"] = .string(organisation) }
                        if let principal = participant.principalUserId { fields["principal"] = .string(principal) }
                        return .object(fields)
                    })
            })
    }

    static func parse(_ text: String) -> [String: [Participant]] {
        JSONValue.parseObject(text).compactMapValues { list in
            list.arrayValue?.compactMap { item -> Participant? in
                guard let fields = item.objectValue, let user = fields["user"]?.stringValue else { return nil }
                return Participant(
                    userId: user, organisationId: fields["org"]?.stringValue, principalUserId: fields["principal"]?.stringValue)
            }
        }
    }
}
