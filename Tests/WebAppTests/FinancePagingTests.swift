import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// `/finance` at programme scale: due tranches a page at a time with links between pages, and a
/// page number that is not one is a 400 naming the allowed range.
@Suite("Funds: the finance workspace in pages")
struct FinancePagingTests {
    @Test("page 2 shows the due tranches after the first 100; a bad page number is a 400")
    func paging() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        // 150 more projects with their first tranche due: more than one page.
        let added = try await services.store.funds.changeFunds(
            programmeId: programme.id, action: "bulk", detail: "", actor: ChangeActor(userId: "test", name: "test")
        ) { book throws(FundsRefusal) in
            for index in 1...150 {
                let id = "bulk-\(1000 + index)"
                try book.registerProject(
                    id, enterpriseOrganisationId: "ent-\(id)", approvedSubsidy: .yuan(100_000), localSourceId: "city")
                try book.milestoneReached(project: id, .taskBookSigned)
            }
            return true
        }
        #expect(added == .success(true))
        let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
        let open = Set(book.releases.filter(\.state.isOpen).flatMap(\.tranches))
        let due = book.projects.values.flatMap(\.tranches).filter { $0.status == .due && !open.contains($0.id) }.map(\.id)
            .sorted()
        try #require(due.count > 100)
        let payable = due.enumerated().filter { book.projects[$0.element.project]?.hold == .notHeld }
        let onFirst = try #require(payable.first { $0.offset < 100 }?.element)
        let onSecond = try #require(payable.first { $0.offset >= 100 }?.element)

        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let first = String(buffer: try await finance.get("/finance").body)
            let pages = (due.count + 99) / 100
            #expect(first.contains("第 1 / \(pages) 页") || first.contains("Page 1 of \(pages)"))
            #expect(first.contains("/finance?page=2"))
            #expect(first.contains("id=\"t-\(onFirst)\""))
            #expect(!first.contains("id=\"t-\(onSecond)\""))
            let second = try await finance.get("/finance?page=2")
            #expect(second.status == .ok)
            let page = String(buffer: second.body)
            #expect(page.contains("id=\"t-\(onSecond)\""))
            #expect(!page.contains("id=\"t-\(onFirst)\""))
            #expect(page.contains("/finance?page=1"))
            for bad in ["0", "-1", "abc", "99999999", "1.5"] {
                let response = try await finance.get("/finance?page=\(bad)")
                #expect(response.status == .badRequest, "page=\(bad)")
            }
        }
    }
}
