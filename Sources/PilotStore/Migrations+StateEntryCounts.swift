import Foundation
import SQLKit

extension Migrations {
    /// Migration 34 (issue #16, goal 4): how many instances entered their state on each day, so the
    /// overdue counts read a few counter rows per state instead of every overdue instance's index
    /// entry. `state_entry_counts` holds, per workflow, state, Shanghai day of entry (days since
    /// 1970-01-01 in Asia/Shanghai), programme and shard, how many instances stand in the state having
    /// entered it that day. Every writer of `workflow_instances.state` or `state_entered_at` moves them
    /// in its own transaction (`StateEntryCounts`); `smepilot projections check|rebuild` recounts them.
    ///
    /// The key begins with the workflow, state and day, so "every instance that entered this state
    /// before that day" is one contiguous index range for all programmes at once (the national
    /// roll-up); the day of the cut-off itself is counted from `workflow_instances_state_day`, an
    /// index range of one day's entries, so the figure stays exact to the millisecond.
    /// `shard` as in `dashboard_counts` (migration 32): concurrent decisions of one programme entering
    /// the same state on the same day take different rows' locks.
    static let stateEntryCounts = Migration(
        number: 34, name: "state entry counters per workflow, state, day and programme",
        statements: [
            """
            CREATE TABLE state_entry_counts (
                definition_id TEXT NOT NULL, state TEXT NOT NULL, day BIGINT NOT NULL, programme_id TEXT NOT NULL,
                shard BIGINT NOT NULL, instances BIGINT NOT NULL, PRIMARY KEY (definition_id, state, day, programme_id, shard))
            """,
            """
            CREATE INDEX workflow_instances_state_day
            ON workflow_instances (definition_id, state, state_entered_at, programme_id)
            """,
            "INSERT INTO state_entry_counts \(StateEntryCounts.recount)",
        ])
}
