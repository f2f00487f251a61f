import Foundation
import PilotDomain
import PilotStore
import Testing
import WebApp
import WorkflowEngine

/// Known answers for the risk lists, the level distribution, the contractor breakdown and the
/// projection to the deadline.
@Suite("Dashboard risks, levels and trends")
struct DashboardRiskTests {
    static let day: TimeInterval = 86_400

    static let definition = WorkflowDefinition(
        id: "enterprise-project", version: 1, title: LocalizedText(zh: "项目", en: "Project"), initialState: "registered",
        states: [
            StateDefinition(id: "registered", label: LocalizedText(zh: "已注册", en: "Registered"), slaDays: 10),
            StateDefinition(id: "suspended", label: LocalizedText(zh: "公示暂停", en: "Suspended"), slaDays: 15),
            StateDefinition(id: "task_book_signing", label: LocalizedText(zh: "任务书签署", en: "Signing"), slaDays: 15),
            StateDefinition(id: "midterm_rectification", label: LocalizedText(zh: "中期整改", en: "Rectifying"), slaDays: 60),
            StateDefinition(id: "accepted", label: LocalizedText(zh: "已验收", en: "Accepted"), terminal: true),
        ], transitions: [])

    static func project(
        _ id: String, state: String, entered: TimeInterval, facts: ProjectFacts = ProjectFacts(), subIndustry: String? = nil
    ) -> ProjectFactRow {
        ProjectFactRow(
            instanceId: id, state: state, stateEnteredAt: Date(timeIntervalSince1970: entered * day),
            createdAt: Date(timeIntervalSince1970: 0), enterpriseId: "ent-\(id)", enterpriseName: "企业\(id)",
            subIndustryId: subIndustry, divisionCode: nil, facts: facts)
    }

    @Test("overdue signatures name who has not signed; objections listed at any age; rectifications after their last day")
    func lists() throws {
        // Day 100 at 00:00 UTC = 08:00 in Shanghai on the same date.
        let now = Date(timeIntervalSince1970: 100 * Self.day)
        let today = Shanghai.dateText(now)
        let yesterday = Shanghai.dateText(now.addingTimeInterval(-Self.day))
        let projects = [
            Self.project("s1", state: "task_book_signing", entered: 80, facts: ProjectFacts(signedParties: ["authority"])),
            Self.project("s2", state: "task_book_signing", entered: 90),  // 10 days in: within 15
            Self.project("o1", state: "suspended", entered: 99),
            Self.project("o2", state: "suspended", entered: 70),
            Self.project("r1", state: "midterm_rectification", entered: 60, facts: ProjectFacts(rectifyBy: yesterday)),
            Self.project("r2", state: "midterm_rectification", entered: 60, facts: ProjectFacts(rectifyBy: today)),
            Self.project("a1", state: "accepted", entered: 0, facts: ProjectFacts(rectifyBy: yesterday)),
        ]
        let signatures = DashboardRisks.signatures(projects, definition: Self.definition, now: now)
        #expect(signatures.map(\.project.instanceId) == ["s1"])
        #expect(signatures.first?.daysOver == 5)
        #expect(signatures.first?.detail?.zh == "待签：数字化服务商、试点企业")
        let objections = DashboardRisks.objections(projects, definition: Self.definition, now: now)
        #expect(objections.map(\.project.instanceId) == ["o2", "o1"])  // oldest first
        #expect(objections.map(\.daysOver) == [15, 0])
        let rectifications = DashboardRisks.rectifications(projects, definition: Self.definition, now: now)
        #expect(rectifications.map(\.project.instanceId) == ["r1"])  // r2's last day is today
        #expect(rectifications.first?.daysOver == 1)
        let overdue = DashboardRisks.overdue(projects, definition: Self.definition, now: now)
        #expect(Set(overdue.map(\.project.instanceId)) == ["s1", "o2"])
    }

    @Test("contractors rated below 3 on average, lowest first")
    func lowRated() {
        // Sums and counts of ratings as the store counts them: a 2+3, b 3, c 1, d 5+1.
        let items = DashboardRisks.lowRatedContractors(
            ["a": (5, 2), "b": (3, 1), "c": (1, 1), "d": (6, 2)], names: ["a": "甲", "c": "丙"])
        #expect(items.map(\.organisationId) == ["c", "a"])  // b: 3.0 and d: 3.0 are not below 3
        #expect(items.map(\.average) == [1.0, 2.5])
        #expect(items.map(\.name) == ["丙", "甲"])
    }

    @Test("levels at diagnosis and at the latest assessment; by contractor: current assignment, or the filer once finished")
    func levelsAndContractors() {
        let participants = [
            Self.project(
                "1", state: "implementation", entered: 0, facts: ProjectFacts(baselineLevel: 1, assessedLevel: 3),
                subIndustry: "si-a"),
            Self.project(
                "2", state: "implementation", entered: 0, facts: ProjectFacts(baselineLevel: 2, assessedLevel: 2),
                subIndustry: "si-a"),
            Self.project("3", state: "implementation", entered: 0, facts: ProjectFacts(baselineLevel: 2), subIndustry: "si-b"),
            Self.project("4", state: "implementation", entered: 0, facts: ProjectFacts(approvedSubsidy: 100), subIndustry: nil),
        ]
        let levels = DashboardFigures.levels(participants)
        #expect(levels.map(\.level) == [1, 2, 3, 4, nil])
        #expect(levels.map(\.baseline) == [1, 2, 0, 0, 1])
        #expect(levels.map(\.latest) == [0, 1, 1, 0, 2])

        let now = Date()
        let assignments = [
            ContractorAssignment(
                id: "1", subIndustryId: "si-a", organisationId: "old", organisationName: "旧总包", taskBookNo: "", startedAt: now,
                startedBy: "", endedAt: now, endedBy: "", endReason: "replaced"),
            ContractorAssignment(
                id: "2", subIndustryId: "si-a", organisationId: "new", organisationName: "新总包", taskBookNo: "", startedAt: now,
                startedBy: ""),
        ]
        // A project under way counts for the sub-industry's contractor now, whoever filed its plan;
        // a finished one for the contractor that filed it (or, with none recorded, the current one).
        let key = DashboardFigures.contractorKey(assignments, finishedStates: ["accepted", "closed"])
        #expect(participants.map(key) == ["new", "new", nil, nil])
        var underWay = Self.project("5", state: "implementation", entered: 0, subIndustry: "si-a")
        underWay.planFiledBy = "old"
        var finished = Self.project("6", state: "accepted", entered: 0, subIndustry: "si-a")
        finished.planFiledBy = "old"
        let finishedUnrecorded = Self.project("7", state: "closed", entered: 0, subIndustry: "si-a")
        #expect([underWay, finished, finishedUnrecorded].map(key) == ["new", "old", "new"])
    }

    @Test("projection: the last four weeks' pace carried to the deadline; none after it or without history")
    func projection() throws {
        let now = try #require(Shanghai.parseDate("2025-06-04"))  // a Wednesday
        #expect(TargetTrend.week(of: now) == "2025-06-02")
        #expect(TargetTrend.week(of: try #require(Shanghai.parseDate("2025-06-08"))) == "2025-06-02")  // Sunday
        let deadline = try #require(Shanghai.parseDate("2025-07-02"))  // four weeks after 2025-06-04
        let weeks: [(week: String, values: [String: Int?])] = [
            ("2025-04-28", ["level3": 0]), ("2025-05-05", ["level3": 2]), ("2025-05-12", ["level3": 4]),
            ("2025-05-19", ["level3": 6]), ("2025-05-26", ["level3": 8]), ("2025-06-02", ["level3": 999]),
        ]
        // Pace from 2025-05-05 (value 2) to now (10): 8 in 30 days; 28 more days → 10 + 7.47 → 17.
        let trend = TargetTrend(
            key: "level3", snapshots: weeks, current: 10, goal: 20, unit: .count, now: now, deadline: deadline)
        #expect(trend.points.map(\.value) == [0, 2, 4, 6, 8, 10])  // this week's stored figure is replaced by now
        #expect(trend.projected == 17)
        #expect(trend.onTrack == false)
        let percent = TargetTrend(
            key: "level3", snapshots: weeks, current: 95, goal: 90, unit: .percent, now: now, deadline: deadline)
        #expect(percent.projected == 100)
        #expect(percent.onTrack == true)
        let late = TargetTrend(key: "level3", snapshots: weeks, current: 10, goal: 20, unit: .count, now: now, deadline: now)
        #expect(late.projected == nil)
        let fresh = TargetTrend(key: "level3", snapshots: [], current: 10, goal: 20, unit: .count, now: now, deadline: deadline)
        #expect(fresh.projected == nil && fresh.points.count == 1)
    }
}
