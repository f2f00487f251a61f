import Foundation
import Hummingbird
import HummingbirdTesting
import PilotStore
import TestSupport
import Testing
import WebApp

/// Pages work under our own Content-Security-Policy and answer HEAD (issue #11).
@Suite("Print buttons under the CSP; HEAD on pages")
struct PrintAndHeadTests {
    /// An inline event handler attribute (` onclick="…"`), which `script-src 'self'` blocks.
    static func inlineHandlers(_ page: String) -> [String] {
        page.matches(of: #/\son[a-z]+\s*=/#).map { String($0.output) }
    }

    @Test("the task book and the monthly report print through our own script, not inline handlers")
    func printButtons() async throws {
        try await WebFixture.app { services, client in
            let project = try await WebFixture.project(services, in: "suspended")
            var district = try await TestBrowser.signedIn(client, as: "district")
            var leader = try await TestBrowser.signedIn(client, as: "leader")
            let pages = [
                String(buffer: try await district.get("/instances/\(project.id)/task-book").body),
                String(buffer: try await leader.get("/dashboard/report").body),
            ]
            for page in pages {
                #expect(page.contains("data-action=\"print\""))
                #expect(Self.inlineHandlers(page).isEmpty, "\(Self.inlineHandlers(page))")
                #expect(page.contains("<script src=\"/assets/print.js\" defer></script>"))
            }
            let script = try await client.execute(uri: "/assets/print.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(String(buffer: script.body).contains("window.print()"))
            #expect(script.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }

    @Test("HEAD on a page answers like GET, without a body")
    func head() async throws {
        try await WebFixture.app { _, client in
            for path in ["/login", "/publicity", "/register", "/assets/app.css"] {
                let response = try await client.execute(uri: path, method: .head)
                #expect(response.status == .ok, "\(path)")
                #expect(response.body.readableBytes == 0, "\(path)")
            }
            // Signed-in pages behave as on GET: a visitor is sent to sign in.
            let tasks = try await client.execute(uri: "/tasks", method: .head)
            #expect(tasks.status == .seeOther)
        }
    }
}
