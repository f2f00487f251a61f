import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite, the embedded default. One connection per process, used by one task at a time
/// (a transaction must not interleave with another task's statements on the same connection);
/// `BEGIN IMMEDIATE` and a busy timeout serialise writers across processes. Beside it, a
/// `SQLiteWriter` for transactions that are only writes known in advance (a decision): one trip,
/// prepared statements. Both go through the same gate, so they never run at once.
public final class SQLiteBackend: SQLBackend {
    public let kind = BackendKind.sqlite
    let connection: SQLiteConnection
    let writer: SQLiteWriter
    private let gate = SerialGate()

    public static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let database = connection.sql(queryLogLevel: nil)
        try await database.raw("PRAGMA journal_mode=WAL").run()
        try await database.raw("PRAGMA busy_timeout=10000").run()
        try await database.raw("PRAGMA foreign_keys=ON").run()
        // WAL with synchronous=FULL: every commit is durable (fsync), as the benchmark requires.
        try await database.raw("PRAGMA synchronous=FULL").run()
        do {
            let writer = try await NIOThreadPool.singleton.runIfActive { try SQLiteWriter(path: path) }
            return SQLiteBackend(connection: connection, writer: writer)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    init(connection: SQLiteConnection, writer: SQLiteWriter) {
        self.connection = connection
        self.writer = writer
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            let database = self.connection.sql(queryLogLevel: nil)
            try await database.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run { try await body(self.connection.sql(queryLogLevel: nil)) }
    }

    /// A transaction of writes in one trip to a pool thread (`SQLiteWriter.transaction`): `guarded`
    /// first, and when it returns no row nothing is written and the answer is false. The
    /// statements are serialised and their values encoded before the gate is taken.
    public func transactionInOneTrip(guarded: SQLQueryString, then rest: [SQLQueryString]) async throws -> Bool {
        let database = connection.sql(queryLogLevel: nil)
        let encoder = SQLiteDataEncoder()
        func text(_ query: SQLQueryString) throws -> SQLiteStatementText {
            let (sql, binds) = database.serialize(query)
            return SQLiteStatementText(sql: sql, values: try binds.map { try encoder.encode($0) })
        }
        let first = try text(guarded)
        let others = try rest.map(text)
        let writer = self.writer
        return try await gate.run {
            try await NIOThreadPool.singleton.runIfActive { try writer.transaction(guarded: first, then: others) }
        }
    }

    public func shutdown() async {
        let writer = self.writer
        _ = try? await gate.run { try await NIOThreadPool.singleton.runIfActive { writer.close() } }
        try? await connection.close()
    }
}

/// Lets one task at a time through, in arrival order. Uncontended, it passes without suspending
/// (no executor hop: the gate is on the path of every SQLite statement).
final class SerialGate: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        let passed = lock.withLock { () -> Bool in
            if busy { return false }
            busy = true
            return true
        }
        if passed { return }
        await withCheckedContinuation { continuation in
            let resumeNow = lock.withLock { () -> Bool in
                // The holder may have left between the two locked sections.
                if !busy {
                    busy = true
                    return true
                }
                waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiting.isEmpty {
                busy = false
                return nil
            }
            return waiting.removeFirst()  // stays busy: ownership passes to the next in line
        }
        next?.resume()
    }
}
