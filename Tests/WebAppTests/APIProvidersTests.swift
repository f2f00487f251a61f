import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Products, main contractors and selections by API: a provider publishes and corrects its own
/// products; the bureau appoints contractors from the pool and selects excellent providers; other
/// roles are refused, and bad input is a 422 in Chinese that writes nothing.
@Suite("API: products, main contractors, selections")
struct APIProvidersTests {
    @Test("a provider publishes and corrects its own products; another's is not found; a bad price writes nothing")
    func products() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let own = try #require(try await services.store.accounts.user(username: "provider")?.organisationId)
        let existing = try await services.store.providers.products(programmeId: programme.id)
        let scenario = try #require(existing.first?.scenarios.first)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let provider = try await APITestCaller(client, services, "provider")
            let product: [String: Any] = [
                "name": "设备联网轻量化套件", "price": "39,800.00", "scenarios": [scenario], "description": "即插即用",
            ]
            let bad = try await provider.call(.post, "/api/v1/products", json: product.merging(["price": "三万"]) { $1 })
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            #expect(try await services.store.providers.products(programmeId: programme.id).count == existing.count)

            // Publishing for another organisation needs the admitters' right: the bureau has it.
            let others = try await services.store.parties.organisations(programmeId: programme.id, kind: "provider")
            let members = try await services.store.providers.poolMembers(programmeId: programme.id)
            let otherOrganisation = try #require(others.first { $0.id != own && members[$0.id]?.isInGoodStanding == true })
            let forOther = product.merging(["provider_id": otherOrganisation.id]) { $1 }
            #expect(try await provider.call(.post, "/api/v1/products", json: forOther).status == .forbidden)
            let district = try await APITestCaller(client, services, "district")
            let theirs = try await district.call(.post, "/api/v1/products", json: forOther)
            #expect(theirs.status == .created)
            let otherId = try #require(try APITestCaller.object(theirs)["id"] as? String)
            let other = try #require(try await services.store.providers.product(id: otherId, programmeId: programme.id))

            let made = try await provider.call(.post, "/api/v1/products", json: product)
            #expect(made.status == .created)
            let created = try APITestCaller.object(made)
            #expect(created["provider_id"] as? String == own)
            #expect(created["price_fen"] as? Int == 3_980_000)
            let id = try #require(created["id"] as? String)

            let updated = try await provider.call(
                .put, "/api/v1/products/\(id)", json: product.merging(["price": "35000", "name": "设备联网套件（二代）"]) { $1 })
            #expect(updated.status == .ok)
            let stored = try #require(try await services.store.providers.product(id: id, programmeId: programme.id))
            #expect(stored.price == Fen(3_500_000) && stored.name == "设备联网套件（二代）")

            let notMine = try await provider.call(.put, "/api/v1/products/\(other.id)", json: product)
            #expect(notMine.status == .notFound)
            #expect(try await services.store.providers.product(id: other.id, programmeId: programme.id) == other)

            let listed = try await provider.call(.get, "/api/v1/products?provider_id=\(own)")
            #expect(
                try (APITestCaller.object(listed)["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
            // The contract's maxLength counts code points: ten letters each carrying ten combining
            // marks are ten characters to Swift's `count` but 110 to the contract (limit 100).
            let marked = String(repeating: "o" + String(repeating: "\u{0301}", count: 10), count: 10)
            let encoded = try #require(marked.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let tooLong = try await provider.call(.get, "/api/v1/products?provider_id=\(encoded)")
            #expect(tooLong.status == .badRequest)
            #expect(try APITestCaller.error(tooLong).code == "bad_request")
        }
    }

    @Test("the bureau appoints a main contractor from the pool with a reason; others are refused; bad input writes nothing")
    func contractors() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let before = try await services.store.providers.contractorAssignments(programmeId: programme.id)
        let current = try #require(before.first { $0.endedAt == nil })
        let members = try await services.store.providers.poolMembers(programmeId: programme.id)
        let pool = try await services.store.parties.organisations(programmeId: programme.id, kind: "provider")
        let candidate = try #require(pool.first { members[$0.id]?.isInGoodStanding == true && $0.id != current.organisationId })
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let leader = try await APITestCaller(client, services, "leader")
            var body: [String: Any] = [
                "sub_industry_id": current.subIndustryId, "organisation_id": candidate.id, "task_book_no": "ZCB-2025-09",
            ]
            let byLeader = try await leader.call(.post, "/api/v1/contractors", json: body.merging(["reason": "履约不力"]) { $1 })
            #expect(byLeader.status == .forbidden)
            // Replacing needs a reason: named, nothing written.
            let noReason = try await district.call(.post, "/api/v1/contractors", json: body)
            #expect(noReason.status == .unprocessableContent)
            let fields = try #require(try APITestCaller.object(noReason)["error"] as? [String: Any])["fields"] as? [[String: Any]]
            #expect(fields?.contains { $0["field"] as? String == "reason" } == true)
            #expect(try await services.store.providers.contractorAssignments(programmeId: programme.id) == before)

            body["reason"] = "履约不力，按合同更换"
            let appointed = try await district.call(.post, "/api/v1/contractors", json: body)
            #expect(appointed.status == .created)
            #expect(try APITestCaller.object(appointed)["organisation_id"] as? String == candidate.id)
            let list = try APITestCaller.list(try await leader.call(.get, "/api/v1/contractors"))
            #expect(
                list.contains {
                    $0["sub_industry_id"] as? String == current.subIndustryId && $0["organisation_id"] as? String == candidate.id
                        && $0["ended_at"] == nil
                })
        }
    }

    @Test("leadership selects an excellent provider; the management provider may only read; a non-provider is refused")
    func selections() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let provider = try #require(
            try await services.store.parties.organisations(programmeId: programme.id, kind: "provider").first)
        let enterprise = try #require(
            try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").first)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let leader = try await APITestCaller(client, services, "leader")
            let manager = try await APITestCaller(client, services, "manager")
            let select: [String: Any] = [
                "kind": "excellent_provider", "subject_id": provider.id, "selected": true, "note": "年度优秀",
            ]
            #expect(try await manager.call(.post, "/api/v1/selections", json: select).status == .forbidden)
            let wrong = try await leader.call(
                .post, "/api/v1/selections", json: select.merging(["subject_id": enterprise.id]) { $1 })
            #expect(wrong.status == .unprocessableContent)
            _ = try APITestCaller.error(wrong)
            #expect(try await services.store.providers.selections(programmeId: programme.id).isEmpty)

            let selected = try await leader.call(.post, "/api/v1/selections", json: select)
            #expect(selected.status == .ok)
            let read = try APITestCaller.list(try await manager.call(.get, "/api/v1/selections"))
            #expect(read.contains { $0["subject_id"] as? String == provider.id })
            let withdrawn = try await leader.call(.post, "/api/v1/selections", json: select.merging(["selected": false]) { $1 })
            #expect(try APITestCaller.list(withdrawn).isEmpty)
        }
    }
}
