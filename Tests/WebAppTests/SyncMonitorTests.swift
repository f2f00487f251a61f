import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
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
                // The backlog (pending and in flight, without the dead letter) of the leader's programme.
                let backlog = try await store.outbox.outboxBacklog(programmeId: fixture.ownProject.programmeId)
                #expect(backlog.events > 0)
                #expect(html.contains("<td id=\"sync-backlog\">\(backlog.events)</td>"))
                let token = try #require(TestBrowser.csrfToken(in: html))

                let forged = try await leader.post("/sync/replay", form: ["csrf_token": "nope", "project": ""])
                #expect(forged.status == .forbidden)
                #expect(try await store.outbox.outboxStatus().dead == 1)

                let replayed = try await leader.post("/sync/replay", form: ["csrf_token": token, "project": ""])
                #expect(replayed.status == .seeOther)
            }
            #expect(try await store.outbox.outboxStatus().dead == 0)
        }
    }
}

@Suite("Every action checks the programme of what it touches")
struct ProgrammeBoundaryTests {
    @Test("another programme's dead letters are neither shown nor replayed; its providers cannot be selected")
    func otherProgramme() async throws {
        try await WebFixture.with { fixture in
            let store = fixture.services.store
            let other = try await store.programmes.createProgramme(
                code: "GX-2026", name: LocalizedText(zh: "广西", en: "Guangxi"), division: "450000", rules: [:])
            let foreignProvider = try await store.parties.addOrganisation(
                programmeId: other.id, kind: "provider", name: "外省服务商", uscc: nil, subIndustryId: nil,
                divisionCode: nil)
            try await store.backend.transaction { database in
                try await database.raw(
                    """
                    INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts,
                    next_attempt_at, last_error) VALUES ('evt_foreign', \(bind: other.id), 'prj_foreign', 1, 'plan_approved', '{}', 0,
                    'dead', 3, 0, 'foreign_reason')
                    """
                ).run()
            }
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var leader = TestBrowser(client)
                try await leader.signIn("leader")
                let html = String(buffer: try await leader.get("/sync").body)
                #expect(!html.contains("foreign_reason") && !html.contains("prj_foreign"))
                let token = try #require(TestBrowser.csrfToken(in: html))
                _ = try await leader.post("/sync/replay", form: ["csrf_token": token, "project": ""])
                #expect(try await store.outbox.outboxStatus(programmeId: other.id).dead == 1)

                let selections = String(buffer: try await leader.get("/selections").body)
                let selectionToken = try #require(TestBrowser.csrfToken(in: selections))
                let refused = try await leader.post(
                    "/selections",
                    form: [
                        "csrf_token": selectionToken, "kind": "excellent_provider", "subject": foreignProvider.id,
                        "selected": "1",
                    ])
                #expect(refused.status == .unprocessableContent)
            }
            #expect(try await store.providers.selections(programmeId: other.id).isEmpty)
        }
    }
}
