import Foundation
import SQLKit

extension Migrations {
    /// Migration 42 (issue #17): the funds book's idempotency keys and the principal behind a
    /// delegate's step.
    /// - `funds_requests`: a client's `Idempotency-Key` for a change of the book, written in the
    ///   change's own transaction (under the book's lock), with what the change returned — so a
    ///   retried receipt or release is answered from here instead of being booked twice, and a key
    ///   reused for another request is refused.
    /// - `funds_log.principal_user_id`: when a delegate acts, the officer they act for, so the
    ///   delegation's use is on record outside the workflow too (its name text was before).
    static let fundsRequests = Migration(
        number: 42, name: "funds idempotency keys; the principal of a delegate's funds step",
        statements: [
            """
            CREATE TABLE funds_requests (
                programme_id TEXT NOT NULL,
                actor_user_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                action TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                result TEXT NOT NULL,
                book_version BIGINT NOT NULL,
                at BIGINT NOT NULL,
                PRIMARY KEY (programme_id, actor_user_id, idempotency_key)
            )
            """,
            "ALTER TABLE funds_log ADD COLUMN principal_user_id TEXT",
            "CREATE INDEX funds_log_principal ON funds_log (principal_user_id, programme_id)",
        ])
}
