import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

@Suite("Leadership dashboard")
struct DashboardTests {
    /// One project of `enterprise-project` for the enterprise `enterprise`.
    static func project(
        _ enterprise: String, state: String, _ facts: ProjectFacts = ProjectFacts(), created: TimeInterval = 0,
        subIndustry: String? = nil
    ) -> ProjectFactRow {
        ProjectFactRow(
            instanceId: "prj-\(enterprise)", state: state, stateEnteredAt: Date(timeIntervalSince1970: created),
            createdAt: Date(timeIntervalSince1970: created), enterpriseId: enterprise, subIndustryId: subIndustry,
            divisionCode: nil,
            facts: facts)
    }

    /// Six enterprises with known answers: e1 and e2 above-scale participants (e2 marked on its
    /// project only), e3 above-scale but withdrawn after approval, e4 above-scale without a plan yet,
    /// e5 a small participant assessed at level 3 and then downgraded to 2, e6 a small participant
    /// diagnosed at level 2 but not yet assessed.
    static let data = DashboardData(
        projects: [
            project(
                "e1", state: "implementation",
                ProjectFacts(approvedSubsidy: 30_000_000, baselineLevel: 2, assessedLevel: 3, cloud: true, chainLed: true)),
            project("e2", state: "accepted", ProjectFacts(approvedSubsidy: 50_000_000, assessedLevel: 4, aboveScale: true)),
            project("e3", state: "withdrawn", ProjectFacts(approvedSubsidy: 40_000_000, assessedLevel: 4)),
            project("e4", state: "diagnosing", ProjectFacts(baselineLevel: 3)),
            project(
                "e5", state: "final_settlement", ProjectFacts(approvedSubsidy: 20_000_000, baselineLevel: 3, assessedLevel: 2)),
            project("e6", state: "approved", ProjectFacts(approvedSubsidy: 10_000_000, baselineLevel: 2)),
        ],
        aboveScaleProfiles: ["e1", "e3", "e4"], cloudProfiles: ["e3", "e5"],
        cases: [
            // Typical cases of any subject: counted once selected, published or not; a proposal is not.
            .typical: [.selected: 2, .published: 1, .proposed: 4],
            .workshop: [.selected: 1], .factory: [.published: 1], .benchmark: [.selected: 1, .withdrawn: 2],
            // One chain case (however many SMEs it names) is one; another still under review is not.
            .chain: [.selected: 1, .underReview: 1],
        ],
        providers: 31, products: 12)

    @Test("targets from a constructed snapshot: withdrawn plans do not count, a downgraded level counts as it is now")
    func targets() throws {
        #expect(Self.data.participants.map(\.enterpriseId) == ["e1", "e2", "e5", "e6"])
        let results = Dictionary(uniqueKeysWithValues: Targets.evaluate(Self.data).map { ($0.target.key, $0) })
        #expect(Targets.all.count == 12)
        func current(_ key: String) -> Int? { results[key]?.current }
        #expect(current("participation") == 50)  // e1, e2 of e1–e4
        #expect(current("level2_share") == 75)  // e1, e2, e5 of four; e6 is only diagnosed
        #expect(current("level3") == 2)  // e1, e2; not e3 (withdrawn) nor e5 (now level 2)
        #expect(current("level4") == 1)
        #expect(current("cloud") == 2)  // e1 by its plan, e5 by its profile; not e3 (withdrawn)
        // Completed transformations: e2 (accepted) and e5 (final settlement); e1 (implementation) and
        // e6 (approved, not accepted) take part but have not completed.
        #expect(current("transformations") == 2)
        #expect(current("typical_cases") == 3)
        #expect(current("benchmarks") == 3)
        #expect(results["benchmarks"]?.detail?.zh == "数字化车间 1 · 智能工厂 1 · 标杆企业 1")
        #expect(current("providers") == 31)
        #expect(current("solutions") == 12)
        #expect(current("chain_led") == 1)
        #expect(current("distinctive_practices") == nil)
        #expect(results["distinctive_practices"]?.status == nil)
        #expect(results["participation"]?.status == .red)
        #expect(results["level2_share"]?.status == .amber)
        #expect(results["providers"]?.status == .green)
        #expect(results["level3"]?.percentOfGoal == 4)
    }

    @Test("goals and hand-recorded figures come from the programme's target version; a measured figure wins")
    func settings() {
        let settings = TargetSettings(
            deadline: "2026-12-31", goals: ["level3": 4], recorded: ["distinctive_practices": 3, "level3": 99], version: 2)
        let results = Dictionary(
            uniqueKeysWithValues: Targets.evaluate(Self.data, settings: settings).map { ($0.target.key, $0) })
        #expect(results["level3"]?.goal == 4)
        #expect(results["level3"]?.current == 2)
        #expect(results["level3"]?.percentOfGoal == 50)
        #expect(results["level3"]?.status == .red)
        #expect(results["level4"]?.goal == 20)  // not set: the policy's figure
        #expect(results["distinctive_practices"]?.current == 3)
        #expect(results["distinctive_practices"]?.status == .amber)
        let stored = TargetVersion(version: 2, targets: settings.stored, changedBy: "u", reason: "r", changedAt: Date())
        #expect(TargetSettings(stored) == settings)
        #expect(TargetSettings(nil) == TargetSettings())
        #expect(TargetSettings(nil).deadline == "2025-12-31")
    }

    @Test("distinctive practices: the office's figure only while the register holds no practice record")
    func practicesOverride() {
        let settings = TargetSettings(deadline: "2026-12-31", goals: [:], recorded: ["distinctive_practices": 3], version: 2)
        func practices(_ counts: [CaseStatus: Int]) -> Int? {
            var data = Self.data
            data.cases[.practice] = counts
            return Targets.evaluate(data, settings: settings).first { $0.target.key == "distinctive_practices" }?.current
        }
        #expect(practices([:]) == 3)  // no record: the office's figure
        #expect(practices([.withdrawn: 2]) == 3)  // withdrawn records do not count as records
        #expect(practices([.proposed: 1]) == 0)  // a record exists: the register's count, none selected yet
        #expect(practices([.selected: 2, .published: 2, .notSelected: 1]) == 4)
    }

    @Test("the funnel in workflow order; overdue means longer in a state than its sla_days, terminal states never")
    func funnelAndRisks() {
        let definition = WorkflowDefinition(
            id: "enterprise-project", version: 1, title: LocalizedText(zh: "项目", en: "Project"), initialState: "registered",
            states: [
                StateDefinition(id: "registered", label: LocalizedText(zh: "已注册", en: "Registered"), slaDays: 10),
                StateDefinition(id: "implementation", label: LocalizedText(zh: "实施中", en: "Implementing"), slaDays: 180),
                StateDefinition(id: "withdrawn", label: LocalizedText(zh: "已退出", en: "Withdrawn"), terminal: true),
            ], transitions: [])
        let day: TimeInterval = 86_400
        let projects = [
            Self.project("a", state: "implementation", created: 0),
            Self.project("b", state: "registered", created: 100 * day),
            Self.project("c", state: "registered", created: 195 * day),
            Self.project("d", state: "withdrawn", created: 0),
        ]
        let funnel = DashboardFigures.funnel(projects, definition: definition)
        #expect(funnel.map(\.stateId) == ["registered", "implementation", "withdrawn"])
        #expect(funnel.map(\.count) == [2, 1, 1])
        let risks = DashboardRisks.overdue(projects, definition: definition, now: Date(timeIntervalSince1970: 200 * day))
        #expect(risks.map(\.project.enterpriseId) == ["b", "a"])  // most overdue first; c: 5 days in; d: terminal
        #expect(risks.map(\.daysOver) == [90, 20])
    }

    @Test("red, amber and green: the goal met, 60% of it, below")
    func status() {
        #expect(TargetStatus(current: 90, goal: 90) == .green)
        #expect(TargetStatus(current: 54, goal: 90) == .amber)
        #expect(TargetStatus(current: 53, goal: 90) == .red)
        #expect(TargetStatus(current: 0, goal: 5) == .red)
    }

    @Test("by zone: each participant counted at the programme's child node on its path (a town in its county)")
    func zones() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let programmeId = programme.id
        // The programme widened to its city: its child nodes are then counties, and the demo's
        // enterprises, registered in the new area's towns and zones, count in their county.
        let programmeNode = try #require(
            DivisionCode(programme.division)?.ancestorsOrSelf.dropFirst().first { !services.divisions.children(of: $0).isEmpty })
        try await services.store.backend.transaction { database in
            try await database.raw(
                "UPDATE programmes SET area_code = \(bind: programmeNode.value) WHERE id = \(bind: programmeId)"
            ).run()
        }
        let rows = try await services.store.facts.projectFactRows(programmeId: programmeId, definitionId: "enterprise-project")
        let participants = DashboardData(projects: rows).participants
        // The rule, participant by participant (the model counts per division code first, then per node).
        let children = Set(services.divisions.children(of: programmeNode).map(\.code))
        var expected: [String: (count: Int, subsidy: Int64)] = [:]
        var belowAChild = 0
        for project in participants {
            let code = project.divisionCode.flatMap(DivisionCode.init)
            let node = code.flatMap { $0.ancestorsOrSelf.first(where: children.contains) }
            if let node, node != code { belowAChild += 1 }
            let group = node?.value ?? code?.value ?? project.divisionCode ?? ""
            expected[group, default: (0, 0)].count += 1
            expected[group, default: (0, 0)].subsidy += project.facts.approvedSubsidy ?? 0
        }
        #expect(participants.count > 10)
        #expect(belowAChild > 10)
        let model = try await DashboardService(services: services).model(programmeId)
        #expect(model.byZone.count == expected.count)
        for row in model.byZone {
            #expect(row.participants == expected[row.id]?.count, "\(row.id)")
            #expect(row.approvedSubsidy.value == expected[row.id]?.subsidy, "\(row.id)")
        }
        #expect(model.byZone.map(\.participants).reduce(0, +) == participants.count)
    }

    @Test("the page for leadership with the twelve targets, 403 for a contractor, exports read back")
    func page() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let response = try await leader.get("/dashboard")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            for target in Targets.all { #expect(page.contains(HTML.escape(target.label.zh)), "\(target.key)") }
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("由领导小组办公室记录"))
            // The demo's case register: a workshop and a benchmark selected, a factory published — each kind shown.
            #expect(page.contains("数字化车间 1 · 智能工厂 1 · 标杆企业 1"))
            #expect(page.contains("data-state=\"implementation\""))

            let xlsx = try await leader.get("/dashboard/export/targets.xlsx")
            #expect(xlsx.status == .ok)
            let rows = try XLSXReader.firstSheetTextRows(Data(buffer: xlsx.body))
            #expect(rows.count == 13)
            #expect(rows.first?.first == "目标")
            #expect(rows.dropFirst().map { $0.first ?? "" } == Targets.all.map(\.label.zh))
            let funnel = try XLSXReader.firstSheetTextRows(
                Data(buffer: try await leader.get("/dashboard/export/funnel.xlsx").body))
            #expect(funnel.dropFirst().contains { $0.first == "registered" })
            let csv = try await leader.get("/dashboard/export/funnel.csv")
            #expect(String(buffer: csv.body).contains("implementation"))
            #expect(try await leader.get("/dashboard/export/secrets.xlsx").status == .notFound)

            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            #expect(try await contractor.get("/dashboard").status == .forbidden)
            #expect(try await contractor.get("/dashboard/export/targets.csv").status == .forbidden)
        }
    }
}
