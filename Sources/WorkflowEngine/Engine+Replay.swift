import Foundation
import PilotDomain

/// What a history row records about one decision that the engine needs to apply it again.
public struct RecordedStep: Sendable, Hashable {
    public var transitionId: String
    public var input: [String: JSONValue]
    /// The rule values the decision consulted (each one it read, defaults included).
    public var ruleValues: [String: JSONValue]
    public var actorUserId: String
    public var actorName: String
    public var actorOrganisationId: String?
    public var principalUserId: String?
    public var occurredAt: Date
    /// The command's facts and the actor's roles; nil for rows written before they were recorded
    /// (migration 19).
    public var context: DecisionContext?

    public init(
        transitionId: String, input: [String: JSONValue], ruleValues: [String: JSONValue], actorUserId: String,
        actorName: String, actorOrganisationId: String?, principalUserId: String?, occurredAt: Date,
        context: DecisionContext?
    ) {
        self.transitionId = transitionId
        self.input = input
        self.ruleValues = ruleValues
        self.actorUserId = actorUserId
        self.actorName = actorName
        self.actorOrganisationId = actorOrganisationId
        self.principalUserId = principalUserId
        self.occurredAt = occurredAt
        self.context = context
    }
}

/// What a decision read besides its instance, input, rules, time and the actor's name: the facts
/// the server looked up (`Command.facts`) and the actor's roles. Kept on the history row as
/// canonical JSON (`{"facts":{…},"roles":[…]}`) so the decision can be replayed.
public struct DecisionContext: Sendable, Hashable {
    public var facts: [String: JSONValue]
    public var roles: [Role]

    public init(facts: [String: JSONValue], roles: some Sequence<Role>) {
        self.facts = facts
        self.roles = Set(roles).sorted { $0.rawValue < $1.rawValue }
    }

    public var canonicalText: String {
        JSONValue.canonicalText(["facts": .object(facts), "roles": .array(roles.map { .string($0.rawValue) })])
    }

    /// Nil for text that is not such an object (a damaged row: its hash tells).
    public init?(canonicalText text: String) {
        let object = JSONValue.parseObject(text)
        guard let facts = object["facts"]?.objectValue, let roles = object["roles"]?.arrayValue else { return nil }
        self.init(facts: facts, roles: roles.compactMap { $0.stringValue.flatMap(Role.init(rawValue:)) })
    }
}

/// Why a step could not be replayed.
public enum ReplayGap: Error, Sendable, Hashable {
    /// The pinned definition has no such transition.
    case unknownTransition(String)
    /// The row predates recorded context and the transition runs an effect that reads it.
    case unrecordedContext(effect: String)
}

extension Engine {
    /// Applies a recorded step again to `instance` (its state and data before the step) with the
    /// pinned `definition`: the same effects, routes and participants as the decision (`apply`),
    /// without the checks — the step was accepted when it was made. Returns the data, the target
    /// state and the participants the decision must have written, or why it cannot tell.
    public func replay(
        _ step: RecordedStep, on instance: InstanceSnapshot, definition: WorkflowDefinition
    ) -> Result<(data: [String: JSONValue], target: String, participants: [String: [Participant]]), ReplayGap> {
        guard let transition = definition.transition(step.transitionId) else {
            return .failure(.unknownTransition(step.transitionId))
        }
        if step.context == nil, let effect = transition.effects.first(where: registry.effectsReadingContext.contains) {
            return .failure(.unrecordedContext(effect: effect))
        }
        // Only the roles matter to effects and routes; the scope of each grant was checked when
        // the decision was made.
        let actor = Actor(
            userId: step.actorUserId, displayName: step.actorName, organisationId: step.actorOrganisationId,
            grants: (step.context?.roles ?? []).map { RoleGrant(role: $0, scope: .programme(instance.programmeId)) },
            principalUserId: step.principalUserId)
        return .success(
            apply(
                transition, to: instance, input: step.input, actor: actor, now: step.occurredAt, rules: RuleBook(step.ruleValues),
                facts: step.context?.facts ?? [:]))
    }
}
