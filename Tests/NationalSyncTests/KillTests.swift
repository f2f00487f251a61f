import Foundation
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
                let pid = try Subprocess.spawn(binary, ["sync", "run"], environment: environment)
                try await Task.sleep(for: .milliseconds(700 + 150 * round))
                kill(pid, SIGKILL)
                Subprocess.wait(pid)
                kills += 1
            }
            let before = try await mock.store.totalEvents()

            // Restart: a relay whose clock is past the dead processes' leases finishes the job.
            let later = ManualClock(Date().addingTimeInterval(600))
            let relay = OutboxRelay(
                store: store, endpoint: mock.client(), clock: later, batchSize: 200, retry: RetryPolicy(base: 0.01, cap: 0.05))
            var passes = 0
            while try await relay.runOnce() != .idle && passes < 500 { passes += 1 }

            #expect(kills == 4)
            #expect(before > 0 && before < 2000, "the kills should land while events were still flowing (\(before) delivered)")
            #expect(try await mock.store.totalEvents() == 2000)
            let status = try await store.outboxStatus()
            #expect(status.delivered == 2000 && status.pending == 0 && status.inFlight == 0)
            for project in projects.prefix(40) {
                #expect(try await mock.store.sequences(projectId: project) == Array(1...10))
            }
        }
    }
}

/// Starts and reaps a child process with posix_spawn (Foundation's Process waits on a run loop
/// that does not turn in an async test).
enum Subprocess {
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> pid_t {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = [executable] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, &cArguments, &cEnvironment)
        guard result == 0 else { throw LocalPostgresServer.Failure(description: "cannot start \(executable): \(result)") }
        return pid
    }

    static func wait(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}
