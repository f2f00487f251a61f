import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Client-supplied numbers are bounded at the edge (issue #11, defect 1): a page of Int.max, a
/// release number of Int.min — each used to trap on overflow, which ends the whole process with
/// every request in flight, the timer loop and the relay.
@Suite("No number from a client can crash the server")
struct BoundedNumbersTests {
    @Test("list pages: Int.max, zero, negative and words are a 400 naming the range; the server keeps answering")
    func pages() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 10)
        defer { Task { await services.store.shutdown() } }
        let user = try #require(try await services.store.accounts.user(username: "district"))
        let token = try await services.store.sessions.createApiToken(userId: user.id, label: "test")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            for page in ["9223372036854775807", "9223372036854775808", "0", "-1", "abc", "1e3", "10001"] {
                let response = try await district.get("/projects?page=\(page)")
                #expect(response.status == .badRequest, "page=\(page)")
                #expect(String(buffer: response.body).contains("页码须为 1–10000 之间的整数"))
                let api = try await client.execute(
                    uri: "/api/v1/projects?page=\(page)", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(api.status == .badRequest, "API page=\(page)")
            }
            #expect(try await district.get("/projects?page=").status == .ok)
            #expect(try await district.get("/projects?page=10000").status == .ok)
            let api = try await client.execute(
                uri: "/api/v1/projects?page=2", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
        }
    }

    @Test("release numbers of Int.min and Int.max are refused as unknown, nothing changes")
    func releaseNumbers() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 20)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let before = try await services.store.funds.fundsBook(programmeId: programme.id)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var finance = TestBrowser(client)
            try await finance.signIn("finance2")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await finance.get("/finance").body)))
            for number in ["-9223372036854775808", "9223372036854775807", "0"] {
                for action in ["approve", "reject"] {
                    let response = try await finance.post(
                        "/finance/releases/\(number)/\(action)", form: ["csrf_token": token, "reason": "x"])
                    #expect([.notFound, .unprocessableContent].contains(response.status), "\(action) \(number)")
                }
            }
            let tranche = try await finance.post(
                "/finance/releases", form: ["csrf_token": token, "tranche[]": "prj_x#-9223372036854775808"])
            #expect([.notFound, .unprocessableContent, .badRequest].contains(tranche.status))
            #expect(try await finance.get("/finance").status == .ok)
        }
        #expect(try await services.store.funds.fundsBook(programmeId: programme.id)?.releases == before?.releases)
    }

    @Test("a public form token carrying Int64.min as its time is refused as too fast, not an overflow trap")
    func publicTokenTime() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let published = try #require(
            try await services.store.instances.instances(programmeId: programme.id, state: "publicity").first)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            // The double-submit token is the visitor's to write: cookie and form agree, the time is absurd.
            for forged in ["x.-9223372036854775808", "x.9223372036854775807", "x.-1"] {
                var robot = TestBrowser(client)
                robot.cookies["smepilot_public"] = forged
                let response = try await robot.post(
                    "/publicity/\(published.id)/objections",
                    form: ["csrf_token": forged, "objector_name": "张三", "objector_contact": "138", "objection": "异议"])
                #expect(response.status == .unprocessableContent, "\(forged)")
            }
            var visitor = TestBrowser(client)
            #expect(try await visitor.get("/publicity").status == .ok)
        }
        #expect(try await services.store.instances.instance(published.id)?.state == "publicity")
    }
}
