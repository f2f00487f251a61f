import Foundation
import NationalSync
import PilotDomain
import PilotStore
import TestSupport
import Testing

@Suite("After an outage the relay drains at once, not after its idle sleep", .serialized)
struct OutageRecoveryTests {
    @Test(
        "a relay that met an open circuit resumes as soon as the trial batch gets through, and every event arrives once, in order",
        arguments: TestStores.backends)
    func resumesWhenTheEndpointIsBack(backend: BackendKind) async throws {
        var faults = NationalMockFaults()
        faults.outage.set(down: true)
        try await withMock(faults: faults, store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 20, eventsEach: 5)
            let breaker = CircuitBreaker(threshold: 1, cooldown: 0.3)
            let relay = OutboxRelay(
                store: store, endpoint: mock.client(), batchSize: 30, retry: RetryPolicy(base: 0.01, cap: 0.02), breaker: breaker)
            // An idle sleep far longer than the test may take: only a relay that keeps watching the
            // open circuit can drain the backlog in time.
            let running = Task { await relay.run(idle: .seconds(120)) }
            defer { running.cancel() }
            let deadline = ContinuousClock.now + .seconds(60)
            while breaker.state(now: Date()) == .closed, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(breaker.state(now: Date()) != .closed)
            try await Task.sleep(for: .milliseconds(100))
            faults.outage.set(down: false)
            while try await store.outbox.outboxBacklog().events > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await store.outbox.outboxBacklog().events == 0)
            #expect(try await mock.store.totalEvents() == 100)
            #expect(try await mock.store.reorderedProjects() == 0)
            for project in projects { #expect(try await mock.store.sequences(projectId: project) == [1, 2, 3, 4, 5]) }
        }
    }
}
