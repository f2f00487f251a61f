import ArgumentParser
import Foundation
import Logging
import NationalSync
import PilotDomain
import PilotStore

/// `smepilot bench sync`: drains N outbox events to the local national mock over real HTTP on
/// loopback — with a chosen share of injected faults, or a delay per request — and reports
/// events/s beside the peer (the same events posted straight to the mock, no outbox) and the goal
/// of issue #16; or, with `--outage-seconds`, offers events while the endpoint is down and
/// measures the catch-up after it comes back (`SyncOutageRun`).
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Measure draining the outbox to the local national mock (events/s), or an outage's catch-up.")

    @ArgumentParser.Option(name: .short, help: "Events") var n = 100_000
    @ArgumentParser.Option(help: "Events per project") var perProject = 20
    @ArgumentParser.Option(help: "Share of requests with an injected fault (0–1), spread over every kind") var faultRate = 0.0
    @ArgumentParser.Option(help: "postgres or sqlite (the outbox's database)") var backend = "postgres"
    @ArgumentParser.Option(help: "Concurrent relays") var relays = 4
    @ArgumentParser.Option(help: "Events per batch (the contract allows 1–500)") var batch = 500
    @ArgumentParser.Option(help: "The mock endpoint's delay per request, in ms (a real sleep in the mock server)")
    var endpointDelayMs = 0
    @ArgumentParser.Option(help: "Endpoint down for this long while events are offered, then measure the catch-up (0: drain N)")
    var outageSeconds = 0
    @ArgumentParser.Option(help: "Events per second written to the outbox during the outage scenario") var offeredRate = 200
    @ArgumentParser.Option(help: "Projects the outage scenario's events are spread over") var projects = 5_000
    @ArgumentParser.Flag(inversion: .prefixedNo, help: "Also measure the peer (the same events straight to the mock)")
    var peer = true

    /// Issue #16, goal 2: 100,000 events in < 10 s; ≥ 2,000 events/s at 25 ms per request;
    /// caught up < 30 s after an outage.
    static let drainGoal = 10_000.0
    static let delayedGoal = 2_000.0
    static let catchUpGoal = 30.0

    func run() async throws {
        guard let kind = BackendKind(rawValue: backend) else { throw ValidationError("--backend must be postgres or sqlite") }
        guard n > 0, perProject > 0, (0...1).contains(faultRate), (1...500).contains(batch), relays > 0, endpointDelayMs >= 0,
            outageSeconds >= 0, offeredRate > 0, projects > 0
        else {
            throw ValidationError("bad -n, --per-project, --fault-rate, --batch, --relays, --endpoint-delay-ms or outage options")
        }
        LoggingSystem.bootstrapOnce(level: .error)
        print("load before: \(Self.loadAverage())")
        let store = try await BenchDatabase.open(kind)
        try await store.migrate()
        var faults = NationalMockFaults.mixed(total: faultRate, timeoutHold: .milliseconds(1500))
        faults.latency = .milliseconds(endpointDelayMs)
        let mock = try await BenchMock.start(faults: faults)
        do {
            if outageSeconds > 0 {
                try await SyncOutageRun(
                    store: store, mock: mock, outage: faults.outage, seconds: outageSeconds, rate: offeredRate,
                    projects: projects,
                    relays: relays, batch: batch
                ).run()
            } else {
                try await drain(store, kind: kind, mock: mock, faults: faults)
            }
        } catch {
            await mock.stop()
            await store.shutdown()
            throw error
        }
        await mock.stop()
        await store.shutdown()
        print("load after: \(Self.loadAverage())")
    }

    func drain(_ store: PilotStore, kind: BackendKind, mock: BenchMock, faults: NationalMockFaults) async throws {
        let filled = ContinuousClock.now
        try await SyncFill.write(store, from: 0, to: n, projects: max(1, n / perProject), at: Date())
        print(
            "backend \(kind.rawValue): \(n) events in \(max(1, n / perProject)) projects written in \(String(format: "%.1f", (ContinuousClock.now - filled).milliseconds / 1000)) s; draining with \(relays) relays, batches of \(batch), \(Int(faultRate * 100))% faults, endpoint delay \(endpointDelayMs) ms"
        )
        // With injected faults a short timeout cuts the held "timeouts" short; without, a batch the
        // mock is slow to store must not be cut off and sent again.
        let endpoint = mock.client(timeout: .seconds(faultRate > 0 ? 1 : 10))
        let breaker = CircuitBreaker(threshold: 1000, cooldown: 0.1)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<relays {
                group.addTask {
                    let relay = OutboxRelay(
                        store: store, endpoint: endpoint, batchSize: batch, lease: 10, retry: RetryPolicy(base: 0.05, cap: 0.5),
                        breaker: breaker)
                    while true {
                        let pass = try await relay.runOnce()
                        if pass == .idle || pass == .circuitOpen {
                            if try await store.outbox.outboxBacklog().events == 0 { return }
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        let rate = Double(n) / seconds
        let goal = endpointDelayMs > 0 ? Self.delayedGoal : Self.drainGoal
        print(String(format: "relay: drained in %.2f s: %.0f events/s", seconds, rate))
        print(
            String(
                format: "goal (issue #16): %.0f events/s%@ → relay ÷ goal %.2f×", goal,
                endpointDelayMs > 0 ? " with a delayed endpoint" : " (100,000 in < 10 s)", rate / goal))
        let received = try await mock.store.totalEvents()
        let reordered = try await mock.store.reorderedProjects()
        let status = try await store.outbox.outboxStatus()
        print(
            "mock holds \(received) events (\(mock.store.duplicatesAnswered) re-sends answered as duplicates, \(reordered) projects out of order); outbox delivered \(status.delivered), dead \(status.dead); peak RSS \(ResourceUsage.peakResidentMegabytes()) MB"
        )
        if received != n || status.delivered != n || reordered != 0 || status.dead != 0 {
            throw FailureMessage("check FAILED: not every event arrived exactly once and in order")
        }
        print("check: ok — every event arrived exactly once, each project in sequence")
        guard peer else { return }
        guard faultRate == 0 else {
            print("peer: skipped (with faults the peer would need the relay's retries)")
            return
        }
        let peerRate = try await SyncPeer.eventsPerSecond(
            events: n, perProject: perProject, relays: relays, batch: batch, faults: faults)
        print(
            String(
                format: "peer (same events straight to the mock, no outbox): %.0f events/s → relay ÷ peer %.2f×", peerRate,
                rate / peerRate))
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(
            separator: " ")
    }
}
