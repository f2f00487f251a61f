import Foundation
import Funds
import PilotDomain
import PilotStore
import WorkflowEngine

/// The national roll-up (issue #16): per programme and in total, the projects by stage group, the
/// participants and the level-3/level-4 targets, overdue projects and the money. Read from the
/// dashboard's counters (`dashboard_counts`), the state-entry index and one query each for the
/// programmes, their targets and their funds summaries: a handful of queries whatever the number
/// of programmes and projects, never the project rows.
///
/// Participants here are the counters' (projects with an approved subsidy, not dropped): the
/// programme dashboard counts one per enterprise, the same figure while an enterprise has one
/// project, as every programme's import and registration make it.
public struct NationalRollup: Sendable {
    public struct Row: Sendable {
        /// Nil for the total.
        public var programme: ProgrammeHeading?
        public var projects = 0
        /// Not in a terminal state nor completed.
        public var underWay = 0
        /// Accepted (awaiting final settlement or closed).
        public var completed = 0
        /// Ended without a transformation (a terminal state but accepted).
        public var ended = 0
        public var participants = 0
        public var level3 = 0
        public var level4 = 0
        public var level3Goal = 0
        public var level4Goal = 0
        /// Longer in their state than its `sla_days`.
        public var overdue = 0
        public var approvedSubsidy = Fen.zero
        public var centralPaid = Fen.zero
        public var localPaid = Fen.zero
        public var recoveryOwed = Fen.zero

        mutating func add(_ other: Row) {
            projects += other.projects
            underWay += other.underWay
            completed += other.completed
            ended += other.ended
            participants += other.participants
            level3 += other.level3
            level4 += other.level4
            level3Goal += other.level3Goal
            level4Goal += other.level4Goal
            overdue += other.overdue
            approvedSubsidy = approvedSubsidy + other.approvedSubsidy
            centralPaid = centralPaid + other.centralPaid
            localPaid = localPaid + other.localPaid
            recoveryOwed = recoveryOwed + other.recoveryOwed
        }
    }

    public var asOf: Date
    /// In the order of the programmes' codes.
    public var programmes: [Row]
    public var total: Row

    /// One programme's row from its counters per state: which states count where is the
    /// workflow's (terminal or not) and the dashboard's (`DashboardData`: completed, dropped).
    static func row(
        _ programme: ProgrammeHeading, counts: [String: DashboardCounts], definition: WorkflowDefinition?,
        overdue: Int, targets: TargetSettings, funds: FundsSummary?
    ) -> Row {
        var row = Row(programme: programme, overdue: overdue)
        let terminal = Set((definition?.states ?? []).filter(\.terminal).map(\.id))
        for (state, figures) in counts {
            let projects = Int(figures.projects)
            row.projects += projects
            if DashboardData.completedStates.contains(state) {
                row.completed += projects
            } else if terminal.contains(state) {
                row.ended += projects
            } else {
                row.underWay += projects
            }
            guard !DashboardData.droppedStates.contains(state) else { continue }
            row.participants += Int(figures.subsidised)
            row.level3 += Int(figures.level3)
            row.level4 += Int(figures.level4)
            row.approvedSubsidy = row.approvedSubsidy + Fen(figures.subsidy)
        }
        row.level3Goal = Targets.target("level3").map(targets.goal) ?? 0
        row.level4Goal = Targets.target("level4").map(targets.goal) ?? 0
        row.centralPaid = funds?.centralPaid ?? .zero
        row.localPaid = funds?.localPaid ?? .zero
        row.recoveryOwed = funds?.recoveryOwed ?? .zero
        return row
    }
}

/// Builds the national roll-up for the programmes a person may see.
public struct NationalRollupService: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// The programmes the person's roll-up covers: every programme for the administrator and the
    /// platform operator (they run the platform for all of them), else those the person holds a
    /// grant in (leadership: its own programme or programmes).
    public static func programmeIds(for identity: Identity) -> [String]? {
        let roles = Set(identity.actor.grants.map(\.role))
        if roles.contains(.admin) || roles.contains(.platformOperator) { return nil }
        return Array(Set(identity.programmes.map(\.id) + [identity.programmeId])).sorted()
    }

    /// `programmeIds`: nil for every programme.
    public func rollup(programmeIds: [String]?) async throws -> NationalRollup {
        let store = services.store
        let now = store.clock.now()
        let definition = services.catalog.latest(DashboardService.definitionId)
        let programmes = try await store.facts.programmeHeadings(ids: programmeIds)
        let ids = programmes.map(\.id)
        var cutoffs: [String: Date] = [:]
        for state in definition?.states ?? [] where !state.terminal {
            if let days = state.slaDays { cutoffs[state.id] = DashboardRisks.adding(days: -days, to: now) }
        }
        async let countsRead = store.facts.dashboardCounts(programmeIds: ids, definitionId: DashboardService.definitionId)
        async let overdueRead = store.facts.overdueCounts(
            programmeIds: ids, definitionId: DashboardService.definitionId, cutoffs: cutoffs)
        async let targetsRead = store.facts.currentTargets(programmeIds: ids)
        async let fundsRead = store.facts.fundsSummaries(programmeIds: ids)
        let (counts, overdue, targets, funds) = try await (countsRead, overdueRead, targetsRead, fundsRead)
        var total = NationalRollup.Row()
        let rows = programmes.map { programme in
            let row = NationalRollup.row(
                programme, counts: counts[programme.id] ?? [:], definition: definition, overdue: overdue[programme.id] ?? 0,
                targets: TargetSettings(targets[programme.id]), funds: funds[programme.id])
            total.add(row)
            return row
        }
        return NationalRollup(asOf: now, programmes: rows, total: total)
    }
}
