import PilotDomain

/// Who may take a feature action: the roles, and where their grant must sit (`AccessScope`).
struct AccessRule: Sendable {
    var roles: Set<Role>
    var scope: AccessScope

    /// No sign-in needed (publicity, self-registration).
    static let anyone = AccessRule(roles: [], scope: .public)
    /// Any signed-in account: what it shows is cut to the person's own scope by the handler.
    static let signedIn = AccessRule(roles: [], scope: .signedIn)

    /// One of `roles` over the programme the request acts in.
    static func programme(_ roles: Set<Role>) -> AccessRule { AccessRule(roles: roles, scope: .programme) }
}

/// Where a grant must sit for an `AccessRule`'s role to count.
enum AccessScope: Sendable {
    /// Nobody needs to sign in; the roles are not read.
    case `public`
    /// Any signed-in account; the roles are not read.
    case signedIn
    /// A grant of one of the roles, whatever its scope (a contractor's sub-industry, an expert's
    /// assignment): reading what every party of the programme shares.
    case anyGrant
    /// A grant of one of the roles over the whole programme the request acts in
    /// (`Identity.programmeId`): the programme-wide pages.
    case programme
    /// A grant of one of the roles that covers the project acted on (its scope keys); without a
    /// project, holding one of the roles anywhere. The handler asks again with the project.
    case project
}
