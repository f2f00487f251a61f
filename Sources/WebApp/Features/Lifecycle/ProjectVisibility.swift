import PilotDomain
import PilotStore
import WorkflowEngine

/// What one person may read of a project they may see — the one read model the project page and
/// the API both use (issue #11, defect 6: the API returned every history row's input, a public
/// objector's name and contact, conflict declarations and experts' reviews, to anyone who could
/// see the project, e.g. the enterprise).
///
/// - Objectors' identities: the bureau only (district, administrator, leadership), since objectors
///   may fear reprisals.
/// - Conflict declarations and reviews: the bureau and the expert who wrote them; the enterprise,
///   contractors and providers see that a review happened, not its content.
public struct ProjectVisibility: Sendable {
    /// The bureau (district, administrator, leadership) of the project's programme: it alone sees
    /// objectors' identities and every declaration and review (`projects.readConfidential`).
    public let isBureau: Bool
    let userId: String

    static let objectorFields: Set<String> = ["objector_name", "objector_contact"]
    /// Transitions whose input is the expert's own judgement.
    static let reviewTransitions: Set<String> = ["declare_interest", "submit_review"]
    /// Instance data that carries the same judgements and identities.
    static let reviewData: Set<String> = ["declarations", "reviews", "previous_reviews", "conflicted_reviewers", "objections"]

    public init(actor: Actor, instance: InstanceSnapshot) {
        isBureau = AccessPolicy.allows(actor, .projectsReadConfidential, on: instance)
        userId = actor.userId
    }

    /// A history row's input as this person may read it.
    public func input(of record: HistoryRecord) -> [String: JSONValue] {
        var input = JSONValue.parseObject(record.inputJSON)
        if !isBureau { for key in Self.objectorFields { input[key] = nil } }
        if !isBureau, Self.reviewTransitions.contains(record.transitionId), record.actorUserId != userId { input = [:] }
        return input
    }

    /// The instance data as this person may read it.
    public func data(_ data: [String: JSONValue]) -> [String: JSONValue] {
        isBureau ? data : data.filter { !Self.reviewData.contains($0.key) }
    }
}
