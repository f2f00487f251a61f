import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing
import WebApp

/// Promotion centres by API: the list is cut to the caller's reach; the city bureau decides a
/// recommended centre; a step the status does not allow is refused; the lead self-assesses once a
/// year — each with the centre page's rules, refusals in Chinese and nothing written.
@Suite("API: promotion centres")
struct APIPromotionCentresTests {
    @Test("reach, the city's decision, a refused screening and the lead's self-assessment")
    func centres() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let all = try await services.store.centres.centres(CentreQuery(programmeId: programme.id))
        let waiting = try #require(all.first { $0.centre.status == .recommended })
        let own = try #require(all.first { $0.centre.status == .confirmed })
        let year = Shanghai.calendar.component(.year, from: services.store.clock.now())
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let provider = try await APITestCaller(client, services, "provider")
            let enterprise = try await APITestCaller(client, services, "ent01")

            // Reach: the bureau every centre, the provider the one it leads, an enterprise none.
            let listed = try APITestCaller.list(try await district.call(.get, "/api/v1/centres"))
            #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(all.map(\.id)))
            let mine = try APITestCaller.list(try await provider.call(.get, "/api/v1/centres"))
            #expect(mine.compactMap { $0["id"] as? String } == [own.id])
            #expect(try await enterprise.call(.get, "/api/v1/centres").status == .forbidden)
            #expect(try await provider.call(.get, "/api/v1/centres/\(waiting.id)").status == .notFound)
            #expect(try await district.call(.get, "/api/v1/centres?division=999999").status == .unprocessableContent)
            let detail = try APITestCaller.object(try await district.call(.get, "/api/v1/centres/\(own.id)"))
            #expect((detail["events"] as? [[String: Any]])?.isEmpty == false)

            // The city's decision: a note is required; the provider may not decide.
            let decision: [String: Any] = ["decision": "confirm", "note": "列入市级促进中心名单"]
            #expect(
                try await provider.call(.post, "/api/v1/centres/\(waiting.id)/decision", json: decision).status == .forbidden)
            let noNote = try await district.call(
                .post, "/api/v1/centres/\(waiting.id)/decision", json: decision.merging(["note": "  "]) { $1 })
            #expect(noNote.status == .unprocessableContent)
            #expect(try APITestCaller.error(noNote).code == "invalid_input")
            #expect(
                try await services.store.centres.centre(id: waiting.id, programmeId: programme.id)?.centre.status == .recommended)
            let confirmed = try await district.call(.post, "/api/v1/centres/\(waiting.id)/decision", json: decision)
            #expect(confirmed.status == .ok)
            #expect((try APITestCaller.object(confirmed)["centre"] as? [String: Any])?["status"] as? String == "confirmed")
            #expect(
                try await services.store.centres.centre(id: waiting.id, programmeId: programme.id)?.centre.status == .confirmed)

            // Screening a centre already on the list is the rule's refusal; nothing changes.
            let screening = try await district.call(
                .post, "/api/v1/centres/\(own.id)/screening", json: ["decision": "return", "note": "补充材料"])
            #expect(screening.status == .unprocessableContent)
            #expect(try await services.store.centres.centre(id: own.id, programmeId: programme.id)?.version == own.version)

            // The lead's self-assessment of this year: every committed function scored, once.
            let ratings = own.centre.application.commitments.map {
                ["commitment": $0.rawValue, "score": 80, "evidence": "年度服务台账"] as [String: Any]
            }
            let partial = try await provider.call(
                .post, "/api/v1/centres/\(own.id)/assessments", json: ["year": year, "ratings": Array(ratings.dropFirst())])
            #expect(partial.status == .unprocessableContent)
            #expect(
                try await district.call(
                    .post, "/api/v1/centres/\(own.id)/assessments", json: ["year": year, "ratings": ratings]
                ).status == .forbidden)
            let assessed = try await provider.call(
                .post, "/api/v1/centres/\(own.id)/assessments", json: ["year": year, "ratings": ratings])
            #expect(assessed.status == .ok)
            let stored = try #require(try await services.store.centres.centre(id: own.id, programmeId: programme.id))
            #expect(stored.centre.assessments[year]?.average == 80)
            let again = try await provider.call(
                .post, "/api/v1/centres/\(own.id)/assessments", json: ["year": year, "ratings": ratings])
            #expect(again.status == .unprocessableContent)
        }
    }
}
