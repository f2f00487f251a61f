import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// Training (policy 004 §六(二), issue #15): sessions held by their organiser, registrations within
/// the places left (all or none), attendance imported from XLSX with a row report and nothing written
/// on a bad file, and the figures by audience, zone and sub-industry.
@Suite("Training: sessions, registration within capacity, attendance import, counts")
struct TrainingTests {
    @Test("the counts by audience, zone and sub-industry on hand-made attendance (known answer)")
    func countsKnownAnswer() {
        let attendance = [
            TrainingAttendance(audience: .topLeaders, enterpriseId: "e1", subIndustryId: "s1", divisionCode: "120116400"),
            TrainingAttendance(audience: .technical, enterpriseId: "e1", subIndustryId: "s1", divisionCode: "120116400"),
            TrainingAttendance(audience: .technical, enterpriseId: "e2", subIndustryId: "s2", divisionCode: "120116401"),
            TrainingAttendance(audience: .frontline, enterpriseId: "e3", subIndustryId: nil, divisionCode: "120116010"),
        ]
        let counts = TrainingCounts(attendance) { code in code.flatMap { $0.hasPrefix("1201164") ? $0 : nil } }
        #expect(counts.attendees == 4 && counts.enterprises == 3)
        #expect(
            counts.byAudience.map { [$0.key: [$0.attendees, $0.enterprises]] } == [
                ["top_leaders": [1, 1]], ["management": [0, 0]], ["technical": [2, 2]], ["frontline": [1, 1]],
            ])
        #expect(counts.byZone.map(\.key) == ["120116400", "120116401", ""])
        #expect(counts.byZone.map(\.attendees) == [2, 1, 1])
        #expect(counts.byZone.map(\.enterprises) == [1, 1, 1])
        #expect(counts.bySubIndustry.map(\.key) == ["s1", "s2", ""])
        #expect(counts.bySubIndustry.map(\.enterprises) == [1, 1, 1])
    }

    @Test("an attendance file with bad rows is refused with line, column and message")
    func importReport() {
        let table = [
            ["报名编号", "姓名", "是否出席"], ["trr_a", "张伟", "是"], ["trr_x", "王芳", "是"], ["trr_a", "张伟", "否"],
            ["trr_b", "李强", "也许"],
        ]
        guard case .failure(.rows(let problems)) = TrainingAttendanceImport.check(table, registrationIds: ["trr_a", "trr_b"])
        else {
            Issue.record("expected a row report")
            return
        }
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(problems.map(\.column) == ["报名编号", "报名编号", "是否出席"])
        #expect(problems[0].message.zh.contains("不是本场培训的报名编号"))
        #expect(problems[1].message.zh == "与第 2 行重复")
        guard
            case .success(let marks) = TrainingAttendanceImport.check(
                [["报名编号", "是否出席"], ["trr_a", "是"], ["trr_b", "否"]], registrationIds: ["trr_a", "trr_b"])
        else {
            Issue.record("expected marks")
            return
        }
        #expect(marks == ["trr_a": true, "trr_b": false])
    }

    static func upload(
        _ client: any TestClientProtocol, _ browser: TestBrowser, _ path: String, token: String, name: String, data: Data
    ) async throws -> TestResponse {
        var (headers, body) = multipart(["csrf_token": token], file: (name, data))
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(uri: path, method: .post, headers: headers, body: body)
    }

    @Test("a session with two places: registrations beyond them are refused whole; attendance by file, bad rows write nothing")
    func capacityAndAttendance() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            var district = try await TestBrowser.signedIn(client, as: "district")
            let page = String(buffer: try await district.get("/training").body)
            #expect(page.contains("id=\"new-session\"") && page.contains("id=\"training-figures\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let bad = try await district.post(
                "/training/sessions",
                form: ["csrf_token": token, "title": "", "audience": "technical", "date": "2026-13-01", "capacity": "0"])
            #expect(bad.status == .unprocessableContent)
            let before = try await store.training.sessions(programmeId: programme.id).count
            let created = try await district.post(
                "/training/sessions",
                form: [
                    "csrf_token": token, "title": "测试<b>培训</b>", "audience": "technical", "date": "2026-12-20",
                    "start_time": "09:00", "end_time": "11:30", "place": "会议室", "capacity": "2",
                ])
            #expect(created.status == .seeOther)
            let sessions = try await store.training.sessions(programmeId: programme.id)
            #expect(sessions.count == before + 1)
            let session = try #require(sessions.first { $0.title == "测试<b>培训</b>" })
            #expect(session.capacity == 2 && Shanghai.dateTimeText(session.startsAt) == "2026-12-20 09:00")

            var ent01 = try await TestBrowser.signedIn(client, as: "ent01")
            let sessionPage = String(buffer: try await ent01.get("/training/sessions/\(session.id)").body)
            #expect(sessionPage.contains("测试&lt;b&gt;培训&lt;/b&gt;") && !sessionPage.contains("测试<b>培训"))
            let entToken = try #require(TestBrowser.csrfToken(in: sessionPage))
            let three = try await ent01.post(
                "/training/sessions/\(session.id)/registrations",
                form: [
                    "csrf_token": entToken, "person_name_1": "张伟", "audience_1": "top_leaders", "person_name_2": "王芳",
                    "audience_2": "management", "person_name_3": "李强", "audience_3": "technical",
                ])
            #expect(three.status == .unprocessableContent)
            #expect(String(buffer: three.body).contains("本场仅剩 2 个名额"))
            #expect(try await store.training.registrations(sessionId: session.id).isEmpty)
            let two = try await ent01.post(
                "/training/sessions/\(session.id)/registrations",
                form: [
                    "csrf_token": entToken, "person_name_1": "张伟", "position_1": "总经理", "audience_1": "top_leaders",
                    "person_name_2": "李强", "audience_2": "technical",
                ])
            #expect(two.status == .seeOther)
            var ent02 = try await TestBrowser.signedIn(client, as: "ent02")
            let ent02Token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await ent02.get("/training/sessions/\(session.id)").body)))
            let full = try await ent02.post(
                "/training/sessions/\(session.id)/registrations",
                form: ["csrf_token": ent02Token, "person_name_1": "陈静", "audience_1": "frontline"])
            #expect(full.status == .unprocessableContent)
            #expect(String(buffer: full.body).contains("本场仅剩 0 个名额"))
            let registrations = try await store.training.registrations(sessionId: session.id)
            #expect(registrations.count == 2)
            // Another enterprise sees the session but not the names; attendance is the organiser's.
            #expect(!String(buffer: try await ent02.get("/training/sessions/\(session.id)").body).contains("张伟"))
            #expect(try await ent02.get("/training/sessions/\(session.id)/attendance.xlsx").status == .forbidden)
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            #expect(try await provider.get("/training/sessions/\(session.id)/attendance.xlsx").status == .notFound)

            // The template lists the two; a file with an unknown number writes nothing.
            let template = try await district.get("/training/sessions/\(session.id)/attendance.xlsx")
            #expect(template.status == .ok)
            let rows = try XLSXReader.firstSheetTextRows(Data(buffer: template.body))
            #expect(rows.count == 3 && rows[0].first == "报名编号")
            let first = try #require(registrations.first { $0.personName == "张伟" })
            let second = try #require(registrations.first { $0.personName == "李强" })
            func file(_ rows: [[String]]) throws -> Data {
                try XLSXWriter.data(Workbook(sheets: [Sheet(name: "出席", rows: rows.map { $0.map { Cell.text($0) } })]))
            }
            let refused = try await Self.upload(
                client, district, "/training/sessions/\(session.id)/attendance/import", token: token, name: "a.xlsx",
                data: try file([["报名编号", "是否出席"], [first.id, "是"], ["trr_nope", "是"]]))
            #expect(refused.status == .unprocessableContent)
            let report = String(buffer: refused.body)
            #expect(report.contains("id=\"import-report\"") && report.contains("不是本场培训的报名编号"))
            #expect(try await store.training.registrations(sessionId: session.id).allSatisfy { !$0.attended })
            let accepted = try await Self.upload(
                client, district, "/training/sessions/\(session.id)/attendance/import", token: token, name: "a.xlsx",
                data: try file([["报名编号", "是否出席"], [first.id, "是"], [second.id, "否"]]))
            #expect(accepted.status == .ok)
            let marks = Dictionary(
                uniqueKeysWithValues: try await store.training.registrations(sessionId: session.id).map {
                    ($0.personName, $0.attended)
                })
            #expect(marks == ["张伟": true, "李强": false])
            // Ticked on the page: the ticks replace every mark of the session.
            let ticked = try await district.post(
                "/training/sessions/\(session.id)/attendance", form: ["csrf_token": token, "attended[]": second.id])
            #expect(ticked.status == .seeOther)
            let reticked = Dictionary(
                uniqueKeysWithValues: try await store.training.registrations(sessionId: session.id).map {
                    ($0.personName, $0.attended)
                })
            #expect(reticked == ["张伟": false, "李强": true])
            try await store.training.setAttendance(sessionId: session.id, changes: [first.id: true, second.id: false])

            // The counts move with the attendance: ent01's zone and sub-industry, its top leader.
            let figures = try await TrainingService(services: services).figures(programme.id)
            let ent01Org = try #require(try await store.accounts.user(username: "ent01")?.organisationId)
            let attended = try await store.training.attendance(programmeId: programme.id)
            #expect(attended.contains { $0.enterpriseId == ent01Org && $0.audience == .topLeaders })
            #expect(figures.counts.attendees == attended.count)
            let dashboard = String(buffer: try await district.get("/dashboard").body)
            #expect(dashboard.contains("id=\"training\"") && dashboard.contains("id=\"training-by-audience\""))
            #expect(try await district.get("/training/export.xlsx").status == .ok)
        }
    }
}
