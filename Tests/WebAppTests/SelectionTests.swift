import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Excellent providers; benchmarks and typical cases only through the case register")
struct SelectionTests {
    @Test("pool providers can be selected by the bureau or leadership; benchmarks and typical cases are refused here")
    func selection() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let closed = try await services.store.instances.instances(programmeId: programme.id, state: "accepted")
        let settling = try await services.store.instances.instances(programmeId: programme.id, state: "final_settlement")
        let accepted = try #require((closed + settling).first)
        let provider = try #require(
            try await services.store.parties.organisation(uscc: DemoUSCC.provider, programmeId: programme.id))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let page = String(buffer: try await leader.get("/selections").body)
            #expect(page.contains(provider.name) && page.contains("href=\"/cases\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let ok = try await leader.post(
                "/selections",
                form: ["csrf_token": token, "kind": "excellent_provider", "subject": provider.id, "selected": "1"])
            #expect(ok.status == .seeOther)
            // The old kinds: one source for each target, the case register.
            for kind in ["benchmark_enterprise", "typical_case"] {
                let refused = try await leader.post(
                    "/selections", form: ["csrf_token": token, "kind": kind, "subject": accepted.id, "selected": "1"])
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains("案例库"))
            }
            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            #expect(try await contractor.get("/selections").status == .forbidden)
        }
        let chosen = try await services.store.providers.selections(programmeId: programme.id)
        #expect(chosen.map(\.subjectId) == [provider.id])
        #expect(chosen.first?.kind == .excellentProvider)
    }
}

enum DemoUSCC {
    /// The demo provider (天津瀚云数字科技有限公司).
    static let provider = USCC.withCheckCharacter("91120116MA05HY001")!
}
