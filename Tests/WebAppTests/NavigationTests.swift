import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import TestSupport
import Testing
import WebApp

@Suite("Navigation shows exactly the pages the server lets each person open")
struct NavigationTests {
    /// Every page the navigation can link to.
    static let pages = [
        "/tasks", "/projects", "/providers", "/finance", "/enterprises/import", "/contractors", "/contractors/calls",
        "/programme/rules",
        "/cases", "/selections", "/dashboard", "/dashboard/national", "/workflows", "/sync", "/training", "/mobilisation",
        "/programme", "/contracts",
        "/funds/windows", "/bulk",
    ]

    /// The `href`s inside the page's `<nav>`.
    static func navigationLinks(_ html: String) -> Set<String> {
        guard let start = html.range(of: "<nav>"), let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let nav = html[start.upperBound..<end.lowerBound]
        var links = Set<String>()
        for part in nav.components(separatedBy: "href=\"").dropFirst() {
            if let quote = part.firstIndex(of: "\"") { links.insert(String(part[..<quote])) }
        }
        return links
    }

    @Test("for every demo role, a linked page opens (200) and an unlinked one is refused (403)")
    func linksMatchAccess() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let people = [
            "admin", "leader", "district", "finance", "manager", "platform", "contractor", "provider", "expert", "taskforce",
            "ent01",
        ]
        try await app.test(.router) { client in
            for person in people {
                var browser = TestBrowser(client)
                try await browser.signIn(person)
                let tasks = try await browser.get("/tasks")
                let links = Self.navigationLinks(String(buffer: tasks.body))
                #expect(links.isSuperset(of: ["/tasks", "/projects"]), "\(person): \(links)")
                for page in Self.pages {
                    let status = try await browser.get(page).status
                    if links.contains(page) {
                        #expect(status == .ok, "\(person) is shown \(page) but gets \(status)")
                    } else {
                        #expect(status == .forbidden, "\(person) is not shown \(page) but gets \(status)")
                    }
                }
            }
        }
    }
}
