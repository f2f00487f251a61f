import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing
import WebApp

/// The provider pool by API: the bureau admits, grades, records complaint findings and removes with
/// the pool page's rules; an enterprise complains; the calls and applications of pool admission; the
/// public notice and results without a token. Refused actors and bad input change nothing.
@Suite("API: the provider pool")
struct APIProviderPoolTests {
    @Test("admit, complain, find, grade and remove by API; the public notice shows the removal")
    func governance() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let criteria = programme.definition?.poolEvaluation ?? []
        let uscc = try #require(USCC.withCheckCharacter("91120116MA07DP011"))
        let providersBefore = try await services.store.parties.organisations(programmeId: programme.id, kind: "provider")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let provider = try await APITestCaller(client, services, "provider")
            let enterprise = try await APITestCaller(client, services, "ent01")
            let admit: [String: Any] = ["name": "滨海智造数字科技有限公司", "uscc": uscc, "categories": ["solutions"]]

            // Admission: the page's checks, the admitters only.
            #expect(try await provider.call(.post, "/api/v1/providers", json: admit).status == .forbidden)
            let badCode = try await district.call(.post, "/api/v1/providers", json: admit.merging(["uscc": "123"]) { $1 })
            #expect(badCode.status == .unprocessableContent)
            #expect(try APITestCaller.error(badCode).code == "invalid_input")
            #expect(
                try await services.store.parties.organisations(programmeId: programme.id, kind: "provider").count
                    == providersBefore.count)
            let admitted = try await district.call(.post, "/api/v1/providers", json: admit)
            #expect(admitted.status == .created)
            let id = try #require(try APITestCaller.object(admitted)["id"] as? String)
            #expect(try APITestCaller.object(admitted)["standing"] as? String == "admitted")
            let pool = try APITestCaller.list(try await enterprise.call(.get, "/api/v1/providers"))
            #expect(pool.contains { $0["id"] as? String == id })

            // A complaint by an enterprise; the bureau's finding needs evidence.
            let filed = try await enterprise.call(
                .post, "/api/v1/providers/complaints/filed", json: ["provider_id": id, "summary": "实施延期三个月未交付"])
            #expect(filed.status == .created)
            let complaintId = try #require(try APITestCaller.object(filed)["complaint_id"] as? String)
            let open = try APITestCaller.list(try await district.call(.get, "/api/v1/providers/complaints"))
            #expect(open.contains { $0["complaint_id"] as? String == complaintId && $0["summary"] as? String == "实施延期三个月未交付" })
            #expect(try await enterprise.call(.get, "/api/v1/providers/complaints").status == .forbidden)
            let finding: [String: Any] = [
                "provider_id": id, "complaint_id": complaintId, "finding": "not_verified", "evidence": " ",
            ]
            let noEvidence = try await district.call(.post, "/api/v1/providers/complaints", json: finding)
            #expect(noEvidence.status == .unprocessableContent)
            #expect(
                try await services.store.providers.poolMember(organisationId: id, programmeId: programme.id)?.complaints.first?
                    .verified == nil)
            let found = try await district.call(
                .post, "/api/v1/providers/complaints", json: finding.merging(["evidence": "现场核查记录"]) { $1 })
            #expect(found.status == .ok)
            #expect(try APITestCaller.object(found)["open_complaints"] as? Int == 0)

            // The annual grade: each criterion typed (or the one score without criteria).
            var items: [String: String] = [:]
            for criterion in criteria { items[criterion.id] = "86" }
            let grade: [String: Any] = ["provider_id": id, "year": 2025, "score": "86", "items": items, "evidence": "评价会纪要"]
            #expect(try await enterprise.call(.post, "/api/v1/providers/grades", json: grade).status == .forbidden)
            let badYear = try await district.call(.post, "/api/v1/providers/grades", json: grade.merging(["year": 1999]) { $1 })
            #expect(badYear.status == .badRequest)
            let graded = try await district.call(.post, "/api/v1/providers/grades", json: grade)
            #expect(graded.status == .ok)
            #expect((try APITestCaller.object(graded)["grades"] as? [[String: Any]])?.first?["grade"] as? String == "good")
            let twice = try await district.call(.post, "/api/v1/providers/grades", json: grade)
            #expect(twice.status == .unprocessableContent)
            #expect(try APITestCaller.error(twice).message.contains("已评级"))

            // Removal for a reason recorded by hand; the public notice shows it without a token.
            let removal: [String: Any] = ["provider_id": id, "reason": "fraud", "evidence": "审计报告"]
            let automatic = try await district.call(
                .post, "/api/v1/providers/removals", json: removal.merging(["reason": "unqualified_grade"]) { $1 })
            #expect(automatic.status == .badRequest)
            #expect(
                try await services.store.providers.poolMember(organisationId: id, programmeId: programme.id)?.isInGoodStanding
                    == true)
            let removed = try await district.call(.post, "/api/v1/providers/removals", json: removal)
            #expect(removed.status == .ok)
            #expect(try APITestCaller.object(removed)["removal_reason"] as? String == "fraud")
            let notice = try await client.execute(uri: "/api/v1/providers/removals", method: .get)
            #expect(notice.status == .ok)
            let rows = try APITestCaller.list(notice)
            #expect(rows.contains { $0["organisation_id"] as? String == id && $0["reason"] as? String == "fraud" })
            let results = try await client.execute(uri: "/api/v1/providers/grades?year=2025", method: .get)
            #expect(results.status == .ok)
            #expect(
                (try APITestCaller.object(results)["rows"] as? [[String: Any]])?.contains {
                    $0["organisation_id"] as? String == id
                } == true)
        }
    }

    @Test("the city bureau opens a call; a pool member cannot apply again; the public reads the calls")
    func calls() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let now = services.store.clock.now()
        let today = Shanghai.dateText(now)
        let closes = Shanghai.dateText(now.addingTimeInterval(30 * 86_400))
        let callsBefore = try await services.store.admissions.calls(programmeId: programme.id)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let provider = try await APITestCaller(client, services, "provider")
            let call: [String: Any] = [
                "year": 2026, "title": "2026 年度数字化服务商资源池申报", "opens_on": today, "closes_on": closes,
                "requirements": "在本区注册的数字化服务商",
            ]
            #expect(try await provider.call(.post, "/api/v1/pool/calls", json: call).status == .forbidden)
            let backwards = try await district.call(
                .post, "/api/v1/pool/calls", json: call.merging(["closes_on": "2020-01-01"]) { $1 })
            #expect(backwards.status == .unprocessableContent)
            #expect(try APITestCaller.error(backwards).code == "invalid_input")
            #expect(try await services.store.admissions.calls(programmeId: programme.id).count == callsBefore.count)
            let opened = try await district.call(.post, "/api/v1/pool/calls", json: call)
            #expect(opened.status == .created)
            let callId = try #require(try APITestCaller.object(opened)["id"] as? String)
            #expect(try APITestCaller.object(opened)["open_today"] as? Bool == true)

            let anonymous = try await client.execute(uri: "/api/v1/pool/calls", method: .get)
            #expect(anonymous.status == .ok)
            #expect(try APITestCaller.list(anonymous).contains { $0["id"] as? String == callId })

            // The demo provider is in the pool already: refused with the page's reason, nothing started.
            let applied = try await provider.call(
                .post, "/api/v1/pool/applications", json: ["call_id": callId, "division": "120116"])
            #expect(applied.status == .unprocessableContent)
            #expect(try APITestCaller.error(applied).code == "invalid_input")
            let list = try APITestCaller.object(try await district.call(.get, "/api/v1/pool/applications"))
            #expect(
                (list["items"] as? [[String: Any]])?.contains { $0["call_title"] as? String == "2026 年度数字化服务商资源池申报" } == false)
            #expect(try await district.call(.get, "/api/v1/pool/applications?state=nowhere").status == .unprocessableContent)
        }
    }
}
