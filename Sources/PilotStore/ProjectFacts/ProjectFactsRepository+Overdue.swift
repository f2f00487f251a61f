import Foundation
import PilotDomain
import SQLKit

/// One bucket of the state-entry counters whose sum differs from a recount of the rows.
public struct StateEntryCountsDifference: Sendable, Hashable {
    public var definitionId: String
    public var state: String
    /// The Shanghai day of entry (days since 1970-01-01 there).
    public var day: Int64
    public var programmeId: String
    /// The counters' sum over the shards.
    public var counted: Int64
    /// Recounted from `workflow_instances`.
    public var recounted: Int64
}

/// The overdue counts from the state-entry counters (migration 34, `StateEntryCounts`), the same
/// counts from the instance rows (what the tests and `smepilot bench dashboard` compare them with),
/// and the counters' check and rebuild.
extension ProjectFactsRepository {
    /// Instances of the workflow per programme that entered their state before its cut-off
    /// (`cutoffs`: state → the latest entry time not yet overdue); `programmeIds` nil for every
    /// programme. Per state: the counters of the days before the cut-off's day (one index range of
    /// `state_entry_counts` for every programme, read from the key's index alone: migration 43),
    /// plus the instances that entered on the cut-off's day before it (one range of
    /// `workflow_instances_state_day`, a day's entries). Summed in SQL, so one row per programme
    /// comes back; programmes with none are left out.
    public func overdueCounts(
        programmeIds: [String]?, definitionId: String, cutoffs: [String: Date]
    ) async throws -> [String: Int] {
        if programmeIds?.isEmpty == true || cutoffs.isEmpty { return [:] }
        var union: SQLQueryString = ""
        for (index, entry) in cutoffs.sorted(by: { $0.key < $1.key }).enumerated() {
            let cutoff = entry.value.millis
            let day = StateEntryCounts.day(ofMillis: cutoff)
            if index > 0 { union.appendLiteral(" UNION ALL ") }
            union.appendInterpolation(
                """
                SELECT programme_id, instances AS n FROM state_entry_counts WHERE definition_id = \(bind: definitionId)
                AND state = \(bind: entry.key) AND day < \(bind: day)
                UNION ALL SELECT programme_id, 1 AS n FROM workflow_instances WHERE definition_id = \(bind: definitionId)
                AND state = \(bind: entry.key) AND state_entered_at >= \(bind: StateEntryCounts.start(ofDay: day))
                AND state_entered_at < \(bind: cutoff)
                """ as SQLQueryString)
        }
        let only: SQLQueryString = programmeIds.map { " WHERE programme_id IN (\(binds: $0))" } ?? ""
        let query: SQLQueryString =
            "SELECT programme_id, CAST(SUM(n) AS BIGINT) AS n FROM (\(union)) u\(only) GROUP BY programme_id"
        // Prepared: the text is the same on every view (the cut-offs are binds), and planning its
        // two ranges per state took as long as a third of running it.
        return try await backend.read { database in
            var result: [String: Int] = [:]
            for row in try await database.preparedRows(query) {
                let count = try row.int("n")
                if count != 0 { result[try row.string("programme_id")] = count }
            }
            return result
        }
    }

    /// The same counts from every overdue instance's entry in the index `workflow_instances_state_day`
    /// (one range per state; how they were counted before migration 34, from an index migration 43
    /// dropped).
    public func scanOverdueCounts(
        programmeIds: [String]?, definitionId: String, cutoffs: [String: Date]
    ) async throws -> [String: Int] {
        if programmeIds?.isEmpty == true || cutoffs.isEmpty { return [:] }
        let only: SQLQueryString = programmeIds.map { " AND programme_id IN (\(binds: $0))" } ?? ""
        var query: SQLQueryString = ""
        for (index, entry) in cutoffs.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { query.appendLiteral(" UNION ALL ") }
            query.appendInterpolation(
                """
                SELECT programme_id, COUNT(*) AS n FROM workflow_instances WHERE definition_id = \(bind: definitionId)
                AND state = \(bind: entry.key)\(only) AND state_entered_at < \(bind: entry.value.millis) GROUP BY programme_id
                """ as SQLQueryString)
        }
        let union = query
        return try await backend.read { database in
            var result: [String: Int] = [:]
            for row in try await database.raw(union).all() {
                result[try row.string("programme_id"), default: 0] += try row.int("n")
            }
            return result
        }
    }

    /// Every bucket whose counters disagree with a recount of the rows (empty when they agree), read
    /// in one snapshot on PostgreSQL.
    public func checkStateEntryCounts() async throws -> [StateEntryCountsDifference] {
        try await backend.transaction { database in
            if self.backend.kind == .postgres {
                try await database.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            }
            func keyed(_ rows: [any SQLRow]) throws -> [StateEntryBucket: Int64] {
                var result: [StateEntryBucket: Int64] = [:]
                for row in rows {
                    let bucket = StateEntryBucket(
                        definitionId: try row.string("definition_id"), state: try row.string("state"),
                        day: try row.int64("day"), programmeId: try row.string("programme_id"))
                    result[bucket, default: 0] += try row.int64("instances")
                }
                return result
            }
            let columns = "definition_id, state, day, programme_id, CAST(SUM(instances) AS BIGINT) AS instances"
            let counted = try await keyed(
                database.raw(
                    "SELECT \(unsafeRaw: columns) FROM state_entry_counts GROUP BY definition_id, state, day, programme_id"
                ).all())
            let recounted = try await keyed(
                database.raw(
                    """
                    SELECT \(unsafeRaw: columns) FROM (\(unsafeRaw: StateEntryCounts.recount)) r
                    GROUP BY definition_id, state, day, programme_id
                    """
                ).all())
            return Set(counted.keys).union(recounted.keys).sorted().compactMap { bucket in
                let (a, b) = (counted[bucket] ?? 0, recounted[bucket] ?? 0)
                guard a != b else { return nil }
                return StateEntryCountsDifference(
                    definitionId: bucket.definitionId, state: bucket.state, day: bucket.day, programmeId: bucket.programmeId,
                    counted: a, recounted: b)
            }
        }
    }

    /// Replaces the state-entry counters with a recount of the rows, in one transaction, the table
    /// locked first on PostgreSQL (as `rebuildDashboardCounts`). Returns the number of rows written.
    @discardableResult
    public func rebuildStateEntryCounts() async throws -> Int {
        try await rebuildCounters("state_entry_counts", recount: StateEntryCounts.recount)
    }
}

/// A bucket of the state-entry counters, shards summed.
struct StateEntryBucket: Hashable, Comparable {
    var definitionId: String
    var state: String
    var day: Int64
    var programmeId: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.definitionId, lhs.state, lhs.day, lhs.programmeId) < (rhs.definitionId, rhs.state, rhs.day, rhs.programmeId)
    }
}
