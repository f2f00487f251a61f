import Foundation
import SQLKit

/// Accounts that still hold the demo seed's password, which the README publishes. A production
/// server must not start while any is active (`smepilot serve` without `--demo` refuses).
extension AccountRepository {
    /// Marks every account whose password hash is `hash` (the seed's one shared hash).
    public func markDemoPasswords(hash: String) async throws {
        try await backend.transaction { database in
            try await database.raw("UPDATE users SET demo_password = 1 WHERE password_hash = \(bind: hash)").run()
        }
    }

    /// User names of the active accounts still holding the demo password, at most `limit`.
    public func activeDemoPasswordAccounts(limit: Int = 20) async throws -> (count: Int, usernames: [String]) {
        try await backend.read { database in
            let count =
                try await database.raw("SELECT COUNT(*) AS n FROM users WHERE demo_password = 1 AND active = 1").first()?.int("n")
                ?? 0
            let names = try await database.raw(
                "SELECT username FROM users WHERE demo_password = 1 AND active = 1 ORDER BY username LIMIT \(literal: limit)"
            ).all().map { try $0.string("username") }
            return (count, names)
        }
    }
}
