import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("Sign-in failures are counted in the database")
struct LoginThrottleTests {
    @Test(
        "the limit within the window, the wait counted from the oldest failure, cleared by a success",
        arguments: TestStores.backends)
    func window(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let throttle = LoginThrottle(store: store, limit: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let keys = ["user:zhang", "client:203.0.113.5"]
        for second in [0.0, 5, 10] {
            #expect(try await throttle.retryAfter(keys: keys, now: start.addingTimeInterval(second)) == nil)
            try await throttle.recordFailure(keys: keys, now: start.addingTimeInterval(second))
        }
        #expect(try await throttle.retryAfter(keys: keys, now: start.addingTimeInterval(20)) == 40)
        #expect(try await throttle.retryAfter(keys: ["user:zhang"], now: start.addingTimeInterval(59.5)) == 1)
        #expect(try await throttle.retryAfter(keys: ["user:li"], now: start.addingTimeInterval(20)) == nil)
        #expect(try await throttle.retryAfter(keys: keys, now: start.addingTimeInterval(61)) == nil)
        try await throttle.recordSuccess(keys: keys)
        #expect(try await store.loginFailures(keys: keys, since: start).isEmpty)

        // Failures are stored to the rounded millisecond: asked at the very instant of the last
        // failure, the wait is the whole window, not a second more, whichever way `now` rounds.
        for fraction in [0.0004, 0.0006] {
            let instant = start.addingTimeInterval(1_000 + fraction)
            for _ in 0..<3 { try await throttle.recordFailure(keys: ["user:wang"], now: instant) }
            #expect(try await throttle.retryAfter(keys: ["user:wang"], now: instant) == 60)
            try await throttle.recordSuccess(keys: ["user:wang"])
        }
    }

    @Test("two server processes on one PostgreSQL database count the same failures; the typed names are not stored")
    func shared() async throws {
        let address = try await ThrowawayPostgres.shared.freshDatabase()
        let first = PilotStore(backend: PostgresBackend(address, logger: .init(label: "test.throttle.1")))
        let second = PilotStore(backend: PostgresBackend(address, logger: .init(label: "test.throttle.2")))
        defer {
            Task {
                await first.shutdown()
                await second.shutdown()
            }
        }
        try await first.migrate()
        let now = Date()
        let keys = ["user:my-secret-password", "client:198.51.100.7"]
        for _ in 0..<5 { try await LoginThrottle(store: first).recordFailure(keys: keys, now: now) }
        let wait = try await LoginThrottle(store: second).retryAfter(keys: ["user:my-secret-password"], now: now)
        #expect(wait == 900)
        let stored = try await second.backend.read { database in
            try await database.raw("SELECT key_digest FROM login_failures").all().map {
                try $0.decode(column: "key_digest", as: String.self)
            }
        }
        #expect(stored.count == 10 && !stored.contains { $0.contains("secret") || $0.contains("198.51") })
    }
}
