import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Mobilisation and training by API: the task force's zone, visits and roster import; sessions,
/// registrations within the places left, attendance ticked and imported — through the pages' own
/// rules; out of reach is 404, bad input a 422 in Chinese that writes nothing.
@Suite("API: mobilisation and training")
struct APIMobilisationTrainingTests {
    @Test("the task force lists and visits its zone only; a bad visit or roster writes nothing; a good roster imports")
    func mobilisation() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let sub = try #require(try await store.programmes.subIndustries(programmeId: programme.id).first)
            let teda = try #require(USCC.withCheckCharacter("91120116MA09TF001"))
            let ftz = try #require(USCC.withCheckCharacter("91120116MA09TF002"))
            _ = try await store.mobilisation.importFirms(
                programmeId: programme.id,
                [
                    MobilisationFirm(
                        uscc: teda, name: "天津泰达测试精工有限公司", subIndustryId: sub.id, divisionCode: "120116400", size: "中型"),
                    MobilisationFirm(
                        uscc: ftz, name: "天津保税测试装备有限公司", subIndustryId: sub.id, divisionCode: "120116401", size: "小型"),
                ], by: ChangeActor(userId: "t", name: "测试"))
            let taskforce = try await APITestCaller(client, services, "taskforce")
            let overview = try APITestCaller.object(try await taskforce.call(.get, "/api/v1/mobilisation?state=not_registered"))
            let items = try #require((overview["firms"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.contains { $0["uscc"] as? String == teda } && !items.contains { $0["uscc"] as? String == ftz })
            #expect(try await taskforce.call(.get, "/api/v1/mobilisation/firms/\(ftz)").status == .notFound)

            let declined: [String: Any] = ["visited_on": "2026-11-02", "visitor": "钱进", "contact": "王经理", "outcome": "declined"]
            let noReason = try await taskforce.call(.post, "/api/v1/mobilisation/firms/\(teda)/visits", json: declined)
            #expect(noReason.status == .unprocessableContent)
            #expect(try APITestCaller.error(noReason).code == "invalid_input")
            #expect(try await store.mobilisation.visits(programmeId: programme.id)[teda] == nil)
            var followUp = declined
            followUp["outcome"] = "follow_up"
            followUp["follow_up_on"] = "2026-12-20"
            let visited = try await taskforce.call(.post, "/api/v1/mobilisation/firms/\(teda)/visits", json: followUp)
            #expect(visited.status == .created)
            #expect((try APITestCaller.object(visited)["visits"] as? [Any])?.count == 1)
            #expect(try await store.mobilisation.visits(programmeId: programme.id)[teda]?.first?.followUpOn == "2026-12-20")
            // The page shows the visit.
            var browser = try await TestBrowser.signedIn(client, as: "taskforce")
            #expect(String(buffer: try await browser.get("/mobilisation/firms/\(teda)").body).contains("2026-12-20"))
            let elsewhere = try await taskforce.call(.post, "/api/v1/mobilisation/firms/\(ftz)/visits", json: followUp)
            #expect(elsewhere.status == .notFound)

            let before = try await store.mobilisation.firms(programmeId: programme.id, divisions: nil).count
            let good = try #require(USCC.withCheckCharacter("91120116MA09TF010"))
            let rows: [[String]] = [
                ["统一社会信用代码", "企业名称", "细分行业", "所在区划代码", "企业规模"],
                [good, "天津泰达导入测试有限公司", "SMCE", "120116400", "中型"],
                [try #require(USCC.withCheckCharacter("91120116MA09TF011")), "保税区公司", "SMCE", "120116401", "小型"],
            ]
            func file(_ rows: [[String]]) throws -> Data {
                try XLSXWriter.data(Workbook(sheets: [Sheet(name: "名单", rows: rows.map { $0.map { Cell.text($0) } })]))
            }
            let refused = try await taskforce.call(
                .post, "/api/v1/mobilisation/import?file_name=roster.xlsx", raw: try file(rows),
                contentType: "application/octet-stream")
            #expect(refused.status == .unprocessableContent)
            let error = try #require(try APITestCaller.object(refused)["error"] as? [String: Any])
            #expect(
                (error["fields"] as? [[String: Any]])?.contains { ($0["message"] as? String)?.contains("不在您的辖区内") == true }
                    == true)
            #expect(try await store.mobilisation.firms(programmeId: programme.id, divisions: nil).count == before)
            let imported = try await taskforce.call(
                .post, "/api/v1/mobilisation/import?file_name=roster.xlsx", raw: try file(Array(rows.prefix(2))),
                contentType: "application/octet-stream")
            #expect(imported.status == .ok)
            #expect(try APITestCaller.object(imported)["added"] as? Int == 1)
            #expect(try await store.mobilisation.firm(programmeId: programme.id, uscc: good)?.divisionCode == "120116400")
            // Enterprises do not mobilise.
            let enterprise = try await APITestCaller(client, services, "ent01")
            #expect(try await enterprise.call(.get, "/api/v1/mobilisation").status == .forbidden)
        }
    }

    @Test("a session with two places: a third person is refused whole; attendance ticked and imported by the organiser only")
    func training() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let district = try await APITestCaller(client, services, "district")
            let before = try await store.training.sessions(programmeId: programme.id).count
            let bad = try await district.call(
                .post, "/api/v1/training/sessions",
                json: [
                    "title": "", "audience": "technical", "date": "2026-13-01", "start_time": "09:00", "end_time": "11:30",
                    "place": "会议室", "capacity": 2,
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            #expect(try await store.training.sessions(programmeId: programme.id).count == before)
            let created = try await district.call(
                .post, "/api/v1/training/sessions",
                json: [
                    "title": "接口培训", "audience": "technical", "date": "2026-12-20", "start_time": "09:00", "end_time": "11:30",
                    "place": "会议室", "capacity": 2,
                ])
            #expect(created.status == .created)
            let id = try #require((try APITestCaller.object(created)["session"] as? [String: Any])?["id"] as? String)
            #expect(try await store.training.session(id: id, programmeId: programme.id)?.capacity == 2)

            let ent01 = try await APITestCaller(client, services, "ent01")
            let people: [[String: Any]] = [
                ["name": "张伟", "position": "总经理", "audience": "top_leaders"], ["name": "王芳", "audience": "management"],
                ["name": "李强", "audience": "technical"],
            ]
            let three = try await ent01.call(.post, "/api/v1/training/sessions/\(id)/registrations", json: ["people": people])
            #expect(three.status == .unprocessableContent)
            #expect(try APITestCaller.error(three).message.contains("本场仅剩 2 个名额"))
            #expect(try await store.training.registrations(sessionId: id).isEmpty)
            let two = try await ent01.call(
                .post, "/api/v1/training/sessions/\(id)/registrations", json: ["people": Array(people.prefix(2))])
            #expect(two.status == .created)
            let registrations = try await store.training.registrations(sessionId: id)
            #expect(registrations.count == 2)

            // Attendance is the organiser's: the provider manages sessions but not this one.
            let provider = try await APITestCaller(client, services, "provider")
            let notTheirs = try await provider.call(
                .put, "/api/v1/training/sessions/\(id)/attendance", json: ["attended": [registrations[0].id]])
            #expect(notTheirs.status == .notFound)
            #expect(try await store.training.registrations(sessionId: id).allSatisfy { !$0.attended })
            let ticked = try await district.call(
                .put, "/api/v1/training/sessions/\(id)/attendance", json: ["attended": [registrations[0].id]])
            #expect(ticked.status == .ok)
            let marks = try await store.training.registrations(sessionId: id)
            #expect(marks.filter(\.attended).map(\.id) == [registrations[0].id])

            func file(_ rows: [[String]]) throws -> Data {
                try XLSXWriter.data(Workbook(sheets: [Sheet(name: "出席", rows: rows.map { $0.map { Cell.text($0) } })]))
            }
            let unknown = try await district.call(
                .post, "/api/v1/training/sessions/\(id)/attendance/import?file_name=a.xlsx",
                raw: try file([["报名编号", "是否出席"], ["trr_nope", "是"]]), contentType: "application/octet-stream")
            #expect(unknown.status == .unprocessableContent)
            #expect(try await store.training.registrations(sessionId: id).filter(\.attended).count == 1)
            let imported = try await district.call(
                .post, "/api/v1/training/sessions/\(id)/attendance/import?file_name=a.xlsx",
                raw: try file([["报名编号", "是否出席"], [registrations[0].id, "否"], [registrations[1].id, "是"]]),
                contentType: "application/octet-stream")
            #expect(imported.status == .ok)
            #expect(try await store.training.registrations(sessionId: id).filter(\.attended).map(\.id) == [registrations[1].id])
            let listed = try APITestCaller.object(try await ent01.call(.get, "/api/v1/training/sessions"))
            #expect((listed["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        }
    }
}
