import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// Issue #11 (A): a timer that always fails must not hold up the others, and ends dead.
@Suite("A failing timer is retried with backoff, then dead, and never blocks the others")
struct TimerRetryTests {
    /// A fresh store on `backend` whose clock tests move, with `count` instances in publicity, each
    /// with a pending `close_publicity` timer due after seven days.
    struct Scene {
        var clock: ManualClock
        var store: PilotStore
        var service: WorkflowService
        var instances: [InstanceSnapshot]
    }

    func makeScene(_ backend: BackendKind, instances count: Int) async throws -> Scene {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_717_200_000))
        let store = try await TestStores.make(backend, clock: clock)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        var instances: [InstanceSnapshot] = []
        for _ in 0..<count {
            let instance = try await service.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
            try await service.drive(instance.id, to: "publicity", people: people)
            instances.append(try #require(try await store.instances.instance(instance.id)))
        }
        return Scene(clock: clock, store: store, service: service, instances: instances)
    }

    /// Makes every write of the instance's next history row fail, as a broken row would: the row
    /// its next decision must write already exists, so the insert violates the primary key.
    func poison(_ instance: InstanceSnapshot, in store: PilotStore) async throws {
        try await store.backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state,
                actor_user_id, actor_name, input, rule_values, definition_version, occurred_at, prev_hash, hash)
                VALUES (\(bind: instance.id), \(bind: instance.version + 1), \(bind: instance.programmeId), 'poison',
                'x', 'x', 'x', 'x', '{}', '{}', 1, 0, 'x', 'x')
                """
            ).run()
        }
    }

    @Test("a timer whose firing always fails does not stop the other due timers", arguments: TestStores.backends)
    func failingTimerDoesNotBlock(backend: BackendKind) async throws {
        let scene = try await makeScene(backend, instances: 4)
        let (clock, store, service, instances) = (scene.clock, scene.store, scene.service, scene.instances)
        defer { Task { await store.shutdown() } }
        try await poison(instances[1], in: store)
        clock.advance(by: 8 * 86_400)

        let pass = try await service.fireDueTimers()

        #expect(pass.fired == 3 && pass.failed == 1)
        for instance in instances where instance.id != instances[1].id {
            #expect(try await store.instances.instance(instance.id)?.state == "signing")
        }
        #expect(try await store.instances.instance(instances[1].id)?.state == "publicity")
        #expect(try await store.timers.pendingTimers(instances[1].id).count == 1)
    }

    @Test(
        "the failing timer waits out its backoff, then is dead after its last attempt with its error kept",
        arguments: TestStores.backends)
    func backoffThenDead(backend: BackendKind) async throws {
        let scene = try await makeScene(backend, instances: 1)
        let (clock, store, service, instances) = (scene.clock, scene.store, scene.service, scene.instances)
        defer { Task { await store.shutdown() } }
        try await poison(instances[0], in: store)
        let retry = TimerRetryPolicy(maxAttempts: 3, base: 60, cap: 3600)
        clock.advance(by: 8 * 86_400)

        #expect(try await service.fireDueTimers(retry: retry).failed == 1)  // attempt 1; next after 60 s
        clock.advance(by: 59)
        #expect(try await service.fireDueTimers(retry: retry).examined == 0)
        clock.advance(by: 1)
        #expect(try await service.fireDueTimers(retry: retry).failed == 1)  // attempt 2; next after 120 s
        clock.advance(by: 119)
        #expect(try await service.fireDueTimers(retry: retry).examined == 0)
        #expect(try await store.timers.deadTimerCount() == 0)
        clock.advance(by: 1)
        #expect(try await service.fireDueTimers(retry: retry).died == 1)  // attempt 3: the last

        let dead = try await store.timers.deadTimers()
        #expect(dead.count == 1 && dead.first?.instanceId == instances[0].id && dead.first?.attempts == 3)
        #expect(dead.first?.transitionId == "close_publicity" && dead.first?.deadAt == clock.now())
        let error = dead.first?.lastError ?? ""
        #expect(error.contains("23505") || error.contains("UNIQUE constraint failed"))
        #expect(try await store.timers.deadTimerCount() == 1)
        #expect(try await store.timers.pendingTimers(instances[0].id).isEmpty)
        clock.advance(by: 30 * 86_400)
        #expect(try await service.fireAllDueTimers(retry: retry).examined == 0)
    }

    /// The lock order (the instance row, then its timer rows): a firing that took the timer row
    /// first and then waited for the instance deadlocked against a command that holds the instance
    /// and goes on to cancel the instance's timers. Only PostgreSQL has row locks.
    @Test("a command holds the instance and then cancels its timers while the loop runs: no deadlock, the loop passes it by")
    func lockOrder() async throws {
        let scene = try await makeScene(.postgres, instances: 1)
        let (clock, store, service, instanceId) = (scene.clock, scene.store, scene.service, scene.instances[0].id)
        defer { Task { await store.shutdown() } }
        clock.advance(by: 8 * 86_400)

        let poller = try await store.backend.transaction { database in
            // A decision's order: the instance row first …
            try await database.raw("UPDATE workflow_instances SET updated_at = updated_at WHERE id = \(bind: instanceId)").run()
            let finished = Finished()
            let poller = Task {
                let outcome = try await service.fireDueTimers()
                await finished.set()
                return outcome
            }
            // Give the loop its chance at the held instance: until it is done, or 5 s on a loaded
            // machine. A loop that waited for the instance (the deadlock) is still waiting then, and
            // the timers update below completes the cycle PostgreSQL reports.
            let deadline = ContinuousClock.now + .seconds(5)
            while await !finished.done, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            // … then the instance's timers.
            try await database.raw("UPDATE timers SET status = status WHERE instance_id = \(bind: instanceId)").run()
            return poller
        }
        let passedBy = try await poller.value

        #expect(passedBy.skipped == 1 && passedBy.fired == 0)
        #expect(try await service.fireDueTimers().fired == 1)
        #expect(try await store.instances.instance(instanceId)?.state == "signing")
    }
}

/// Set when a task is done (the lock-order test waits for the timer loop without a fixed sleep).
private actor Finished {
    var done = false
    func set() { done = true }
}
