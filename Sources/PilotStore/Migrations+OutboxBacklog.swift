import Foundation
import SQLKit

extension Migrations {
    /// Migration 33 (issue #16, goal 2): indexes over the outbox's backlog — the rows not yet
    /// delivered — so the relay's batched claim and the backlog metric cost what the backlog holds,
    /// not what the outbox has delivered over the years.
    static let outboxBacklog = Migration(
        number: 33, name: "outbox backlog indexes for the batched relay",
        statements: [
            // The claim walks the backlog oldest first (`ORDER BY id`).
            "CREATE INDEX outbox_backlog_queue ON outbox (id) WHERE status <> 'delivered'",
            // …and asks per project "is anything of it not due?" — one probe of this index.
            "CREATE INDEX outbox_backlog_project ON outbox (instance_id, next_attempt_at) WHERE status <> 'delivered'",
            // …and "does a dead letter hold it back?" — dead letters are few, so this one is tiny.
            "CREATE INDEX outbox_dead_project ON outbox (instance_id) WHERE status = 'dead'",
            // They replace the status index the head-of-queue claim used.
            "DROP INDEX outbox_pending",
        ])
}
