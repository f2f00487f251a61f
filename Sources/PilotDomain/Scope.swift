/// What part of a programme a role grant covers. Authorization compares a grant's scope with the
/// scope keys of the thing acted on (see `ScopeKeys`): a main contractor is scoped to its
/// sub-industry, a district or street official to their node of the administrative-division tree
/// (and everything beneath it), an enterprise to its own organisation.
public enum Scope: Sendable, Hashable, Codable, CustomStringConvertible {
    case programme(String)
    case subIndustry(String)
    /// A node of the administrative-division tree (a `DivisionCode`'s digits): covers the node and
    /// everything beneath it, because an instance's scope keys list every node above it.
    case division(String)
    case organisation(String)
    /// A single user: e.g. an expert reviewer assigned to one plan.
    case user(String)

    public var kind: String {
        switch self {
        case .programme: "programme"
        case .subIndustry: "sub_industry"
        case .division: "division"
        case .organisation: "organisation"
        case .user: "user"
        }
    }

    public var id: String {
        switch self {
        case .programme(let id), .subIndustry(let id), .division(let id), .organisation(let id), .user(let id): id
        }
    }

    public init?(kind: String, id: String) {
        switch kind {
        case "programme": self = .programme(id)
        case "sub_industry": self = .subIndustry(id)
        case "division": self = .division(id)
        case "organisation": self = .organisation(id)
        case "user": self = .user(id)
        default: return nil
        }
    }

    public var description: String { "\(kind):\(id)" }
}

/// One role held over one scope.
public struct RoleGrant: Sendable, Hashable, Codable {
    public var role: Role
    public var scope: Scope

    public init(role: Role, scope: Scope) {
        self.role = role
        self.scope = scope
    }
}

/// The scopes a resource belongs to. A grant covers the resource when its scope is one of these.
public struct ScopeKeys: Sendable, Hashable {
    public var keys: Set<Scope>

    public init(_ keys: Set<Scope>) {
        self.keys = keys
    }

    public func covers(_ grant: RoleGrant) -> Bool {
        keys.contains(grant.scope)
    }
}
