import Foundation
import Logging
import NIOConcurrencyHelpers
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// Group commit on PostgreSQL (issue #16): decisions that arrive while the store's statements are out
/// go together in the next one. Checked on a real server with hand-made writes (the statement's
/// composition: a stale decision writes nothing, the others stand; a batch the server refuses whole
/// is sent again one by one) and through the store (concurrent decisions, every row and counter right).
@Suite("Group commit of decisions on PostgreSQL")
struct GroupCommitTests {
    /// A table of versioned rows and a log with a unique key: a decision here bumps a row's version
    /// when it is the expected one and logs it, like an instance's update and its history row.
    func scratch(_ store: PilotStore) async throws {
        try await store.backend.read { database in
            try await database.raw("CREATE TABLE gc_rows (id TEXT PRIMARY KEY, version INTEGER NOT NULL)").run()
            try await database.raw("CREATE TABLE gc_log (key TEXT PRIMARY KEY, id TEXT NOT NULL)").run()
            try await database.raw("INSERT INTO gc_rows SELECT 'r' || n, 1 FROM generate_series(0, 9) n").run()
        }
    }

    func write(_ id: String, from version: Int, key: String) -> DecisionWrite {
        DecisionWrite(
            update: "UPDATE gc_rows SET version = \(bind: version + 1) WHERE id = \(bind: id) AND version = \(bind: version)",
            followUps: [.insert(target: "gc_log (key, id)", values: "\(bind: key), \(bind: id)", ignoreConflicts: false)])
    }

    func versions(_ store: PilotStore) async throws -> [String: Int] {
        try await store.backend.read { database in
            try await database.raw("SELECT id, version FROM gc_rows").all().reduce(into: [:]) {
                $0[try $1.decode(column: "id", as: String.self)] = try $1.decode(column: "version", as: Int.self)
            }
        }
    }

    func logged(_ store: PilotStore) async throws -> Set<String> {
        try await store.backend.read { database in
            Set(try await database.raw("SELECT key FROM gc_log").all().map { try $0.decode(column: "key", as: String.self) })
        }
    }

    /// A store whose group commit has width 1 (every decision arriving while one statement is out
    /// queues), a service on it with the small workflow, a programme and `count` projects in it.
    func projects(
        _ count: Int
    ) async throws -> (
        store: PilotStore, postgres: PostgresBackend, service: WorkflowService, people: TestProgramme, ids: [String]
    ) {
        let store = try await TestStores.make(.postgres)
        let postgres = try #require(store.backend as? PostgresBackend)
        postgres.groupCommitWidth = 1
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        var ids: [String] = []
        for _ in 0..<count {
            ids.append(
                try await service.start(
                    definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                    subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil,
                    actor: people.district
                ).id)
        }
        return (store, postgres, service, people, ids)
    }

    @Test("one statement for several decisions: a stale one writes nothing, the others stand")
    func staleInABatch() async throws {
        let store = try await TestStores.make(.postgres)
        defer { Task { await store.shutdown() } }
        try await scratch(store)
        let writes = [write("r0", from: 1, key: "a"), write("r1", from: 5, key: "b"), write("r2", from: 1, key: "c")]
        let matched = try await store.backend.read { try await DecisionWrite.runAsOneStatement(writes, on: $0) }
        #expect(matched == [true, false, true])
        let rows = try await versions(store)
        #expect(rows["r0"] == 2 && rows["r1"] == 1 && rows["r2"] == 2)
        #expect(try await logged(store) == ["a", "c"])
    }

    @Test("a batch writes each table in one step: rows in the decisions' order, a stale one's absent, upserts summed")
    func oneStepPerTable() async throws {
        let store = try await TestStores.make(.postgres)
        defer { Task { await store.shutdown() } }
        try await scratch(store)
        try await store.backend.read { database in
            try await database.raw("CREATE TABLE gc_ordered (n BIGSERIAL PRIMARY KEY, key TEXT NOT NULL)").run()
            try await database.raw("CREATE TABLE gc_totals (id TEXT PRIMARY KEY, total INTEGER NOT NULL)").run()
            try await database.raw("CREATE TABLE gc_flags (id TEXT PRIMARY KEY, flag INTEGER NOT NULL)").run()
            try await database.raw("INSERT INTO gc_flags SELECT 'r' || n, 0 FROM generate_series(0, 9) n").run()
        }
        // Each decision: two ordered rows, an upsert of totals (a counter's −1/+1 is two rows of one
        // upsert), and a guarded update of a row of its own.
        func decision(_ id: String, from version: Int) -> DecisionWrite {
            var write = write(id, from: version, key: id)
            write.followUps += [
                .insert(target: "gc_ordered (key)", values: "\(bind: id + "a")", ignoreConflicts: false),
                .upsert(
                    target: "gc_totals (id, total)", rows: ["\(bind: id), 1", "\(bind: "all"), 1"],
                    conflict: "(id) DO UPDATE SET total = gc_totals.total + excluded.total"),
                .insert(target: "gc_ordered (key)", values: "\(bind: id + "b")", ignoreConflicts: false),
                .update("UPDATE gc_flags SET flag = 1 WHERE id = \(bind: id)"),
            ]
            return write
        }
        // The "all" total is one row for every decision: PostgreSQL refuses an upsert that touches a
        // row twice, so two decisions of this batch must not both write it — give only the last one.
        var batch = [decision("r0", from: 1), decision("r1", from: 5), decision("r2", from: 1)]
        for index in 0..<2 {
            guard case .upsert(let target, let rows, let conflict) = batch[index].followUps[2] else { continue }
            batch[index].followUps[2] = .upsert(target: target, rows: [rows[0]], conflict: conflict)
        }
        let writes = batch
        let steps = OneStatement.steps(writes)
        // gc_log, gc_ordered, gc_totals once each; the three guarded updates each in its place.
        #expect(steps.count == 6)
        let tables = steps.compactMap { step -> String? in
            guard case .rows(let table) = step else { return nil }
            return table.target
        }
        #expect(tables == ["gc_log (key, id)", "gc_ordered (key)", "gc_totals (id, total)"])
        #expect(OneStatement.TableRows.readColumns("t (a, b,\n  c)") == ["a", "b", "c"])
        #expect(OneStatement.TableRows.readColumns("t") == nil && OneStatement.TableRows.readColumns("t (a, )") == nil)
        let matched = try await store.backend.read { try await DecisionWrite.runAsOneStatement(writes, on: $0) }
        #expect(matched == [true, false, true])
        let rows = try await versions(store)
        #expect(rows["r0"] == 2 && rows["r1"] == 1 && rows["r2"] == 2)
        let flagged = try await store.backend.read { database in
            try await database.raw("SELECT id FROM gc_flags WHERE flag = 1 ORDER BY id").all().map {
                try $0.decode(column: "id", as: String.self)
            }
        }
        #expect(flagged == ["r0", "r2"])
        let ordered = try await store.backend.read { database in
            try await database.raw("SELECT key FROM gc_ordered ORDER BY n").all().map {
                try $0.decode(column: "key", as: String.self)
            }
        }
        #expect(ordered == ["r0a", "r0b", "r2a", "r2b"])
        let totals = try await store.backend.read { database in
            try await database.raw("SELECT id, total FROM gc_totals").all().reduce(into: [String: Int]()) {
                $0[try $1.decode(column: "id", as: String.self)] = try $1.decode(column: "total", as: Int.self)
            }
        }
        #expect(totals == ["r0": 1, "r2": 1, "all": 1])
    }

    /// Holds the first statement until `open` so the decisions after it queue; then records each
    /// statement's size.
    final class HeldRunner: Sendable {
        let store: PilotStore
        private let gate = NIOLockedValueBox<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        let sizes = NIOLockedValueBox<[Int]>([])

        init(store: PilotStore) { self.store = store }

        func run(_ writes: [DecisionWrite]) async throws -> [Bool] {
            await withCheckedContinuation { continuation in
                let open = gate.withLockedValue { gate -> Bool in
                    if !gate.open { gate.waiters.append(continuation) }
                    return gate.open
                }
                if open { continuation.resume() }
            }
            sizes.withLockedValue { $0.append(writes.count) }
            return try await store.backend.read {
                try await DecisionWrite.runAsOneStatement(writes, on: $0)
            }
        }

        func open() {
            let waiters = gate.withLockedValue { gate in
                gate.open = true
                defer { gate.waiters = [] }
                return gate.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// A store with the scratch tables and a group commit of width 1, through which `decisions` (a
    /// row, the version it expects, a log key) are committed in the order given, the first one held
    /// until all the others have queued behind it.
    func commitHeld(
        _ decisions: [(row: String, from: Int, key: String)]
    ) async throws -> (store: PilotStore, group: GroupCommit, sizes: [Int], results: [Result<Bool, any Error>]) {
        let store = try await TestStores.make(.postgres)
        try await scratch(store)
        let group = GroupCommit(maxInFlight: 1)
        let runner = HeldRunner(store: store)
        let results = try await withThrowingTaskGroup(of: (Int, Result<Bool, any Error>).self) { tasks in
            for (index, decision) in decisions.enumerated() {
                let write = write(decision.row, from: decision.from, key: decision.key)
                tasks.addTask {
                    do {
                        return (index, .success(try await group.commit(write, instanceId: decision.row, run: runner.run)))
                    } catch { return (index, .failure(error)) }
                }
                // Wait until it is out (the first) or queued (the others), so the order is the one given.
                while group.inFlight + group.waiting < index + 1 { await Task.yield() }
            }
            runner.open()
            var results = [Result<Bool, any Error>?](repeating: nil, count: decisions.count)
            for try await (index, result) in tasks { results[index] = result }
            return results.map { $0! }
        }
        return (store, group, runner.sizes.withLockedValue { $0 }, results)
    }

    @Test("decisions queued while the statement is out go together; never two of one instance in one statement")
    func batching() async throws {
        // r0 first (held), then r1–r3 queue, and r1 again (from version 2: after its first decision).
        let (store, group, sizes, results) = try await commitHeld([
            ("r0", 1, "a"), ("r1", 1, "b"), ("r2", 1, "c"), ("r1", 2, "d"), ("r3", 1, "e"),
        ])
        defer { Task { await store.shutdown() } }
        #expect(results.map { (try? $0.get()) == true } == [true, true, true, true, true])
        // The held one alone, then r1, r2 and r3 together, then r1's second decision on its own.
        #expect(sizes == [1, 3, 1])
        #expect(group.sent.batches == 3 && group.sent.decisions == 5 && group.sent.largest == 3)
        let rows = try await versions(store)
        #expect(rows["r0"] == 2 && rows["r1"] == 3 && rows["r2"] == 2 && rows["r3"] == 2)
        #expect(try await logged(store) == ["a", "b", "c", "d", "e"])
    }

    @Test("a batch the server refuses whole is sent again one by one: only the faulty decision fails")
    func refusedBatch() async throws {
        // The third queued decision logs a key the first already took: a unique violation.
        let (store, _, sizes, results) = try await commitHeld([
            ("r0", 1, "a"), ("r1", 1, "b"), ("r2", 1, "c"), ("r3", 1, "a"), ("r4", 1, "e"),
        ])
        defer { Task { await store.shutdown() } }
        #expect((try? results[0].get()) == true && (try? results[1].get()) == true && (try? results[2].get()) == true)
        #expect((try? results[4].get()) == true)
        guard case .failure(let error) = results[3] else {
            Issue.record("the decision with the taken key was written")
            return
        }
        #expect(BackendKind.postgres.isUniqueViolation(error))
        // The batch of four failed as a whole, then went as four statements of one.
        #expect(sizes == [1, 4, 1, 1, 1, 1])
        let rows = try await versions(store)
        #expect(rows["r1"] == 2 && rows["r2"] == 2 && rows["r3"] == 1 && rows["r4"] == 2)
        #expect(try await logged(store) == ["a", "b", "c", "e"])
    }

    @Test("a batch's leader whose caller gave up (its task cancelled) still sends the others' decisions")
    func cancelledLeader() async throws {
        let store = try await TestStores.make(.postgres)
        defer { Task { await store.shutdown() } }
        try await scratch(store)
        let group = GroupCommit(maxInFlight: 1)
        let runner = HeldRunner(store: store)
        let first = Task { try await group.commit(write("r0", from: 1, key: "a"), instanceId: "r0", run: runner.run) }
        while group.inFlight < 1 { await Task.yield() }
        // r1 queues first, so it leads the next batch, which carries r2's decision too.
        let leader = Task { try await group.commit(write("r1", from: 1, key: "b"), instanceId: "r1", run: runner.run) }
        while group.waiting < 1 { await Task.yield() }
        let other = Task { try await group.commit(write("r2", from: 1, key: "c"), instanceId: "r2", run: runner.run) }
        while group.waiting < 2 { await Task.yield() }
        leader.cancel()
        runner.open()
        #expect(try await first.value)
        #expect(try await other.value)
        _ = try? await leader.value
        #expect(runner.sizes.withLockedValue { $0 } == [1, 2])
        let rows = try await versions(store)
        #expect(rows["r0"] == 2 && rows["r1"] == 2 && rows["r2"] == 2)
    }

    @Test("behind a statement that hangs, a queued decision is answered at its own deadline, not after the other's")
    func queuedWithinTheDeadline() async throws {
        let (store, postgres, service, people, ids) = try await projects(2)
        defer { Task { await store.shutdown() } }
        let group = try #require(postgres.groupCommit)
        // Another process holds both rows' locks: each decision's statement waits until its deadline.
        let holder = PostgresBackend(postgres.address, maximumConnections: 1, logger: Logger(label: "test.holder"))
        let locked = NIOLockedValueBox(false)
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let held = Task { [ids] in
            try await holder.transaction { database in
                try await database.raw(
                    "SELECT id FROM workflow_instances WHERE id IN (\(bind: ids[0]), \(bind: ids[1])) FOR UPDATE"
                ).run()
                locked.withLockedValue { $0 = true }
                for await _ in release { break }
            }
        }
        while !locked.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        postgres.operationDeadline = .seconds(2)
        func submit(_ id: String) -> Task<(error: (any Error)?, waited: Duration), Never> {
            Task {
                let started = ContinuousClock.now
                do {
                    _ = try await service.execute(
                        Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1),
                        actor: people.contractor)
                    return (nil, started.duration(to: .now))
                } catch { return (error, started.duration(to: .now)) }
            }
        }
        let first = submit(ids[0])
        while group.inFlight < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let queued = submit(ids[1])
        while group.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let answer = await queued.value
        // Its own deadline (2 s), not the first statement's deadline and then its own (4 s).
        guard case StoreError.unreachable = try #require(answer.error) else {
            Issue.record("the queued decision was answered \(String(describing: answer.error))")
            return
        }
        #expect(answer.waited < .milliseconds(3200), "answered after \(answer.waited)")
        // The first decision's statement has ended (its read gave up at the deadline): slot 0 is
        // free. The queued one is out now, waiting on its lock: though its caller was answered, its
        // slot 1 stays taken until it is written or fails, so no later decision shares its counter rows.
        let slots = store.instances.counterSlots
        let free = [slots.take(), slots.take()]
        #expect(free == [0, 2])
        for slot in free { if let slot { slots.release(slot) } }
        releaser.finish()
        try await held.value
        _ = await first.value
        await holder.shutdown()
    }

    @Test("concurrent decisions through the store: all written, in fewer statements, counters right")
    func throughTheStore() async throws {
        let (store, backend, service, people, ids) = try await projects(32)
        defer { Task { await store.shutdown() } }
        let outcomes = try await withThrowingTaskGroup(of: WorkflowService.Outcome.self) { tasks in
            for id in ids {
                tasks.addTask {
                    try await service.execute(
                        Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1),
                        actor: people.contractor)
                }
            }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { if case .applied = $0 { true } else { false } } == 32)
        let sent = try #require(backend.groupCommitSent)
        #expect(sent.decisions == 32 && sent.batches < 32 && sent.largest > 1)
        for id in ids {
            #expect(try await store.instances.instance(id)?.state == "submitted")
            #expect(try await store.instances.history(id).count == 2)
        }
        let counts = try await store.facts.dashboardCounts(programmeIds: [people.programme.id], definitionId: "small-plan")
        #expect(counts[people.programme.id]?["submitted"]?.projects == 32)
        #expect(try await store.facts.checkDashboardCounts().isEmpty)
    }

    @Test("instances' updates in one statement: only rows still at the decided version change, their rows alone follow")
    func instanceUpdatesInOne() async throws {
        let (store, _, _, _, ids) = try await projects(3)
        defer { Task { await store.shutdown() } }
        try await store.backend.read { database in
            try await database.raw("CREATE TABLE gc_followed (n BIGSERIAL PRIMARY KEY, id TEXT NOT NULL, note TEXT)").run()
        }
        var writes: [DecisionWrite] = []
        for (index, id) in ids.enumerated() {
            let instance = try #require(try await store.instances.instance(id))
            // The second decision was made on a version the row no longer has.
            let base = Int64(instance.version) + (index == 1 ? 5 : 0)
            writes.append(
                DecisionWrite(
                    InstanceUpdate(
                        id: id, baseVersion: base, baseEventSequence: Int64(instance.eventSequence), state: "moved\(index)",
                        version: base + 1, data: "{}", participants: "{}", lastHash: "h\(index)",
                        eventSequence: Int64(instance.eventSequence), stateEnteredAt: 1, updatedAt: 2),
                    followUps: [
                        // Two rows per decision, one with a NULL: the batch lists them in one VALUES.
                        .insert(target: "gc_followed (id, note)", values: "\(bind: id), \(bind: "a")", ignoreConflicts: false),
                        .insert(target: "gc_followed (id, note)", values: "\(bind: id), NULL", ignoreConflicts: false),
                    ]))
        }
        let batch = writes
        let matched = try await store.backend.read { try await DecisionWrite.runAsOneStatement(batch, on: $0) }
        #expect(matched == [true, false, true])
        let states = try await store.backend.read { database in
            try await database.raw("SELECT id, state FROM workflow_instances").all().reduce(into: [String: String]()) {
                $0[try $1.decode(column: "id", as: String.self)] = try $1.decode(column: "state", as: String.self)
            }
        }
        #expect(states[ids[0]] == "moved0" && states[ids[1]] == "draft" && states[ids[2]] == "moved2")
        let followed = try await store.backend.read { database in
            try await database.raw("SELECT id, note FROM gc_followed ORDER BY n").all().map {
                "\(try $0.decode(column: "id", as: String.self)):\(try $0.decode(column: "note", as: String?.self) ?? "-")"
            }
        }
        #expect(followed == ["\(ids[0]):a", "\(ids[0]):-", "\(ids[2]):a", "\(ids[2]):-"])
    }
}
