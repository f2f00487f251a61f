import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

/// The relay's batched claim and bulk settlement (issue #16), on both backends: several events of
/// a project in one claim, in sequence and without a gap; a project in flight, waiting out a
/// retry or held by a dead letter is claimed by no one; the backlog counts what is still to send.
@Suite("The outbox's batched claim, its settlement and its backlog")
struct OutboxBatchStoreTests {
    /// Writes `events` outbox rows per project, interleaved as decisions on many projects are
    /// (a1, b1, a2, b2, …), each project's sequence continuing from `from`.
    static func write(
        _ store: PilotStore, projects: [String], events: Int, from: Int = 1, at time: Date, programme: String = "prg_outbox"
    ) async throws {
        try await store.backend.transaction { database in
            for sequence in from..<(from + events) {
                for project in projects {
                    try await database.raw(
                        """
                        INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                        attempts, next_attempt_at) VALUES (\(bind: "\(project)-\(sequence)"), \(bind: programme), \(bind: project),
                        \(bind: sequence), 'milestone_reported', '{}', \(bind: time.millis), 'pending', 0, \(bind: time.millis))
                        """
                    ).run()
                }
            }
        }
    }

    static func sequences(_ claim: OutboxClaim, _ project: String) -> [Int] {
        claim.events.filter { $0.instanceId == project }.map(\.sequence)
    }

    @Test(
        "a project's backlog comes in one claim, in sequence; while in flight or waiting out a retry nobody claims it",
        arguments: TestStores.backends)
    func batchedClaim(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let start = Date().addingTimeInterval(1)
        try await Self.write(store, projects: ["prj_a", "prj_b"], events: 5, at: start)

        let first = try await store.outbox.claimOutbox(limit: 100, now: start, lease: 30)
        #expect(Self.sequences(first, "prj_a") == [1, 2, 3, 4, 5])
        #expect(Self.sequences(first, "prj_b") == [1, 2, 3, 4, 5])
        #expect(first.events.map(\.rowId) == first.events.map(\.rowId).sorted())
        // A second relay, a moment later: both projects are in flight under the first's lease.
        try await Self.write(store, projects: ["prj_a"], events: 1, from: 6, at: start)
        #expect(try await store.outbox.claimOutbox(limit: 100, now: start.addingTimeInterval(1), lease: 30).events.isEmpty)

        // a1, a2 accepted, a3 unanswered (a4, a5 wait with it); b accepted entirely.
        var settlement = OutboxSettlement(leaseToken: first.leaseToken)
        let rows = Dictionary(uniqueKeysWithValues: first.events.map { ("\($0.instanceId)-\($0.sequence)", $0.rowId) })
        settlement.delivered = ["prj_a-1", "prj_a-2", "prj_b-1", "prj_b-2", "prj_b-3", "prj_b-4", "prj_b-5"].map { rows[$0]! }
        let retryAt = start.addingTimeInterval(100)
        settlement.retry = [3, 4, 5].map { (rows["prj_a-\($0)"]!, retryAt, "no acknowledgement (\($0))") }
        #expect(
            try await store.outbox.settleOutbox(settlement, now: start.addingTimeInterval(2))
                == OutboxSettled(delivered: 7, retried: 3))
        let a = try await store.outbox.outboxEvents(instanceId: "prj_a")
        #expect(a.map(\.status) == ["delivered", "delivered", "pending", "pending", "pending", "pending"])
        #expect(a.map(\.attempts) == [1, 1, 1, 1, 1, 0])
        #expect(a[4].lastError == "no acknowledgement (5)")

        // b has a new event: claimed alone, since a waits out its retry — a6 must not overtake a3.
        try await Self.write(store, projects: ["prj_b"], events: 1, from: 6, at: start)
        let second = try await store.outbox.claimOutbox(limit: 100, now: start.addingTimeInterval(3), lease: 30)
        #expect(second.events.map(\.eventId) == ["prj_b-6"])
        let third = try await store.outbox.claimOutbox(limit: 100, now: retryAt, lease: 30)
        #expect(Self.sequences(third, "prj_a") == [3, 4, 5, 6])
    }

    @Test("the limit cuts a project's run at its end, never in a gap; the rest comes next", arguments: TestStores.backends)
    func limitedClaim(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let start = Date().addingTimeInterval(1)
        try await Self.write(store, projects: ["prj_long"], events: 10, at: start)
        let first = try await store.outbox.claimOutbox(limit: 4, now: start, lease: 30)
        #expect(Self.sequences(first, "prj_long") == [1, 2, 3, 4])
        #expect(try await store.outbox.claimOutbox(limit: 4, now: start, lease: 30).events.isEmpty)
        var settlement = OutboxSettlement(leaseToken: first.leaseToken)
        settlement.delivered = first.events.map(\.rowId)
        try await store.outbox.settleOutbox(settlement, now: start)
        #expect(Self.sequences(try await store.outbox.claimOutbox(limit: 4, now: start, lease: 30), "prj_long") == [5, 6, 7, 8])
        // A relay that died: after its lease the same run is claimed again, under a new token.
        let later = try await store.outbox.claimOutbox(limit: 100, now: start.addingTimeInterval(31), lease: 30)
        #expect(Self.sequences(later, "prj_long") == [5, 6, 7, 8, 9, 10])
    }

    @Test(
        "a dead letter holds back its project's later events and nothing else; after replay they go together",
        arguments: TestStores.backends)
    func deadLetterHolds(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let start = Date().addingTimeInterval(1)
        try await Self.write(store, projects: ["prj_bad", "prj_good"], events: 3, at: start)
        let claim = try await store.outbox.claimOutbox(limit: 100, now: start, lease: 30)
        let rows = Dictionary(uniqueKeysWithValues: claim.events.map { ("\($0.instanceId)-\($0.sequence)", $0.rowId) })
        var settlement = OutboxSettlement(leaseToken: claim.leaseToken)
        settlement.dead = [(rows["prj_bad-1"]!, "invalid_payload")]
        settlement.retry = [(rows["prj_bad-2"]!, start, "held"), (rows["prj_bad-3"]!, start, "held")]
        settlement.delivered = ["prj_good-1", "prj_good-2"].map { rows[$0]! }
        settlement.retry.append((rows["prj_good-3"]!, start, "no acknowledgement"))
        #expect(try await store.outbox.settleOutbox(settlement, now: start) == OutboxSettled(delivered: 2, dead: 1, retried: 3))

        let next = try await store.outbox.claimOutbox(limit: 100, now: start.addingTimeInterval(1), lease: 30)
        #expect(next.events.map(\.eventId) == ["prj_good-3"])
        #expect(try await store.outbox.replayDeadLetters(instanceId: "prj_bad", now: start.addingTimeInterval(2)) == 1)
        let replayed = try await store.outbox.claimOutbox(limit: 100, now: start.addingTimeInterval(2), lease: 30)
        #expect(Self.sequences(replayed, "prj_bad") == [1, 2, 3])
    }

    @Test(
        "the backlog counts pending and in-flight events and dates the oldest; delivered and dead ones are not in it",
        arguments: TestStores.backends)
    func backlog(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        #expect(try await store.outbox.outboxBacklog() == OutboxBacklog())
        let old = Date(millis: Date().addingTimeInterval(-600).millis)
        let recent = Date(millis: Date().millis)
        try await Self.write(store, projects: ["prj_x", "prj_y"], events: 2, at: old)
        try await Self.write(store, projects: ["prj_z"], events: 3, at: recent, programme: "prg_other")
        #expect(try await store.outbox.outboxBacklog() == OutboxBacklog(events: 7, oldest: old))
        #expect(try await store.outbox.outboxBacklog(programmeId: "prg_other") == OutboxBacklog(events: 3, oldest: recent))

        let claim = try await store.outbox.claimOutbox(limit: 100, now: recent, lease: 30)
        #expect(try await store.outbox.outboxBacklog().events == 7)  // in flight is still to send
        var settlement = OutboxSettlement(leaseToken: claim.leaseToken)
        settlement.delivered = claim.events.filter { $0.instanceId == "prj_x" }.map(\.rowId)
        settlement.dead = claim.events.filter { $0.instanceId == "prj_y" && $0.sequence == 1 }.map { ($0.rowId, "rejected") }
        settlement.retry = claim.events.filter { $0.instanceId != "prj_x" && ($0.instanceId, $0.sequence) != ("prj_y", 1) }
            .map { ($0.rowId, recent.addingTimeInterval(60), "no acknowledgement") }
        try await store.outbox.settleOutbox(settlement, now: recent)
        let backlog = try await store.outbox.outboxBacklog()
        #expect(backlog == OutboxBacklog(events: 4, oldest: old))  // y2 (behind its dead letter) and z1–z3
        #expect(backlog.age(now: recent.addingTimeInterval(1)) >= 600)
        // The endpoint came back: the retries are due now, the dead letter stays dead.
        #expect(try await store.outbox.releaseBackoff(now: recent.addingTimeInterval(1)) == 4)
        let due = try await store.outbox.claimOutbox(limit: 100, now: recent.addingTimeInterval(1), lease: 30)
        #expect(due.events.map(\.eventId) == ["prj_z-1", "prj_z-2", "prj_z-3"])
    }
}
