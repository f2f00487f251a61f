import Foundation
import PilotStore
import SQLKit
import TestSupport
import Testing

/// A served request's database operation is bounded (issue #11, chaos): the chaos harness found
/// requests that never completed after PostgreSQL dropped the pool's connections, and a graceful
/// shutdown that waited for them forever. With a deadline the caller is answered `unreachable`
/// (503) and the pool and the process go on.
@Suite("PostgreSQL operations answer within their deadline")
struct OperationDeadlineTests {
    @Test("an operation past the deadline is abandoned with `unreachable`; the next one works; no deadline, no limit")
    func deadline() async throws {
        let store = try await TestStores.make(.postgres)
        let backend = try #require(store.backend as? PostgresBackend)
        backend.operationDeadline = .milliseconds(300)
        await #expect(throws: StoreError.self) {
            try await backend.read { database in try await database.raw("SELECT pg_sleep(3)").run() }
        }
        // The next operation works (a generous deadline: on a loaded machine the pool may first open a
        // new connection while the abandoned one is still busy on the server).
        backend.operationDeadline = .seconds(30)
        let answer = try await backend.read { database in
            try await database.raw("SELECT 42 AS n").first()?.decode(column: "n", as: Int.self)
        }
        #expect(answer == 42)
        backend.operationDeadline = nil
        try await backend.transaction { database in try await database.raw("SELECT pg_sleep(0.5)").run() }
        await store.shutdown()
    }
}
