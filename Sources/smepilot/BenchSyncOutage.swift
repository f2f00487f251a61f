import Foundation
import NationalSync
import PilotDomain
import PilotStore
import SQLKit
import Synchronization

/// `smepilot bench sync --outage-seconds S --offered-rate R`: events are written to the outbox at
/// R a second (as decisions would) while the mock endpoint refuses every batch for S seconds; the
/// relays run as `serve` runs them (production circuit breaker, backoff and lease). Then the
/// endpoint comes back and the tool measures how long until every event written during the
/// outage is delivered — the offered load goes on meanwhile — and checks 0 lost, 0 out of order,
/// 0 dead, each event stored once at the mock. Prints the backlog over time and its peak.
struct SyncOutageRun {
    let store: PilotStore
    let mock: BenchMock
    let outage: NationalMockOutage
    let seconds: Int
    let rate: Int
    let projects: Int
    let relays: Int
    let batch: Int

    /// Events written so far and the highest row id among them.
    final class Offered: Sendable {
        let state = Mutex<(written: Int, highestId: Int64)>((0, 0))
    }

    func run() async throws {
        print(
            "outage scenario: endpoint down \(seconds) s, \(rate) events/s offered over \(projects) projects, \(relays) relays, batches of \(batch)"
        )
        outage.set(down: true)
        let offered = Offered()
        let writer = Task { try await offer(into: offered) }
        let endpoint = mock.client(timeout: .seconds(10))
        let breaker = CircuitBreaker()
        let relayTasks = (0..<relays).map { _ in
            Task {
                await OutboxRelay(store: store, endpoint: endpoint, batchSize: batch, breaker: breaker).run()
            }
        }
        var peak = (events: 0, age: 0.0)
        let begin = ContinuousClock.now
        let every = max(1, seconds / 10)
        for second in 1...seconds {
            try await Task.sleep(until: begin + .seconds(second))
            let backlog = try await store.outbox.outboxBacklog()
            if backlog.events > peak.events { peak = (backlog.events, backlog.age(now: Date())) }
            if second % every == 0 || second == seconds { print(Self.line(second, backlog)) }
        }
        let atRecovery = try await store.outbox.outboxBacklog()
        let mark = offered.state.withLock { $0.highestId }
        outage.set(down: false)
        let recovered = ContinuousClock.now
        print("endpoint back: backlog \(atRecovery.events) events; catching up on every event written up to row \(mark)")
        var caughtUp: Double?
        var lastPrint = recovered
        while caughtUp == nil {
            try await Task.sleep(for: .milliseconds(100))
            let elapsed = (ContinuousClock.now - recovered).milliseconds / 1000
            if try await undelivered(upTo: mark) == 0 {
                caughtUp = elapsed
            } else if elapsed > Double(max(300, seconds)) {
                break
            }
            if ContinuousClock.now - lastPrint >= .seconds(2) {
                lastPrint = ContinuousClock.now
                let backlog = try await store.outbox.outboxBacklog()
                print(String(format: "  +%.0f s after recovery: backlog %d events", elapsed, backlog.events))
            }
        }
        // A few seconds more of offered load after the catch-up, then the rest drains.
        try await Task.sleep(for: .seconds(2))
        writer.cancel()
        _ = try? await writer.value
        let written = offered.state.withLock { $0.written }
        let drainDeadline = ContinuousClock.now + .seconds(120)
        while try await store.outbox.outboxBacklog().events > 0 && ContinuousClock.now < drainDeadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        for task in relayTasks { task.cancel() }
        for task in relayTasks { await task.value }

        let received = try await mock.store.totalEvents()
        let reordered = try await mock.store.reorderedProjects()
        let status = try await store.outbox.outboxStatus()
        print(
            "offered \(written) events; peak backlog \(peak.events) events (the oldest \(Int(peak.age)) s old); backlog when the endpoint came back \(atRecovery.events)"
        )
        if let caughtUp {
            print(
                String(
                    format:
                        "caught up %.1f s after the endpoint came back (%.0f events/s while catching up); goal < %.0f s → goal ÷ measured %.2f×",
                    caughtUp, Double(atRecovery.events) / caughtUp, SyncBench.catchUpGoal, SyncBench.catchUpGoal / caughtUp))
        } else {
            print("NOT caught up within \(max(300, seconds)) s of the endpoint's return")
        }
        print(
            "mock holds \(received) events (\(mock.store.duplicatesAnswered) re-sends answered as duplicates, \(reordered) projects out of order); outbox delivered \(status.delivered), dead \(status.dead), pending \(status.pending), in flight \(status.inFlight)"
        )
        if caughtUp == nil || received != written || status.delivered != written || reordered != 0 || status.dead != 0 {
            throw FailureMessage("check FAILED: lost, late, out of order or dead events")
        }
        print("check: ok — 0 lost, 0 out of order, 0 dead; each event stored once at the mock")
    }

    /// Writes events at `rate` a second, in ticks of 20 ms, until cancelled.
    func offer(into offered: Offered) async throws {
        let start = ContinuousClock.now
        var written = 0
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(20))
            let due = Int((ContinuousClock.now - start).milliseconds / 1000 * Double(rate))
            guard due > written else { continue }
            let highest = try await SyncFill.write(store, from: written, to: due, projects: projects, at: Date())
            written = due
            offered.state.withLock { $0 = (written, max($0.highestId, highest)) }
        }
    }

    /// Events up to row `mark` not yet delivered.
    func undelivered(upTo mark: Int64) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw(
                "SELECT COUNT(*) AS n FROM outbox WHERE status <> 'delivered' AND id <= \(bind: mark)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func line(_ second: Int, _ backlog: OutboxBacklog) -> String {
        "  \(second) s into the outage: backlog \(backlog.events) events, oldest \(Int(backlog.age(now: Date()))) s"
    }
}
