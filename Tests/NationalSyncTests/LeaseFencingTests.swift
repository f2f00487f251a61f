import Foundation
import NationalSync
import PilotDomain
import PilotStore
import TestSupport
import Testing

/// An endpoint whose answer comes too late: it holds the request until the test lets go, then
/// fails as a timed-out request would.
final class LateEndpoint: NationalEndpoint {
    let entered = AsyncStream<Void>.makeStream()
    let release = AsyncStream<Void>.makeStream()

    func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement] {
        entered.continuation.yield()
        for await _ in release.stream { break }
        throw URLError(.timedOut)
    }
}

/// Issue #11 (B): settling is fenced by the claim's lease token.
@Suite("A relay whose lease ran out settles nothing", .serialized)
struct LeaseFencingTests {
    @Test(
        "relay A's lease runs out, relay B delivers, A's late failure leaves the event delivered once",
        arguments: TestStores.backends)
    func staleRelay(backend: BackendKind) async throws {
        try await withMock(store: { try await TestStores.make(backend) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 1, eventsEach: 1)
            let clock = ManualClock(Date().addingTimeInterval(1))
            let late = LateEndpoint()
            let relayA = OutboxRelay(store: store, endpoint: late, clock: clock, batchSize: 10, lease: 30)
            let relayB = OutboxRelay(store: store, endpoint: mock.client(), clock: clock, batchSize: 10, lease: 30)

            let passA = Task { try await relayA.runOnce() }
            var entered = late.entered.stream.makeAsyncIterator()
            _ = await entered.next()  // A has claimed and is waiting on the endpoint
            clock.advance(by: 31)
            let passB = try await relayB.runOnce()
            late.release.continuation.yield()
            let lateA = try await passA.value

            #expect(passB == .sent(delivered: 1, dead: 0, retried: 0))
            #expect(lateA == .sent(delivered: 0, dead: 0, retried: 0))
            let events = try await store.outbox.outboxEvents(instanceId: projects[0])
            #expect(events.map(\.status) == ["delivered"])
            #expect(events.first?.attempts == 1 && events.first?.lastError == nil)
            clock.advance(by: 600)
            #expect(try await relayB.runOnce() == .idle)
            #expect(try await mock.store.totalEvents() == 1)
            #expect(try await mock.store.sequences(projectId: projects[0]) == [1])
        }
    }

    @Test(
        "a stale claim's settlement changes no row, whatever its outcome; the current claim's does",
        arguments: TestStores.backends)
    func staleSettlement(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let projects = try await OutboxFixture.fill(store, projects: 2, eventsEach: 1)
        let start = Date().addingTimeInterval(1)
        let stale = try await store.outbox.claimOutbox(limit: 10, now: start, lease: 30)
        let current = try await store.outbox.claimOutbox(limit: 10, now: start.addingTimeInterval(31), lease: 30)
        #expect(stale.events.count == 2 && current.events.count == 2 && stale.leaseToken != current.leaseToken)
        let (first, second) = (stale.events[0].rowId, stale.events[1].rowId)

        var late = OutboxSettlement(leaseToken: stale.leaseToken)
        late.delivered = [first]
        late.dead = [(second, "rejected")]
        #expect(try await store.outbox.settleOutbox(late, now: start.addingTimeInterval(40)).total == 0)
        var lateRetry = OutboxSettlement(leaseToken: stale.leaseToken)
        lateRetry.retry = [(first, start.addingTimeInterval(50), "timeout"), (second, start, "timeout")]
        #expect(try await store.outbox.settleOutbox(lateRetry, now: start.addingTimeInterval(40)).total == 0)
        #expect(try await store.outbox.outboxStatus().inFlight == 2)

        var settlement = OutboxSettlement(leaseToken: current.leaseToken)
        settlement.delivered = [first]
        settlement.retry = [(second, start.addingTimeInterval(100), "timeout")]
        let settled = try await store.outbox.settleOutbox(settlement, now: start.addingTimeInterval(41))
        #expect(settled == OutboxSettled(delivered: 1, dead: 0, retried: 1))
        // Settled once: the same settlement again changes nothing.
        #expect(try await store.outbox.settleOutbox(settlement, now: start.addingTimeInterval(42)).total == 0)
        #expect(try await store.outbox.outboxEvents(instanceId: projects[0]).map(\.status) == ["delivered"])
        #expect(try await store.outbox.outboxEvents(instanceId: projects[1]).map(\.status) == ["pending"])
    }
}
