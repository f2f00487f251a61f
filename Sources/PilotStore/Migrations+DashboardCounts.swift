import Foundation
import SQLKit

extension Migrations {
    /// Migration 32 (issue #16, goal 4): the dashboard's counters, so the counts of a programme and of
    /// the national roll-up read a few rows per state instead of every project.
    /// `dashboard_counts` holds, per programme, workflow, state and shard, how many instances stand in
    /// the state and, of them, how many have an approved subsidy, how many of those are assessed at
    /// level 3 or higher and at level 4, and the sum of their approved subsidies (fen). Every writer of
    /// `workflow_instances.state` or `project_facts` moves them in its own transaction
    /// (`DashboardCounts`); `smepilot projections check|rebuild` recounts them from the rows.
    ///
    /// `shard` spreads one programme's counters over `DashboardCounts.shards` rows per state, so
    /// concurrent decisions of one programme do not all wait on the same row's lock; a reader sums
    /// them. A shard's own figures mean nothing and may be negative (a rebuild puts everything in
    /// shard 0, later decisions subtract from their own shard): only the sums are counts.
    static let dashboardCounts = Migration(
        number: 32, name: "dashboard counters per programme, workflow and state",
        statements: [
            """
            CREATE TABLE dashboard_counts (
                programme_id TEXT NOT NULL, definition_id TEXT NOT NULL, state TEXT NOT NULL, shard BIGINT NOT NULL,
                projects BIGINT NOT NULL, subsidised BIGINT NOT NULL, level3 BIGINT NOT NULL, level4 BIGINT NOT NULL,
                subsidy BIGINT NOT NULL, PRIMARY KEY (programme_id, definition_id, state, shard))
            """,
            // Overdue is a matter of time, not of a decision, so it is no counter: it is counted from
            // this index, one range per state of the instances that entered it before the state's cut-off
            // (until the state-entry counters of migration 34; migration 43 drops it).
            """
            CREATE INDEX workflow_instances_entered
            ON workflow_instances (definition_id, state, programme_id, state_entered_at)
            """,
            // The dashboard's project rows, brought up to date after a change from the rows updated
            // since (`FactRowsCache`) instead of read again in full.
            "CREATE INDEX workflow_instances_updated ON workflow_instances (programme_id, definition_id, updated_at)",
            "INSERT INTO dashboard_counts \(DashboardCounts.recount)",
        ])
}
