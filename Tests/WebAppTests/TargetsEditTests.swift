import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Programme targets as versions (/dashboard/targets)")
struct TargetsEditTests {
    /// The demo programme's id and its targets in force (the demo saves versions 1 and 2).
    static func programme(_ services: AppServices) async throws -> (id: String, settings: TargetSettings) {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return (programme.id, try await DashboardService(services: services).settings(programme.id))
    }

    /// The form as the page posts it for `settings`, with `changes` applied on top.
    static func form(
        _ settings: TargetSettings, token: String, reason: String, changes: [String: String] = [:]
    ) -> [String: String] {
        var form = [
            "csrf_token": token, "deadline": settings.deadline, "based_on": String(settings.version), "reason": reason,
            "recorded_distinctive_practices": settings.recorded["distinctive_practices"].map(String.init) ?? "",
        ]
        for target in Targets.all { form["goal_\(target.key)"] = String(settings.goal(target)) }
        form.merge(changes) { $1 }
        return form
    }

    /// The table row of one target on a page (up to its `</tr>`).
    static func row(_ page: String, _ key: String) -> String {
        guard let start = page.range(of: "data-target=\"\(key)\"") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    static func token(_ browser: inout TestBrowser, _ path: String = "/dashboard/targets") async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(path).body)))
    }

    @Test("leadership saves a version: the dashboard's goal, percentage and status follow; the history says who, when, why, what")
    func saveChangesTheDashboard() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let (programmeId, settings) = try await Self.programme(services)
        #expect(settings.version == 2)
        let before = Dictionary(
            uniqueKeysWithValues: try await DashboardService(services: services).targets(programmeId).map { ($0.target.key, $0) })
        let level3 = try #require(before["level3"]?.current)
        let transformations = try #require(before["transformations"]?.current)
        #expect(before["level3"]?.goal == 50)
        // The demo is short of 500 transformations; a goal set at today's figure is met (green).
        #expect(transformations > 0 && before["transformations"]?.status != .green)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let dashboard = String(buffer: try await leader.get("/dashboard").body)
            #expect(Self.row(dashboard, "level3").contains("<td class=\"num\">50</td>"))
            #expect(Self.row(dashboard, "level3").contains("<td class=\"num\">\(level3 * 100 / 50)%</td>"))
            #expect(dashboard.contains("href=\"/dashboard/targets\""))

            let page = String(buffer: try await leader.get("/dashboard/targets").body)
            #expect(page.contains("id=\"targets-form\""))
            #expect(page.contains("name=\"based_on\" value=\"2\""))
            #expect(page.contains("目标期限设为本年末（国家验收安排调整）"))
            #expect(page.contains("王明（领导小组）"))
            #expect(page.contains("href=\"/dashboard\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let reason = "领导小组第三次会议：三级企业目标提高到60家，改造总数按已核定企业数确定"
            let saved = try await leader.post(
                "/dashboard/targets",
                form: Self.form(
                    settings, token: token, reason: reason,
                    changes: ["goal_level3": "60", "goal_transformations": String(transformations)]))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/dashboard/targets?saved=3")

            let history = String(buffer: try await leader.get("/dashboard/targets?saved=3").body)
            #expect(history.contains("目标已保存为第 3 版"))
            let version3 = Self.versionRow(history, 3)
            #expect(version3.contains("王明（领导小组）"))
            #expect(version3.contains(reason))
            #expect(version3.contains("达到三级的企业：50 → 60"))
            #expect(version3.contains("完成数字化改造企业：500 → \(transformations)"))
            #expect(!version3.contains("目标期限"))
            #expect(version3.contains(Shanghai.dateText(services.store.clock.now())))
            let year = Shanghai.calendar.component(.year, from: services.store.clock.now())
            if year != 2025 { #expect(Self.versionRow(history, 2).contains("目标期限：2025-12-31 → \(year)-12-31")) }
            // Version 1 is the programme file's; the demo's leadership recorded its count in version 2.
            #expect(Self.versionRow(history, 1).contains("programme created"))
            #expect(Self.versionRow(history, 2).contains("特色做法和模式（记录值）：— → 3"))

            let after = String(buffer: try await leader.get("/dashboard").body)
            let row3 = Self.row(after, "level3")
            #expect(row3.contains("<td class=\"num\">60</td>"))
            #expect(row3.contains("<td class=\"num\">\(level3 * 100 / 60)%</td>"))
            #expect(row3.contains("rag \(TargetStatus(current: level3, goal: 60).rawValue)"))
            let met = Self.row(after, "transformations")
            #expect(met.contains("<td class=\"num\">100%</td>"))
            #expect(met.contains("<span class=\"rag green\">达标</span>"))
        }
        let versions = try await services.store.targets.targetVersions(programmeId: programmeId)
        #expect(versions.map(\.version) == [3, 2, 1])
        let now = try await DashboardService(services: services).settings(programmeId)
        #expect(now.goals["level3"] == 60)
        #expect(now.deadline == settings.deadline)
        #expect(now.recorded == settings.recorded)
    }

    /// A version's row in the history table.
    static func versionRow(_ page: String, _ version: Int) -> String {
        guard let start = page.range(of: "data-version=\"\(version)\"") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    @Test("a stale based_on is refused with who saved in between; the typed figures stay; nothing is saved")
    func staleVersion() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let (programmeId, settings) = try await Self.programme(services)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let leaderToken = try await Self.token(&leader)
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let adminToken = try await Self.token(&admin)
            let first = try await admin.post(
                "/dashboard/targets",
                form: Self.form(settings, token: adminToken, reason: "上云目标按区里新要求调整", changes: ["goal_cloud": "350"]))
            #expect(first.status == .seeOther)

            let stale = try await leader.post(
                "/dashboard/targets",
                form: Self.form(settings, token: leaderToken, reason: "三级目标提高", changes: ["goal_level3": "70"]))
            #expect(stale.status == .conflict)
            let page = String(buffer: stale.body)
            #expect(page.contains("未保存：在您打开本页之后"))
            #expect(page.contains("第 3 版"))
            #expect(page.contains("上云目标按区里新要求调整"))
            #expect(page.contains("name=\"goal_level3\" value=\"70\""))
            #expect(page.contains("三级目标提高"))
            #expect(page.contains("name=\"based_on\" value=\"3\""))
        }
        let versions = try await services.store.targets.targetVersions(programmeId: programmeId)
        #expect(versions.map(\.version) == [3, 2, 1])
        let now = try await DashboardService(services: services).settings(programmeId)
        #expect(now.goals["cloud"] == 350)
        #expect(now.goals["level3"] == 50)
    }

    @Test("every invalid field is refused with its own message in the user's language; typed values kept; nothing saved")
    func invalidFields() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let (programmeId, settings) = try await Self.programme(services)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let token = try await Self.token(&leader)
            let bad: [String: (value: String, message: String)] = [
                "goal_participation": ("120", "“规上中小企业参与改造比例”是百分比，目标值不能超过 100"),
                "goal_level3": ("0", "“达到三级的企业”的目标值应为正整数"),
                "goal_level4": ("abc", "“达到四级的企业”的目标值应为正整数"),
                "goal_cloud": ("", "请填写“上云用云企业”的目标值"),
                "goal_transformations": ("-5", "“完成数字化改造企业”的目标值应为正整数"),
                "goal_providers": ("1.5", "“遴选数字化服务商”的目标值应为正整数"),
                "goal_solutions": ("999999", "““小快轻准”解决方案”的目标值不能超过 100000"),
                "deadline": ("2025-02-30", "目标期限应为真实存在的日期，格式 YYYY-MM-DD（如 2025-12-31）"),
                "recorded_distinctive_practices": ("-1", "“特色做法和模式”的记录值应为 0–100000 的整数，或留空"),
                "reason": (String(repeating: "长", count: 501), "调整原因不能超过 500 字（现为 501 字）"),
            ]
            let response = try await leader.post(
                "/dashboard/targets",
                form: Self.form(settings, token: token, reason: "", changes: bad.mapValues(\.value)))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("未保存：有 \(bad.count) 处需要更正"))
            for (field, entry) in bad {
                #expect(page.contains("id=\"e-\(field)\">\(HTML.escape(entry.message))</div>"), "\(field)")
                if field != "reason" { #expect(page.contains("name=\"\(field)\" value=\"\(entry.value)\""), "\(field) kept") }
            }
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"e-goal_level3\""))

            // The rest, one at a time: no reason, a date in the wrong shape, a tampered version, no change.
            let more: [([String: String], String)] = [
                (["reason": "  "], "请说明调整原因"),
                (["deadline": "2025/12/31"], "目标期限应为真实存在的日期"),
                (["deadline": ""], "请填写目标期限"),
                (["based_on": "x"], "页面已失效，请刷新页面后重新填写"),
                ([:], "目标没有任何变化，未保存新版本"),
            ]
            for (changes, message) in more {
                let refused = try await leader.post(
                    "/dashboard/targets", form: Self.form(settings, token: token, reason: "调整", changes: changes))
                #expect(refused.status == .unprocessableContent, "\(message)")
                #expect(String(buffer: refused.body).contains(message))
            }

            // The same refusal in English for a reader who chose it.
            _ = try await leader.get("/language?to=en&return_to=/dashboard/targets")
            let english = try await leader.post(
                "/dashboard/targets",
                form: Self.form(settings, token: token, reason: "raise", changes: ["goal_level2_share": "101"]))
            #expect(english.status == .unprocessableContent)
            #expect(String(buffer: english.body).contains("is a percentage: its goal cannot exceed 100"))
        }
        #expect(try await services.store.targets.targetVersions(programmeId: programmeId).count == 2)
        #expect(try await DashboardService(services: services).settings(programmeId) == settings)
    }

    @Test("contractor and enterprise are refused (403); district and management provider read but cannot save; admin saves")
    func whoMay() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let (programmeId, settings) = try await Self.programme(services)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            for name in ["contractor", "ent01", "provider", "finance"] {
                var outsider = TestBrowser(client)
                try await outsider.signIn(name)
                #expect(try await outsider.get("/dashboard/targets").status == .forbidden, "\(name) reads")
                let token = try await Self.token(&outsider, "/tasks")
                let post = try await outsider.post(
                    "/dashboard/targets", form: Self.form(settings, token: token, reason: "x", changes: ["goal_level3": "1"]))
                #expect(post.status == .forbidden, "\(name) saves")
            }
            for name in ["district", "manager"] {
                var reader = TestBrowser(client)
                try await reader.signIn(name)
                let page = try await reader.get("/dashboard/targets")
                #expect(page.status == .ok, "\(name) reads")
                let text = String(buffer: page.body)
                #expect(text.contains("id=\"targets-figures\""))
                #expect(!text.contains("id=\"targets-form\""))
                #expect(text.contains("目标期限设为本年末（国家验收安排调整）"))
                #expect(Self.row(text, "level3").contains("<td class=\"num\">50</td>"))
                let token = try #require(TestBrowser.csrfToken(in: text))
                let post = try await reader.post(
                    "/dashboard/targets", form: Self.form(settings, token: token, reason: "x", changes: ["goal_level3": "1"]))
                #expect(post.status == .forbidden, "\(name) saves")
            }
            #expect(try await services.store.targets.targetVersions(programmeId: programmeId).count == 2)

            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let token = try await Self.token(&admin)
            let saved = try await admin.post(
                "/dashboard/targets",
                form: Self.form(settings, token: token, reason: "特色做法新增一项", changes: ["recorded_distinctive_practices": "4"]))
            #expect(saved.status == .seeOther)
            let forged = try await admin.post(
                "/dashboard/targets", form: Self.form(settings, token: "forged", reason: "x", changes: ["goal_level3": "1"]))
            #expect(forged.status == .forbidden)
        }
        let versions = try await services.store.targets.targetVersions(programmeId: programmeId)
        #expect(versions.count == 3)
        #expect(TargetSettings(versions.first).recorded["distinctive_practices"] == 4)
    }
}
