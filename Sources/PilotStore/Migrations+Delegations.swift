import Foundation
import SQLKit

extension Migrations {
    /// Migration 38 (issue #17): out-of-office delegations. A principal hands some of their roles to
    /// a delegate for a period of Shanghai days; a session acting for a principal names the
    /// delegation it acts under (`sessions.acting_for`), checked again on every request.
    static let delegations = Migration(
        number: 38, name: "delegations and sessions acting for a principal",
        statements: [
            """
            CREATE TABLE delegations (
                id TEXT PRIMARY KEY,
                programme_id TEXT NOT NULL,
                principal_user_id TEXT NOT NULL REFERENCES users(id),
                delegate_user_id TEXT NOT NULL REFERENCES users(id),
                roles TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT,
                revoked_by TEXT,
                CHECK (principal_user_id <> delegate_user_id),
                CHECK (starts_on <= ends_on)
            )
            """,
            "CREATE INDEX delegations_delegate ON delegations (delegate_user_id, programme_id)",
            "CREATE INDEX delegations_principal ON delegations (principal_user_id, programme_id)",
            "ALTER TABLE sessions ADD COLUMN acting_for TEXT",
        ])
}
