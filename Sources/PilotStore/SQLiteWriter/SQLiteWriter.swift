import SQLiteNIO
import VaporCSQLite

/// A second connection to the SQLite file, through SQLiteNIO's own build of SQLite (the same
/// library, so the file's locks are one library's locks), that runs a whole transaction in one
/// trip to a thread and keeps its statements prepared.
///
/// Why (issue #16): through SQLiteNIO every statement is its own trip — to the thread pool, back
/// to the event loop, back to the task — and is parsed, planned and finalised anew: a decision's
/// BEGIN, update, four to eight follow-ups and COMMIT cost a dozen trips and parses. Here they
/// cost one trip, and each distinct statement text is parsed once per process.
///
/// Not thread-safe on its own: `SQLiteBackend` calls it only while holding its gate (one caller
/// at a time), on a thread of the pool.
final class SQLiteWriter: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Prepared statements by text. Decisions write a few dozen distinct texts (the number of
    /// events, timers, scopes and counter rows varies); past `cacheLimit` the cache starts over.
    private var prepared: [String: OpaquePointer] = [:]
    static let cacheLimit = 256

    /// Opens the file with the pragmas `SQLiteBackend.open` gives its own connection (WAL is the
    /// file's, set there; these are the connection's).
    init(path: String) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite_nio_sqlite3_close(opened)
            throw SQLiteWriterError(code: code, message: message)
        }
        handle = opened
        for pragma in ["PRAGMA busy_timeout=10000", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"] {
            _ = try run(SQLiteStatementText(sql: pragma, values: []))
        }
        finalizeAll()  // run once: not worth keeping
    }

    deinit { close() }

    /// How many statement texts are held prepared (for tests of the cache).
    var preparedCount: Int { prepared.count }

    /// `BEGIN IMMEDIATE`, then `guarded`: when it returns no row (a version check that matched
    /// nothing), rolls back and returns false; otherwise runs `rest` in order and commits. Any
    /// error rolls back and is thrown: all or nothing.
    func transaction(guarded: SQLiteStatementText, then rest: [SQLiteStatementText]) throws -> Bool {
        _ = try run(.begin)
        do {
            guard try run(guarded) else {
                _ = try run(.rollback)
                return false
            }
            for statement in rest { _ = try run(statement) }
            _ = try run(.commit)
            return true
        } catch {
            // A failed COMMIT may have ended the transaction already (autocommit is back on).
            if let handle, sqlite_nio_sqlite3_get_autocommit(handle) == 0 { _ = try? run(.rollback) }
            throw error
        }
    }

    /// Runs one statement to its end. Returns whether it produced a row.
    private func run(_ statement: SQLiteStatementText) throws -> Bool {
        guard let handle else { throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the writer is closed") }
        let prepared = try self.statement(statement.sql, on: handle)
        defer {
            sqlite_nio_sqlite3_reset(prepared)
            sqlite_nio_sqlite3_clear_bindings(prepared)
        }
        for (offset, value) in statement.values.enumerated() {
            let code = bind(value, at: Int32(offset + 1), of: prepared)
            guard code == SQLITE_OK else { throw SQLiteWriterError(code: code, handle: handle) }
        }
        var producedRow = false
        while true {
            let code = sqlite_nio_sqlite3_step(prepared)
            if code == SQLITE_DONE { return producedRow }
            guard code == SQLITE_ROW else { throw SQLiteWriterError(code: code, handle: handle) }
            producedRow = true
        }
    }

    private func statement(_ sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        if let kept = prepared[sql] { return kept }
        if prepared.count >= Self.cacheLimit { finalizeAll() }
        var made: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &made, nil)
        guard code == SQLITE_OK, let made else { throw SQLiteWriterError(code: code, handle: handle) }
        prepared[sql] = made
        return made
    }

    private func bind(_ value: SQLiteData, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    /// SQLite copies the value (SQLITE_TRANSIENT): Swift's string storage is not ours to lend.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func finalizeAll() {
        for statement in prepared.values { sqlite_nio_sqlite3_finalize(statement) }
        prepared.removeAll()
    }

    /// Finalises the statements and closes the connection; idempotent.
    func close() {
        finalizeAll()
        if let handle { sqlite_nio_sqlite3_close(handle) }
        handle = nil
    }
}

/// A statement's text and its values, as SQLite takes them.
struct SQLiteStatementText: Sendable {
    var sql: String
    var values: [SQLiteData]

    static let begin = SQLiteStatementText(sql: "BEGIN IMMEDIATE", values: [])
    static let commit = SQLiteStatementText(sql: "COMMIT", values: [])
    static let rollback = SQLiteStatementText(sql: "ROLLBACK", values: [])
}

/// SQLite's result code and message, e.g. "UNIQUE constraint failed: …" (what
/// `BackendKind.isUniqueViolation` looks for, as in SQLiteNIO's errors).
struct SQLiteWriterError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(code: Int32, handle: OpaquePointer) {
        self.init(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "unknown")
    }

    var description: String { "SQLite error \(code): \(message)" }
}
