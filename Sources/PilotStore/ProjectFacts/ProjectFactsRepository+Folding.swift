import Foundation
import SQLKit

/// What one fold of the state-entry counters did.
public struct StateEntryFold: Sendable, Equatable {
    /// Rows removed: other shards' rows of past days, and past days' rows that count nothing.
    public var removed: Int
    /// Rows of shard 0 written with what the removed shards counted.
    public var written: Int

    public init(removed: Int, written: Int) {
        self.removed = removed
        self.written = written
    }
}

extension ProjectFactsRepository {
    /// Folds the state-entry counters of the (Shanghai) days before the day of `now`:
    /// each bucket's shards summed into shard 0, and the rows that count nothing deleted. The sums the
    /// readers take are unchanged; only the rows carrying them are fewer.
    ///
    /// Why: decisions write into the shard of their slot (`CounterSlots`) and leave a bucket's row
    /// behind at 0 when its last instance leaves the state, so without folding the table keeps one
    /// row per state, day, programme and shard ever used — and the national roll-up's overdue read,
    /// every row of a state before its cut-off (`overdueCounts`), would grow with every day the
    /// platform runs instead of with the instances still waiting. Past days' buckets only lose
    /// instances (one enters a state today), so folding them contends with no decision's +1.
    ///
    /// Safe beside running decisions: on PostgreSQL the other shards' rows are deleted and their sum
    /// added to shard 0 in one statement, from the values the deletion returned (a decision's change
    /// to a row waits for the fold's commit and then writes a new row of its shard; a row written
    /// after the statement began is not deleted); rows at 0 are deleted in a second statement, which
    /// re-checks each row it waited for. SQLite has one writer: the upsert of the sums, then one
    /// deletion, in one transaction.
    @discardableResult
    public func foldStateEntryCounts(before now: Date) async throws -> StateEntryFold {
        let day = StateEntryCounts.day(ofMillis: now.millis)
        return try await backend.transaction { database in
            if self.backend.kind == .postgres {
                let moved = try await database.raw(
                    """
                    WITH gone AS (
                        DELETE FROM state_entry_counts WHERE day < \(bind: day) AND shard <> 0
                        RETURNING definition_id, state, day, programme_id, instances
                    ), written AS (
                        INSERT INTO state_entry_counts (definition_id, state, day, programme_id, shard, instances)
                        SELECT definition_id, state, day, programme_id, 0, SUM(instances) FROM gone
                        GROUP BY definition_id, state, day, programme_id HAVING SUM(instances) <> 0
                        ON CONFLICT (definition_id, state, day, programme_id, shard) DO UPDATE SET
                        instances = state_entry_counts.instances + excluded.instances
                        RETURNING 1
                    )
                    SELECT (SELECT COUNT(*) FROM gone) AS removed, (SELECT COUNT(*) FROM written) AS written
                    """
                ).first()
                // Counted in the server: a first fold of a long-unfolded table deletes millions.
                let zeros = try await database.raw(
                    """
                    WITH gone AS (DELETE FROM state_entry_counts WHERE day < \(bind: day) AND instances = 0 RETURNING 1)
                    SELECT COUNT(*) AS n FROM gone
                    """
                ).first()
                return StateEntryFold(
                    removed: (try moved?.int("removed") ?? 0) + (try zeros?.int("n") ?? 0),
                    written: try moved?.int("written") ?? 0)
            }
            let written = try await database.raw(
                """
                INSERT INTO state_entry_counts (definition_id, state, day, programme_id, shard, instances)
                SELECT definition_id, state, day, programme_id, 0, SUM(instances) FROM state_entry_counts
                WHERE day < \(bind: day) AND shard <> 0
                GROUP BY definition_id, state, day, programme_id HAVING SUM(instances) <> 0
                ON CONFLICT (definition_id, state, day, programme_id, shard) DO UPDATE SET
                instances = state_entry_counts.instances + excluded.instances
                RETURNING 1
                """
            ).all().count
            let removed = try await database.raw(
                "DELETE FROM state_entry_counts WHERE day < \(bind: day) AND (shard <> 0 OR instances = 0) RETURNING 1"
            ).all().count
            return StateEntryFold(removed: removed, written: written)
        }
    }
}
