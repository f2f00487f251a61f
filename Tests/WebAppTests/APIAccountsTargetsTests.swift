import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Accounts (administrator only) and the programme's targets by API, with the pages' checks.
@Suite("API: accounts and targets")
struct APIAccountsTargetsTests {
    @Test("the administrator lists, creates and switches off accounts; the district may not; a bad name writes nothing")
    func accounts() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let admin = try await APITestCaller(client, services, "admin")
            let district = try await APITestCaller(client, services, "district")
            #expect(try await district.call(.get, "/api/v1/accounts").status == .forbidden)
            let listed = try APITestCaller.object(try await admin.call(.get, "/api/v1/accounts?role=finance_officer"))
            let finance = try #require(listed["items"] as? [[String: Any]])
            #expect(!finance.isEmpty && finance.allSatisfy { ($0["roles"] as? [String])?.contains("finance_officer") == true })

            let count = try await services.store.accounts.users(programmeId: programme.id).count
            let input: [String: Any] = ["username": "Bad Name", "display_name": "新财务", "role": "finance_officer"]
            let bad = try await admin.call(.post, "/api/v1/accounts", json: input)
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            let byDistrict = try await district.call(
                .post, "/api/v1/accounts", json: input.merging(["username": "finance9"]) { $1 })
            #expect(byDistrict.status == .forbidden)
            #expect(try await services.store.accounts.users(programmeId: programme.id).count == count)

            let made = try await admin.call(.post, "/api/v1/accounts", json: input.merging(["username": "finance9"]) { $1 })
            #expect(made.status == .created)
            let created = try APITestCaller.object(made)
            let password = try #require(created["one_time_password"] as? String)
            #expect(!password.isEmpty)
            let account = try #require(created["account"] as? [String: Any])
            let id = try #require(account["id"] as? String)
            #expect(account["roles"] as? [String] == ["finance_officer"])
            let again = try await admin.call(.post, "/api/v1/accounts", json: input.merging(["username": "finance9"]) { $1 })
            #expect(again.status == .unprocessableContent)

            // Switched off: its API token stops working at once.
            let theirs = try await APITestCaller(client, services, "finance9")
            #expect(try await theirs.call(.get, "/api/v1/funds/sources").status == .ok)
            let off = try await admin.call(.post, "/api/v1/accounts/\(id)/active", json: ["active": false])
            #expect(off.status == .ok)
            #expect(try APITestCaller.object(off)["active"] as? Bool == false)
            #expect(try await theirs.call(.get, "/api/v1/funds/sources").status == .unauthorized)
            let adminId = try #require(try await services.store.accounts.user(username: "admin")?.id)
            #expect(
                try await admin.call(.post, "/api/v1/accounts/\(adminId)/active", json: ["active": false]).status
                    == .unprocessableContent)
            #expect(try await admin.call(.post, "/api/v1/accounts/usr_nope/active", json: ["active": false]).status == .notFound)
        }
    }

    @Test("leadership reads and sets targets with the page's checks; a stale version is 409; the district may only read")
    func targets() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let leader = try await APITestCaller(client, services, "leader")
            let district = try await APITestCaller(client, services, "district")
            let read = try APITestCaller.object(try await district.call(.get, "/api/v1/targets"))
            let version = try #require(read["version"] as? Int)
            var goals = try #require(read["goals"] as? [String: Int])
            let key = try #require(goals.keys.sorted().first)
            goals[key] = (goals[key] ?? 1) + 1
            let body: [String: Any] = [
                "based_on": version, "deadline": "2025-12-31", "goals": goals, "reason": "按市里新要求上调",
            ]
            #expect(try await district.call(.put, "/api/v1/targets", json: body).status == .forbidden)
            var negative = goals
            negative[key] = -3
            let bad = try await leader.call(.put, "/api/v1/targets", json: body.merging(["goals": negative]) { $1 })
            #expect(bad.status == .unprocessableContent)
            _ = try APITestCaller.error(bad)
            let unknown = try await leader.call(
                .put, "/api/v1/targets", json: body.merging(["goals": goals.merging(["no_such_target": 3]) { $1 }]) { $1 })
            #expect(unknown.status == .unprocessableContent)
            #expect(try await services.store.targets.currentTargets(programmeId: programme.id)?.version ?? 0 == version)

            let saved = try await leader.call(.put, "/api/v1/targets", json: body)
            #expect(saved.status == .ok)
            let now = try APITestCaller.object(saved)
            #expect(now["version"] as? Int == version + 1)
            #expect((now["goals"] as? [String: Int])?[key] == goals[key])
            // The same request again is based on a version no longer in force.
            let stale = try await leader.call(.put, "/api/v1/targets", json: body.merging(["reason": "再次提交"]) { $1 })
            #expect(stale.status == .conflict)
            #expect(try await services.store.targets.currentTargets(programmeId: programme.id)?.version == version + 1)
        }
    }
}
