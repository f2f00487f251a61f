import Foundation
import NationalSync
import PilotDomain
import PilotStore
import Synchronization
import TestSupport
import Testing

/// Passes on only the first `answered` events of each batch to the real endpoint and answers for
/// those alone, as an endpoint that processed part of a batch before the answer was cut.
struct PartlyAnsweringEndpoint: NationalEndpoint {
    let real: NationalClient
    let answered: Int

    func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement] {
        answered == 0 ? [] : try await real.submit(Array(events.prefix(answered)))
    }
}

/// The real endpoint, watched: counts, per project, batches on the wire at the same time.
final class WatchingEndpoint: NationalEndpoint {
    let real: NationalClient
    private let onWire = Mutex<[String: Int]>([:])
    private let overlaps = Atomic<Int>(0)
    private let batchesWithRuns = Atomic<Int>(0)

    init(real: NationalClient) { self.real = real }

    /// Times a project's events were sent while another batch of it was still on the wire.
    var overlapping: Int { overlaps.load(ordering: .relaxed) }
    /// Batches that carried more than one event of some project.
    var withSeveralOfAProject: Int { batchesWithRuns.load(ordering: .relaxed) }

    func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement] {
        let projects = Set(events.map(\.instanceId))
        if projects.count < events.count { batchesWithRuns.add(1, ordering: .relaxed) }
        onWire.withLock { wire in
            for project in projects {
                if wire[project, default: 0] > 0 { overlaps.add(1, ordering: .relaxed) }
                wire[project, default: 0] += 1
            }
        }
        defer { onWire.withLock { wire in for project in projects { wire[project]! -= 1 } } }
        try await Task.sleep(for: .milliseconds(15))  // long enough for the other relays to claim meanwhile
        return try await real.submit(events)
    }
}

@Suite("The batched relay: several events of a project per batch, in order, one relay per project", .serialized)
struct BatchedRelayTests {
    @Test("one project's backlog of 60 goes in one batch and arrives in sequence", arguments: TestStores.backends)
    func backlogInOneBatch(backend: BackendKind) async throws {
        try await withMock(store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 1, eventsEach: 60)
            let relay = OutboxRelay(store: store, endpoint: mock.client(), batchSize: 100)
            #expect(try await relay.runOnce() == .sent(delivered: 60, dead: 0, retried: 0))
            #expect(try await mock.store.sequences(projectId: projects[0]) == Array(1...60))
            #expect(try await relay.runOnce() == .idle)
        }
    }

    @Test(
        "a partly answered batch: the answered events are recorded, the rest sent again in order and only they",
        arguments: TestStores.backends)
    func partlyAnswered(backend: BackendKind) async throws {
        try await withMock(store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 2, eventsEach: 10)
            let clock = ManualClock(Date().addingTimeInterval(1))
            let partly = OutboxRelay(
                store: store, endpoint: PartlyAnsweringEndpoint(real: mock.client(), answered: 7), clock: clock, batchSize: 100,
                retry: RetryPolicy(base: 10, cap: 10))
            #expect(try await partly.runOnce() == .sent(delivered: 7, dead: 0, retried: 13))
            // Claimed oldest first (a1, b1, a2, b2, …): a1–a4 and b1–b3 were answered.
            let first = try await store.outbox.outboxEvents(instanceId: projects[0])
            #expect(first.map(\.status) == Array(repeating: "delivered", count: 4) + Array(repeating: "pending", count: 6))
            #expect(first[4].lastError == "no acknowledgement")
            #expect(first[5].lastError?.contains("held behind #5") == true)

            let relay = OutboxRelay(store: store, endpoint: mock.client(), clock: clock, batchSize: 100)
            #expect(try await relay.runOnce() == .idle)  // the rest waits out its backoff
            clock.advance(by: 11)
            #expect(try await relay.runOnce() == .sent(delivered: 13, dead: 0, retried: 0))
            for project in projects { #expect(try await mock.store.sequences(projectId: project) == Array(1...10)) }
            #expect(mock.store.duplicatesAnswered == 0)  // only the unanswered ones were sent again
            #expect(try await mock.store.reorderedProjects() == 0)
        }
    }

    @Test(
        "four relays draining 30 projects never have one project's events on the wire twice at once",
        arguments: TestStores.backends)
    func oneRelayPerProject(backend: BackendKind) async throws {
        try await withMock(store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 30, eventsEach: 20)
            let endpoint = WatchingEndpoint(real: mock.client())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let relay = OutboxRelay(store: store, endpoint: endpoint, batchSize: 45)
                        for _ in 0..<2000 {
                            guard try await relay.runOnce() == .idle else { continue }
                            if try await store.outbox.outboxBacklog().events == 0 { return }
                            try await Task.sleep(for: .milliseconds(10))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(endpoint.overlapping == 0)
            #expect(endpoint.withSeveralOfAProject > 0)
            #expect(try await mock.store.totalEvents() == 600)
            #expect(try await mock.store.reorderedProjects() == 0)
            for project in projects.prefix(5) { #expect(try await mock.store.sequences(projectId: project) == Array(1...20)) }
            #expect(try await store.outbox.outboxStatus().delivered == 600)
        }
    }

    @Test(
        "a relay dies between sending and recording: the next one sends again, the endpoint stores each event once",
        arguments: TestStores.backends)
    func crashBetweenSendAndMark(backend: BackendKind) async throws {
        try await withMock(store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 3, eventsEach: 4)
            let start = Date().addingTimeInterval(1)
            // The relay that dies: it claimed and sent, and never settled.
            let lost = try await store.outbox.claimOutbox(limit: 100, now: start, lease: 30)
            let answers = try await mock.client().submit(lost.events)
            #expect(answers.allSatisfy { $0.status == .accepted } && answers.count == 12)

            let clock = ManualClock(start)
            let relay = OutboxRelay(store: store, endpoint: mock.client(), clock: clock, batchSize: 100, lease: 30)
            #expect(try await relay.runOnce() == .idle)  // still under the dead relay's lease
            clock.advance(by: 31)
            #expect(try await relay.runOnce() == .sent(delivered: 12, dead: 0, retried: 0))
            #expect(mock.store.duplicatesAnswered == 12)
            #expect(try await mock.store.totalEvents() == 12)
            for project in projects { #expect(try await mock.store.sequences(projectId: project) == [1, 2, 3, 4]) }
            let events = try await store.outbox.outboxEvents(instanceId: projects[0])
            #expect(events.allSatisfy { $0.status == "delivered" && $0.attempts == 1 })
        }
    }

    @Test("when the endpoint comes back after an outage, events that were backing off for minutes go at once")
    func recoveryReleasesBackoff() async throws {
        var faults = NationalMockFaults()
        faults.outage.set(down: true)
        try await withMock(faults: faults, store: { try await TestStores.make(.postgres) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 2, eventsEach: 3)
            let clock = ManualClock(Date().addingTimeInterval(1))
            let retry = RetryPolicy(base: 120, cap: 600)
            // No answer for any event: each backs off 60–120 s on its own account.
            let silent = OutboxRelay(
                store: store, endpoint: PartlyAnsweringEndpoint(real: mock.client(), answered: 0), clock: clock, retry: retry)
            #expect(try await silent.runOnce() == .sent(delivered: 0, dead: 0, retried: 6))

            // Then the endpoint goes down; a new project's events meet it and open the circuit.
            let breaker = CircuitBreaker(threshold: 1, cooldown: 5)
            let relay = OutboxRelay(store: store, endpoint: mock.client(), clock: clock, retry: retry, breaker: breaker)
            let later = try await OutboxFixture.fill(store, projects: 1, eventsEach: 2, prefix: "prj_late")
            clock.advance(by: 1)
            #expect(try await relay.runOnce() == .sent(delivered: 0, dead: 0, retried: 2))
            #expect(try await relay.runOnce() == .circuitOpen)

            faults.outage.set(down: false)
            clock.advance(by: 6)  // past the cooldown (and the new events' capped backoff), not the others' backoff
            #expect(try await relay.runOnce() == .sent(delivered: 2, dead: 0, retried: 0))  // the trial closes the circuit
            #expect(try await relay.runOnce() == .sent(delivered: 6, dead: 0, retried: 0))
            for project in projects + later {
                #expect(try await store.outbox.outboxEvents(instanceId: project).allSatisfy { $0.status == "delivered" })
            }
            #expect(try await mock.store.reorderedProjects() == 0)
        }
    }
}
