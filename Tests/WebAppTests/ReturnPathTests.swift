import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import WebApp

/// Redirect targets stay on this site (issue #11): browsers drop tabs and newlines from a URL and
/// read a backslash as a slash, so each of these would lead to another host.
@Suite("Return paths: no open redirects")
struct ReturnPathTests {
    static let foreign = [
        "/\t/evil.com", "/\n/evil.com", "/\\evil.com", "/\\/evil.com", "//evil.com", "/%09/evil", "/%5Cevil.com",
        "/%2F/evil.com", "https://evil.com", "evil.com", "/projects\\..\\evil",
    ]

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("the language switch (no sign-in needed) refuses every foreign target and keeps a path of ours")
    func languageSwitch() async throws {
        try await WebFixture.app { _, client in
            var visitor = TestBrowser(client)
            for target in Self.foreign {
                let switched = try await visitor.get("/language?to=en&return_to=" + Self.encode(target))
                #expect(switched.status == .seeOther)
                #expect(switched.headers[.location] == "/tasks", "\(target.debugDescription)")
            }
            // As a link would carry it, the tab written as %09 in the query.
            let raw = try await visitor.get("/language?to=en&return_to=/%09/evil.com")
            #expect(raw.headers[.location] == "/tasks")
            let ours = try await visitor.get("/language?to=zh&return_to=" + Self.encode("/projects?page=2"))
            #expect(ours.headers[.location] == "/projects?page=2")
        }
    }

    @Test("signing in refuses every foreign target and keeps a path of ours")
    func signIn() async throws {
        try await WebFixture.app { _, client in
            for target in Self.foreign + ["/instances"] {
                var browser = TestBrowser(client)
                let page = String(buffer: try await browser.get("/login").body)
                let token = try #require(TestBrowser.csrfToken(in: page))
                let response = try await browser.post(
                    "/login",
                    form: ["csrf_token": token, "username": "leader", "password": TestApp.password, "return_to": target])
                #expect(response.status == .seeOther)
                #expect(
                    response.headers[.location] == (target == "/instances" ? "/instances" : "/tasks"),
                    "\(target.debugDescription)")
            }
        }
    }
}
