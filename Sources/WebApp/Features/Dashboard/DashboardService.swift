import Foundation
import Funds
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// Everything the dashboard, its exports, its API and the monthly report show, computed once.
public struct DashboardModel: Sendable {
    public var asOf: Date
    public var settings: TargetSettings
    public var targets: [TargetResult]
    /// Per target key.
    public var trends: [String: TargetTrend]
    /// The stored weekly values the trends were drawn from, oldest week first.
    public var snapshots: [(week: String, values: [String: Int?])]
    public var funnel: [DashboardFigures.FunnelRow]
    public var bySubIndustry: [DashboardFigures.BreakdownRow]
    public var byZone: [DashboardFigures.BreakdownRow]
    public var byContractor: [DashboardFigures.BreakdownRow]
    public var levels: [DashboardFigures.LevelRow]
    public var funds: FundsSummary
    public var risks: [DashboardRisks.Kind: [DashboardRisks.Item]]
    public var lowRatedContractors: [DashboardRisks.ContractorItem]
}

/// Reads the dashboard's projections for a programme and computes the model; takes the weekly
/// snapshot of the targets. A handful of queries per view whatever the programme's size: one light
/// row per project (`project_facts`), the enterprise flags, the funds summary, the snapshots.
public struct DashboardService: Sendable {
    let services: AppServices
    static let definitionId = "enterprise-project"

    public init(services: AppServices) { self.services = services }

    var definition: WorkflowDefinition? { services.catalog.latest(Self.definitionId) }

    public func data(_ programmeId: String) async throws -> DashboardData {
        let store = services.store
        async let projects = store.facts.projectFactRows(programmeId: programmeId, definitionId: Self.definitionId)
        async let flags = store.facts.enterpriseFlags(programmeId: programmeId)
        async let counts = store.facts.programmeCounts(programmeId: programmeId)
        var data = DashboardData(projects: try await projects)
        data.add(flags: try await flags, counts: try await counts)
        return data
    }

    public func settings(_ programmeId: String) async throws -> TargetSettings {
        TargetSettings(try await services.store.targets.currentTargets(programmeId: programmeId))
    }

    /// The targets as they stand now, with the goals in force.
    public func targets(_ programmeId: String) async throws -> [TargetResult] {
        let settings = try await settings(programmeId)
        return Targets.evaluate(try await data(programmeId), settings: settings)
    }

    /// `named`: how many items of each risk list get their enterprise's name (the page shows 50, the
    /// API 100; exports all). Names are looked up for those rows only, not for every project.
    ///
    /// Every read starts at once; what needs only the project rows (participants, risk lists,
    /// funnel, breakdowns, levels) is computed as soon as the rows are in, while the other reads are
    /// still out, and the names are asked for as soon as the risk lists say whose. Computed after
    /// all the reads, as before, the view's time was the reads' plus the computing's (issue #16,
    /// goal 4, round 10).
    public func model(_ programmeId: String, named: Int = 100) async throws -> DashboardModel {
        let store = services.store
        let now = store.clock.now()
        async let projectsRead = store.facts.projectFactRows(programmeId: programmeId, definitionId: Self.definitionId)
        async let flagsRead = store.facts.enterpriseFlags(programmeId: programmeId)
        async let countsRead = store.facts.programmeCounts(programmeId: programmeId)
        async let settingsRead = settings(programmeId)
        async let snapshotsRead = store.targets.targetSnapshots(programmeId: programmeId)
        async let subIndustriesRead = store.programmes.subIndustries(programmeId: programmeId)
        async let programmeRead = store.programmes.programme(id: programmeId)
        async let assignmentsRead = store.providers.contractorAssignments(programmeId: programmeId)
        async let fundsRead = store.facts.fundsSummary(programmeId: programmeId)
        async let bookRead = store.funds.fundsBook(programmeId: programmeId)
        var data = DashboardData(projects: try await projectsRead)
        let definition = definition
        var risks = Self.risks(data.projects, book: try await bookRead, definition: definition, now: now)
        let shown = Set(risks.values.flatMap { $0.prefix(named).compactMap(\.project.enterpriseId) })
        async let namesRead = store.facts.organisationNames(shown)
        let participants = data.participants
        let funnel = DashboardFigures.funnel(data.projects, definition: definition)
        let levels = DashboardFigures.levels(participants)
        let bySubIndustry = DashboardFigures.breakdown(
            participants, key: \.subIndustryId, names: try await subIndustriesRead.map { ($0.id, $0.name) })
        let byZone = zoneBreakdown(participants, programme: try await programmeRead)
        let assignments = try await assignmentsRead
        let byContractor = DashboardFigures.byContractor(participants, assignments: assignments, definition: definition)
        data.add(flags: try await flagsRead, counts: try await countsRead)
        let (settings, snapshots) = try await (settingsRead, snapshotsRead)
        let targets = Targets.evaluate(data, settings: settings)
        var trends: [String: TargetTrend] = [:]
        for result in targets {
            trends[result.target.key] = TargetTrend(
                key: result.target.key, snapshots: snapshots, current: result.current, goal: result.goal,
                unit: result.target.unit, now: now, deadline: settings.deadlineEnd)
        }
        var contractorNames: [String: String] = [:]
        for assignment in assignments { contractorNames[assignment.organisationId] = assignment.organisationName }
        let names = try await namesRead
        // Named where they lie: the lists can hold hundreds of projects, and only the first `named` are shown named.
        for kind in Array(risks.keys) {
            guard var items = risks.removeValue(forKey: kind) else { continue }
            for index in items.indices.prefix(named) {
                items[index].project.enterpriseName = items[index].project.enterpriseId.flatMap { names[$0] }
            }
            risks[kind] = items
        }
        return DashboardModel(
            asOf: now, settings: settings, targets: targets, trends: trends, snapshots: snapshots,
            funnel: funnel, bySubIndustry: bySubIndustry, byZone: byZone, byContractor: byContractor, levels: levels,
            funds: try await fundsRead ?? FundsSummary(),
            risks: risks,
            lowRatedContractors: DashboardRisks.lowRatedContractors(data.ratings, names: contractorNames))
    }

    /// The risk lists of the project rows, and the money lists when the programme keeps a funds book.
    static func risks(
        _ projects: [ProjectFactRow], book: FundsBook?, definition: WorkflowDefinition?, now: Date
    ) -> [DashboardRisks.Kind: [DashboardRisks.Item]] {
        var risks: [DashboardRisks.Kind: [DashboardRisks.Item]] = [
            .overdue: DashboardRisks.overdue(projects, definition: definition, now: now),
            .signatures: DashboardRisks.signatures(projects, definition: definition, now: now),
            .objections: DashboardRisks.objections(projects, definition: definition, now: now),
            .rectifications: DashboardRisks.rectifications(projects, definition: definition, now: now),
        ]
        if let book {
            risks[.reports] = DashboardRisks.reports(book, projects, definition: definition, now: now)
            risks[.recoveries] = DashboardRisks.recoveries(book, projects, definition: definition, now: now)
        }
        return risks
    }

    /// Records this week's value of every target (replacing an earlier snapshot of the same week).
    @discardableResult
    public func takeSnapshot(_ programmeId: String) async throws -> (week: String, values: [String: Int?]) {
        let week = TargetTrend.week(of: services.store.clock.now())
        var values: [String: Int?] = [:]
        for result in try await targets(programmeId) { values[result.target.key] = .some(result.current) }
        try await services.store.targets.recordTargetSnapshot(programmeId: programmeId, week: week, values: values)
        return (week, values)
    }
}

extension DashboardService {
    /// Participants by the node directly beneath the programme's own (for Binhai: its zones,
    /// streets and towns; for a city: its districts), each counted at the node on its path, so a
    /// street's enterprises count in their district. Nodes with no participant are left out.
    func zoneBreakdown(_ participants: [ProjectFactRow], programme: Programme?) -> [DashboardFigures.BreakdownRow] {
        guard let code = programme.flatMap({ DivisionCode($0.division) }) else {
            return DashboardFigures.breakdown(participants, key: \.divisionCode, names: [])
        }
        let children = services.divisions.children(of: code)
        let childCodes = Set(children.map(\.code))
        // Counted per division code first (a programme's thousands of participants sit in a few
        // dozen nodes), then each code's totals added to its node: parsing a code and walking its
        // ancestors per participant was a sixth of a view's CPU (issue #16 profile), and grouping
        // each participant through a table of codes hashed it twice more.
        func node(_ text: String) -> String {
            guard let own = DivisionCode(text) else { return text }
            return own.ancestorsOrSelf.first(where: childCodes.contains)?.value ?? own.value
        }
        var totals: [String: DashboardFigures.Total] = [:]
        for (text, total) in DashboardFigures.totals(participants, key: \.divisionCode) {
            DashboardFigures.add(&totals[node(text), default: (0, 0, .zero)], total)
        }
        let present = Set(totals.keys)
        return DashboardFigures.rows(
            totals,
            names: children.filter { present.contains($0.code.value) }.map { ($0.code.value, $0.name) })
    }
}
