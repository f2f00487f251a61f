import Foundation
import PilotDomain
import SQLKit

/// The state-entry counters (`state_entry_counts`, migration 34): per workflow, state, Shanghai day
/// of entry and programme, how many instances stand in the state. An instance counts once, in the
/// bucket of the day it entered its current state; a decision that changes the state moves it.
enum StateEntryCounts {
    static let dayMillis: Int64 = 86_400_000
    /// Asia/Shanghai is UTC+8 all year (no daylight saving since 1991).
    static let shanghaiOffsetMillis: Int64 = 28_800_000

    /// The Shanghai day (days since 1970-01-01 there) of a time in milliseconds since 1970 UTC.
    static func day(ofMillis millis: Int64) -> Int64 {
        let local = millis + shanghaiOffsetMillis
        return local >= 0 ? local / dayMillis : (local - dayMillis + 1) / dayMillis
    }

    /// The first millisecond of a Shanghai day.
    static func start(ofDay day: Int64) -> Int64 { day * dayMillis - shanghaiOffsetMillis }

    /// The same day in SQL, for the recount (entry times are after 1970, so integer division floors).
    static let daySQL = "(state_entered_at + 28800000) / 86400000"

    /// The counters' changes when an instance leaves `before` (its state and the millisecond it entered
    /// it) for `after`: −1 in the old bucket, +1 in the new (one upsert, two rows), sorted by state and
    /// day so every decision takes these rows' locks in the same order (after its `dashboard_counts`
    /// rows, also sorted);
    /// nothing when the bucket stays the same (a decision that keeps the state).
    static func changes(
        programmeId: String, definitionId: String, shard: Int64, before: (state: String, enteredAt: Int64)?,
        after: (state: String, enteredAt: Int64)
    ) -> [DecisionWrite.FollowUp] {
        let newKey = Key(state: after.state, day: day(ofMillis: after.enteredAt))
        var deltas: [Key: Int64] = [newKey: 1]
        if let before { deltas[Key(state: before.state, day: day(ofMillis: before.enteredAt)), default: 0] -= 1 }
        let rows: [SQLQueryString] = deltas.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { key, delta in
            "\(bind: definitionId), \(bind: key.state), \(bind: key.day), \(bind: programmeId), \(bind: shard), \(bind: delta)"
        }
        return DecisionWrite.FollowUp.upserts(
            target: "state_entry_counts (definition_id, state, day, programme_id, shard, instances)", rows: rows,
            conflict: """
                (definition_id, state, day, programme_id, shard) DO UPDATE SET
                instances = state_entry_counts.instances + excluded.instances
                """)
    }

    struct Key: Hashable, Comparable {
        var state: String
        var day: Int64
        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.state, lhs.day) < (rhs.state, rhs.day) }
    }

    /// The counters recounted from `workflow_instances`, all in shard 0: what migration 34,
    /// `smepilot projections rebuild` and the benchmark's seeder insert, and what `check` compares with.
    static let recount = """
        SELECT definition_id, state, \(daySQL) AS day, programme_id, 0 AS shard, COUNT(*) AS instances
        FROM workflow_instances GROUP BY definition_id, state, \(daySQL), programme_id
        """
}
