import Foundation
import PilotDomain
import SQLKit

/// One key of the counters whose sum differs from a recount of the rows (`checkDashboardCounts`).
public struct DashboardCountsDifference: Sendable, Hashable {
    public var programmeId: String
    public var definitionId: String
    public var state: String
    /// The counters' sum over the shards.
    public var counted: DashboardCounts
    /// Recounted from `workflow_instances` and `project_facts`.
    public var recounted: DashboardCounts
}

/// The dashboard's counters (migration 32, `DashboardCounts`): read per programme and state, and the
/// check and rebuild against the rows (the overdue counts: `ProjectFactsRepository+Overdue`).
extension ProjectFactsRepository {
    /// The counters summed over their shards, per programme and state, of one workflow; `programmeIds`
    /// nil for every programme. A few rows per state and programme, however many instances there are.
    public func dashboardCounts(
        programmeIds: [String]?, definitionId: String
    ) async throws -> [String: [String: DashboardCounts]] {
        let only: SQLQueryString = programmeIds.map { " AND programme_id IN (\(binds: $0))" } ?? ""
        if programmeIds?.isEmpty == true { return [:] }
        return try await backend.read { database in
            try await Self.byProgramme(
                database.raw(
                    """
                    SELECT programme_id, definition_id, state, \(unsafeRaw: Self.summedFigures) FROM dashboard_counts
                    WHERE definition_id = \(bind: definitionId)\(only) GROUP BY programme_id, definition_id, state
                    """
                ).all()
            )
        }
    }

    static let summedFigures = """
        CAST(SUM(projects) AS BIGINT) AS projects, CAST(SUM(subsidised) AS BIGINT) AS subsidised,
        CAST(SUM(level3) AS BIGINT) AS level3, CAST(SUM(level4) AS BIGINT) AS level4, CAST(SUM(subsidy) AS BIGINT) AS subsidy
        """

    static func byProgramme(_ rows: [any SQLRow]) throws -> [String: [String: DashboardCounts]] {
        // A state whose counters sum to nothing (every instance has left it) is no entry, as in a scan.
        try summed(rows).filter { !$0.value.isZero }.reduce(into: [:]) { result, entry in
            result[entry.key.programme, default: [:]][entry.key.state] = entry.value
        }
    }

    typealias CountsKey = (programme: String, definition: String, state: String)

    static func summed(_ rows: [any SQLRow]) throws -> [(key: CountsKey, value: DashboardCounts)] {
        try rows.map { row in
            (
                key: (try row.string("programme_id"), try row.string("definition_id"), try row.string("state")),
                value: DashboardCounts(
                    projects: try row.int64("projects"), subsidised: try row.int64("subsidised"), level3: try row.int64("level3"),
                    level4: try row.int64("level4"), subsidy: try row.int64("subsidy"))
            )
        }
    }

    /// The same figures as `dashboardCounts(programmeIds: nil, …)` counted from every instance row
    /// instead of the counters: what a roll-up would cost without them (`smepilot bench dashboard`
    /// times it beside the counters) and what the tests compare the counters with.
    public func scanDashboardCounts(definitionId: String) async throws -> [String: [String: DashboardCounts]] {
        try await backend.read { database in
            try await Self.byProgramme(
                database.raw(
                    """
                    SELECT programme_id, definition_id, state, \(unsafeRaw: Self.summedFigures)
                    FROM (\(unsafeRaw: DashboardCounts.recount)) r WHERE definition_id = \(bind: definitionId)
                    GROUP BY programme_id, definition_id, state
                    """
                ).all()
            )
        }
    }

    /// Every key whose counters disagree with a recount of the rows (empty when they agree), read
    /// in one snapshot on PostgreSQL (a decision committing meanwhile moves both sides or neither).
    public func checkDashboardCounts() async throws -> [DashboardCountsDifference] {
        try await backend.transaction { database in
            if self.backend.kind == .postgres {
                try await database.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            }
            let counted = try await Self.summed(
                database.raw(
                    """
                    SELECT programme_id, definition_id, state, \(unsafeRaw: Self.summedFigures) FROM dashboard_counts
                    GROUP BY programme_id, definition_id, state
                    """
                ).all())
            let recounted = try await Self.summed(
                database.raw(
                    """
                    SELECT programme_id, definition_id, state, \(unsafeRaw: Self.summedFigures)
                    FROM (\(unsafeRaw: DashboardCounts.recount)) r GROUP BY programme_id, definition_id, state
                    """
                ).all())
            return Self.differences(counted: counted, recounted: recounted)
        }
    }

    static func differences(
        counted: [(key: CountsKey, value: DashboardCounts)], recounted: [(key: CountsKey, value: DashboardCounts)]
    ) -> [DashboardCountsDifference] {
        func keyed(_ entries: [(key: CountsKey, value: DashboardCounts)]) -> [[String]: DashboardCounts] {
            Dictionary(entries.map { ([$0.key.programme, $0.key.definition, $0.key.state], $0.value) }, uniquingKeysWith: +)
        }
        let (left, right) = (keyed(counted), keyed(recounted))
        return Set(left.keys).union(right.keys).sorted { $0.lexicographicallyPrecedes($1) }.compactMap { key in
            let (a, b) = (left[key] ?? DashboardCounts(), right[key] ?? DashboardCounts())
            guard a != b else { return nil }
            return DashboardCountsDifference(programmeId: key[0], definitionId: key[1], state: key[2], counted: a, recounted: b)
        }
    }

    /// Replaces the counters with a recount of the rows, in one transaction. On PostgreSQL the
    /// table is locked first: a decision waiting for the lock applies its change after the recount,
    /// which did not see it (it was not committed), so nothing is counted twice or lost.
    /// Returns the number of counter rows written.
    @discardableResult
    public func rebuildDashboardCounts() async throws -> Int {
        try await rebuildCounters("dashboard_counts", recount: DashboardCounts.recount)
    }

    /// Replaces a counters table with its recount (`SELECT …`) in one transaction, the table locked
    /// first on PostgreSQL (see `rebuildDashboardCounts`). Returns the number of rows written.
    func rebuildCounters(_ table: String, recount: String) async throws -> Int {
        try await backend.transaction { database in
            if self.backend.kind == .postgres {
                try await database.raw("LOCK TABLE \(unsafeRaw: table) IN EXCLUSIVE MODE").run()
            }
            try await database.raw("DELETE FROM \(unsafeRaw: table)").run()
            try await database.raw("INSERT INTO \(unsafeRaw: table) \(unsafeRaw: recount)").run()
            return try await database.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.int("n") ?? 0
        }
    }
}
