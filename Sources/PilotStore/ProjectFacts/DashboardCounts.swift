import Foundation
import PilotDomain
import SQLKit

/// What one instance adds to the dashboard's counters (`dashboard_counts`, migration 32) in the
/// state it stands in: itself, and — when its plan has an approved subsidy — a participant, at level
/// 3 or 4 by its latest on-site assessment, with its subsidy. The same rules as the dashboard's
/// participants and level targets (`DashboardData`), applied to one row's facts.
public struct DashboardCounts: Sendable, Hashable {
    public var projects: Int64 = 0
    public var subsidised: Int64 = 0
    public var level3: Int64 = 0
    public var level4: Int64 = 0
    /// Approved subsidies, fen.
    public var subsidy: Int64 = 0

    public init(projects: Int64 = 0, subsidised: Int64 = 0, level3: Int64 = 0, level4: Int64 = 0, subsidy: Int64 = 0) {
        self.projects = projects
        self.subsidised = subsidised
        self.level3 = level3
        self.level4 = level4
        self.subsidy = subsidy
    }

    /// One instance with these facts.
    init(one facts: ProjectFacts) {
        projects = 1
        guard let approved = facts.approvedSubsidy else { return }
        subsidised = 1
        level3 = (facts.assessedLevel ?? 0) >= 3 ? 1 : 0
        level4 = (facts.assessedLevel ?? 0) >= 4 ? 1 : 0
        subsidy = approved
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(
            projects: lhs.projects + rhs.projects, subsidised: lhs.subsidised + rhs.subsidised, level3: lhs.level3 + rhs.level3,
            level4: lhs.level4 + rhs.level4, subsidy: lhs.subsidy + rhs.subsidy)
    }

    static func - (lhs: Self, rhs: Self) -> Self {
        Self(
            projects: lhs.projects - rhs.projects, subsidised: lhs.subsidised - rhs.subsidised, level3: lhs.level3 - rhs.level3,
            level4: lhs.level4 - rhs.level4, subsidy: lhs.subsidy - rhs.subsidy)
    }

    var isZero: Bool { self == Self() }

    /// Shards by instance, for the writers that are not a decision's own statement (an instance's
    /// start, a bulk step, a decision inside a caller's transaction): a decision committed on its
    /// own writes into the shard of its `CounterSlots` slot instead.
    static let shards: UInt64 = 8

    /// An instance's shard: FNV-1a of its id, the same in every process (Swift's `hashValue` is not).
    static func shard(of instanceId: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in instanceId.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(hash % shards)
    }

    /// The counters' changes when an instance moves from `before` (state and facts) to `after`:
    /// one upsert whose rows are the states whose figures change, sorted by state, so every decision
    /// takes its counter rows' locks in the same order and two decisions cannot deadlock on them.
    /// Empty when nothing counted changes (a decision that keeps the state and the counted facts).
    static func changes(
        programmeId: String, definitionId: String, shard: Int64, before: (state: String, facts: ProjectFacts)?,
        after: (state: String, facts: ProjectFacts)
    ) -> [DecisionWrite.FollowUp] {
        var deltas: [String: DashboardCounts] = [after.state: DashboardCounts(one: after.facts)]
        if let before { deltas[before.state] = (deltas[before.state] ?? Self()) - Self(one: before.facts) }
        let rows: [SQLQueryString] = deltas.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map { state, delta in
            """
            \(bind: programmeId), \(bind: definitionId), \(bind: state), \(bind: shard), \(bind: delta.projects),
            \(bind: delta.subsidised), \(bind: delta.level3), \(bind: delta.level4), \(bind: delta.subsidy)
            """
        }
        return DecisionWrite.FollowUp.upserts(
            target: "dashboard_counts (programme_id, definition_id, state, shard, \(figureColumns))", rows: rows,
            conflict: """
                (programme_id, definition_id, state, shard) DO UPDATE SET projects = dashboard_counts.projects + excluded.projects,
                subsidised = dashboard_counts.subsidised + excluded.subsidised, level3 = dashboard_counts.level3 + excluded.level3,
                level4 = dashboard_counts.level4 + excluded.level4, subsidy = dashboard_counts.subsidy + excluded.subsidy
                """)
    }

    static let figureColumns = "projects, subsidised, level3, level4, subsidy"

    /// The counters recounted from the rows, all in shard 0 (`SELECT …`, the same text on both
    /// backends): what migration 32, `smepilot projections rebuild` and the benchmark's seeder
    /// insert, and what `projections check` compares the counters with.
    static let recount = """
        SELECT i.programme_id, i.definition_id, i.state, 0 AS shard, COUNT(*) AS projects,
        SUM(CASE WHEN f.approved_subsidy IS NOT NULL THEN 1 ELSE 0 END) AS subsidised,
        SUM(CASE WHEN f.approved_subsidy IS NOT NULL AND f.assessed_level >= 3 THEN 1 ELSE 0 END) AS level3,
        SUM(CASE WHEN f.approved_subsidy IS NOT NULL AND f.assessed_level >= 4 THEN 1 ELSE 0 END) AS level4,
        COALESCE(SUM(f.approved_subsidy), 0) AS subsidy
        FROM workflow_instances i LEFT JOIN project_facts f ON f.instance_id = i.id
        GROUP BY i.programme_id, i.definition_id, i.state
        """
}
