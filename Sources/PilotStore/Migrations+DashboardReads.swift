import Foundation
import SQLKit

extension Migrations {
    /// Migration 43 (issue #16, goal 4), for the dashboards' reads. The state-entry counters' key
    /// carries their count, so the national roll-up's overdue counts ("every instance that entered
    /// this state before that day", `ProjectFactsRepository.overdueCounts`) are read from the index
    /// alone.
    ///
    /// Why: a state's counter rows are spread over the whole table (one row per day, programme and
    /// shard, written as the days pass), so reading them through the key fetched a heap page for
    /// nearly every row: for 100 programmes × 5,000 projects about 12,000 rows on 7,000 page visits,
    /// the longest of the roll-up's reads (`smepilot bench dashboard`). With `instances` in the
    /// primary key's index (`INCLUDE`, not part of the key: the upserts' conflict target is
    /// unchanged) they are an index-only range per state. The price: a counter's update can no longer
    /// be a heap-only one, so each writes one more index entry (the key's; there is no other index),
    /// about 160 bytes of WAL per counter row a decision moves (measured: 3,672 → 3,996 B per
    /// transition in `bench transitions`, the CPU per transition within the runs' spread).
    ///
    /// PostgreSQL only: SQLite has no `INCLUDE`, and the embedded default serves a handful of
    /// programmes, whose counter rows are few.
    ///
    /// And on both backends `workflow_instances_entered` goes: it served the overdue counts before the
    /// counters (migration 34), whose `workflow_instances_state_day` now answers every query it could
    /// (no plan of the benchmark's views used it), while every decision, whose update of an instance
    /// is never heap-only (`state`, `updated_at` are indexed), wrote an entry into it.
    ///
    /// And `provider_products` gets an index by programme: every dashboard view counts the programme's
    /// products of admitted providers (`programmeCounts`), which read the whole table (12,000 rows
    /// for 100 programmes) to find its 120.
    static let dashboardReads = Migration(
        number: 43,
        name: "dashboard reads: state entry counters from their key's index, products by programme; an unused index dropped",
        statements: [
            "DROP INDEX workflow_instances_entered",
            "CREATE INDEX provider_products_programme ON provider_products (programme_id)",
        ],
        backfill: { database in
            guard database.dialect.name == "postgresql" else { return }
            try await database.raw(
                """
                ALTER TABLE state_entry_counts DROP CONSTRAINT state_entry_counts_pkey,
                ADD PRIMARY KEY (definition_id, state, day, programme_id, shard) INCLUDE (instances)
                """
            ).run()
        })
}
