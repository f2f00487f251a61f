import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@Suite("The store applies decisions atomically on SQLite and PostgreSQL")
struct InstanceStoreTests {
    func setUp(
        _ backend: BackendKind, clock: any Clock = SystemClock()
    ) async throws -> (WorkflowService, TestProgramme, InstanceSnapshot) {
        let store = try await TestStores.make(backend, clock: clock)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        let instance = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: "enterprise_registered",
            actor: people.district)
        return (service, people, instance)
    }

    @Test("a command moves the instance and writes one history row and one outbox event", arguments: TestStores.backends)
    func appliesCommand(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }

        let outcome = try await service.execute(
            Command(instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1),
            actor: people.contractor)

        guard case .applied(let result) = outcome else {
            Issue.record("expected applied, got \(outcome)")
            return
        }
        #expect(result.toState == "submitted")
        let after = try #require(try await service.store.instances.instance(instance.id))
        #expect(after.state == "submitted")
        #expect(after.version == 2)
        #expect(after.data["requested_subsidy"] == .int(24_000_050))
        let history = try await service.store.instances.history(instance.id)
        #expect(history.map(\.transitionId) == ["_start", "submit_plan"])
        #expect(history[1].prevHash == history[0].hash)
        let events = try await service.store.outbox.outboxEvents(instanceId: instance.id)
        #expect(events.map(\.type) == ["enterprise_registered", "plan_filed"])
        #expect(events.map(\.sequence) == [1, 2])
    }

    @Test("a refused command writes nothing", arguments: TestStores.backends)
    func refusalWritesNothing(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }

        let outcome = try await service.execute(
            Command(instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan),
            actor: people.otherContractor)

        #expect(outcome == .refused(.outOfScope(transition: "submit_plan")))
        let after = try #require(try await service.store.instances.instance(instance.id))
        #expect(after.version == 1 && after.state == "draft")
        #expect(try await service.store.instances.history(instance.id).count == 1)
        #expect(try await service.store.outbox.outboxEvents(instanceId: instance.id).count == 1)
    }

    @Test("50 concurrent commands on one instance: exactly one wins, history intact", arguments: TestStores.backends)
    func concurrentCommands(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }

        let outcomes = try await withThrowingTaskGroup(of: WorkflowService.Outcome.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await service.execute(
                        Command(
                            instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan,
                            expectedVersion: 1, idempotencyKey: "k-\(index)"),
                        actor: people.contractor)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        let applied = outcomes.filter { if case .applied = $0 { true } else { false } }
        #expect(applied.count == 1)
        for outcome in outcomes {
            switch outcome {
            case .applied: continue
            case .refused(.staleVersion), .refused(.notAllowedInState): continue
            default: Issue.record("unexpected outcome \(outcome)")
            }
        }
        let history = try await service.store.instances.history(instance.id)
        #expect(history.count == 2)
        #expect(try await service.store.audit.verifyAudit().findings.isEmpty)
    }

    @Test("a repeated idempotency key returns the first result and writes nothing", arguments: TestStores.backends)
    func idempotentReplay(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        let command = Command(
            instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan, idempotencyKey: "once")

        let first = try await service.execute(command, actor: people.contractor)
        let second = try await service.execute(command, actor: people.contractor)

        guard case .applied(let original) = first, case .replayed(let replayed) = second else {
            Issue.record("expected applied then replayed, got \(first) and \(second)")
            return
        }
        #expect(replayed.version == original.version && replayed.toState == original.toState && replayed.replayed)
        #expect(try await service.store.instances.history(instance.id).count == 2)
        #expect(try await service.store.outbox.outboxEvents(instanceId: instance.id).count == 2)

        let reused = try await service.execute(
            Command(instanceId: instance.id, transitionId: "withdraw", idempotencyKey: "once"), actor: people.contractor)
        #expect(reused == .refused(.idempotencyKeyReused))
    }

    @Test("a self-loop repeated with the same key is applied once", arguments: TestStores.backends)
    func selfLoopReplay(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        try await service.drive(instance.id, to: "signing", people: people)
        let sign = Command(instanceId: instance.id, transitionId: "sign", idempotencyKey: "sign-1")

        _ = try await service.execute(sign, actor: people.provider)
        let again = try await service.execute(sign, actor: people.provider)

        guard case .replayed = again else {
            Issue.record("expected replayed, got \(again)")
            return
        }
        #expect(try await service.store.instances.history(instance.id).filter { $0.transitionId == "sign" }.count == 1)
    }

    @Test("the task list shows only what the actor may act on", arguments: TestStores.backends)
    func tasks(backend: BackendKind) async throws {
        let (service, people, instance) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }

        let mine = try await service.store.instances.tasks(
            for: people.contractor, programmeId: people.programme.id, catalog: service.catalog)
        let theirs = try await service.store.instances.tasks(
            for: people.otherContractor, programmeId: people.programme.id, catalog: service.catalog)

        #expect(mine.map(\.id) == [instance.id])
        #expect(theirs.isEmpty)
    }
}
