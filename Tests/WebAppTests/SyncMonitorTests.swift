import Foundation
import Hummingbird
import HummingbirdTesting
import PilotStore
import SQLKit
import TestSupport
import Testing
import WebApp

@Suite("The sync monitor is for leadership and administrators; replay goes through a CSRF-checked form")
struct SyncMonitorTests {
    @Test("leader sees counts and dead letters and replays one; a contractor is refused")
    func monitor() async throws {
        try await WebFixture.with { fixture in
            let store = fixture.services.store
            try await store.backend.transaction { database in
                try await database.raw(
                    "UPDATE outbox SET status = 'dead', last_error = 'invalid_payload' WHERE id = (SELECT MIN(id) FROM outbox)"
                ).run()
            }
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var contractor = TestBrowser(client)
                try await contractor.signIn(fixture.contractor)
                #expect(try await contractor.get("/sync").status == .forbidden)

                var leader = TestBrowser(client)
                try await leader.signIn("leader")
                let page = try await leader.get("/sync")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("id=\"dead-letters\""))
                #expect(html.contains("invalid_payload"))
                #expect(html.contains("id=\"waiting\""))
                let token = try #require(TestBrowser.csrfToken(in: html))

                let forged = try await leader.post("/sync/replay", form: ["csrf_token": "nope", "project": ""])
                #expect(forged.status == .forbidden)
                #expect(try await store.outboxStatus().dead == 1)

                let replayed = try await leader.post("/sync/replay", form: ["csrf_token": token, "project": ""])
                #expect(replayed.status == .seeOther)
            }
            #expect(try await store.outboxStatus().dead == 0)
        }
    }
}
