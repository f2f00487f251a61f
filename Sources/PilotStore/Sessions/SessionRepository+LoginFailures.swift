import Foundation
import SQLKit

/// Failed sign-ins per throttle key, in the database so that every server process counts the same
/// attempts (`LoginThrottle`). Keys are stored as digests only.
extension SessionRepository {
    /// The failures of each key since `since`, oldest first (keys without any are left out).
    public func loginFailures(keys: [String], since: Date) async throws -> [String: [Date]] {
        let digests = Dictionary(keys.map { (SecretToken.digest($0), $0) }, uniquingKeysWith: { first, _ in first })
        guard !digests.isEmpty else { return [:] }
        let list = digests.keys.sorted()
        return try await backend.read { database in
            var result: [String: [Date]] = [:]
            for row in try await database.raw(
                """
                SELECT key_digest, failed_at FROM login_failures
                WHERE key_digest IN (\(binds: list)) AND failed_at >= \(bind: since.millis) ORDER BY failed_at
                """
            ).all() {
                guard let key = digests[try row.string("key_digest")] else { continue }
                result[key, default: []].append(try row.date("failed_at"))
            }
            return result
        }
    }

    /// Records one failure for each key and forgets every failure older than `forgetBefore`.
    /// With `attemptId` the rows are an attempt recorded before its password is checked
    /// (`LoginThrottle.admit`): committed here, before anyone counts, so parallel attempts each
    /// see the others; a refused or successful attempt is forgotten again by its id.
    public func recordLoginFailure(
        keys: [String], at date: Date, forgetBefore: Date, attemptId: String? = nil
    ) async throws {
        try await backend.transaction { database in
            try await database.raw("DELETE FROM login_failures WHERE failed_at < \(bind: forgetBefore.millis)").run()
            for key in Set(keys) {
                try await database.raw(
                    """
                    INSERT INTO login_failures (key_digest, failed_at, attempt_id)
                    VALUES (\(bind: SecretToken.digest(key)), \(bind: date.millis), \(bind: attemptId))
                    """
                ).run()
            }
        }
    }

    /// Forgets the failures of these keys (after a successful sign-in) and the rows of the attempt
    /// `attemptId` (a refused attempt, or the successful one itself).
    public func clearLoginFailures(keys: [String], attemptId: String? = nil) async throws {
        try await backend.transaction { database in
            for key in Set(keys) {
                try await database.raw("DELETE FROM login_failures WHERE key_digest = \(bind: SecretToken.digest(key))").run()
            }
            if let attemptId {
                try await database.raw("DELETE FROM login_failures WHERE attempt_id = \(bind: attemptId)").run()
            }
        }
    }
}
