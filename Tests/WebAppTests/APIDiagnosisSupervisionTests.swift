import Diagnosis
import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Supervision of the diagnosis campaigns by API: coverage narrowed to the caller's node,
/// reminders, the quota split, liaison contacts and on-site assignments, through the pages' own
/// rules; out of reach is 404, bad input a 422 in Chinese that writes nothing.
@Suite("API: diagnosis supervision")
struct APIDiagnosisSupervisionTests {
    typealias Setup = DiagnosisSupervisionTests

    @Test("coverage within the node only; a reminder goes down (not sideways), and its addressee marks it read")
    func coverageAndReminders() async throws {
        try await Setup.app { services, client in
            let programme = try await Setup.campaign(
                services, file: "guangxi-diagnosis-2024.yaml",
                officials: ["t-nanning": "450100", "t-county": "450102", "t-other": "450103"])
            _ = try await services.store.diagnoses.importFirms([
                Setup.firm(programme, "450102", 1, group: "electronics"),
                Setup.firm(programme, "450103", 2, group: "electronics"),
            ])
            let county = try await APITestCaller(client, services, "t-county")
            let own = try APITestCaller.object(try await county.call(.get, "/api/v1/diagnosis-supervision/coverage"))
            #expect(own["unit"] as? String == "450102")
            #expect((own["totals"] as? [String: Any])?["firms"] as? Int == 1)
            let notStarted = try #require(own["not_started"] as? [String: Any])
            #expect((notStarted["items"] as? [[String: Any]])?.map { $0["uscc"] as? String } == [Setup.uscc("450102", 1)])
            let foreign = try await county.call(.get, "/api/v1/diagnosis-supervision/coverage?unit=450103")
            #expect(foreign.status == .notFound)
            #expect(try APITestCaller.error(foreign).code == "not_found")

            let nanning = try await APITestCaller(client, services, "t-nanning")
            let sideways = try await nanning.call(
                .post, "/api/v1/diagnosis-supervision/reminders", json: ["division": "450202", "message": "请加快进度"])
            #expect(sideways.status == .unprocessableContent)
            #expect(try APITestCaller.error(sideways).code == "invalid_input")
            let empty = try await nanning.call(
                .post, "/api/v1/diagnosis-supervision/reminders", json: ["division": "450102", "message": " "])
            #expect(empty.status == .unprocessableContent)
            #expect(
                try await services.store.diagnoses.reminders(programmeId: programme.id, targetKind: .division, target: "450202")
                    .isEmpty)
            let sent = try await nanning.call(
                .post, "/api/v1/diagnosis-supervision/reminders", json: ["division": "450102", "message": "请兴宁区加快进度"])
            #expect(sent.status == .noContent)
            let shown = try APITestCaller.object(try await county.call(.get, "/api/v1/diagnosis-supervision/coverage"))
            let reminders = try #require(shown["reminders"] as? [[String: Any]])
            #expect(reminders.map { $0["message"] as? String } == ["请兴宁区加快进度"])
            let id = try #require(reminders.first?["id"] as? Int)
            let other = try await APITestCaller(client, services, "t-other")
            #expect(try await other.call(.post, "/api/v1/diagnosis-supervision/reminders/\(id)/read").status == .notFound)
            #expect(try await county.call(.post, "/api/v1/diagnosis-supervision/reminders/\(id)/read").status == .noContent)
            #expect(
                try await services.store.diagnoses.reminders(programmeId: programme.id, targetKind: .division, target: "450102")
                    .first?.readAt != nil)
            // A page out of range is malformed.
            #expect(try await county.call(.get, "/api/v1/diagnosis-supervision/coverage?page=0").status == .badRequest)
        }
    }

    @Test("a split over the unit's quota is 422 and writes nothing; within it, stored; another district's is 404")
    func quotas() async throws {
        try await Setup.app { services, client in
            let programme = try await Setup.campaign(
                services, file: "shanghai-diagnosis-2023.yaml", officials: ["t-city": "310000", "t-pudong": "310115"])
            let city = try await APITestCaller(client, services, "t-city")
            let over = try await city.call(
                .put, "/api/v1/diagnosis-supervision/quotas",
                json: [
                    "unit": "310000", "year": 2023,
                    "quotas": [["division_code": "310115", "firms": 1000], ["division_code": "310117", "firms": 600]],
                ])
            #expect(over.status == .unprocessableContent)
            #expect(try APITestCaller.error(over).message.contains("分解合计 1600 家，超过本单位 2023 年度指标 1500 家"))
            #expect(try await services.store.diagnoses.quotas(programmeId: programme.id).isEmpty)

            let saved = try await city.call(
                .put, "/api/v1/diagnosis-supervision/quotas",
                json: [
                    "unit": "310000", "year": 2023,
                    "quotas": [["division_code": "310115", "firms": 200], ["division_code": "310117", "firms": 100]],
                ])
            #expect(saved.status == .ok)
            let quotas = try await services.store.diagnoses.quotas(programmeId: programme.id)
            #expect(Set(quotas.map { "\($0.divisionCode):\($0.firms)" }) == ["310115:200", "310117:100"])

            let pudong = try await APITestCaller(client, services, "t-pudong")
            let split = try APITestCaller.object(try await pudong.call(.get, "/api/v1/diagnosis-supervision/quotas?year=2023"))
            #expect(split["own_quota"] as? Int == 200)
            let foreign = try await pudong.call(
                .put, "/api/v1/diagnosis-supervision/quotas",
                json: ["unit": "310117", "year": 2023, "quotas": [["division_code": "310117101", "firms": 1]]])
            #expect(foreign.status == .notFound)
            #expect(try await services.store.diagnoses.quotas(programmeId: programme.id).count == 2)
        }
    }

    @Test("on-site cases within reach go to pool members only; liaison contacts within reach are added and removed")
    func offlineAndLiaison() async throws {
        try await Setup.app { services, client in
            let programme = try await Setup.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-county": "450102", "t-other": "450103"])
            _ = try await services.store.diagnoses.importFirms([
                Setup.firm(programme, "450102", 1, group: "electronics"),
                Setup.firm(programme, "450103", 2, group: "electronics"),
            ])
            let own = try await Setup.diagnose(
                services, programme, Setup.uscc("450102", 1), questionnaire: "guangxi-manufacturing", offline: "grade_at_least_3")
            let foreign = try await Setup.diagnose(
                services, programme, Setup.uscc("450103", 2), questionnaire: "guangxi-manufacturing", offline: "grade_at_least_3")
            let member = try await services.store.providers.addProvider(
                programmeId: programme.id, name: "广西诊断咨询有限公司", uscc: try USCC(validating: Setup.uscc("450103", 50)),
                categories: ["consulting"])
            let outsider = try await services.store.parties.addOrganisation(
                programmeId: programme.id, kind: "provider", name: "非入库服务商", uscc: try USCC(validating: Setup.uscc("450103", 51)),
                subIndustryId: nil, divisionCode: nil)
            let county = try await APITestCaller(client, services, "t-county")
            let list = try APITestCaller.object(try await county.call(.get, "/api/v1/diagnosis-supervision/offline"))
            #expect((list["cases"] as? [[String: Any]])?.map { $0["diagnosis_id"] as? String } == [own.id])
            #expect((list["providers"] as? [[String: Any]])?.map { $0["organisation_id"] as? String } == [member.id])
            let notMember = try await county.call(
                .post, "/api/v1/diagnosis-supervision/offline/\(own.id)/assign", json: ["provider": outsider.id])
            #expect(notMember.status == .unprocessableContent)
            #expect(try APITestCaller.error(notMember).code == "invalid_input")
            let outOfReach = try await county.call(
                .post, "/api/v1/diagnosis-supervision/offline/\(foreign.id)/assign", json: ["provider": member.id])
            #expect(outOfReach.status == .notFound)
            #expect(
                try await services.store.diagnoses.diagnosis(id: own.id, programmeId: programme.id)?.offlineStatus == .pending)
            let assigned = try await county.call(
                .post, "/api/v1/diagnosis-supervision/offline/\(own.id)/assign", json: ["provider": member.id])
            #expect(assigned.status == .noContent)
            #expect(
                try await services.store.diagnoses.diagnosis(id: own.id, programmeId: programme.id)?.offlineStatus == .assigned)

            let contact: [String: Any] = ["division": "450102", "role": "联络员", "name": "韦工", "phone": "0771-1234567"]
            var badPhone = contact
            badPhone["phone"] = "call me"
            let refused = try await county.call(.post, "/api/v1/diagnosis-supervision/liaison", json: badPhone)
            #expect(refused.status == .unprocessableContent)
            #expect(try APITestCaller.error(refused).code == "invalid_input")
            let region = DivisionCode("450000")!
            #expect(
                try await services.store.diagnoses.contacts(programmeId: programme.id, division: region, firms: false).isEmpty)
            let added = try await county.call(.post, "/api/v1/diagnosis-supervision/liaison", json: contact)
            #expect(added.status == .created)
            let units = try #require(try APITestCaller.object(added)["units"] as? [[String: Any]])
            let id = try #require(units.first?["id"] as? Int)
            #expect(units.map { $0["name"] as? String } == ["韦工"])
            let other = try await APITestCaller(client, services, "t-other")
            #expect(try await other.call(.delete, "/api/v1/diagnosis-supervision/liaison/\(id)").status == .notFound)
            #expect(try await county.call(.delete, "/api/v1/diagnosis-supervision/liaison/\(id)").status == .noContent)
            #expect(
                try await services.store.diagnoses.contacts(programmeId: programme.id, division: region, firms: false).isEmpty)
        }
    }

    @Test("a roster file with a row outside the node is refused whole with the row report; a good one is written")
    func roster() async throws {
        try await Setup.app { services, client in
            let programme = try await Setup.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-nanning": "450100"])
            let nanning = try await APITestCaller(client, services, "t-nanning")
            let bad = Setup.csv([
                [Setup.uscc("450102", 4), "南宁丁公司", "450102", "电子信息", "中型", "是", "", "张工", "0771-4"],
                [Setup.uscc("450202", 6), "柳州公司", "450202", "电子信息", "中型", "是", "", "张工", "0772-1"],
            ])
            let refused = try await nanning.call(
                .post, "/api/v1/diagnosis-supervision/roster?file_name=roster.csv", raw: bad,
                contentType: "application/octet-stream")
            #expect(refused.status == .unprocessableContent)
            #expect(try APITestCaller.error(refused).message.contains("未写入任何数据"))
            var all = FirmQuery(programmeId: programme.id)
            all.limit = 100
            #expect(try await services.store.diagnoses.firms(all).total == 0)
            let good = Setup.csv([[Setup.uscc("450102", 4), "南宁丁公司", "450102", "电子信息", "中型", "是", "", "张工", "0771-4"]])
            let written = try await nanning.call(
                .post, "/api/v1/diagnosis-supervision/roster?file_name=roster.csv", raw: good,
                contentType: "application/octet-stream")
            #expect(written.status == .ok)
            #expect(try APITestCaller.object(written)["added"] as? Int == 1)
            #expect(try await services.store.diagnoses.firms(all).total == 1)
        }
    }
}
