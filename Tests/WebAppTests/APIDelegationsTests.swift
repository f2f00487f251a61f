import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

@testable import WebApp

/// `/api/v1/delegations…`: set, list and revoke delegations by API with the page's checks — bad
/// input refused in Chinese with nothing written, someone else's delegation 404.
@Suite("API: delegations")
struct APIDelegationsTests {
    @Test("finance hands the finance role to finance2; bad dates refused; a stranger cannot revoke; the delegate can")
    func createListRevoke() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let finance2 = try #require(try await services.store.accounts.user(username: "finance2"))
        let today = Shanghai.dateText(services.store.clock.now())
        let nextWeek = Shanghai.dateText(services.store.clock.now().addingTimeInterval(7 * 86_400))
        try await app.test(.router) { client in
            let finance = try await APITestCaller(client, services, "finance")
            let delegate = try await APITestCaller(client, services, "finance2")
            let district = try await APITestCaller(client, services, "district")
            let admin = try await APITestCaller(client, services, "admin")

            let backwards = try await finance.call(
                .post, "/api/v1/delegations",
                json: [
                    "delegate": finance2.id, "roles": ["finance_officer"], "starts_on": nextWeek, "ends_on": today,
                    "reason": "出差",
                ] as [String: Any])
            #expect(backwards.status == .unprocessableContent)
            #expect(try APITestCaller.error(backwards).message.contains("结束日期不能早于开始日期"))
            let noRole = try await finance.call(
                .post, "/api/v1/delegations",
                json: ["delegate": finance2.id, "roles": ["nobody"], "starts_on": today, "ends_on": nextWeek, "reason": "出差"]
                    as [String: Any])
            #expect(noRole.status == .unprocessableContent)
            _ = try APITestCaller.error(noRole)
            let forOthers = try await finance.call(
                .post, "/api/v1/delegations",
                json: [
                    "principal": finance2.id, "delegate": finance2.id, "roles": ["finance_officer"], "starts_on": today,
                    "ends_on": nextWeek, "reason": "出差",
                ] as [String: Any])
            #expect(forOthers.status == .unprocessableContent)
            #expect(try await services.store.delegations.delegations(programmeId: programme.id).isEmpty)

            let created = try await finance.call(
                .post, "/api/v1/delegations",
                json: [
                    "delegate": finance2.id, "roles": ["finance_officer"], "starts_on": today, "ends_on": nextWeek,
                    "reason": "出差一周",
                ] as [String: Any])
            #expect(created.status == .created)
            let view = try APITestCaller.object(created)
            let id = try #require(view["id"] as? String)
            #expect(view["roles"] as? [String] == ["finance_officer"])
            #expect(view["active"] as? Bool == true)
            #expect(try await services.store.delegations.delegation(id: id)?.delegateUserId == finance2.id)

            // The delegate and an administrator see it; a colleague not involved does not.
            #expect(
                try APITestCaller.list(try await delegate.call(.get, "/api/v1/delegations")).map { $0["id"] as? String } == [id])
            #expect(
                try APITestCaller.list(try await admin.call(.get, "/api/v1/delegations")).contains { $0["id"] as? String == id })
            #expect(try APITestCaller.list(try await district.call(.get, "/api/v1/delegations")).isEmpty)

            let stranger = try await district.call(.post, "/api/v1/delegations/\(id)/revoke")
            #expect(stranger.status == .notFound)
            _ = try APITestCaller.error(stranger)
            #expect(try await services.store.delegations.delegation(id: id)?.revokedAt == nil)

            let revoked = try await delegate.call(.post, "/api/v1/delegations/\(id)/revoke")
            #expect(revoked.status == .ok)
            #expect(try APITestCaller.object(revoked)["active"] as? Bool == false)
            #expect(try await services.store.delegations.delegation(id: id)?.revokedAt != nil)
            #expect(try await delegate.call(.post, "/api/v1/delegations/\(id)/revoke").status == .notFound)
            #expect(try await finance.call(.post, "/api/v1/delegations/unknown/revoke").status == .notFound)
        }
    }
}

/// `/api/v1/inbox/settings`, `/api/v1/programme/rules/versions`, `/api/v1/sync/replay`: the page's
/// functions by API.
@Suite("API: inbox mail settings, a new rule version, sync replay")
struct APISettingsRulesSyncTests {
    @Test("inbox settings: read, a bad address refused with nothing saved, replaced")
    func inboxSettings() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let user = try #require(try await services.store.accounts.user(username: "district"))
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let initial = try await district.call(.get, "/api/v1/inbox/settings")
            #expect(initial.status == .ok)
            let address = try APITestCaller.object(initial)["address"]
            #expect(address == nil || address is NSNull)

            let bad = try await district.call(
                .put, "/api/v1/inbox/settings", json: ["address": "not an address", "kinds": ["sla.reminder"]] as [String: Any])
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            let unknownKind = try await district.call(
                .put, "/api/v1/inbox/settings", json: ["address": "li@example.cn", "kinds": ["nothing"]] as [String: Any])
            #expect(unknownKind.status == .unprocessableContent)
            #expect(try await services.store.notifications.mailSettings(userId: user.id) == nil)

            let saved = try await district.call(
                .put, "/api/v1/inbox/settings", json: ["address": "li@example.cn", "kinds": ["sla.reminder"]] as [String: Any])
            #expect(saved.status == .ok)
            #expect(try APITestCaller.object(saved)["kinds"] as? [String] == ["sla.reminder"])
            let stored = try await services.store.notifications.mailSettings(userId: user.id)
            #expect(stored?.address == "li@example.cn")
            #expect(stored?.kinds == [.slaReminder])
            #expect(try await district.call(.get, "/api/v1/inbox/settings").status == .ok)
        }
    }

    @Test("rules: a new version by the administrator; bad values named; stale is 409; others refused")
    func rules() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let current = try await services.store.programmes.programmeRules(programme.id)
        let values = Dictionary(
            uniqueKeysWithValues: ProgrammeRuleFields.all.map { ($0.key, ProgrammeRuleFields.text($0, current[$0.key])) })
        try await app.test(.router) { client in
            let admin = try await APITestCaller(client, services, "admin")
            let district = try await APITestCaller(client, services, "district")
            var bad = values
            bad["publicity_days"] = "0"
            let refused = try await admin.call(
                .post, "/api/v1/programme/rules/versions", json: ["values": bad, "reason": "改为5天公示"] as [String: Any])
            #expect(refused.status == .unprocessableContent)
            #expect(try APITestCaller.error(refused).message.contains("1–30 的整数"))
            let unchanged = try await admin.call(
                .post, "/api/v1/programme/rules/versions", json: ["values": values, "reason": "无变化"] as [String: Any])
            #expect(unchanged.status == .unprocessableContent)
            #expect(try await services.store.programmes.ruleVersions(programmeId: programme.id).count == 1)

            var good = values
            good["publicity_days"] = "5"
            #expect(
                try await district.call(
                    .post, "/api/v1/programme/rules/versions", json: ["values": good, "reason": "x"] as [String: Any]
                ).status
                    == .forbidden)
            let saved = try await admin.call(
                .post, "/api/v1/programme/rules/versions",
                json: ["values": good, "reason": "改为5天公示", "based_on": 1] as [String: Any])
            #expect(saved.status == .created)
            #expect(try APITestCaller.object(saved)["version"] as? Int == 2)
            #expect(try await services.store.programmes.programmeRules(programme.id)["publicity_days"] == .int(5))

            good["publicity_days"] = "9"
            let stale = try await admin.call(
                .post, "/api/v1/programme/rules/versions", json: ["values": good, "reason": "再改", "based_on": 1] as [String: Any])
            #expect(stale.status == .conflict)
            #expect(try APITestCaller.error(stale).message.contains("规则已被他人修改"))
            #expect(try await services.store.programmes.ruleVersions(programmeId: programme.id).count == 2)
        }
    }

    @Test("sync replay: the monitor queues dead letters again; other roles refused")
    func syncReplay() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        try await store.backend.transaction { database in
            try await database.raw(
                "UPDATE outbox SET status = 'dead', last_error = 'invalid_payload' WHERE id = (SELECT MIN(id) FROM outbox)"
            ).run()
        }
        #expect(try await store.outbox.outboxStatus().dead == 1)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let admin = try await APITestCaller(client, services, "admin")
            let finance = try await APITestCaller(client, services, "finance")
            #expect(try await finance.call(.post, "/api/v1/sync/replay", json: [String: String]()).status == .forbidden)
            #expect(try await store.outbox.outboxStatus().dead == 1)
            let replayed = try await admin.call(.post, "/api/v1/sync/replay", json: [String: String]())
            #expect(replayed.status == .ok)
            #expect(try APITestCaller.object(replayed)["replayed"] as? Int == 1)
            #expect(try await store.outbox.outboxStatus().dead == 0)
            let one = try await admin.call(.post, "/api/v1/sync/replay", json: ["project": "no-such-project"] as [String: Any])
            #expect(one.status == .ok)
            let tooLong = try await admin.call(
                .post, "/api/v1/sync/replay", json: ["project": String(repeating: "x", count: 101)] as [String: Any])
            #expect(tooLong.status == .badRequest)
            _ = try APITestCaller.error(tooLong)
        }
    }
}
