import Foundation
import PilotDomain
import SQLKit

/// A person who logs in. The password hash is bcrypt, made by the web layer.
public struct UserAccount: Sendable, Hashable {
    public var id: String
    /// The programme the account was created in (its home).
    public var programmeId: String
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var organisationId: String?
    public var language: UILanguage
    public var active: Bool
    public var grants: [RoleGrant]
    /// A one-time password from an administrator: the person must choose their own first.
    public var mustChangePassword: Bool = false
    /// The programme whose grants `grants` holds when loaded for another than the home one.
    public var loadedFor: String? = nil

    /// The programme whose grants `grants` holds.
    public var actingProgrammeId: String { loadedFor ?? programmeId }

    public var actor: Actor {
        var actor = Actor(userId: id, displayName: displayName, organisationId: organisationId, grants: grants)
        actor.programmeId = actingProgrammeId
        return actor
    }
}

extension AccountRepository {
    /// Creates an account with its grants. `mustChangePassword` marks a one-time password;
    /// `contractorTerms` adds a main-contractor grant for each sub-industry the organisation
    /// serves now (read in the same transaction, so a replacement cannot slip in between);
    /// `ownPanels` adds the expert-reviewer grant over the account itself (the panels it is
    /// named to); `log` records who created it, in the same transaction.
    public func createUser(
        programmeId: String, username: String, displayName: String, passwordHash: String, organisationId: String?,
        grants: [RoleGrant], language: UILanguage = .zh, mustChangePassword: Bool = false, contractorTerms: Bool = false,
        ownPanels: Bool = false, log: ChangeActor? = nil
    ) async throws -> UserAccount {
        var account = UserAccount(
            id: ids.make("usr"), programmeId: programmeId, username: username, displayName: displayName,
            passwordHash: passwordHash, organisationId: organisationId, language: language, active: true, grants: grants,
            mustChangePassword: mustChangePassword)
        let now = clock.now().millis
        let kind = backend.kind
        let userId = account.id
        let draft = account
        do {
            account.grants = try await backend.transaction { database in
                var grants = grants
                if ownPanels { grants.append(RoleGrant(role: .expertReviewer, scope: .user(userId))) }
                if contractorTerms, let organisationId {
                    grants += try await database.raw(
                        """
                        SELECT sub_industry_id FROM contractor_assignments WHERE organisation_id = \(bind: organisationId)
                        AND programme_id = \(bind: programmeId) AND ended_at IS NULL ORDER BY sub_industry_id
                        """
                    ).all().map { RoleGrant(role: .mainContractor, scope: .subIndustry(try $0.string("sub_industry_id"))) }
                }
                var created = draft
                created.grants = grants
                try await Self.insertAccount(created, createdAt: now, on: database)
                if let log {
                    try await Self.logAccount(
                        database, programmeId: programmeId, userId: userId, action: "create",
                        detail: grants.map { "\($0.role.rawValue)@\($0.scope)" }.joined(separator: ","), by: log, at: now)
                }
                return grants
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("user name '\(username)' is taken")
        }
        return account
    }

    /// The account row and its grants, inside the caller's transaction.
    static func insertAccount(_ account: UserAccount, createdAt: Int64, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO users (id, programme_id, username, display_name, password_hash, organisation_id, language, active,
            created_at, must_change_password) VALUES (\(bind: account.id), \(bind: account.programmeId),
            \(bind: account.username), \(bind: account.displayName), \(bind: account.passwordHash),
            \(bind: account.organisationId), \(bind: account.language.rawValue), 1, \(bind: createdAt),
            \(bind: account.mustChangePassword ? 1 : 0))
            """
        ).run()
        for grant in account.grants {
            try await database.raw(
                """
                INSERT INTO user_grants (user_id, programme_id, role, scope_kind, scope_id) VALUES (\(bind: account.id),
                \(bind: account.programmeId), \(bind: grant.role.rawValue), \(bind: grant.scope.kind), \(bind: grant.scope.id))
                """
            ).run()
        }
    }

    /// The account with its grants in `programmeId` (default: its home programme).
    public func user(username: String, in programmeId: String? = nil) async throws -> UserAccount? {
        try await loadUser(where: "username = ", username, programmeId: programmeId)
    }

    /// The account with its grants in `programmeId` (default: its home programme). A person acts in
    /// one programme at a time; their grants elsewhere are not theirs there.
    public func user(id: String, in programmeId: String? = nil) async throws -> UserAccount? {
        try await loadUser(where: "id = ", id, programmeId: programmeId)
    }

    private func loadUser(where column: String, _ value: String, programmeId: String?) async throws -> UserAccount? {
        try await backend.read { database in
            guard
                let row = try await database.preparedRows(
                    """
                    SELECT id, programme_id, username, display_name, password_hash, organisation_id, language, active,
                    must_change_password FROM users WHERE \(unsafeRaw: column)\(bind: value)
                    """
                ).first
            else { return nil }
            let id = try row.string("id")
            let home = try row.string("programme_id")
            let acting = programmeId ?? home
            let grants = try await database.preparedRows(
                """
                SELECT role, scope_kind, scope_id FROM user_grants WHERE user_id = \(bind: id)
                AND programme_id = \(bind: acting) ORDER BY role, scope_kind, scope_id
                """
            ).compactMap { grantRow -> RoleGrant? in
                guard let role = Role(rawValue: try grantRow.string("role")),
                    let scope = Scope(kind: try grantRow.string("scope_kind"), id: try grantRow.string("scope_id"))
                else { return nil }
                return RoleGrant(role: role, scope: scope)
            }
            return UserAccount(
                id: id, programmeId: home, username: try row.string("username"),
                displayName: try row.string("display_name"), passwordHash: try row.string("password_hash"),
                organisationId: try row.optionalString("organisation_id"),
                language: UILanguage(rawValue: try row.string("language")) ?? .zh, active: try row.int("active") != 0,
                grants: grants, mustChangePassword: try row.int("must_change_password") != 0,
                loadedFor: acting == home ? nil : acting)
        }
    }
}

extension AccountRepository {
    /// Adds one grant to an existing user (e.g. an expert's own-panels scope, which needs the id),
    /// in `programmeId` (default: the user's home programme; another one gives the person a place
    /// in that programme too, offered by the header's programme switch).
    public func addGrant(userId: String, _ grant: RoleGrant, programmeId: String? = nil) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO user_grants (user_id, programme_id, role, scope_kind, scope_id) VALUES (\(bind: userId),
                COALESCE(\(bind: programmeId), (SELECT programme_id FROM users WHERE id = \(bind: userId))),
                \(bind: grant.role.rawValue), \(bind: grant.scope.kind), \(bind: grant.scope.id)) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    /// Takes away every grant a person holds in `programmeId` (their place in another programme);
    /// a session that had chosen it falls back to the home programme at its next request.
    public func removeGrants(userId: String, programmeId: String) async throws {
        try await backend.transaction { database in
            try await database.raw(
                "DELETE FROM user_grants WHERE user_id = \(bind: userId) AND programme_id = \(bind: programmeId)"
            ).run()
        }
    }
}
