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
        #expect(try await store.sessions.loginFailures(keys: keys, since: start).isEmpty)

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

    /// A fresh store on `backend`, its throttle and a fixed instant; the store is closed afterwards.
    func withThrottle(
        _ backend: BackendKind, _ body: (PilotStore, LoginThrottle, Date) async throws -> Void
    ) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        try await body(store, LoginThrottle(store: store), Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Issue #11 (C): attempts are recorded before the password is checked.
    @Test("20 parallel wrong guesses: at most 5 are let through to bcrypt, the rest refused", arguments: TestStores.backends)
    func parallelGuesses(backend: BackendKind) async throws {
        try await withThrottle(backend) { store, throttle, now in
            let admissions = try await withThrowingTaskGroup(of: LoginAdmission.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await throttle.admit(username: "district", client: "203.0.113.5", now: now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            // However the 20 interleave, no more than 5 pass (all may be refused when every one is
            // recorded before any counts); refused ones are not kept, so later guesses fill up to 5.
            let admitted = admissions.filter { if case .admitted = $0 { true } else { false } }.count
            #expect(admitted <= 5)
            var later = 0
            while case .admitted = try await throttle.admit(username: "district", client: "203.0.113.5", now: now) {
                later += 1
                if later > 5 { break }
            }
            #expect(admitted + later == 5)
            let failures = try await store.sessions.loginFailures(keys: ["client:203.0.113.5"], since: now.addingTimeInterval(-1))
            #expect(failures["client:203.0.113.5"]?.count == 5)
        }
    }

    @Test("signing in to one's own account does not clear the address's count", arguments: TestStores.backends)
    func ownAccountDoesNotReset(backend: BackendKind) async throws {
        try await withThrottle(backend) { store, throttle, now in
            let attacker = "198.51.100.7"
            for _ in 0..<4 { _ = try await throttle.admit(username: "district", client: attacker, now: now) }

            guard case .admitted(let own) = try await throttle.admit(username: "mallory", client: attacker, now: now) else {
                Issue.record("the attacker's own sign-in was refused")
                return
            }
            try await throttle.succeeded(own)

            guard case .admitted = try await throttle.admit(username: "leader", client: attacker, now: now) else {
                Issue.record("the fifth guess was refused")
                return
            }
            #expect(try await throttle.admit(username: "leader", client: attacker, now: now) == .refused(retryAfter: 900))
        }
    }

    @Test("failures at a name from address A do not block that user from address B", arguments: TestStores.backends)
    func otherAddressNotLockedOut(backend: BackendKind) async throws {
        try await withThrottle(backend) { store, throttle, now in
            for _ in 0..<5 { _ = try await throttle.admit(username: "District", client: "203.0.113.66", now: now) }

            #expect(try await throttle.admit(username: "district", client: "203.0.113.66", now: now) == .refused(retryAfter: 900))
            guard case .admitted(let official) = try await throttle.admit(username: "district", client: "10.1.2.3", now: now)
            else {
                Issue.record("the official was locked out of their own address")
                return
            }
            try await throttle.succeeded(official)
            #expect(
                try await throttle.retryAfter(keys: LoginThrottle.keys(username: "district", client: "10.1.2.3"), now: now) == nil
            )
        }
    }
}
