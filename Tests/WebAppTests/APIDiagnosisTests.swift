import Diagnosis
import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The enterprise's diagnosis journey by API: the firm starts, saves, attaches evidence, submits,
/// reads its report data, rates it and asks for an on-site diagnosis where the campaign offers it,
/// through the page's own rules; another firm and an official outside the node get 404; bad input
/// is refused in Chinese and writes nothing.
@Suite("API: the enterprise's diagnosis journey")
struct APIDiagnosisTests {
    typealias Campaign = DiagnosisJourneyTests.Campaign

    static func answers(_ campaign: Campaign, index: Int) throws -> [[String: Any]] {
        try campaign.answers("equipment") { _ in index }.map { field, value in
            ["sheet": 0, "item": String(field.dropFirst("a0.".count)), "value": value]
        }
    }

    @Test("start, save (stale refused), evidence, submit (a missing answer refused), report data, feedback")
    func journey() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let uscc = Campaign.uscc(1)
        try await campaign.importFirms([(uscc, "南宁样本机械有限公司", "450102")], group: "equipment")
        try await campaign.register(uscc, name: "南宁样本机械有限公司", username: "nn_firm")
        let store = campaign.services.store.diagnoses
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            let firm = try await APITestCaller(client, campaign.services, "nn_firm")
            let overview = try APITestCaller.object(try await firm.call(.get, "/api/v1/diagnoses"))
            #expect((overview["firm"] as? [String: Any])?["uscc"] as? String == uscc)
            #expect((overview["diagnoses"] as? [Any])?.isEmpty == true)

            let unknown = try await firm.call(.post, "/api/v1/diagnoses", json: ["modules": ["no-such-module"]])
            #expect(unknown.status == .unprocessableContent)
            #expect(try APITestCaller.error(unknown).code == "unknown_module")
            #expect(try await store.diagnoses(programmeId: campaign.programme.id, uscc: uscc).isEmpty)

            let started = try await firm.call(.post, "/api/v1/diagnoses", json: [String: Any]())
            #expect(started.status == .created)
            let draft = try APITestCaller.object(started)
            let id = try #require(draft["id"] as? String)
            #expect(draft["status"] as? String == "draft" && draft["version"] as? Int == 1)
            // Starting again resumes the draft.
            let resumed = try await firm.call(.post, "/api/v1/diagnoses", json: [String: Any]())
            #expect(resumed.status == .ok)
            #expect(try APITestCaller.object(resumed)["id"] as? String == id)

            var all = try Self.answers(campaign, index: 1)
            let partial = all.filter { $0["item"] as? String == "strategy_planning" }
            let saved = try await firm.call(
                .post, "/api/v1/diagnoses/\(id)/answers", json: ["action": "save", "version": 1, "answers": partial])
            #expect(saved.status == .ok)
            #expect(try APITestCaller.object(saved)["version"] as? Int == 2)
            let stale = try await firm.call(
                .post, "/api/v1/diagnoses/\(id)/answers", json: ["action": "save", "version": 1, "answers": [[String: Any]]()])
            #expect(stale.status == .conflict)
            #expect(try APITestCaller.error(stale).message.contains("已过期"))
            let kept = try #require(try await store.diagnosis(id: id, programmeId: campaign.programme.id))
            #expect(kept.version == 2 && kept.answers.base.answers.count == 1)

            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            let name = "规划.png".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let evidence = "/api/v1/diagnoses/\(id)/evidence?item=strategy_planning&file_name=\(name)"
            let upload = try await firm.call(.post, evidence, raw: png, contentType: "application/octet-stream")
            #expect(upload.status == .created)
            let renamed = try await firm.call(
                .post, evidence, raw: Data("MZ not a picture".utf8), contentType: "application/octet-stream")
            #expect(renamed.status == .unprocessableContent)
            #expect(try await store.evidence(diagnosisId: id, programmeId: campaign.programme.id).count == 1)

            // Submit with one answer missing: 422 naming the question, nothing written.
            let missing = all.first { $0["item"] as? String == "security" }!
            all.removeAll { $0["item"] as? String == "security" }
            let refused = try await firm.call(
                .post, "/api/v1/diagnoses/\(id)/answers", json: ["action": "submit", "version": 2, "answers": all])
            #expect(refused.status == .unprocessableContent)
            #expect(try APITestCaller.error(refused).message.contains("尚未作答"))
            #expect(try await store.diagnosis(id: id, programmeId: campaign.programme.id)?.status == .draft)

            all.append(missing)
            let submitted = try await firm.call(
                .post, "/api/v1/diagnoses/\(id)/answers", json: ["action": "submit", "version": 2, "answers": all])
            #expect(submitted.status == .ok)
            let view = try APITestCaller.object(submitted)
            #expect(view["status"] as? String == "submitted" && view["offline_status"] as? String == "pending")
            let result = try #require(view["result"] as? [String: Any])
            #expect(result["grade"] as? Int == 3 && result["total_hundredths"] as? Int == 2672)
            #expect((result["dimensions"] as? [Any])?.count == 5 && (result["benchmark"] as? [Any])?.count == 4)
            // The page shows the same result.
            var browser = try await TestBrowser.signedIn(client, as: "nn_firm")
            let report = String(buffer: try await browser.get("/diagnosis/\(id)/report").body)
            #expect(report.contains("<strong id=\"grade\">3</strong>") && report.contains("26.72"))

            let badRating = try await firm.call(.post, "/api/v1/diagnoses/\(id)/feedback", json: ["rating": 6])
            #expect(badRating.status == .badRequest)
            #expect(try APITestCaller.error(badRating).code == "bad_request")
            let rated = try await firm.call(.post, "/api/v1/diagnoses/\(id)/feedback", json: ["rating": 4, "comment": "清楚"])
            #expect(rated.status == .ok)
            let feedback = try await store.feedback(programmeId: campaign.programme.id, uscc: uscc, diagnosisId: id)
            #expect(feedback.map(\.rating) == [4])

            // Guangxi takes no requests for an on-site diagnosis.
            let offline = try await firm.call(.post, "/api/v1/diagnoses/\(id)/offline-request")
            #expect(offline.status == .unprocessableContent)
            #expect(try APITestCaller.error(offline).code == "offline_not_offered")
        }
    }

    @Test("another firm and an official of another city get 404; the covering official reads the report, not a draft")
    func reach() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let own = Campaign.uscc(1)
        let other = Campaign.uscc(2)
        try await campaign.importFirms([(own, "南宁样本机械有限公司", "450102"), (other, "南宁另一公司", "450102")], group: "equipment")
        try await campaign.register(own, name: "南宁样本机械有限公司", username: "nn_firm")
        try await campaign.register(other, name: "南宁另一公司", username: "nn_other")
        try await campaign.user("gx_nanning", RoleGrant(role: .districtOfficial, scope: .division("450100")))
        try await campaign.user("gx_liuzhou", RoleGrant(role: .districtOfficial, scope: .division("450200")))
        let record = try await campaign.submitDirectly(own, index: 1)
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            let intruder = try await APITestCaller(client, campaign.services, "nn_other")
            let read = try await intruder.call(.get, "/api/v1/diagnoses/\(record.id)")
            #expect(read.status == .notFound)
            #expect(try APITestCaller.error(read).code == "not_found")
            let rate = try await intruder.call(.post, "/api/v1/diagnoses/\(record.id)/feedback", json: ["rating": 5])
            #expect(rate.status == .notFound)
            #expect(try await campaign.services.store.diagnoses.feedback(programmeId: campaign.programme.id, uscc: own).isEmpty)

            let liuzhou = try await APITestCaller(client, campaign.services, "gx_liuzhou")
            #expect(try await liuzhou.call(.get, "/api/v1/diagnoses/\(record.id)").status == .notFound)
            let nanning = try await APITestCaller(client, campaign.services, "gx_nanning")
            let report = try await nanning.call(.get, "/api/v1/diagnoses/\(record.id)")
            #expect(report.status == .ok)
            #expect((try APITestCaller.object(report)["result"] as? [String: Any])?["grade"] as? Int == 3)
            // Officials do not fill in.
            let start = try await nanning.call(.post, "/api/v1/diagnoses", json: [String: Any]())
            #expect(start.status == .forbidden)

            // A draft is the firm's alone.
            let firm = try await APITestCaller(client, campaign.services, "nn_firm")
            let draft = try APITestCaller.object(try await firm.call(.post, "/api/v1/diagnoses", json: [String: Any]()))
            let draftId = try #require(draft["id"] as? String)
            #expect(try await nanning.call(.get, "/api/v1/diagnoses/\(draftId)").status == .notFound)
            #expect(try await firm.call(.get, "/api/v1/diagnoses/\(draftId)").status == .ok)
        }
    }

    @Test("Tianjin: the firm asks for an on-site diagnosis; the assigned provider files it, a bad date writes nothing")
    func onSite() async throws {
        let campaign = try await Campaign.make("tianjin-diagnosis-2026.yaml")
        defer { Task { await campaign.close() } }
        let uscc = Campaign.uscc(1, region: "120116")
        let group = try #require(campaign.settings.industryGroups.first).id
        try await campaign.importFirms([(uscc, "滨海样本电子有限公司", "120116001")], group: group)
        try await campaign.register(uscc, name: "滨海样本电子有限公司", username: "tj_firm")
        let parties = campaign.services.store.parties
        let provider = try await parties.addOrganisation(
            programmeId: campaign.programme.id, kind: "provider", name: "样本诊断服务商", uscc: nil, subIndustryId: nil,
            divisionCode: "120116")
        let stranger = try await parties.addOrganisation(
            programmeId: campaign.programme.id, kind: "provider", name: "别的服务商", uscc: nil, subIndustryId: nil,
            divisionCode: "120116")
        let grant = RoleGrant(role: .digitalProvider, scope: .programme(campaign.programme.id))
        try await campaign.user("dx_provider", grant, organisationId: provider.id)
        try await campaign.user("dx_other", grant, organisationId: stranger.id)
        let record = try await campaign.submitDirectly(uscc, index: 1)
        let store = campaign.services.store.diagnoses
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            let firm = try await APITestCaller(client, campaign.services, "tj_firm")
            let asked = try await firm.call(.post, "/api/v1/diagnoses/\(record.id)/offline-request")
            #expect(asked.status == .ok)
            #expect(try APITestCaller.object(asked)["offline_status"] as? String == "pending")
            let twice = try await firm.call(.post, "/api/v1/diagnoses/\(record.id)/offline-request")
            #expect(twice.status == .conflict)
            #expect(try APITestCaller.error(twice).code == "offline_refused")
            #expect(
                try await store.assignOffline(
                    diagnosisId: record.id, programmeId: campaign.programme.id, providerOrgId: provider.id, by: "u_district"))

            var findings: [String: String] = [:]
            for area in [
                "planning", "product_process", "automation", "networking", "systems", "data", "supply_chain", "security",
            ] {
                findings[area] = "现场核查：\(area)"
            }
            let report: [String: Any] = [
                "visited_on": "2026-02-30", "findings": findings, "verified_grade": 4, "opinion": "建议先上MES",
            ]
            let assigned = try await APITestCaller(client, campaign.services, "dx_provider")
            let badDay = try await assigned.call(.post, "/api/v1/diagnoses/\(record.id)/on-site-report", json: report)
            #expect(badDay.status == .unprocessableContent)
            #expect(try APITestCaller.error(badDay).code == "invalid_input")
            #expect(try await store.offline(diagnosisId: record.id, programmeId: campaign.programme.id)?.status == "assigned")
            let other = try await APITestCaller(client, campaign.services, "dx_other")
            var good = report
            good["visited_on"] = "2026-01-15"
            #expect(try await other.call(.post, "/api/v1/diagnoses/\(record.id)/on-site-report", json: good).status == .notFound)
            let filed = try await assigned.call(.post, "/api/v1/diagnoses/\(record.id)/on-site-report", json: good)
            #expect(filed.status == .ok)
            let offline = try #require(try await store.offline(diagnosisId: record.id, programmeId: campaign.programme.id))
            #expect(offline.status == "filed" && offline.verifiedGrade == 4 && offline.visitedOn == "2026-01-15")
            let view = try APITestCaller.object(filed)
            #expect(((view["result"] as? [String: Any])?["offline"] as? [String: Any])?["status"] as? String == "filed")
        }
    }
}
