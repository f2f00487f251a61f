import Foundation
import SQLKit

extension Migrations {
    /// Migration 43 (issue #16, goal 4): the state-entry counters' key carries their count, so the
    /// national roll-up's overdue counts ("every instance that entered this state before that day",
    /// `ProjectFactsRepository.overdueCounts`) are read from the index alone.
    ///
    /// Why: a state's counter rows are spread over the whole table (one row per day, programme and
    /// shard, written as the days pass), so reading them through the key fetched a heap page for
    /// nearly every row: for 100 programmes × 5,000 projects about 12,000 rows on 7,000 page visits,
    /// the longest of the roll-up's reads (`smepilot bench dashboard`). With `instances` in the
    /// primary key's index (`INCLUDE`, not part of the key: the upserts' conflict target is
    /// unchanged) they are an index-only range per state. The price: a counter's update can no longer
    /// be a heap-only one, so each writes one more index entry (the key's; there is no other index).
    ///
    /// PostgreSQL only: SQLite has no `INCLUDE`, and the embedded default serves a handful of
    /// programmes, whose counter rows are few.
    static let stateEntryCountsCovering = Migration(
        number: 43, name: "state entry counters read from their key's index",
        statements: [],
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
