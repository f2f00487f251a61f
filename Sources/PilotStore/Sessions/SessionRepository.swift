import Crypto
import Foundation
import PilotDomain
import SQLKit

/// Browser sessions (and the programme chosen in each), API tokens, server keys, and the failed sign-ins the
/// throttle counts.
/// Reached as `store.sessions`.
public struct SessionRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A logged-in browser session. Only the SHA-256 of the cookie token is stored, so a leaked
/// database does not leak live sessions.
public struct BrowserSession: Sendable, Hashable {
    public var userId: String
    public var csrfToken: String
    public var expiresAt: Date
    /// The programme chosen in the header (nil: the person's home programme).
    public var programmeId: String? = nil
    /// The delegation this session acts under (issue #17), nil when the person acts as themselves.
    /// Checked again on every request: an expired or revoked one is ignored.
    public var actingFor: String? = nil
}

public enum SecretToken {
    /// 32 random bytes as 64 hex characters.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    public static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}

extension SessionRepository {
    /// Starts a session; returns the cookie token (shown once, never stored) and the session.
    public func createSession(userId: String, lifetime: TimeInterval) async throws -> (token: String, session: BrowserSession) {
        let token = SecretToken.make()
        let now = clock.now()
        let session = BrowserSession(userId: userId, csrfToken: SecretToken.make(), expiresAt: now.addingTimeInterval(lifetime))
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES
                (\(bind: SecretToken.digest(token)), \(bind: userId), \(bind: session.csrfToken), \(bind: now.millis),
                \(bind: session.expiresAt.millis))
                """
            ).run()
        }
        return (token, session)
    }

    /// The live session for a cookie token, or nil when unknown or expired.
    public func session(token: String) async throws -> BrowserSession? {
        let now = clock.now().millis
        return try await backend.read { database in
            try await database.preparedRows(
                """
                SELECT user_id, csrf_token, expires_at, programme_id, acting_for FROM sessions
                WHERE token_hash = \(bind: SecretToken.digest(token)) AND expires_at > \(bind: now)
                """
            ).first.map {
                BrowserSession(
                    userId: try $0.string("user_id"), csrfToken: try $0.string("csrf_token"),
                    expiresAt: try $0.date("expires_at"),
                    programmeId: try $0.optionalString("programme_id"), actingFor: try $0.optionalString("acting_for"))
            }
        }
    }

    /// Makes the session act under `delegationId` (nil: as the person themselves again). The caller
    /// has checked the delegation names this session's person as its delegate.
    public func setActingFor(token: String, delegationId: String?) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE sessions SET acting_for = \(bind: delegationId) WHERE token_hash = \(bind: SecretToken.digest(token))
                """
            ).run()
        }
    }

    /// Makes `programmeId` the programme the session acts in. Only a programme in which the person
    /// holds a grant; anything else is `notFound` and changes nothing.
    public func setSessionProgramme(token: String, programmeId: String) async throws {
        try await backend.transaction { database in
            let row = try await database.raw(
                """
                SELECT 1 AS x FROM sessions s JOIN user_grants g ON g.user_id = s.user_id
                WHERE s.token_hash = \(bind: SecretToken.digest(token)) AND g.programme_id = \(bind: programmeId)
                """
            ).first()
            guard row != nil else { throw StoreError.notFound("programme \(programmeId) for this person") }
            try await database.raw(
                """
                UPDATE sessions SET programme_id = \(bind: programmeId) WHERE token_hash = \(bind: SecretToken.digest(token))
                """
            ).run()
        }
    }

    /// The programmes a person holds grants in, with their codes and names, home first: the
    /// header's programme switch.
    public func programmeChoices(
        userId: String
    ) async throws -> [(id: String, code: String, name: LocalizedText, division: String, kind: String)] {
        try await backend.read { database in
            try await database.preparedRows(
                """
                SELECT p.id, p.code, p.name_zh, p.name_en, p.area_code, p.kind,
                MIN(CASE WHEN p.id = u.programme_id THEN 0 ELSE 1 END) AS rank
                FROM user_grants g JOIN users u ON u.id = g.user_id JOIN programmes p ON p.id = g.programme_id
                WHERE g.user_id = \(bind: userId) GROUP BY p.id, p.code, p.name_zh, p.name_en, p.area_code, p.kind
                ORDER BY rank, p.code
                """
            ).map {
                (
                    try $0.string("id"), try $0.string("code"),
                    LocalizedText(zh: try $0.string("name_zh"), en: try $0.string("name_en")), try $0.string("area_code"),
                    try $0.string("kind")
                )
            }
        }
    }

    public func deleteSession(token: String) async throws {
        try await backend.transaction { database in
            try await database.raw("DELETE FROM sessions WHERE token_hash = \(bind: SecretToken.digest(token))").run()
        }
    }

    /// Issues an API token for a machine client; returns the token (shown once).
    public func createApiToken(userId: String, label: String) async throws -> String {
        let token = "smp_" + SecretToken.make()
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (\(bind: SecretToken.digest(token)),
                \(bind: userId), \(bind: label), \(bind: now))
                """
            ).run()
        }
        return token
    }

    /// The user an API token belongs to, if the token is known and not revoked.
    public func userId(apiToken token: String) async throws -> String? {
        try await backend.read { database in
            try await database.preparedRows(
                "SELECT user_id FROM api_tokens WHERE token_hash = \(bind: SecretToken.digest(token)) AND revoked_at IS NULL"
            ).first?.string("user_id")
        }
    }
}

extension SessionRepository {
    /// The server's secret named `name` (`server_keys`, migration 18), made on first use: every
    /// server process on this database gets the same one, whichever asked first.
    public func serverKey(_ name: String) async throws -> String {
        let fresh = SecretToken.make()
        let now = clock.now().millis
        return try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO server_keys (name, secret, created_at) VALUES (\(bind: name), \(bind: fresh), \(bind: now))
                ON CONFLICT (name) DO NOTHING
                """
            ).run()
            guard let row = try await database.raw("SELECT secret FROM server_keys WHERE name = \(bind: name)").first() else {
                throw StoreError.notFound("server key \(name)")
            }
            return try row.string("secret")
        }
    }
}
