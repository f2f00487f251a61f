import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// A project's own pages by API (issue 17): record slots (upload a draft, mark it final), the
/// investment list, the caller's form drafts and the contractor rating, through the page's own
/// functions; a stranger's project is not found, another role is refused, bad input writes nothing.
@Suite("API: a project's records, investment list, drafts and rating")
struct APIProjectPagesTests {
    @Test("the enterprise uploads and finalises a slot, keeps its investment list, drafts and rates; others are refused")
    func projectPages() async throws {
        try await WebFixture.app(enterprises: 21) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let project = try #require(
                try await store.instances.instances(programmeId: programme.id, state: "implementation").first)
            let owner = try await ContractsAndRecordsTests.enterpriseUser(services, project)
            let enterprise = try await APITestCaller(client, services, owner)
            let base = "/api/v1/instances/\(project.id)"

            let records = try APITestCaller.object(try await enterprise.call(.get, base + "/records"))
            #expect((records["slots"] as? [[String: Any]])?.count == RecordSlot.all.count)

            // A slot: a draft, then final (queued for the national platform).
            let slot = "acceptance_investment"
            let uploaded = try await enterprise.call(
                .post, base + "/slots/\(slot)?file_name=%E6%B8%85%E5%8D%95.pdf", raw: ContractsAndRecordsTests.pdf,
                contentType: "application/octet-stream")
            #expect(uploaded.status == .created)
            let draft = try APITestCaller.object(uploaded)
            #expect(draft["status"] as? String == "draft" && draft["file_name"] as? String == "清单.pdf")
            let documentId = try #require(draft["id"] as? String)
            let unknownSlot = try await enterprise.call(
                .post, base + "/slots/nope?file_name=a.pdf", raw: ContractsAndRecordsTests.pdf,
                contentType: "application/octet-stream")
            #expect(unknownSlot.status == .notFound)
            let final = try await enterprise.call(.post, base + "/slots/\(slot)/\(documentId)/final")
            #expect(final.status == .ok)
            #expect(try APITestCaller.object(final)["status"] as? String == "final")
            let sent = try await store.outbox.outboxEvents(instanceId: project.id).filter {
                $0.type == "record_filed" && $0.payload["slot"] == .string(slot)
            }
            #expect(sent.count == 1)
            let again = try await enterprise.call(.post, base + "/slots/\(slot)/\(documentId)/final")
            #expect(again.status == .unprocessableContent)
            #expect(try APITestCaller.error(again).code == "not_draft")

            // The investment list: bad input is 422 in Chinese and writes nothing; add, then remove.
            let before = try await store.records.investment(instanceId: project.id).count
            let bad = try await enterprise.call(
                .post, base + "/investment", json: ["item": "边缘网关", "category": "hardware", "amount": "一万"])
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            let foreignContract = try await enterprise.call(
                .post, base + "/investment",
                json: ["item": "边缘网关", "category": "hardware", "amount": "100", "contract_id": "con-none"])
            #expect(foreignContract.status == .unprocessableContent)
            let tooLong = try await enterprise.call(
                .post, base + "/investment",
                json: ["item": String(repeating: "长", count: 201), "category": "hardware", "amount": "100"])
            #expect(tooLong.status == .badRequest)
            #expect(try await store.records.investment(instanceId: project.id).count == before)
            let added = try await enterprise.call(
                .post, base + "/investment", json: ["item": "边缘网关", "category": "hardware", "amount": "12,000.50"])
            #expect(added.status == .created)
            let item = try APITestCaller.object(added)
            #expect(item["amount_fen"] as? Int == 1_200_050)
            let itemId = try #require(item["id"] as? String)
            #expect(try await store.records.investment(instanceId: project.id).contains { $0.id == itemId })
            var browser = try await TestBrowser.signedIn(client, as: owner)
            #expect(String(buffer: try await browser.get("/instances/\(project.id)/records").body).contains("边缘网关"))
            #expect(try await enterprise.call(.delete, base + "/investment/\(itemId)").status == .noContent)
            #expect(try await enterprise.call(.delete, base + "/investment/\(itemId)").status == .notFound)
            #expect(try await store.records.investment(instanceId: project.id).count == before)

            // Drafts: only the transition's own fields are kept; a transition not open is refused.
            let saved = try await enterprise.call(
                .put, base + "/drafts/apply_acceptance", json: ["values": ["summary_report": "草稿", "bogus": "x"]])
            #expect(saved.status == .ok)
            #expect(try APITestCaller.object(saved)["values"] as? [String: String] == ["summary_report": "草稿"])
            let listed = try APITestCaller.list(try await enterprise.call(.get, base + "/drafts"))
            #expect(listed.map { $0["transition"] as? String } == ["apply_acceptance"])
            let closed = try await enterprise.call(.put, base + "/drafts/approve_plan", json: ["values": ["a": "b"]])
            #expect(closed.status == .unprocessableContent)
            #expect(
                try await store.instances.drafts(
                    instanceId: project.id,
                    userId: try #require(
                        try await store.accounts.user(username: owner)?.id)
                ).keys.sorted() == ["apply_acceptance"])

            // The rating: a bad score is 400 and writes nothing; a contractor is refused; the enterprise rates.
            #expect(try await enterprise.call(.post, base + "/rating", json: ["score": 9]).status == .badRequest)
            #expect(try await store.providers.contractorRatings(programmeId: programme.id).isEmpty)
            let contractorName = try #require(
                try await store.accounts.users(programmeId: programme.id).first {
                    $0.grants.contains { $0.role == .mainContractor && $0.scope == .subIndustry(project.subIndustryId ?? "") }
                }?.username)
            let contractor = try await APITestCaller(client, services, contractorName)
            let refused = try await contractor.call(.post, base + "/rating", json: ["score": 5])
            #expect(refused.status == .forbidden)
            #expect(try await enterprise.call(.post, base + "/rating", json: ["score": 4, "comment": "及时"]).status == .noContent)
            #expect(try await store.providers.contractorRatings(programmeId: programme.id).contains { $0.score == 4 })

            // A stranger enterprise does not see the project at all.
            let other = try #require(
                try await store.accounts.users(programmeId: programme.id).first {
                    $0.username.hasPrefix("ent") && $0.organisationId != project.subjectOrganisationId
                })
            let stranger = try await APITestCaller(client, services, other.username)
            #expect(try await stranger.call(.get, base + "/records").status == .notFound)
            #expect(try await stranger.call(.get, base + "/drafts").status == .notFound)
            let strange = try await stranger.call(
                .post, base + "/investment", json: ["item": "x", "category": "other", "amount": "1"])
            #expect(strange.status == .notFound)
            #expect(try APITestCaller.error(strange).code == "not_found")
            #expect(try await store.records.investment(instanceId: project.id).count == before)
        }
    }

    @Test("the contractor submits the diagnosis with the level computed here; a bad item or another party writes nothing")
    func diagnosis() async throws {
        try await WebFixture.app { services, client in
            let project = try await WebFixture.project(services, in: "diagnosing")
            let name = try await PublicAndBadInputTests().contractor(for: project, services)
            let contractor = try await APITestCaller(client, services, name)
            let path = "/api/v1/instances/\(project.id)/diagnosis"
            let item = try #require(LevelIndexEdition.edition2024.items.first)
            let body: [String: Any] = [
                "points": [item.key: item.maximumPoints], "diagnosis_common_scenarios": "设备管理",
                "recommendations": "先做设备联网", "diagnosed_on": "2025-03-01",
            ]
            let bad = try await contractor.call(.post, path, json: body.merging(["points": ["nope": 1]]) { $1 })
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            let owner = try await ContractsAndRecordsTests.enterpriseUser(services, project)
            let enterprise = try await APITestCaller(client, services, owner)
            #expect(try await enterprise.call(.post, path, json: body).status == .forbidden)
            #expect(try await services.store.instances.instance(project.id)?.state == "diagnosing")
            let submitted = try await contractor.call(.post, path, json: body)
            #expect(submitted.status == .ok)
            let stored = try #require(try await services.store.instances.instance(project.id))
            #expect(stored.state == "diagnosis_submitted")
            let expected = LevelIndexEdition.edition2024.evaluate(LevelAssessment(points: [item.key: item.maximumPoints]))
            #expect(stored.data["baseline_index_points"] == .int(Int64(expected.totalPoints)))
        }
    }
}
