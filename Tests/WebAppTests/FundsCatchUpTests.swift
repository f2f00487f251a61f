import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The funds book settles the projects decisions queued for it on every load of /finance: it must
/// write only when something is queued (a write locks the programme's funds, stores a new book and
/// adds a log line).
@Suite("Funds reconciliation writes only what changes the book")
struct FundsCatchUpTests {
    @Test(
        "the catch-up reads exactly the projects with an approved subsidy, as their documents say", arguments: TestStores.backends
    )
    func subsidised(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let all = try await services.store.instances.instances(programmeId: programme.id, limit: 10_000)
        let expected = all.filter { ($0.data["approved_subsidy"]?.intValue ?? 0) > 0 }.map(\.id).sorted()
        let read = try await services.store.instances.subsidisedProjects(programmeId: programme.id)
        #expect(!expected.isEmpty && expected.count < all.count)
        #expect(read.map(\.id).sorted() == expected)
        // Each light row says what the document and the history say.
        let byId = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        for project in read {
            let instance = try #require(byId[project.id])
            #expect(project.state == instance.state && project.enterpriseId == instance.subjectOrganisationId)
            #expect(project.divisionCode == instance.divisionCode && project.transitionsTaken == Set(instance.participants.keys))
            #expect(project.approvedSubsidy == instance.data["approved_subsidy"]?.intValue)
            #expect(
                project.fundsToRecover == (instance.state == "terminated" ? instance.data["funds_to_recover"]?.intValue : nil))
        }
    }

    @Test("loading /finance writes nothing when the book is up to date; a missed termination is caught up once")
    func onlyChanges() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            #expect(try await finance.get("/finance").status == .ok)
            let settled = try await store.funds.fundsLog(programmeId: programme.id, limit: 100_000)
            let book = try #require(try await store.funds.fundsBook(programmeId: programme.id))
            for _ in 0..<2 { #expect(try await finance.get("/finance").status == .ok) }
            #expect(
                try await store.funds.fundsLog(programmeId: programme.id, limit: 100_000).count == settled.count,
                "nothing new, nothing written")
            #expect(try await store.funds.fundsBook(programmeId: programme.id) == book)

            // A termination decided by the engine alone, as a crash right after its commit leaves it:
            // the decision queued the project for the book in its own transaction.
            let rows = try await store.facts.projectFactRows(programmeId: programme.id, definitionId: "enterprise-project")
            let project = try #require(
                rows.first { $0.state == "implementation" && book.projects[$0.instanceId]?.hold == .notHeld })
            let district = try #require(try await store.accounts.user(username: "district")).actor
            let outcome = try await services.workflows.execute(
                Command(
                    instanceId: project.instanceId, transitionId: "terminate",
                    input: ["termination_reason": .string("企业停产"), "funds_to_recover": .string("0")]),
                actor: district)
            guard case .applied = outcome else {
                Issue.record("terminate refused: \(outcome)")
                return
            }
            #expect(try await finance.get("/finance").status == .ok)
            let caught = try await store.funds.fundsLog(programmeId: programme.id, limit: 100_000)
            #expect(caught.count == settled.count + 1)
            #expect(caught.first?.action == "reconcile" && caught.first?.detail == "1 projects")
            #expect(try await store.funds.fundsBook(programmeId: programme.id)?.projects[project.instanceId]?.hold == .terminated)
            #expect(try await finance.get("/finance").status == .ok)
            #expect(try await store.funds.fundsLog(programmeId: programme.id, limit: 100_000).count == caught.count)
        }
    }
}
