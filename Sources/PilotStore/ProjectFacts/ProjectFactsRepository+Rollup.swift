import Foundation
import PilotDomain
import SQLKit

/// A programme's dashboard counters summed over its states into the national roll-up's figures.
public struct RollupCounts: Sendable, Hashable {
    public var projects: Int64 = 0
    /// In one of the `completed` states.
    public var completed: Int64 = 0
    /// In one of the `ended` states.
    public var ended: Int64 = 0
    /// Subsidised, not in a `dropped` state; of them at level 3+, at level 4, and their subsidies (fen).
    public var participants: Int64 = 0
    public var level3: Int64 = 0
    public var level4: Int64 = 0
    public var subsidy: Int64 = 0

    public init() {}
}

extension ProjectFactsRepository {
    /// The counters (`dashboard_counts`) of one workflow summed per programme in SQL, the states
    /// classed by the caller's sets: one row per programme comes back, not one per programme, state
    /// and shard (decoding 2,500 rows was most of the roll-up's counter read). `programmeIds` nil for
    /// every programme; programmes without counters are left out.
    public func rollupCounts(
        programmeIds: [String]?, definitionId: String, completed: Set<String>, ended: Set<String>, dropped: Set<String>
    ) async throws -> [String: RollupCounts] {
        if programmeIds?.isEmpty == true { return [:] }
        func inStates(_ states: Set<String>) -> SQLQueryString {
            states.isEmpty ? "1 = 0" : "state IN (\(binds: states.sorted()))"
        }
        let (isCompleted, isEnded, isDropped) = (inStates(completed), inStates(ended), inStates(dropped))
        func participating(_ column: String) -> SQLQueryString {
            "CAST(SUM(CASE WHEN \(isDropped) THEN 0 ELSE \(unsafeRaw: column) END) AS BIGINT) AS \(unsafeRaw: column)"
        }
        let only: SQLQueryString = programmeIds.map { " AND programme_id IN (\(binds: $0))" } ?? ""
        let query: SQLQueryString = """
            SELECT programme_id, CAST(SUM(projects) AS BIGINT) AS projects,
            CAST(SUM(CASE WHEN \(isCompleted) THEN projects ELSE 0 END) AS BIGINT) AS completed,
            CAST(SUM(CASE WHEN \(isEnded) THEN projects ELSE 0 END) AS BIGINT) AS ended,
            \(participating("subsidised")), \(participating("level3")), \(participating("level4")), \(participating("subsidy"))
            FROM dashboard_counts WHERE definition_id = \(bind: definitionId)\(only) GROUP BY programme_id
            """
        return try await backend.read { database in
            var result: [String: RollupCounts] = [:]
            for row in try await database.raw(query).all() {
                var counts = RollupCounts()
                counts.projects = try row.int64("projects")
                counts.completed = try row.int64("completed")
                counts.ended = try row.int64("ended")
                counts.participants = try row.int64("subsidised")
                counts.level3 = try row.int64("level3")
                counts.level4 = try row.int64("level4")
                counts.subsidy = try row.int64("subsidy")
                result[try row.string("programme_id")] = counts
            }
            return result
        }
    }
}
