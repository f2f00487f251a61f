import Foundation
import Funds
import Logging
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The dashboard's project rows come from a per-process cache while the programme's instances
/// are unchanged (`FactRowsCache`): these tests hold the cached rows to the database after a
/// decision and a new project, in one process and across two on one PostgreSQL database.
@Suite("Project rows cache")
struct FactRowsCacheTests {
    static let definition = "enterprise-project"

    /// The enterprise withdraws a project that may still be withdrawn, through `workflows`.
    static func withdrawOne(
        _ store: PilotStore, _ workflows: WorkflowService, programmeId: String
    ) async throws -> ProjectFactRow {
        let rows = try await store.facts.readProjectFactRows(programmeId: programmeId, definitionId: definition)
        let open = ["registered", "diagnosing", "diagnosed", "plan_filed", "task_book_signing"]
        let leaving = try #require(rows.first { open.contains($0.state) })
        let account = try #require(
            try await store.accounts.users(programmeId: programmeId).first { $0.organisationId == leaving.enterpriseId })
        let outcome = try await workflows.execute(
            Command(instanceId: leaving.instanceId, transitionId: "withdraw", input: ["withdraw_reason": .string("经营调整")]),
            actor: try #require(try await store.accounts.user(id: account.id)).actor)
        guard case .applied = outcome else {
            Issue.record("withdraw refused: \(outcome)")
            return leaving
        }
        return leaving
    }

    static func expectFresh(_ store: PilotStore, _ programmeId: String) async throws -> [ProjectFactRow] {
        let served = try await store.facts.projectFactRows(programmeId: programmeId, definitionId: definition)
        let stored = try await store.facts.readProjectFactRows(programmeId: programmeId, definitionId: definition)
        #expect(served.map(\.instanceId).sorted() == stored.map(\.instanceId).sorted())
        let byId = Dictionary(uniqueKeysWithValues: stored.map { ($0.instanceId, $0) })
        for row in served {
            #expect(row.state == byId[row.instanceId]?.state && row.facts == byId[row.instanceId]?.facts, "\(row.instanceId)")
        }
        return served
    }

    @Test("a decision and a new project show at the next read; unchanged rows are served again", arguments: TestStores.backends)
    func oneProcess(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programmeId = try #require(try await store.accounts.user(username: "leader")).programmeId
        let first = try await Self.expectFresh(store, programmeId)
        #expect(try await Self.expectFresh(store, programmeId).count == first.count)

        let leaving = try await Self.withdrawOne(store, services.workflows, programmeId: programmeId)
        let afterWithdrawal = try await Self.expectFresh(store, programmeId)
        #expect(afterWithdrawal.first { $0.instanceId == leaving.instanceId }?.state == "withdrawn")

        let enterprise = try #require(try await store.parties.organisations(programmeId: programmeId, kind: "enterprise").first)
        _ = try await services.workflows.start(
            definitionId: Self.definition, programmeId: programmeId, subjectOrganisationId: enterprise.id,
            subIndustryId: enterprise.subIndustryId, divisionCode: enterprise.divisionCode, data: [:], event: nil,
            actor: .system(programmeId: programmeId))
        #expect(try await Self.expectFresh(store, programmeId).count == first.count + 1)
    }

    @Test("PostgreSQL: a decision or a funds change made by another server process shows at this one's next read")
    func twoProcesses() async throws {
        let address = try await ThrowawayPostgres.shared.freshDatabase()
        let catalog = try TestWorkflows.shipped()
        let reader = PilotStore(backend: PostgresBackend(address, logger: Logger(label: "test.cache.reader")))
        let writer = PilotStore(backend: PostgresBackend(address, logger: Logger(label: "test.cache.writer")))
        defer {
            Task {
                await reader.shutdown()
                await writer.shutdown()
            }
        }
        try await reader.migrate()
        var configuration = AppConfiguration(bcryptCost: 4)
        configuration.workflowsDirectory = TestWorkflows.shippedDirectory
        let services = AppServices(
            configuration: configuration, store: reader, catalog: catalog, divisions: try TestWorkflows.divisions(),
            logger: Logger(label: "test.cache"))
        try await DemoSeeder(services: services).seed(enterprises: 12)
        let programmeId = try #require(try await reader.accounts.user(username: "leader")).programmeId

        // The funds book is kept decoded by version: a change by the other process shows too.
        let bookBefore = try #require(try await reader.funds.fundsBook(programmeId: programmeId))
        let received = try await writer.funds.changeFunds(
            programmeId: programmeId, action: "receive", detail: "test", actor: .init(userId: "test", name: "test")
        ) { book throws(FundsRefusal) in _ = try book.receive(source: "city", amount: .yuan(1_000), at: Date()) }
        #expect((try? received.get()) != nil)
        let bookAfter = try #require(try await reader.funds.fundsBook(programmeId: programmeId))
        #expect(bookAfter.ledger.postings.count == bookBefore.ledger.postings.count + 1)
        #expect(try await reader.funds.fundsBook(programmeId: programmeId) == bookAfter)

        let before = try await Self.expectFresh(reader, programmeId)
        let leaving = try await Self.withdrawOne(
            writer, WorkflowService(store: writer, catalog: catalog), programmeId: programmeId)
        #expect(before.first { $0.instanceId == leaving.instanceId }?.state != "withdrawn")
        let after = try await Self.expectFresh(reader, programmeId)
        #expect(after.first { $0.instanceId == leaving.instanceId }?.state == "withdrawn")
    }
}
