import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

@Suite("Sign-in, CSRF and scope are enforced on the server")
struct SessionAndScopeTests {
    @Test("a good password signs in; a bad one is refused; repeated failures are throttled")
    func signIn() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var browser = TestBrowser(client)
                let bad = try await browser.signIn(fixture.contractor, password: "wrong")
                #expect(bad.status == .unauthorized)
                #expect(String(buffer: bad.body).contains("用户名或密码错误"))
                #expect(browser.cookies["smepilot_session"] == nil)

                let good = try await browser.signIn(fixture.contractor)
                #expect(good.status == .seeOther)
                #expect(browser.cookies["smepilot_session"] != nil)
                let tasks = try await browser.get("/tasks")
                #expect(tasks.status == .ok)
                #expect(String(buffer: tasks.body).contains(fixture.ownProject.data["enterprise_name"]?.stringValue ?? "?"))

                var attacker = TestBrowser(client)
                for _ in 0..<5 { try await attacker.signIn("district", password: "guess") }
                let blocked = try await attacker.signIn("district")
                #expect(blocked.status == .tooManyRequests)
                #expect(attacker.cookies["smepilot_session"] == nil)
            }
        }
    }

    @Test("a client naming a new X-Forwarded-For address with each guess is still throttled by its own address")
    func spoofedForwardedFor() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var attacker = TestBrowser(client)
                // Five names, five made-up addresses: the header does not count from a non-proxy peer.
                for index in 0..<5 {
                    let page = try await attacker.get("/login")
                    let token = try #require(TestBrowser.csrfToken(in: String(buffer: page.body)))
                    let guess = try await attacker.post(
                        "/login", form: ["csrf_token": token, "username": "guess\(index)", "password": "guess"],
                        headers: [.init("X-Forwarded-For")!: "203.0.113.\(index)"])
                    #expect(guess.status == .unauthorized)
                }
                let page = try await attacker.get("/login")
                let token = try #require(TestBrowser.csrfToken(in: String(buffer: page.body)))
                let blocked = try await attacker.post(
                    "/login", form: ["csrf_token": token, "username": "district", "password": TestApp.password],
                    headers: [.init("X-Forwarded-For")!: "198.51.100.7"])
                #expect(blocked.status == .tooManyRequests)
                #expect(attacker.cookies["smepilot_session"] == nil)
            }
        }
    }

    @Test("a form without the session's CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var browser = TestBrowser(client)
                try await browser.signIn(fixture.contractor)
                var form = WebFixture.plan
                form["csrf_token"] = "forged"
                let response = try await browser.post("/instances/\(fixture.ownProject.id)/commands/file_plan", form: form)
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("页面已过期"))
            }
            let after = try #require(try await fixture.services.store.instances.instance(fixture.ownProject.id))
            #expect(after.version == fixture.ownProject.version && after.state == "diagnosed")
        }
    }

    @Test("a contractor cannot read or act on another sub-industry's project: 404, nothing changed")
    func outOfScope() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var browser = TestBrowser(client)
                try await browser.signIn(fixture.contractor)
                let page = try await browser.get("/instances/\(fixture.ownProject.id)")
                let token = try #require(TestBrowser.csrfToken(in: String(buffer: page.body)))

                let read = try await browser.get("/instances/\(fixture.otherProject.id)")
                #expect(read.status == .notFound)
                var form = WebFixture.plan
                form["csrf_token"] = token
                let act = try await browser.post("/instances/\(fixture.otherProject.id)/commands/file_plan", form: form)
                #expect(act.status == .notFound)
            }
            let other = try #require(try await fixture.services.store.instances.instance(fixture.otherProject.id))
            #expect(other.version == fixture.otherProject.version)
            #expect(try await fixture.services.store.instances.history(other.id).count == fixture.otherProject.version)
        }
    }

    @Test("filing a plan through the page form moves the project; bad input is shown per field")
    func fileThroughForm() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                var browser = TestBrowser(client)
                try await browser.signIn(fixture.contractor)
                let page = try await browser.get("/instances/\(fixture.ownProject.id)")
                let html = String(buffer: page.body)
                #expect(html.contains("id=\"form-file_plan\""))
                let token = try #require(TestBrowser.csrfToken(in: html))

                var bad = WebFixture.plan
                bad["csrf_token"] = token
                bad["total_cost"] = "12.345"
                bad["end_date"] = "2024-01-01"
                let refused = try await browser.post("/instances/\(fixture.ownProject.id)/commands/file_plan", form: bad)
                #expect(refused.status == .unprocessableContent)
                let refusedHTML = String(buffer: refused.body)
                #expect(refusedHTML.contains("最多两位小数"))
                #expect(refusedHTML.contains("value=\"12.345\""))
                #expect(try await fixture.services.store.instances.instance(fixture.ownProject.id)?.state == "diagnosed")

                var good = WebFixture.plan
                good["csrf_token"] = token
                good["expected_version"] = String(fixture.ownProject.version)
                good["idempotency_key"] = "test-file-plan"
                let applied = try await browser.post("/instances/\(fixture.ownProject.id)/commands/file_plan", form: good)
                #expect(applied.status == .seeOther)
                let again = try await browser.post("/instances/\(fixture.ownProject.id)/commands/file_plan", form: good)
                #expect(again.status == .seeOther)
            }
            let after = try #require(try await fixture.services.store.instances.instance(fixture.ownProject.id))
            #expect(after.state == "plan_filed")
            #expect(after.data["total_cost"] == .int(80_000_000))
            #expect(after.version == fixture.ownProject.version + 1)
        }
    }

    @Test("probes, metrics and the stylesheet answer without login")
    func operations() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
                let metrics = try await client.execute(uri: "/metrics", method: .get)
                #expect(metrics.status == .ok)
                #expect(try await client.execute(uri: "/assets/app.css", method: .get).status == .ok)
                let tasks = try await client.execute(uri: "/tasks", method: .get)
                #expect(tasks.status == .seeOther)
                #expect(tasks.headers[.location]?.hasPrefix("/login") == true)
            }
        }
    }
}
