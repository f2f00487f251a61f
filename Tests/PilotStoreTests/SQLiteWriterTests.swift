import Foundation
import Logging
import SQLKit
import Testing

@testable import PilotStore

/// SQLite's one-trip transactions (`SQLiteWriter`, issue #16): all of it or none of it, a guard
/// that matches nothing writes nothing, values arrive as bound, and each text is prepared once.
@Suite("SQLite writer: a transaction in one trip")
struct SQLiteWriterTests {
    private static func backend() async throws -> SQLiteBackend {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-writer-\(UUID().uuidString).sqlite")
        let backend = try await SQLiteBackend.open(path: path.path, logger: Logger(label: "test"))
        try await backend.transaction { database in
            try await database.raw("CREATE TABLE items (id TEXT PRIMARY KEY, version INTEGER NOT NULL, note TEXT)").run()
            try await database.raw("CREATE TABLE marks (key TEXT NOT NULL UNIQUE, amount REAL, data BLOB)").run()
            try await database.raw("INSERT INTO items VALUES ('a', 1, '初稿')").run()
        }
        return backend
    }

    private static func item(_ backend: SQLiteBackend) async throws -> (version: Int, note: String?) {
        try await backend.read { database in
            let row = try await database.raw("SELECT version, note FROM items WHERE id = 'a'").first()!
            return (try row.decode(column: "version", as: Int.self), try row.decode(column: "note", as: String?.self))
        }
    }

    private static func marks(_ backend: SQLiteBackend) async throws -> [String] {
        try await backend.read { database in
            try await database.raw("SELECT key FROM marks ORDER BY key").all().map {
                try $0.decode(column: "key", as: String.self)
            }
        }
    }

    @Test("the guard and every statement after it are committed together, with their values as bound")
    func commitsAll() async throws {
        let backend = try await Self.backend()
        defer { Task { await backend.shutdown() } }
        let written = try await backend.transactionInOneTrip(
            guarded:
                "UPDATE items SET version = \(bind: 2), note = \(bind: "复审 ' 通过") WHERE id = 'a' AND version = \(bind: 1) RETURNING version",
            then: [
                "INSERT INTO marks (key, amount, data) VALUES (\(bind: "k1"), \(bind: 12.5), NULL)",
                "INSERT INTO marks (key, amount, data) VALUES (\(bind: "k2"), NULL, \(bind: Data([0, 1, 2])))",
            ])
        #expect(written)
        let item = try await Self.item(backend)
        #expect(item.version == 2 && item.note == "复审 ' 通过")
        let stored = try await backend.read { database in
            try await database.raw("SELECT key, amount, length(data) AS bytes FROM marks ORDER BY key").all().map {
                (
                    try $0.decode(column: "key", as: String.self), try $0.decode(column: "amount", as: Double?.self),
                    try $0.decode(column: "bytes", as: Int?.self)
                )
            }
        }
        #expect(stored.count == 2)
        #expect(stored[0].0 == "k1" && stored[0].1 == 12.5 && stored[0].2 == nil)
        #expect(stored[1].0 == "k2" && stored[1].1 == nil && stored[1].2 == 3)
    }

    @Test("a guard that matches no row answers false and nothing after it is written")
    func staleGuard() async throws {
        let backend = try await Self.backend()
        defer { Task { await backend.shutdown() } }
        let written = try await backend.transactionInOneTrip(
            guarded: "UPDATE items SET version = 9 WHERE id = 'a' AND version = \(bind: 5) RETURNING version",
            then: ["INSERT INTO marks (key) VALUES ('never')"])
        #expect(!written)
        #expect(try await Self.marks(backend).isEmpty)
        #expect(try await Self.item(backend).version == 1)
        // And the connection is usable afterwards: no transaction was left open.
        #expect(try await backend.transactionInOneTrip(guarded: "UPDATE items SET version = 2 RETURNING version", then: []))
    }

    @Test("a failing statement rolls back the guard and the statements before it; the error says what failed")
    func allOrNothing() async throws {
        let backend = try await Self.backend()
        defer { Task { await backend.shutdown() } }
        try await backend.transaction { try await $0.raw("INSERT INTO marks (key) VALUES ('taken')").run() }
        await #expect {
            _ = try await backend.transactionInOneTrip(
                guarded: "UPDATE items SET version = 2, note = 'changed' WHERE id = 'a' RETURNING version",
                then: ["INSERT INTO marks (key) VALUES ('first')", "INSERT INTO marks (key) VALUES ('taken')"])
        } throws: { error in
            BackendKind.sqlite.isUniqueViolation(error)
        }
        let item = try await Self.item(backend)
        #expect(item.version == 1 && item.note == "初稿")
        #expect(try await Self.marks(backend) == ["taken"])
        // A statement SQLite cannot prepare is refused the same way, and leaves nothing either.
        await #expect(throws: SQLiteWriterError.self) {
            _ = try await backend.transactionInOneTrip(
                guarded: "UPDATE items SET version = 3 RETURNING version", then: ["INSERT INTO no_such_table VALUES (1)"])
        }
        #expect(try await Self.item(backend).version == 1)
    }

    @Test("each statement text is prepared once, however often it runs; past the limit the cache starts over")
    func preparedOnce() async throws {
        let backend = try await Self.backend()
        defer { Task { await backend.shutdown() } }
        for version in 1...40 {
            let written = try await backend.transactionInOneTrip(
                guarded:
                    "UPDATE items SET version = \(bind: version + 1) WHERE id = 'a' AND version = \(bind: version) RETURNING version",
                then: ["INSERT INTO marks (key) VALUES (\(bind: "k\(version)"))"])
            #expect(written)
        }
        #expect(try await Self.item(backend).version == 41)
        #expect(try await Self.marks(backend).count == 40)
        // BEGIN IMMEDIATE, the update, the insert, COMMIT.
        #expect(backend.writer.preparedCount == 4)
        for number in 0..<(SQLiteWriter.cacheLimit + 10) {
            _ = try await backend.transactionInOneTrip(
                guarded: "UPDATE items SET note = \(bind: "n") WHERE id = 'a' RETURNING \(unsafeRaw: String(number))", then: [])
        }
        #expect(backend.writer.preparedCount <= SQLiteWriter.cacheLimit)
        #expect(try await Self.item(backend).note == "n")
    }
}
