import Foundation
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// The instance rows a service wrote last are decided on without reading them again (issue #16),
/// and a kept row that is no longer the stored one never decides anything: the write's version
/// check refuses it, and the command is decided again on the row read fresh.
@Suite("Deciding on the row the service wrote last")
struct InstanceCacheTests {
    /// A small-plan instance just started, as the store's other tests make it.
    func setUp(_ backend: BackendKind) async throws -> (WorkflowService, TestProgramme, String) {
        let (service, people, instance) = try await InstanceStoreTests().setUp(backend)
        return (service, people, instance.id)
    }

    /// Another server process on the same database: a service with a cache of its own.
    func secondProcess(_ service: WorkflowService) -> WorkflowService {
        WorkflowService(store: service.store, catalog: service.catalog)
    }

    func applied(_ outcome: WorkflowService.Outcome) -> CommandResult? {
        if case .applied(let result) = outcome { return result }
        return nil
    }

    @Test("the kept row is exactly what a read of the row returns", arguments: TestStores.backends)
    func keptEqualsRead(backend: BackendKind) async throws {
        let (service, people, id) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var plan = TestProgramme.validPlan
        plan["scenario_count"] = .int(4)
        plan["details"] = .string("引号\"、反斜杠\\、换行\n和制表\t")
        plan["on_cloud"] = .bool(true)
        #expect(
            applied(
                try await service.execute(
                    Command(instanceId: id, transitionId: "submit_plan", input: plan), actor: people.contractor)) != nil)
        #expect(service.keptInstances.snapshot(id) == (try await service.store.instances.instance(id)))
        let approve = Command(instanceId: id, transitionId: "approve", input: ["opinion": "同意"])
        #expect(applied(try await service.execute(approve, actor: people.district)) != nil)
        let close = Command(instanceId: id, transitionId: "close_publicity")
        #expect(applied(try await service.execute(close, actor: Actor.system(programmeId: people.programme.id))) != nil)
        let read = try #require(try await service.store.instances.instance(id))
        #expect(read.state == "signing" && read.version == 4)
        #expect(service.keptInstances.snapshot(id) == read)
        // The signature's effect writes nested data and participants; the kept row has them as read.
        #expect(
            applied(
                try await service.execute(
                    Command(instanceId: id, transitionId: "sign", expectedVersion: 4), actor: people.district)) != nil)
        let signed = try #require(try await service.store.instances.instance(id))
        #expect(signed.version == 5 && signed.data["signatures"] != nil)
        #expect(service.keptInstances.snapshot(id) == signed)
        let lookups = service.keptInstances.lookups
        #expect(lookups.hits >= 3 && lookups.misses == 1)
    }

    @Test(
        "a kept row another process moved on: the write is refused and the command decided on the fresh row",
        arguments: TestStores.backends)
    func staleWriteDecidedAgain(backend: BackendKind) async throws {
        let (service, people, id) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        try await service.drive(id, to: "signing", people: people)
        #expect(service.keptInstances.snapshot(id)?.version == 4)

        // The other process signs first: the row is at version 5, this service still keeps 4.
        let other = secondProcess(service)
        #expect(applied(try await other.execute(Command(instanceId: id, transitionId: "sign"), actor: people.district)) != nil)
        #expect(service.keptInstances.snapshot(id)?.version == 4)

        // Decided on the kept row this signature would drop the district's: it must be decided
        // again on the row as it stands, keeping both.
        let result = try #require(
            applied(try await service.execute(Command(instanceId: id, transitionId: "sign"), actor: people.provider)))
        #expect(result.version == 6)
        let row = try #require(try await service.store.instances.instance(id))
        #expect(row.version == 6)
        #expect(Set(row.participants["sign"]?.map(\.userId) ?? []) == [people.district.userId, people.provider.userId])
        #expect(service.keptInstances.snapshot(id) == row)
        let history = try await service.store.instances.history(id)
        #expect(history.map(\.seq) == Array(1...6))
        #expect(history.suffix(2).map(\.actorUserId) == [people.district.userId, people.provider.userId])
        let audit = try await service.verifyAudit(only: [id])
        #expect(audit.findings.isEmpty)
    }

    @Test("a refusal on a kept row is decided again on the fresh row", arguments: TestStores.backends)
    func staleRefusalDecidedAgain(backend: BackendKind) async throws {
        let (service, people, id) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        try await service.drive(id, to: "submitted", people: people)
        #expect(service.keptInstances.snapshot(id)?.state == "submitted")
        let other = secondProcess(service)
        #expect(
            applied(
                try await other.execute(
                    Command(instanceId: id, transitionId: "approve", input: ["opinion": "同意"]), actor: people.district))
                != nil)
        // On the kept row (submitted, version 2) this is refused twice over: the wrong state and
        // the wrong version. On the stored row (publicity, version 3) it is applied.
        let system = Actor.system(programmeId: people.programme.id)
        let result = try #require(
            applied(
                try await service.execute(
                    Command(instanceId: id, transitionId: "close_publicity", expectedVersion: 3), actor: system)))
        #expect(result.fromState == "publicity" && result.toState == "signing" && result.version == 4)
        #expect(try await service.verifyAudit(only: [id]).findings.isEmpty)
    }

    @Test("a hand edit of the row that bumps the version is seen by the next decision", arguments: TestStores.backends)
    func directChangeSeen(backend: BackendKind) async throws {
        let (service, people, id) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        try await service.drive(id, to: "submitted", people: people)
        try await service.store.backend.transaction { database in
            try await database.raw(
                """
                UPDATE workflow_instances SET version = version + 1, data = \(bind: #"{"corrected_by_hand":true}"#)
                WHERE id = \(bind: id)
                """
            ).run()
        }
        #expect(service.keptInstances.snapshot(id)?.version == 2)
        let result = try #require(
            applied(
                try await service.execute(
                    Command(instanceId: id, transitionId: "approve", input: ["opinion": "同意"]), actor: people.district)))
        #expect(result.version == 4)
        let row = try #require(try await service.store.instances.instance(id))
        // Decided on the edited row: its data is the hand edit plus the approval, not the kept plan.
        #expect(row.data["corrected_by_hand"] == .bool(true))
        #expect(row.data["summary"] == nil)
        #expect(row.data["opinion"] == .string("同意"))
        #expect(service.keptInstances.snapshot(id) == row)
    }

    @Test("the cache is bounded: a full generation ages out the older one")
    func bounded() {
        let cache = InstanceCache(capacity: 2)
        func snapshot(_ id: String, _ version: Int) -> InstanceSnapshot {
            InstanceSnapshot(
                id: id, programmeId: "p", definitionId: "d", definitionVersion: 1, state: "s", version: version,
                stateEnteredAt: Date(millis: 0), createdAt: Date(millis: 0))
        }
        for index in 0..<10 { cache.keep(snapshot("i\(index)", 1)) }
        #expect(cache.count <= 4)
        #expect(cache.snapshot("i9") != nil && cache.snapshot("i0") == nil)
        cache.keep(snapshot("i9", 3))
        cache.keep(snapshot("i9", 2))
        #expect(cache.snapshot("i9")?.version == 3)
        cache.forget("i9")
        #expect(cache.snapshot("i9") == nil)
        let none = InstanceCache(capacity: 0)
        none.keep(snapshot("i1", 1))
        #expect(none.snapshot("i1") == nil)
    }

    @Test("with prepared statements off the decision path runs unnamed statements and still applies", arguments: [false, true])
    func preparedSwitch(prepared: Bool) async throws {
        let (service, people, id) = try await setUp(.postgres)
        defer { Task { await service.store.shutdown() } }
        // One connection, so what it has prepared is what the decision path prepared.
        let address = try #require(service.store.backend as? PostgresBackend).address
        let backend = PostgresBackend(address, maximumConnections: 1, logger: service.store.logger)
        backend.preparedStatements = prepared
        let store = PilotStore(backend: backend, logger: service.store.logger)
        defer { Task { await store.shutdown() } }
        // A fresh service (an empty cache): the first command reads its instance, the second decides on the kept row.
        let unprepared = WorkflowService(store: store, catalog: service.catalog)
        try await unprepared.drive(id, to: "publicity", people: people)
        let row = try #require(try await store.instances.instance(id))
        #expect(row.state == "publicity" && row.version == 3)
        let named = try await store.backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE name LIKE 'smepilot_%'").first()?
                .decode(column: "n", as: Int.self) ?? -1
        }
        #expect(prepared ? named > 0 : named == 0)
        #expect(PostgresBackend.preparedSetting("off") == false && PostgresBackend.preparedSetting("ON") == true)
        #expect(PostgresBackend.preparedSetting("sometimes") == nil)
    }
}
