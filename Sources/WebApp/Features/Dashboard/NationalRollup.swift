import Foundation
import Funds
import PilotDomain
import PilotStore
import WorkflowEngine

/// The national roll-up (issue #16): per programme and in total, the projects by stage group, the
/// participants and the level-3/level-4 targets, overdue projects and the money. Read from the
/// dashboard's counters (`dashboard_counts`), the state-entry counters (`state_entry_counts`, for the
/// overdue) and one query each for the programmes, their targets and their funds summaries: a
/// handful of queries whatever the number of programmes and projects, never the project rows.
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

    /// One programme's row from its counters summed in SQL (`rollupCounts`, the states classed by
    /// `stateClasses`).
    static func row(
        _ programme: ProgrammeHeading, counts: RollupCounts?, overdue: Int, targets: TargetSettings, funds: FundsSummary?
    ) -> Row {
        let counts = counts ?? RollupCounts()
        var row = Row(programme: programme, overdue: overdue)
        row.projects = Int(counts.projects)
        row.completed = Int(counts.completed)
        row.ended = Int(counts.ended)
        row.underWay = row.projects - row.completed - row.ended
        row.participants = Int(counts.participants)
        row.level3 = Int(counts.level3)
        row.level4 = Int(counts.level4)
        row.approvedSubsidy = Fen(counts.subsidy)
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

    /// Per non-terminal state with an SLA, the latest entry time not yet overdue at `now`: the
    /// definition of overdue the programme dashboard's list uses (`DashboardRisks.overdue`).
    public static func overdueCutoffs(_ definition: WorkflowDefinition?, now: Date) -> [String: Date] {
        var cutoffs: [String: Date] = [:]
        for state in definition?.states ?? [] where !state.terminal {
            if let days = state.slaDays { cutoffs[state.id] = DashboardRisks.adding(days: -days, to: now) }
        }
        return cutoffs
    }

    /// Which states count where in a row: the dashboard's completed ones (`DashboardData`), and the
    /// workflow's other terminal ones (ended without a transformation); every other state is under way.
    public static func stateClasses(_ definition: WorkflowDefinition?) -> (completed: Set<String>, ended: Set<String>) {
        let terminal = Set((definition?.states ?? []).filter(\.terminal).map(\.id))
        return (DashboardData.completedStates, terminal.subtracting(DashboardData.completedStates))
    }

    /// `programmeIds`: nil for every programme.
    public func rollup(programmeIds: [String]?) async throws -> NationalRollup {
        let store = services.store
        let now = store.clock.now()
        let definition = services.catalog.latest(DashboardService.definitionId)
        let programmes = try await store.facts.programmeHeadings(ids: programmeIds)
        let ids = programmes.map(\.id)
        let cutoffs = Self.overdueCutoffs(definition, now: now)
        // Every programme's counters unfiltered when the person sees them all: no list of 100 ids to bind.
        let counted = programmeIds == nil ? nil : ids
        let classes = Self.stateClasses(definition)
        async let countsRead = store.facts.rollupCounts(
            programmeIds: counted, definitionId: DashboardService.definitionId, completed: classes.completed,
            ended: classes.ended, dropped: DashboardData.droppedStates)
        async let overdueRead = store.facts.overdueCounts(
            programmeIds: counted, definitionId: DashboardService.definitionId, cutoffs: cutoffs)
        async let targetsRead = store.facts.currentTargets(programmeIds: ids)
        async let fundsRead = store.facts.fundsSummaries(programmeIds: ids)
        let (counts, overdue, targets, funds) = try await (countsRead, overdueRead, targetsRead, fundsRead)
        var total = NationalRollup.Row()
        let rows = programmes.map { programme in
            let row = NationalRollup.row(
                programme, counts: counts[programme.id], overdue: overdue[programme.id] ?? 0,
                targets: TargetSettings(targets[programme.id]), funds: funds[programme.id])
            total.add(row)
            return row
        }
        return NationalRollup(asOf: now, programmes: rows, total: total)
    }
}
