import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Benchmark enterprises, typical cases and excellent providers")
struct SelectionTests {
    @Test("only accepted projects and pool providers can be selected, by the bureau or leadership")
    func selection() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        // Accepted and closed, or accepted and awaiting final settlement: both may be selected.
        let closed = try await services.store.instances.instances(programmeId: programme.id, state: "accepted")
        let settling = try await services.store.instances.instances(programmeId: programme.id, state: "final_settlement")
        let accepted = try #require((closed + settling).first)
        let running = try #require(
            try await services.store.instances.instances(programmeId: programme.id, state: "implementation").first)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let page = String(buffer: try await leader.get("/selections").body)
            #expect(page.contains(accepted.data["enterprise_name"]?.stringValue ?? "?"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let ok = try await leader.post(
                "/selections",
                form: ["csrf_token": token, "kind": "benchmark_enterprise", "subject": accepted.id, "selected": "1"])
            #expect(ok.status == .seeOther)
            let early = try await leader.post(
                "/selections", form: ["csrf_token": token, "kind": "typical_case", "subject": running.id, "selected": "1"])
            #expect(early.status == .unprocessableContent)
            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            #expect(try await contractor.get("/selections").status == .forbidden)
        }
        let chosen = try await services.store.providers.selections(programmeId: programme.id)
        #expect(chosen.map(\.subjectId) == [accepted.id])
        #expect(chosen.first?.kind == .benchmarkEnterprise)
    }
}
