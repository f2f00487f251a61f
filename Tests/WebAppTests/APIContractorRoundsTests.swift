import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Main-contractor selection rounds by API: the bureau opens a round, a pool member applies, the
/// bureau scores and selects (which appoints), and both sides sign the task book — each step with
/// the page's rules; other roles are refused and bad input is refused in Chinese, writing nothing.
@Suite("API: contractor selection rounds")
struct APIContractorRoundsTests {
    @Test("open, apply, score, select and sign by API; refused actors and bad input change nothing")
    func roundLifecycle() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let sub = try #require(try await services.store.programmes.subIndustries(programmeId: programme.id).last)
        let providerOrganisation = try #require(try await services.store.accounts.user(username: "provider")?.organisationId)
        let now = services.store.clock.now()
        let today = Shanghai.dateText(now)
        let until = Shanghai.dateText(now.addingTimeInterval(20 * 86_400))
        let term = Shanghai.dateText(now.addingTimeInterval(400 * 86_400))
        let roundsBefore = try await services.store.providers.contractorRounds(programmeId: programme.id)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let leader = try await APITestCaller(client, services, "leader")
            let provider = try await APITestCaller(client, services, "provider")
            let enterprise = try await APITestCaller(client, services, "ent01")
            let body: [String: Any] = [
                "sub_industry_id": sub.id, "applications_from": today, "applications_until": until, "term_until": term,
                "requirements": "资源池在库服务商均可申报",
            ]
            // Oversight reads but does not open; dates out of order are the page's refusal.
            #expect(try await leader.call(.post, "/api/v1/contractors/rounds", json: body).status == .forbidden)
            let backwards = try await district.call(
                .post, "/api/v1/contractors/rounds", json: body.merging(["applications_until": "2000-01-01"]) { $1 })
            #expect(backwards.status == .unprocessableContent)
            #expect(try APITestCaller.error(backwards).message.contains("申报截止日期不能早于开始日期"))
            let tooLong = try await district.call(
                .post, "/api/v1/contractors/rounds",
                json: body.merging(["requirements": String(repeating: "要", count: 2001)]) { $1 })
            #expect(tooLong.status == .badRequest)
            #expect(try await services.store.providers.contractorRounds(programmeId: programme.id) == roundsBefore)

            let opened = try await district.call(.post, "/api/v1/contractors/rounds", json: body)
            #expect(opened.status == .created)
            let roundId = try #require(try APITestCaller.object(opened)["id"] as? String)
            #expect(try APITestCaller.object(opened)["status"] as? String == "open")
            let listed = try APITestCaller.list(try await leader.call(.get, "/api/v1/contractors/rounds"))
            #expect(listed.contains { $0["id"] as? String == roundId })
            #expect(try await enterprise.call(.get, "/api/v1/contractors/rounds").status == .forbidden)
            #expect(try await district.call(.get, "/api/v1/contractors/rounds/rnd-none").status == .notFound)

            // The provider sees the call and applies; an empty plan is refused and writes nothing.
            let calls = try APITestCaller.object(try await provider.call(.get, "/api/v1/contractors/calls"))
            #expect((calls["open"] as? [[String: Any]])?.contains { $0["id"] as? String == roundId } == true)
            let proposal: [String: Any] = [
                "round_id": roundId, "service_plan": "诊断先行，分批实施", "team": "实施工程师 10 名", "committed_enterprises": 8,
                "cases": "同行业改造 5 例", "price_commitment": "目录价九折",
            ]
            let noPlan = try await provider.call(
                .post, "/api/v1/contractors/applications", json: proposal.merging(["service_plan": "  "]) { $1 })
            #expect(noPlan.status == .unprocessableContent)
            #expect(try APITestCaller.error(noPlan).code == "invalid_input")
            let zero = try await provider.call(
                .post, "/api/v1/contractors/applications", json: proposal.merging(["committed_enterprises": 0]) { $1 })
            #expect(zero.status == .badRequest)
            #expect(try await services.store.providers.contractorApplications(roundId: roundId).isEmpty)
            #expect(try await enterprise.call(.post, "/api/v1/contractors/applications", json: proposal).status == .forbidden)
            let applied = try await provider.call(.post, "/api/v1/contractors/applications", json: proposal)
            #expect(applied.status == .created)
            let applicationId = try #require(try APITestCaller.object(applied)["id"] as? String)
            let again = try await provider.call(.post, "/api/v1/contractors/applications", json: proposal)
            #expect(again.status == .unprocessableContent)
            #expect(try APITestCaller.error(again).message.contains("每轮只能申报一次"))

            // The bureau scores on the typed criteria; a score above 100 is refused.
            let detail = try APITestCaller.object(try await district.call(.get, "/api/v1/contractors/rounds/\(roundId)"))
            let criteria = try #require(detail["criteria"] as? [[String: Any]])
            let typed = criteria.filter { $0["from_pool_grade"] as? Bool == false }.compactMap { $0["key"] as? String }
            #expect(!typed.isEmpty)
            var scores = Dictionary(uniqueKeysWithValues: typed.map { ($0, "86.5") })
            let badScores = scores.merging([typed[0]: "120"]) { $1 }
            let bad = try await district.call(
                .post, "/api/v1/contractors/rounds/\(roundId)/scores",
                json: ["application_id": applicationId, "scores": badScores])
            #expect(bad.status == .unprocessableContent)
            #expect(try await services.store.providers.contractorApplications(roundId: roundId).first?.total == nil)
            #expect(
                try await leader.call(
                    .post, "/api/v1/contractors/rounds/\(roundId)/scores",
                    json: ["application_id": applicationId, "scores": scores]
                ).status == .forbidden)
            scores[typed[0]] = "90"
            let scored = try await district.call(
                .post, "/api/v1/contractors/rounds/\(roundId)/scores", json: ["application_id": applicationId, "scores": scores])
            #expect(scored.status == .ok)
            let scoredApplications = try #require(try APITestCaller.object(scored)["applications"] as? [[String: Any]])
            #expect(scoredApplications.first?["total"] as? String != nil)

            // Selection appoints the provider and closes the round.
            let noBook = try await district.call(
                .post, "/api/v1/contractors/rounds/\(roundId)/selection",
                json: ["application_id": applicationId, "task_book_no": " "])
            #expect(noBook.status == .unprocessableContent)
            #expect(try await services.store.providers.contractorRound(roundId, programmeId: programme.id)?.isOpen == true)
            let selected = try await district.call(
                .post, "/api/v1/contractors/rounds/\(roundId)/selection",
                json: ["application_id": applicationId, "task_book_no": "BH-CB-API-01"])
            #expect(selected.status == .ok)
            let closed = try #require(try await services.store.providers.contractorRound(roundId, programmeId: programme.id))
            #expect(!closed.isOpen && closed.selectedApplicationId == applicationId)
            let assignments = try await services.store.providers.contractorAssignments(programmeId: programme.id)
            #expect(
                assignments.contains {
                    $0.subIndustryId == sub.id && $0.organisationId == providerOrganisation && $0.endedAt == nil
                        && $0.taskBookNo == "BH-CB-API-01"
                })

            // The task book: the contractor signs for its side, once; an enterprise is refused.
            #expect(try await enterprise.call(.get, "/api/v1/contractors/rounds/\(roundId)/task-book").status == .forbidden)
            #expect(try await enterprise.call(.post, "/api/v1/contractors/rounds/\(roundId)/signatures").status == .forbidden)
            let book = try APITestCaller.object(try await provider.call(.get, "/api/v1/contractors/rounds/\(roundId)/task-book"))
            #expect(book["signs_as"] as? String == "contractor" && book["fully_signed"] as? Bool == false)
            let signed = try await provider.call(.post, "/api/v1/contractors/rounds/\(roundId)/signatures")
            #expect(signed.status == .ok)
            #expect((try APITestCaller.object(signed)["signatures"] as? [[String: Any]])?.count == 1)
            let twice = try await provider.call(.post, "/api/v1/contractors/rounds/\(roundId)/signatures")
            #expect(twice.status == .unprocessableContent)
            #expect(try APITestCaller.error(twice).message.contains("已签署"))
            #expect(try await district.call(.post, "/api/v1/contractors/rounds/\(roundId)/signatures").status == .ok)
            #expect(try await services.store.providers.contractorSignatures(roundId: roundId).count == 2)
        }
    }
}
