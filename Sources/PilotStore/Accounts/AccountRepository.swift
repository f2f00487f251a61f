import Foundation
import PilotDomain
import SQLKit

/// User accounts and their grants per programme, account administration (activation, passwords, the account log), the
/// organisations still without an account, and the demo-password markers.
/// Reached as `store.accounts`.
public struct AccountRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
}

/// One row of `account_log`: what happened to whose account, by whom, when.
public struct AccountLogEntry: Sendable, Hashable {
    public var userId: String
    /// `create`, `deactivate`, `reactivate`, `reset_password` or `change_password`.
    public var action: String
    public var detail: String
    public var actorUserId: String
    public var actorName: String
    public var at: Date
}

/// Account administration: the programme's accounts, switching them off and on, passwords.
/// Each change is one transaction with its `account_log` row. Switching an account off ends its
/// sessions and revokes its API tokens in that transaction, so it is locked out at once, not
/// when a session expires.
extension AccountRepository {
    /// The programme's accounts with their grants, by user name.
    public func users(programmeId: String) async throws -> [UserAccount] {
        try await backend.read { database in
            var grants: [String: [RoleGrant]] = [:]
            for row in try await database.raw(
                """
                SELECT g.user_id, g.role, g.scope_kind, g.scope_id FROM user_grants g JOIN users u ON u.id = g.user_id
                WHERE u.programme_id = \(bind: programmeId) AND g.programme_id = \(bind: programmeId)
                ORDER BY g.user_id, g.role, g.scope_kind, g.scope_id
                """
            ).all() {
                guard let role = Role(rawValue: try row.string("role")),
                    let scope = Scope(kind: try row.string("scope_kind"), id: try row.string("scope_id"))
                else { continue }
                grants[try row.string("user_id"), default: []].append(RoleGrant(role: role, scope: scope))
            }
            return try await database.raw(
                """
                SELECT id, programme_id, username, display_name, organisation_id, language, active, must_change_password
                FROM users WHERE programme_id = \(bind: programmeId) ORDER BY username
                """
            ).all().map { row in
                let id = try row.string("id")
                // The hash stays in the database: nothing that lists accounts needs it.
                return UserAccount(
                    id: id, programmeId: try row.string("programme_id"), username: try row.string("username"),
                    displayName: try row.string("display_name"), passwordHash: "",
                    organisationId: try row.optionalString("organisation_id"),
                    language: UILanguage(rawValue: try row.string("language")) ?? .zh, active: try row.int("active") != 0,
                    grants: grants[id] ?? [], mustChangePassword: try row.int("must_change_password") != 0)
            }
        }
    }

    /// Switches an account of the programme off (its sessions end, its API tokens are revoked)
    /// or on again. Throws `notFound` for an account of another programme.
    public func setAccountActive(userId: String, programmeId: String, active: Bool, by actor: ChangeActor) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await Self.requireAccount(database, userId: userId, programmeId: programmeId)
            try await database.raw("UPDATE users SET active = \(bind: active ? 1 : 0) WHERE id = \(bind: userId)").run()
            if !active {
                try await database.raw("DELETE FROM sessions WHERE user_id = \(bind: userId)").run()
                try await database.raw(
                    "UPDATE api_tokens SET revoked_at = \(bind: now) WHERE user_id = \(bind: userId) AND revoked_at IS NULL"
                ).run()
            }
            try await Self.logAccount(
                database, programmeId: programmeId, userId: userId, action: active ? "reactivate" : "deactivate", detail: "",
                by: actor, at: now)
        }
    }

    /// Sets a new password hash. An administrator's reset (`mustChange`) ends every session of the
    /// account; the person's own change ends every session but the one they are using
    /// (`keepingSession`), so a thief's session does not outlive the new password. Every API token
    /// of the account is revoked in both cases.
    public func setPassword(
        userId: String, programmeId: String, hash: String, mustChange: Bool, keepingSession: String?, by actor: ChangeActor
    ) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await Self.requireAccount(database, userId: userId, programmeId: programmeId)
            try await database.raw(
                """
                UPDATE users SET password_hash = \(bind: hash), must_change_password = \(bind: mustChange ? 1 : 0),
                demo_password = 0 WHERE id = \(bind: userId)
                """
            ).run()
            let kept = keepingSession.map(SecretToken.digest) ?? ""
            try await database.raw("DELETE FROM sessions WHERE user_id = \(bind: userId) AND token_hash <> \(bind: kept)").run()
            // An API token made with the old password must not outlive it either (issue #11, 17).
            try await database.raw(
                "UPDATE api_tokens SET revoked_at = \(bind: now) WHERE user_id = \(bind: userId) AND revoked_at IS NULL"
            ).run()
            try await Self.logAccount(
                database, programmeId: programmeId, userId: userId, action: mustChange ? "reset_password" : "change_password",
                detail: "", by: actor, at: now)
        }
    }

    /// The newest `limit` account changes of the programme, newest first.
    public func accountLog(programmeId: String, limit: Int = 50) async throws -> [AccountLogEntry] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT user_id, action, detail, actor_user_id, actor_name, at FROM account_log
                WHERE programme_id = \(bind: programmeId) ORDER BY id DESC LIMIT \(literal: limit)
                """
            ).all().map { row in
                AccountLogEntry(
                    userId: try row.string("user_id"), action: try row.string("action"), detail: try row.string("detail"),
                    actorUserId: try row.string("actor_user_id"), actorName: try row.string("actor_name"), at: try row.date("at"))
            }
        }
    }

    static func requireAccount(_ database: any SQLDatabase, userId: String, programmeId: String) async throws {
        guard
            try await database.raw(
                "SELECT id FROM users WHERE id = \(bind: userId) AND programme_id = \(bind: programmeId)"
            ).first() != nil
        else { throw StoreError.notFound("user \(userId)") }
    }

    static func logAccount(
        _ database: any SQLDatabase, programmeId: String, userId: String, action: String, detail: String, by actor: ChangeActor,
        at: Int64
    ) async throws {
        try await database.raw(
            """
            INSERT INTO account_log (programme_id, user_id, action, detail, actor_user_id, actor_name, at)
            VALUES (\(bind: programmeId), \(bind: userId), \(bind: action), \(bind: detail), \(bind: actor.userId),
            \(bind: actor.name), \(bind: at))
            """
        ).run()
    }
}

extension AccountRepository {
    /// Enterprises of the programme nobody can sign in for (imported ones, typically): the first
    /// `limit` by name, and how many there are.
    public func enterprisesWithoutAccount(
        programmeId: String, limit: Int = 20
    ) async throws -> (
        first: [Organisation], count: Int
    ) {
        try await backend.read { database in
            let missing: SQLQueryString = """
                FROM organisations o WHERE o.programme_id = \(bind: programmeId) AND o.kind = 'enterprise'
                AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = o.id)
                """
            let count = try await database.raw("SELECT count(*) AS c " + missing).first()?.int("c") ?? 0
            let first = try await database.raw(
                "SELECT o.id, o.kind, o.name, o.uscc, o.sub_industry_id, o.division_code " + missing
                    + " ORDER BY o.name LIMIT \(literal: limit)"
            ).all().map(PartyRepository.decodeOrganisation)
            return (first, count)
        }
    }
}

extension AccountRepository {
    /// The programme's organisations other than enterprises (bureaus, contractors, providers,
    /// universities…), by kind and name: those an account form offers.
    public func nonEnterpriseOrganisations(programmeId: String) async throws -> [Organisation] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, kind, name, uscc, sub_industry_id, division_code FROM organisations
                WHERE programme_id = \(bind: programmeId) AND kind <> 'enterprise' ORDER BY kind, name
                """
            ).all().map(PartyRepository.decodeOrganisation)
        }
    }
}
