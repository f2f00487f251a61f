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
        _ enterprise: String, state: String, _ data: [String: JSONValue], created: TimeInterval = 0
    ) -> InstanceSnapshot {
        InstanceSnapshot(
            id: "prj-\(enterprise)", programmeId: "p", definitionId: "enterprise-project", definitionVersion: 1, state: state,
            version: 1, data: data, subjectOrganisationId: enterprise, stateEnteredAt: Date(timeIntervalSince1970: created),
            createdAt: Date(timeIntervalSince1970: created))
    }

    /// Six enterprises with known answers: e1 and e2 above-scale participants (e2 marked on its
    /// project only), e3 above-scale but withdrawn after approval, e4 above-scale without a plan yet,
    /// e5 a small participant downgraded from level 3 to 2, e6 a small participant at level 1.
    static let data = DashboardData(
        projects: [
            project(
                "e1", state: "implementation",
                [
                    "approved_subsidy": .int(30_000_000), "current_level": .int(3), "cloud_adoption": .bool(true),
                    "chain_led": .bool(true),
                ]),
            project(
                "e2", state: "accepted",
                ["approved_subsidy": .int(50_000_000), "current_level": .int(4), "above_scale": .bool(true)]),
            project("e3", state: "withdrawn", ["approved_subsidy": .int(40_000_000), "current_level": .int(4)]),
            project("e4", state: "diagnosing", ["current_level": .int(3)]),
            project(
                "e5", state: "final_settlement",
                ["approved_subsidy": .int(20_000_000), "baseline_level": .int(3), "current_level": .int(2)]),
            project("e6", state: "approved", ["approved_subsidy": .int(10_000_000), "current_level": .int(1)]),
        ],
        enterprises: [
            "e1": ["above_scale": .bool(true)], "e2": [:], "e3": ["above_scale": .bool(true), "cloud": .bool(true)],
            "e4": ["above_scale": .bool(true)], "e5": ["cloud": .bool(true)], "e6": ["above_scale": .bool(false)],
        ],
        selections: [.typicalCase: 3, .benchmarkEnterprise: 2], providers: 31, products: 12)

    @Test("targets from a constructed snapshot: withdrawn plans do not count, a downgraded level counts as it is now")
    func targets() throws {
        #expect(Self.data.participants.map(\.subjectOrganisationId) == ["e1", "e2", "e5", "e6"])
        let results = Dictionary(uniqueKeysWithValues: Targets.evaluate(Self.data).map { ($0.target.key, $0) })
        #expect(Targets.all.count == 12)
        func current(_ key: String) -> Int? { results[key]?.current }
        #expect(current("participation") == 50)  // e1, e2 of e1–e4
        #expect(current("level2_share") == 75)  // e1, e2, e5 of four
        #expect(current("level3") == 2)  // e1, e2; not e3 (withdrawn) nor e5 (now level 2)
        #expect(current("level4") == 1)
        #expect(current("cloud") == 2)  // e1 by its plan, e5 by its profile; not e3 (withdrawn)
        #expect(current("transformations") == 4)
        #expect(current("typical_cases") == 3)
        #expect(current("benchmarks") == 2)
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
            Self.project("a", state: "implementation", [:], created: 0),
            Self.project("b", state: "registered", [:], created: 100 * day),
            Self.project("c", state: "registered", [:], created: 195 * day),
            Self.project("d", state: "withdrawn", [:], created: 0),
        ]
        let funnel = DashboardFigures.funnel(projects, definition: definition)
        #expect(funnel.map(\.stateId) == ["registered", "implementation", "withdrawn"])
        #expect(funnel.map(\.count) == [2, 1, 1])
        let risks = DashboardFigures.risks(projects, definition: definition, now: Date(timeIntervalSince1970: 200 * day))
        #expect(risks.map(\.project.subjectOrganisationId) == ["b", "a"])  // most overdue first; c: 5 days in; d: terminal
        #expect(risks.map(\.daysOver) == [90, 20])
    }

    @Test("red, amber and green: the goal met, 60% of it, below")
    func status() {
        #expect(TargetStatus(current: 90, goal: 90) == .green)
        #expect(TargetStatus(current: 54, goal: 90) == .amber)
        #expect(TargetStatus(current: 53, goal: 90) == .red)
        #expect(TargetStatus(current: 0, goal: 5) == .red)
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
