import Foundation
import LocalPostgres
import NationalSync
import PilotDomain
import PilotStore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("A relay killed mid-batch loses and duplicates nothing", .serialized)
struct KillTests {
    @Test("`smepilot sync run` killed with SIGKILL several times; after restart every event is at the mock exactly once")
    func killedRelay() async throws {
        let binary = TestWorkflows.repositoryRoot.appendingPathComponent(".build/debug/smepilot").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the smepilot binary first (Scripts/test does)")
        var faults = NationalMockFaults()
        faults.latency = .milliseconds(150)  // batches take long enough for a kill to land mid-batch
        let address = try await ThrowawayPostgres.shared.freshDatabase()
        try await withMock(
            faults: faults, store: { PilotStore(backend: PostgresBackend(address, logger: .init(label: "test.kill"))) }
        ) {
            mock, store in
            let projects = try await OutboxFixture.fill(store, projects: 200, eventsEach: 10)
            let environment = [
                "DATABASE_URL": "postgres://\(address.user)@\(address.host):\(address.port)/\(address.database)?tlsmode=disable",
                "SMEPILOT_NATIONAL_URL": mock.url.absoluteString, "SMEPILOT_NATIONAL_KEY_ID": RunningMock.keyId,
                "SMEPILOT_NATIONAL_SECRET": RunningMock.secret, "SMEPILOT_SYNC_BATCH": "40", "SMEPILOT_SYNC_CONCURRENCY": "2",
                "SMEPILOT_WORKFLOWS": TestWorkflows.shippedDirectory, "SMEPILOT_LOG_LEVEL": "error",
            ]
            var kills = 0
            for round in 0..<4 {
                // Kill once this process has delivered something (its start-up time varies with
                // the machine's load), a little later each round so kills land at different points.
                let delivered = try await mock.store.totalEvents()
                let pid = try ChildProcess.spawn([binary, "sync", "run"], environment: environment)
                let startDeadline = ContinuousClock.now + .seconds(60)
                while try await mock.store.totalEvents() == delivered && ContinuousClock.now < startDeadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(50 + 100 * round))
                kill(pid, SIGKILL)
                ChildProcess.wait(pid)
                kills += 1
            }
            let before = try await mock.store.totalEvents()

            // Restart: a relay whose clock is past the dead processes' leases finishes the job.
            let later = ManualClock(Date().addingTimeInterval(600))
            let relay = OutboxRelay(
                store: store, endpoint: mock.client(), clock: later, batchSize: 200, retry: RetryPolicy(base: 0.01, cap: 0.05))
            // Its clock moves only when the test moves it: a batch that timed out under load waits
            // for its retry time, and an open breaker for its cooldown, so an idle pass with work
            // left advances the clock instead of ending the drain.
            var passes = 0
            drain: while passes < 500 {
                passes += 1
                if case .sent = try await relay.runOnce() { continue }
                let status = try await store.outbox.outboxStatus()
                if status.pending == 0 && status.inFlight == 0 { break drain }
                later.advance(by: 120)
            }

            #expect(kills == 4)
            #expect(before > 0 && before < 2000, "the kills should land while events were still flowing (\(before) delivered)")
            #expect(try await mock.store.totalEvents() == 2000)
            let status = try await store.outbox.outboxStatus()
            #expect(status.delivered == 2000 && status.pending == 0 && status.inFlight == 0)
            for project in projects.prefix(40) {
                #expect(try await mock.store.sequences(projectId: project) == Array(1...10))
            }
        }
    }
}
