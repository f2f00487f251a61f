import Foundation
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// The decision's write and the read before it run as named prepared statements on PostgreSQL
/// (issue #16): the same rows as the unprepared statements, a new connection prepares them again,
/// and the version check of a prepared write still refuses a stale decision, writing nothing.
@Suite("Prepared statements on the decision path")
struct PreparedStatementTests {
    func setUp(_ backend: BackendKind) async throws -> (WorkflowService, TestProgramme, InstanceSnapshot) {
        let store = try await TestStores.make(backend)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        let instance = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: "enterprise_registered",
            actor: people.district)
        return (service, people, instance)
    }

    func submit(_ service: WorkflowService, _ people: TestProgramme, _ id: String) async throws -> WorkflowService.Outcome {
        try await service.execute(
            Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1),
            actor: people.contractor)
    }

    @Test("the prepared read returns what the unprepared one does", arguments: TestStores.backends)
    func sameRows(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        guard case .applied = try await submit(service, people, instance.id) else {
            Issue.record("submit_plan not applied")
            return
        }
        let unprepared = try await service.store.backend.read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: InstanceRepository.instanceColumns) FROM workflow_instances WHERE id = \(bind: instance.id)"
            ).first().map(InstanceRepository.decodeInstance)
        }
        for _ in 0..<3 {
            let prepared = try await service.store.instances.instance(instance.id)
            #expect(prepared == unprepared)
            #expect(prepared?.state == "submitted" && prepared?.version == 2)
        }
        #expect(try await service.store.instances.instance("no-such-instance") == nil)
    }

    @Test("a decision made on a stale read writes nothing through the prepared write", arguments: TestStores.backends)
    func staleDecisionWritesNothing(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        guard case .applied = try await submit(service, people, instance.id) else {
            Issue.record("submit_plan not applied")
            return
        }
        // The same decision again, made on the instance as it was before the first one.
        let definition = try TestWorkflows.small()
        let command = Command(
            instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1)
        guard
            case .success(let stale) = service.engine.decide(
                command, instance: instance, definition: definition, actor: people.contractor, now: Date())
        else {
            Issue.record("the engine refused the decision on the stale read")
            return
        }
        do {
            try await service.store.instances.commit(stale, to: instance, definition: definition, idempotencyKey: "stale")
            Issue.record("a stale decision was written")
        } catch StoreError.staleVersion {}
        let after = try #require(try await service.store.instances.instance(instance.id))
        #expect(after.version == 2 && after.state == "submitted")
        let history = try await service.store.instances.history(instance.id)
        #expect(history.map(\.transitionId) == ["_start", "submit_plan"])
        #expect(try await service.store.outbox.outboxEvents(instanceId: instance.id).count == 2)
        #expect(try await service.store.audit.verifyAudit(only: [instance.id]).findings.isEmpty)
    }

    @Test("after the server drops every connection, new connections prepare the statements again")
    func survivesReconnect() async throws {
        let (service, people, first) = try await setUp(.postgres)
        defer { Task { await service.store.shutdown() } }
        guard case .applied = try await submit(service, people, first.id) else {
            Issue.record("submit_plan not applied")
            return
        }
        let address = try #require((service.store.backend as? PostgresBackend)?.address)
        let admin = PostgresBackend(address, maximumConnections: 1, logger: service.store.logger)
        defer { Task { await admin.shutdown() } }
        let dropped = try await admin.read { database in
            try await database.raw(
                """
                SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """
            ).first()?.decode(column: "n", as: Int.self)
        }
        #expect((dropped ?? 0) > 0)
        try await Task.sleep(for: .milliseconds(300))

        let second = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: "enterprise_registered",
            actor: people.district)
        guard case .applied(let result) = try await submit(service, people, second.id) else {
            Issue.record("submit_plan not applied after the reconnect")
            return
        }
        #expect(result.toState == "submitted")
        #expect(try await service.store.instances.instance(second.id)?.version == 2)
        #expect(try await service.store.instances.history(second.id).count == 2)
        #expect(try await service.store.audit.verifyAudit(only: [first.id, second.id]).findings.isEmpty)
    }

    @Test("a parameter bound NULL first and a number later gets a statement for each")
    func bindTypesAreTheKey() async throws {
        let store = try await TestStores.make(.postgres)
        defer { Task { await store.shutdown() } }
        let values = try await store.backend.read { database in
            var values: [Int?] = []
            for value in [nil, 7, nil, 8] as [Int?] {
                let row = try await database.preparedRows("SELECT \(bind: value) AS v").first
                values.append(try row?.decode(column: "v", as: Int?.self))
            }
            return values
        }
        #expect(values == [nil, 7, nil, 8])
    }

    @Test("names: one per text and bind types, none past the capacity (counted) or for a type it does not encode")
    func naming() {
        let cache = PreparedStatementCache(capacity: 2, prefix: "test_")
        let first = cache.statement(sql: "SELECT $1", binds: ["a"])
        #expect(first != nil)
        #expect(cache.statement(sql: "SELECT $1", binds: ["b"])?.name == first?.name)
        let null = cache.statement(sql: "SELECT $1", binds: [String?.none])
        #expect(null != nil && null?.name != first?.name)
        #expect(cache.unnamedRuns == 0)
        #expect(cache.statement(sql: "SELECT $1 + 1", binds: [1]) == nil)
        #expect(cache.unnamedRuns == 1)
        #expect(cache.statement(sql: "SELECT $1", binds: [Date()]) == nil)
        #expect(cache.count == 2)
        // A bind type it does not encode is not the cache being full.
        #expect(cache.unnamedRuns == 1)
    }
}
