import Foundation
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// Folding the state-entry counters (`foldStateEntryCounts`, issue #16): past days' shards summed into
/// shard 0 and rows at zero deleted, every sum the readers take unchanged — also while decisions run.
@Suite("State entry counters folded")
struct StateEntryFoldStoreTests {
    let base = StateEntryCountsStoreTests()

    /// Rows of days before `now`'s day that a fold should have removed: other shards, or counting nothing.
    func unfolded(_ store: PilotStore, before now: Date) async throws -> Int {
        let day = StateEntryCounts.day(ofMillis: now.millis)
        return try await store.backend.read { database in
            try await database.raw(
                "SELECT COUNT(*) AS n FROM state_entry_counts WHERE day < \(bind: day) AND (shard <> 0 OR instances = 0)"
            ).first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    /// Past days' rows, and their buckets that count something (shards summed).
    func pastRows(_ store: PilotStore, before now: Date) async throws -> (rows: Int, buckets: Int) {
        let day = StateEntryCounts.day(ofMillis: now.millis)
        return try await store.backend.read { database in
            let rows =
                try await database.raw("SELECT COUNT(*) AS n FROM state_entry_counts WHERE day < \(bind: day)")
                .first()?.decode(column: "n", as: Int.self) ?? -1
            let buckets =
                try await database.raw(
                    """
                    SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM state_entry_counts WHERE day < \(bind: day)
                    GROUP BY definition_id, state, day, programme_id HAVING SUM(instances) <> 0) b
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? -1
            return (rows, buckets)
        }
    }

    func submit(_ service: WorkflowService, _ id: String, _ people: TestProgramme) async throws {
        let current = try #require(try await service.store.instances.instance(id))
        let outcome = try await service.execute(
            Command(
                instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: current.version),
            actor: people.contractor)
        guard case .applied = outcome else { throw StoreError.corrupt("submit_plan on \(id): \(outcome)") }
    }

    @Test("a fold keeps every sum and leaves one row per past bucket", arguments: TestStores.backends)
    func fold(backend: BackendKind) async throws {
        let (service, people, clock) = try await base.setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var ids: [String] = []
        for _ in 0..<6 {
            ids.append(try await base.startInstance(service, people).id)
            clock.advance(by: 86_400)
        }
        // Three leave the draft: their days' draft buckets drop to zero.
        for id in ids.suffix(3) { try await submit(service, id, people) }
        // A bucket spread over more shards, as concurrent decisions leave it: +2 in one, −2 in another.
        let first = try #require(try await service.store.instances.instance(ids[0]))
        let day = StateEntryCounts.day(ofMillis: first.stateEnteredAt.millis)
        try await service.store.backend.transaction { database in
            for (shard, delta) in [(40, 2), (41, -2)] {
                try await database.raw(
                    """
                    INSERT INTO state_entry_counts (definition_id, state, day, programme_id, shard, instances)
                    VALUES (\(bind: StateEntryCountsStoreTests.definitionId), 'draft', \(bind: day), \(bind: people.programme.id),
                    \(bind: shard), \(bind: delta))
                    """
                ).run()
            }
        }
        #expect(try await service.store.facts.checkStateEntryCounts().isEmpty)
        clock.advance(by: 86_400)
        let store = service.store
        let unfolded = try await unfolded(store, before: clock.now())
        // At least the two rows above and the three days' drafts at zero.
        #expect(unfolded >= 5)

        let before = try await pastRows(store, before: clock.now())
        let fold = try await store.facts.foldStateEntryCounts(before: clock.now())
        // One row left per bucket that counts something; a bucket whose shards cancel out is gone.
        #expect(try await pastRows(store, before: clock.now()) == (before.buckets, before.buckets))
        #expect(fold.removed >= unfolded && fold.written >= 1, "\(fold), \(before), \(unfolded) unfolded")
        #expect(try await self.unfolded(store, before: clock.now()) == 0)
        #expect(try await store.facts.checkStateEntryCounts().isEmpty)
        try await base.expectOverdueAgreement(
            store, people, cutoffs: (0..<16).map { StateEntryCountsStoreTests.start.addingTimeInterval(Double($0) * 12 * 3600) })
        // Folded already: nothing more to do.
        #expect(try await store.facts.foldStateEntryCounts(before: clock.now()) == StateEntryFold(removed: 0, written: 0))
    }

    actor Tally {
        var count = 0
        func add() { count += 1 }
    }

    @Test("PostgreSQL: folds beside concurrent decisions lose no count")
    func concurrent() async throws {
        let (service, people, clock) = try await base.setUp(.postgres)
        defer { Task { await service.store.shutdown() } }
        var ids: [String] = []
        for index in 0..<24 {
            ids.append(try await base.startInstance(service, people).id)
            if index % 8 == 7 { clock.advance(by: 86_400) }
        }
        clock.advance(by: 86_400)
        let store = service.store
        let now = clock.now()
        // Folds one after another for as long as any decision is still running.
        let decided = Tally()
        let decisions = ids.count
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask {
                    try await submit(service, id, people)
                    await decided.add()
                }
            }
            group.addTask {
                repeat {
                    try await store.facts.foldStateEntryCounts(before: now)
                } while await decided.count < decisions
            }
            try await group.waitForAll()
        }
        #expect(try await store.facts.checkStateEntryCounts().isEmpty)
        try await store.facts.foldStateEntryCounts(before: now)
        #expect(try await unfolded(store, before: now) == 0)
        #expect(try await store.facts.checkStateEntryCounts().isEmpty)
        try await base.expectOverdueAgreement(store, people, cutoffs: [now, now.addingTimeInterval(-86_400 * 1.5)])
    }
}
