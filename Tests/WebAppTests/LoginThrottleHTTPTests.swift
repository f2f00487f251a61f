import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WebApp

/// Issue #11 (C) through the sign-in form. On a real loopback socket the peer is 127.0.0.1, a
/// trusted proxy by default, so `X-Forwarded-For` names the client address of each request; the
/// parallel guesses go to the router directly (every request from the same unknown peer).
@Suite("The sign-in form's throttle: counted before bcrypt, per address and per name-at-address")
struct LoginThrottleHTTPTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Posts the sign-in form from `address` with a fresh form token; the response's status.
    static func signIn(
        _ client: any TestClientProtocol, _ username: String, password: String, from address: String
    ) async throws -> HTTPResponse.Status {
        var browser = TestBrowser(client)
        let page = try await browser.get("/login")
        let token = try #require(TestBrowser.csrfToken(in: String(buffer: page.body)))
        return try await browser.post(
            "/login", form: ["csrf_token": token, "username": username, "password": password],
            headers: [forwardedFor: address]
        ).status
    }

    @Test("20 parallel wrong guesses: at most 5 reach the password check (401), the others are refused (429)")
    func parallelGuesses() async throws {
        try await WebFixture.with { fixture in
            // bcrypt at a production-like cost (the demo's hashes use the lowest): a guess at an
            // unknown name is checked against the decoy hash at this cost, so the guesses overlap
            // in bcrypt as real ones do, and a check made before recording would let them all in.
            var services = fixture.services
            services.passwords = Passwords(cost: 10)
            let app = try buildApplication(services: services, runTimers: false)
            // The router directly: the live test client sends one request at a time on its connection.
            try await app.test(.router) { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await Self.signIn(client, "wang.wu", password: "guess\(index)", from: "203.0.113.5")
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let verified = statuses.filter { $0 == .unauthorized }.count
                let refused = statuses.filter { $0 == .tooManyRequests }.count
                #expect(verified <= 5 && verified + refused == 20)
            }
        }
    }

    @Test("signing in to one's own account between guesses does not reset the address's count")
    func ownAccountDoesNotReset() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.live) { client in
                let attacker = "198.51.100.7"
                var guesses: [HTTPResponse.Status] = []
                for _ in 0..<4 { guesses.append(try await Self.signIn(client, "district", password: "guess", from: attacker)) }
                let own = try await Self.signIn(client, fixture.contractor, password: TestApp.password, from: attacker)
                for _ in 0..<2 { guesses.append(try await Self.signIn(client, "leader", password: "guess", from: attacker)) }

                #expect(own == .seeOther)
                #expect(guesses == Array(repeating: .unauthorized, count: 5) + [.tooManyRequests])
            }
        }
    }

    @Test("guesses at an official from address A do not lock the official out at address B")
    func officialNotLockedOut() async throws {
        try await WebFixture.with { fixture in
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.live) { client in
                var guesses: [HTTPResponse.Status] = []
                for _ in 0..<6 {
                    guesses.append(try await Self.signIn(client, "district", password: "guess", from: "203.0.113.66"))
                }
                let official = try await Self.signIn(client, "district", password: TestApp.password, from: "10.1.2.3")

                #expect(guesses == Array(repeating: .unauthorized, count: 5) + [.tooManyRequests])
                #expect(official == .seeOther)
            }
        }
    }
}
