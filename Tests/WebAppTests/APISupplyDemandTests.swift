import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The supply–demand hall by API: an enterprise posts a need with the form's checks, a pool
/// provider answers it once, the public reads the open needs, the enterprise closes its need; other
/// roles are refused and bad input writes nothing.
@Suite("API: the supply-demand hall")
struct APISupplyDemandTests {
    @Test("post, answer, read and close a need by API; refused actors and bad input change nothing")
    func needs() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let providerOrganisation = try #require(try await services.store.accounts.user(username: "provider")?.organisationId)
        let products = try await services.store.providers.products(programmeId: programme.id)
        let product = try #require(products.first { $0.organisationId == providerOrganisation })
        let scenario = try #require(product.scenarios.first)
        let deadline = Shanghai.dateText(services.store.clock.now().addingTimeInterval(30 * 86_400))
        let before = try await services.store.hall.needs(programmeId: programme.id, statuses: [.open]).count
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let enterprise = try await APITestCaller(client, services, "ent01")
            let provider = try await APITestCaller(client, services, "provider")
            let district = try await APITestCaller(client, services, "district")
            let need: [String: Any] = [
                "title": "车间设备联网与能耗监测", "description": "二十台注塑机联网，按班组统计能耗", "scenarios": [scenario],
                "budget_min": "50000", "budget_max": "120000.50", "deadline": deadline, "show_name": true,
            ]
            #expect(try await provider.call(.post, "/api/v1/supply-demand/needs", json: need).status == .forbidden)
            let badBudget = try await enterprise.call(
                .post, "/api/v1/supply-demand/needs", json: need.merging(["budget_max": "十万"]) { $1 })
            #expect(badBudget.status == .unprocessableContent)
            #expect(try APITestCaller.error(badBudget).code == "invalid_input")
            #expect(try await services.store.hall.needs(programmeId: programme.id, statuses: [.open]).count == before)
            let posted = try await enterprise.call(.post, "/api/v1/supply-demand/needs", json: need)
            #expect(posted.status == .created)
            let created = try APITestCaller.object(posted)
            let id = try #require(created["id"] as? String)
            #expect(created["budget_max_fen"] as? Int == 12_000_050)

            // The public reads it without a token.
            let hall = try await client.execute(uri: "/api/v1/supply-demand/needs", method: .get)
            #expect(hall.status == .ok)
            #expect(
                (try APITestCaller.object(hall)["open"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
            #expect(
                try await client.execute(uri: "/api/v1/supply-demand/needs?scenario=nowhere", method: .get).status
                    == .unprocessableContent)

            // A pool provider answers once; a bad price is refused first.
            let answer: [String: Any] = [
                "proposal": "边缘网关采集，云端能耗看板", "price": "98000", "product_id": product.id, "timeline": "签约后 45 天上线",
            ]
            let badPrice = try await provider.call(
                .post, "/api/v1/supply-demand/needs/\(id)/answers", json: answer.merging(["price": "0"]) { $1 })
            #expect(badPrice.status == .unprocessableContent)
            #expect(try await services.store.hall.answers(needId: id).isEmpty)
            #expect(
                try await enterprise.call(.post, "/api/v1/supply-demand/needs/\(id)/answers", json: answer).status == .forbidden)
            let answered = try await provider.call(.post, "/api/v1/supply-demand/needs/\(id)/answers", json: answer)
            #expect(answered.status == .created)
            #expect((try APITestCaller.object(answered)["answers"] as? [[String: Any]])?.first?["price_fen"] as? Int == 9_800_000)
            let twice = try await provider.call(.post, "/api/v1/supply-demand/needs/\(id)/answers", json: answer)
            #expect(twice.status == .conflict)

            // The enterprise reads every answer; a stale version is a conflict; it closes the need.
            let detail = try APITestCaller.object(try await enterprise.call(.get, "/api/v1/supply-demand/needs/\(id)"))
            let answerId = try #require((detail["answers"] as? [[String: Any]])?.first?["id"] as? String)
            let stale = try await enterprise.call(
                .post, "/api/v1/supply-demand/needs/\(id)/accept", json: ["answer_id": answerId, "expected_version": 999])
            #expect(stale.status == .conflict)
            #expect(try await district.call(.post, "/api/v1/supply-demand/needs/\(id)/close").status == .forbidden)
            let closed = try await enterprise.call(.post, "/api/v1/supply-demand/needs/\(id)/close")
            #expect(closed.status == .ok)
            #expect((try APITestCaller.object(closed)["need"] as? [String: Any])?["status"] as? String == "closed")
            #expect(try await services.store.hall.need(id: id, programmeId: programme.id)?.status == .closed)
            #expect(try await enterprise.call(.post, "/api/v1/supply-demand/needs/\(id)/close").status == .conflict)
        }
    }
}
