import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Monthly report (/dashboard/report) and the demo's trends")
struct DashboardReportTests {
    static func month(_ date: Date) -> String {
        let parts = Shanghai.calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// The table row of one target inside the element with `id` (up to its `</tr>`).
    static func row(_ page: String, in id: String, _ key: String) -> String {
        guard let table = page.range(of: "id=\"\(id)\"") else { return "" }
        let rest = page[table.upperBound...]
        guard let start = rest.range(of: "data-target=\"\(key)\"") else { return "" }
        let tail = rest[start.upperBound...]
        return String(tail[..<(tail.range(of: "</tr>")?.lowerBound ?? tail.endIndex)])
    }

    @Test("the demo's report: programme and month, the twelve targets, the month's change from snapshots, A4 print styles")
    func demoReport() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let now = store.clock.now()
        let month = Self.month(now)
        let model = try await DashboardService(services: services).model(programme.id)
        let targets = model.targets
        let projects = model.funnel.reduce(0) { $0 + $1.count }
        let transformations = try #require(targets.first { $0.target.key == "transformations" }?.current)
        // The month starts from the last week that ended before its first day (the demo has twelve).
        let firstWeek = TargetTrend.week(of: try #require(Shanghai.parseDate(month + "-01")))
        let start = try #require(try await store.targets.targetSnapshots(programmeId: programme.id).last { $0.week < firstWeek })
        let startValue = try #require(start.values["transformations"] ?? nil)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let response = try await leader.get("/dashboard/report")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            let parts = Shanghai.calendar.dateComponents([.year, .month], from: now)
            #expect(page.contains("<h1>\(programme.name.zh)<br>\(parts.year ?? 0)年\(parts.month ?? 0)月 月度工作报告</h1>"))
            #expect(page.contains("数据提取时间：\(Shanghai.dateText(now))"))
            for target in Targets.all {
                #expect(!Self.row(page, in: "report-targets-table", target.key).isEmpty, "\(target.key)")
                #expect(!Self.row(page, in: "report-month-table", target.key).isEmpty, "\(target.key)")
            }
            #expect(page.components(separatedBy: "data-target=").count - 1 == 2 * Targets.all.count)
            let change = Self.row(page, in: "report-month-table", "transformations")
            #expect(change.contains("(\(start.week))"))
            let delta = transformations - startValue
            #expect(change.contains(">\(delta > 0 ? "+\(delta)" : "\(delta)")</td>"))
            // Print first: A4, nothing interactive on paper, tables kept whole, charts with their figures.
            #expect(page.contains("@page { size: A4; margin: 15mm; }"))
            #expect(page.contains("header.top, nav, .no-print, form, button { display:none !important; }"))
            #expect(page.contains(".monthly-report table { break-inside:avoid; page-break-inside:avoid; }"))
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("共 \(projects) 个项目，按所处环节列出"))
            #expect(page.contains("id=\"report-sub-industry\""))
            #expect(page.contains("id=\"matching\""))
            #expect(page.contains("data-risk=\"overdue\""))
            #expect(page.contains("data-risk=\"low-rated\""))
            #expect(page.contains("id=\"report-overdue\">超过办理时限的项目"))

            // An earlier month runs from the last week before it to its own last week.
            let earlier = try #require(Shanghai.calendar.date(byAdding: .month, value: -1, to: now))
            let earlierFirstWeek = TargetTrend.week(of: try #require(Shanghai.parseDate(Self.month(earlier) + "-01")))
            let snapshots = try await store.targets.targetSnapshots(programmeId: programme.id)
            let pastStart = try #require(snapshots.last { $0.week < earlierFirstWeek })
            let pastEnd = try #require(snapshots.last { $0.week >= earlierFirstWeek && $0.week < firstWeek })
            let past = try await leader.get("/dashboard/report?month=\(Self.month(earlier))")
            #expect(past.status == .ok)
            let pastPage = String(buffer: past.body)
            #expect(pastPage.contains("月末（本月最后快照）"))
            let pastRow = Self.row(pastPage, in: "report-month-table", "transformations")
            let pastDelta =
                try #require(pastEnd.values["transformations"] ?? nil)
                - (try #require(pastStart.values["transformations"] ?? nil))
            #expect(pastRow.contains("(\(pastStart.week))"))
            #expect(pastRow.contains("(\(pastEnd.week))"))
            #expect(pastRow.contains(">\(pastDelta > 0 ? "+\(pastDelta)" : "\(pastDelta)")</td>"))

            // The demo's dashboard: twelve weeks of trend and a projection to this year's deadline.
            let dashboard = String(buffer: try await leader.get("/dashboard").body)
            #expect(dashboard.components(separatedBy: "<svg class=\"spark\"").count - 1 == Targets.all.count)
            #expect(dashboard.contains("可按期完成") || dashboard.contains("按当前进度难以完成"))
            #expect(!dashboard.contains("期限已过"))
            #expect(dashboard.contains("href=\"/dashboard/report\""))
        }
    }

    @Test("a bad or future month is a 422 page in the user's language; only the dashboard's readers get the report")
    func badMonthAndReaders() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let now = services.store.clock.now()
        let next = try #require(Shanghai.calendar.date(byAdding: .month, value: 1, to: now))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            for (month, message) in [
                ("2025-13", "报告月份“2025-13”无效，应为 YYYY-MM 格式的年月（如 2025-06）"),
                ("abc", "报告月份“abc”无效"),
                ("2025-6", "报告月份“2025-6”无效"),
                (Self.month(next), "报告月份 \(Self.month(next)) 尚未开始"),
            ] {
                let response = try await leader.get("/dashboard/report?month=\(month)")
                #expect(response.status == .unprocessableContent, "\(month)")
                #expect(String(buffer: response.body).contains(HTML.escape(message)), "\(month)")
            }
            _ = try await leader.get("/language?to=en&return_to=/dashboard")
            let english = try await leader.get("/dashboard/report?month=2025-00")
            #expect(english.status == .unprocessableContent)
            #expect(String(buffer: english.body).contains(HTML.escape("The month '2025-00' is not valid: write it YYYY-MM")))

            for name in ["district", "manager", "admin"] {
                var reader = TestBrowser(client)
                try await reader.signIn(name)
                #expect(try await reader.get("/dashboard/report").status == .ok, "\(name)")
            }
            for name in ["contractor", "ent01", "finance"] {
                var outsider = TestBrowser(client)
                try await outsider.signIn(name)
                #expect(try await outsider.get("/dashboard/report").status == .forbidden, "\(name)")
            }
        }
    }

    @Test("a year on: the report lists the ten most overdue projects of all of them, and the deadline as passed")
    func overdueYearLater() async throws {
        let clock = ManualClock(Date())
        let services = try await TestApp.services(.sqlite, enterprises: 30, clock: clock)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        clock.advance(by: 400 * 86_400)
        let overdue = try #require(try await DashboardService(services: services).model(programme.id).risks[.overdue])
        #expect(overdue.count > 10)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let response = try await leader.get("/dashboard/report")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("超过办理时限最久的 10 个项目（共 \(overdue.count) 个）"))
            let list = try #require(page.range(of: "id=\"report-overdue\"")).upperBound
            let table = page[list...]
            let end = try #require(table.range(of: "</table>")).lowerBound
            let rows = table[..<end].components(separatedBy: "<tr><td><a href=").count - 1
            #expect(rows == 10)
            for item in overdue.prefix(10) { #expect(table[..<end].contains(item.project.instanceId)) }
            #expect(page.contains("期限已过"))
            #expect(page.contains("data-risk=\"overdue\"><td>超过办理时限的项目</td><td class=\"num\">\(overdue.count)</td>"))
        }
    }
}
