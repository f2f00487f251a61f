import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// What people type is text, never markup; what we write as markup is never shown as text
/// (issue #11: an enterprise name from /register reached /admin/users unescaped, and the
/// diagnosis form showed a literal `<span class="badge">`).
@Suite("Markup: typed text escaped, our markup intact")
struct MarkupSafetyTests {
    static let hostileName = "天津<script>alert(1)</script><b>x</b>科技有限公司"

    @Test("an enterprise name with markup, registered on the public form, is shown escaped on /admin/users")
    func registeredNameOnAccountsPage() async throws {
        let code = try #require(USCC.withCheckCharacter("91120116MA0XM0001"))
        try await WebFixture.app { _, client in
            let registered = try await WebFixture.register(
                client, name: Self.hostileName, uscc: code, username: "markupfirm")
            #expect(registered.status == .seeOther)

            var admin = try await TestBrowser.signedIn(client, as: "admin")
            let page = String(buffer: try await admin.get("/admin/users?q=markupfirm").body)
            #expect(page.contains("data-username=\"markupfirm\""))
            #expect(page.contains(HTML.escape(Self.hostileName)))
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(!page.contains("<b>x</b>"))
        }
    }

    @Test("the diagnosis form marks constrained scenarios with a badge, as markup")
    func diagnosisBadge() async throws {
        try await WebFixture.app { services, client in
            let project = try await WebFixture.project(services, in: "diagnosing")
            let contractor = try await PublicAndBadInputTests().contractor(for: project, services)
            var browser = try await TestBrowser.signedIn(client, as: contractor)
            let response = try await browser.get("/instances/\(project.id)/diagnosis")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("<span class=\"badge\">约束性</span>"))
            #expect(!page.contains("&lt;span"))
        }
    }
}
