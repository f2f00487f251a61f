import Foundation
import Hummingbird
import LocalPostgres
import Logging
import NationalSync
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

/// The mock national endpoint running for real on a loopback port, for the length of a test.
struct RunningMock {
    let store: NationalMockStore
    let url: URL
    let task: Task<Void, any Error>

    static let keyId = "binhai-test"
    static let secret = "s3cr3t-never-logged-7f1c"

    static func start(faults: NationalMockFaults = NationalMockFaults()) async throws -> RunningMock {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("national-mock-\(UUID().uuidString).sqlite").path
        let store = try await NationalMockStore.open(path: path)
        var logger = Logger(label: "test.national-mock")
        logger.logLevel = .error
        // Port 0: the kernel picks a port and the server says which once it listens. A port probed
        // free and bound later can be taken in between — by the ephemeral end of any outgoing
        // connection of the tests running alongside — and the test then talked to whatever held it.
        let (bound, announce) = AsyncStream.makeStream(of: Int.self)
        let app = try NationalMockServer.build(
            host: "127.0.0.1", port: 0, store: store, secrets: NationalMockServer.secrets(keyId: keyId, secret: secret),
            faults: faults, logger: logger,
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? 0)
                announce.finish()
            })
        let task = Task {
            defer { announce.finish() }
            try await app.runService()
        }
        var listening: Int?
        for await port in bound {
            listening = port
            break
        }
        guard let port = listening, port > 0 else {
            task.cancel()
            await store.shutdown()
            throw MockDidNotStart()
        }
        let url = URL(string: "http://127.0.0.1:\(port)")!
        return RunningMock(store: store, url: url, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        await store.shutdown()
    }

    func client(secret: String = RunningMock.secret, timeout: Int64 = 10) -> NationalClient {
        NationalClient(baseURL: url, credentials: SyncCredentials(keyId: Self.keyId, secret: secret), timeout: .seconds(timeout))
    }
}

/// The mock's server ended before it listened (its error is the server task's).
struct MockDidNotStart: Error {}

/// Runs `body` with a running mock and a fresh store; stops both afterwards, also on failure.
func withMock(
    faults: NationalMockFaults = NationalMockFaults(), store makeStore: () async throws -> PilotStore,
    _ body: (RunningMock, PilotStore) async throws -> Void
) async throws {
    let mock = try await RunningMock.start(faults: faults)
    let store: PilotStore
    do { store = try await makeStore() } catch {
        await mock.stop()
        throw error
    }
    do {
        try await body(mock, store)
    } catch {
        await store.shutdown()
        await mock.stop()
        throw error
    }
    await store.shutdown()
    await mock.stop()
}

/// Writes outbox rows as the engine would: per project, sequences 1…n.
enum OutboxFixture {
    static func fill(
        _ store: PilotStore, projects: Int, eventsEach: Int, invalid: Set<String> = [], prefix: String = "prj_sync"
    ) async throws -> [String] {
        let ids = (0..<projects).map { String(format: "\(prefix)_%04d", $0) }
        let now = Date().millis
        try await store.backend.transaction { database in
            for sequence in 1...eventsEach {
                for project in ids {
                    let eventId = "\(project)-e\(sequence)"
                    let payload = invalid.contains(eventId) ? "{\"invalid\":true}" : "{\"to_state\":\"s\(sequence)\"}"
                    try await database.raw(
                        """
                        INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                        attempts, next_attempt_at) VALUES (\(bind: eventId), 'prg_sync', \(bind: project), \(bind: sequence),
                        'milestone_reported', \(bind: payload), \(bind: now), 'pending', 0, \(bind: now))
                        """
                    ).run()
                }
            }
        }
        return ids
    }
}
