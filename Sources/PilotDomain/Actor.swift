/// Who is acting. When a delegate acts for a principal both are recorded, and separation of
/// duties applies to both (design.md §3 "Delegation").
public struct Actor: Sendable, Hashable, Codable {
    public var userId: String
    public var displayName: String
    public var organisationId: String?
    public var grants: [RoleGrant]
    /// The user on whose behalf this actor acts, if delegated.
    public var principalUserId: String?
    /// The programme whose grants these are (nil: the grants name their programmes themselves, as
    /// the system's and the public's do). A grant below the programme (a division node, an
    /// organisation) can name the same thing in two programmes, so coverage also asks this.
    public var programmeId: String? = nil

    public init(
        userId: String, displayName: String, organisationId: String?, grants: [RoleGrant],
        principalUserId: String? = nil
    ) {
        self.userId = userId
        self.displayName = displayName
        self.organisationId = organisationId
        self.grants = grants
        self.principalUserId = principalUserId
    }

    /// The actor the timer loop uses. Holds only the system role, over every programme.
    public static func system(programmeId: String) -> Actor {
        Actor(
            userId: "system", displayName: "系统 System", organisationId: nil,
            grants: [RoleGrant(role: .system, scope: .programme(programmeId))])
    }

    /// A member of the public (objections during publicity): no account, no organisation.
    public static func publicMember(programmeId: String) -> Actor {
        Actor(
            userId: "public", displayName: "社会公众", organisationId: nil,
            grants: [RoleGrant(role: .publicMember, scope: .programme(programmeId))])
    }

    public var roles: Set<Role> { Set(grants.map(\.role)) }

    /// The grants of `role` (any of `roles`) that cover a resource with the given scope keys.
    public func grants(covering keys: ScopeKeys, roles: Set<Role>) -> [RoleGrant] {
        guard acts(in: keys) else { return [] }
        return grants.filter { roles.contains($0.role) && keys.covers($0) }
    }

    /// Whether the resource with these keys belongs to the programme this actor acts in.
    public func acts(in keys: ScopeKeys) -> Bool {
        programmeId.map { keys.keys.contains(.programme($0)) } ?? true
    }
}
