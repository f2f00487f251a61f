import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import NationalSync
import PilotDomain
import PilotStore
import SQLKit

/// `smepilot bench sync`: drains N outbox events to the local national mock over real HTTP on
/// loopback, with a chosen share of injected faults, and reports events/s.
struct SyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Measure draining the outbox to the local national mock (events/s).")

    @ArgumentParser.Option(name: .short, help: "Events") var n = 100_000
    @ArgumentParser.Option(help: "Events per project") var perProject = 20
    @ArgumentParser.Option(help: "Share of requests with an injected fault (0–1), spread over every kind") var faultRate = 0.0
    @ArgumentParser.Option(help: "postgres or sqlite (the outbox's database)") var backend = "postgres"
    @ArgumentParser.Option(help: "Concurrent relays") var relays = 4
    @ArgumentParser.Option(help: "Events per batch") var batch = 500

    func run() async throws {
        guard let kind = BackendKind(rawValue: backend) else { throw ValidationError("--backend must be postgres or sqlite") }
        guard n > 0, perProject > 0, (0...1).contains(faultRate) else {
            throw ValidationError("bad -n, --per-project or --fault-rate")
        }
        LoggingSystem.bootstrapOnce(level: .error)
        let store = try await BenchDatabase.open(kind)
        try await store.migrate()
        let mockPath = FileManager.default.temporaryDirectory.appendingPathComponent("bench-mock-\(UUID().uuidString).sqlite")
            .path
        let mockStore = try await NationalMockStore.open(path: mockPath)
        let port = PortProbe.freePort() ?? 59_090
        let secret = SecretToken.make()
        let app = try NationalMockServer.build(
            host: "127.0.0.1", port: port, store: mockStore, secrets: NationalMockServer.secrets(keyId: "bench", secret: secret),
            faults: .mixed(total: faultRate, timeoutHold: .milliseconds(1500)))
        let server = Task { try await app.runService() }
        while PortProbe.isFree(port) { try await Task.sleep(for: .milliseconds(20)) }

        let filled = ContinuousClock.now
        try await Self.fill(store, events: n, perProject: perProject)
        print(
            "backend \(kind.rawValue): \(n) events in \(n / perProject) projects written in \(String(format: "%.1f", (ContinuousClock.now - filled).milliseconds / 1000)) s; draining with \(relays) relays, batches of \(batch), \(Int(faultRate * 100))% faults"
        )

        let endpoint = NationalClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, credentials: SyncCredentials(keyId: "bench", secret: secret),
            timeout: .seconds(1))
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
                        if pass == .idle {
                            let status = try await store.outbox.outboxStatus()
                            if status.pending == 0 && status.inFlight == 0 { return }
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        let received = try await mockStore.totalEvents()
        let status = try await store.outbox.outboxStatus()
        print(String(format: "drained in %.1f s: %.0f events/s", seconds, Double(n) / seconds))
        print(
            "mock holds \(received) events; outbox delivered \(status.delivered), dead \(status.dead); peak RSS \(ResourceUsage.peakResidentMegabytes()) MB"
        )
        server.cancel()
        await mockStore.shutdown()
        await store.shutdown()
        if received != n || status.delivered != n { throw FailureMessage("check FAILED: not every event arrived exactly once") }
        print("check: ok — every event arrived exactly once")
    }

    static func fill(_ store: PilotStore, events: Int, perProject: Int) async throws {
        let projects = max(1, events / perProject)
        let now = Date().millis
        var written = 0
        var sequence = 1
        while written < events {
            let round = min(projects, events - written)
            let currentSequence = sequence
            try await store.backend.transaction { database in
                for project in 0..<round {
                    let projectId = String(format: "prj_bench_%06d", project)
                    try await database.raw(
                        """
                        INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                        attempts, next_attempt_at) VALUES (\(bind: "\(projectId)-\(currentSequence)"), 'prg_bench', \(bind: projectId),
                        \(bind: currentSequence), 'milestone_reported', '{"progress_percent":50}', \(bind: now), 'pending', 0, \(bind: now))
                        """
                    ).run()
                }
            }
            written += round
            sequence += 1
        }
    }
}
