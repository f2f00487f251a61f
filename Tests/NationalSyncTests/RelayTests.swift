import Foundation
import Logging
import NationalSync
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

@Suite("The relay delivers the outbox exactly once, in order, through faults", .serialized)
struct RelayTests {
    /// Runs relays until only `blocked` events are still pending (held behind a dead letter) and
    /// nothing is in flight, or the deadline passes.
    func drain(
        _ relays: [OutboxRelay], store: PilotStore, blocked: Int = 0, deadline: Duration = .seconds(120)
    ) async throws
        -> OutboxStatus
    {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            let status = try await store.outbox.outboxStatus()
            if status.pending == blocked && status.inFlight == 0 { return status }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for relay in relays { group.addTask { _ = try await relay.runOnce() } }
                try await group.waitForAll()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await store.outbox.outboxStatus()
    }

    func relay(_ store: PilotStore, _ endpoint: NationalClient) -> OutboxRelay {
        OutboxRelay(
            store: store, endpoint: endpoint, batchSize: 250, lease: 5, retry: RetryPolicy(base: 0.05, cap: 0.3),
            breaker: CircuitBreaker(threshold: 1000, cooldown: 0.1))
    }

    @Test("10,000 events across 500 projects with 20% injected faults arrive exactly once, in order")
    func faultyDelivery() async throws {
        try await withMock(
            faults: .mixed(total: 0.2, timeoutHold: .milliseconds(1500)), store: { try await TestStores.make(.postgres) }
        ) {
            mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 500, eventsEach: 20)
            let client = mock.client(timeout: 1)
            let status = try await drain([relay(store, client), relay(store, client)], store: store)

            #expect(status.delivered == 10_000)
            #expect(status.dead == 0)
            #expect(try await mock.store.totalEvents() == 10_000)
            for project in projects.prefix(50) {
                #expect(try await mock.store.sequences(projectId: project) == Array(1...20))
            }
            for project in projects {
                let acknowledged = try await mock.store.acknowledged(projectId: project)
                #expect(acknowledged.lastSequence == 20 && acknowledged.count == 20)
            }
        }
    }

    @Test("a rejected event is dead-lettered and holds back only its project; after a fix and replay the rest arrive")
    func deadLetter() async throws {
        try await withMock(store: { try await TestStores.make(.sqlite) }) { mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 3, eventsEach: 3, invalid: ["prj_sync_0001-e2"])
            let relay = relay(store, mock.client())
            let first = try await drain([relay], store: store, blocked: 1)

            #expect(first.dead == 1 && first.delivered == 7 && first.pending == 1)
            #expect(try await mock.store.sequences(projectId: projects[0]) == [1, 2, 3])
            #expect(try await mock.store.sequences(projectId: projects[1]) == [1])
            #expect(try await mock.store.sequences(projectId: projects[2]) == [1, 2, 3])
            let dead = try await store.outbox.deadLetters()
            #expect(dead.map(\.eventId) == ["prj_sync_0001-e2"])
            #expect(dead.first?.lastError?.contains("invalid_payload") == true)

            // The district corrects the data; an operator replays the dead letter.
            try await store.backend.transaction { database in
                try await database.raw("UPDATE outbox SET payload = '{\"corrected\":true}' WHERE event_id = 'prj_sync_0001-e2'")
                    .run()
            }
            #expect(try await store.outbox.replayDeadLetters(now: Date()) == 1)
            let second = try await drain([relay], store: store)

            #expect(second.delivered == 9 && second.dead == 0)
            #expect(try await mock.store.sequences(projectId: projects[1]) == [1, 2, 3])
            // Reconciliation: what the endpoint acknowledged equals what we delivered.
            let remote = try await mock.client().acknowledgedProjects()
            let local = try await store.outbox.outboxProjects()
            #expect(local.allSatisfy { remote[$0.projectId] == $0.delivered && $0.undelivered == 0 })
        }
    }
}
