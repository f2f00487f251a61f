/// A finance officer acting on a release. Role checks happen before the funds module is asked;
/// here only who they are matters, for four eyes and for conflicts of interest. When a
/// delegate acts for a principal, both count as the actor (separation of duties applies to both).
public struct Officer: Sendable, Hashable, Codable {
    public var userId: String
    public var organisationId: String?
    public var principalUserId: String?

    public init(userId: String, organisationId: String?, principalUserId: String? = nil) {
        self.userId = userId
        self.organisationId = organisationId
        self.principalUserId = principalUserId
    }

    /// Same person on either side, directly or through a delegation.
    func overlaps(_ other: Officer) -> Bool { !people.isDisjoint(with: other.people) }

    private var people: Set<String> { Set([userId, principalUserId].compactMap { $0 }) }
}
