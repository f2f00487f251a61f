import Foundation
import NIOConcurrencyHelpers
import PostgresKit
import PostgresNIO
import SQLKit

extension SQLDatabase {
    /// Runs `query` and returns its rows — on PostgreSQL as a named prepared statement of the
    /// connection, so the server parses and plans the text once per connection instead of on every
    /// call (as an unnamed statement costs): the decision's write and the read before it run on
    /// every command, and their parsing and planning cost the server as much CPU as the writing
    /// (issue #16). So do the reads every dashboard view makes (the programme's counts, flags,
    /// fingerprint, targets, snapshots, funds summary and version): planning the programme's counts,
    /// a union of four, took 1.4 ms beside 3.2 ms running them (`EXPLAIN ANALYZE`, 5,000 projects).
    /// On SQLite, with prepared statements turned off (`SMEPILOT_PG_PREPARED=off`), or for a
    /// statement the cache does not take, it runs as `raw`.
    /// `names`: the cache that names the text (`.shared`, or the group commit's own, so batches of
    /// varying composition cannot crowd single statements out of the shared one).
    func preparedRows(_ query: SQLQueryString, names: PreparedStatementCache = .shared) async throws -> [any SQLRow] {
        if let session = self as? PostgresSession, session.prepared {
            let (sql, binds) = serialize(query)
            if let prepared = names.statement(sql: sql, binds: binds) {
                return try await prepared.run(on: session.connection)
            }
        }
        return try await raw(query).all()
    }
}

/// Names for statement texts, shared by every connection: the same text and bind types always
/// get the same name, and PostgresNIO prepares a name on a connection the first time the
/// connection runs it (a new connection after a reconnect prepares it again). The text of a
/// decision varies with its follow-ups (scopes, timers, events), so names are made on demand;
/// the bind types are part of the key because the server fixes a parameter's type at
/// preparation (a NULL first would leave it untyped). Bounded: past `capacity` texts a statement
/// runs unprepared, so a caller with endlessly varying texts cannot grow every connection.
final class PreparedStatementCache: Sendable {
    static let shared = PreparedStatementCache(capacity: 512, prefix: "smepilot_")
    /// The group commit's statements (`GroupCommit`): a text per composition of a batch.
    static let batches = PreparedStatementCache(capacity: 256, prefix: "smepilot_batch_")

    let capacity: Int
    /// What its names start with: two caches never give one name to two texts.
    let prefix: String
    /// The names given, and how many statements found every name taken — under one lock.
    private let state = NIOLockedValueBox(State())

    private struct State {
        var names: [Key: String] = [:]
        var unnamedRuns = 0
    }

    /// The bind types (a letter each) and the text: a struct rather than one joined string, so
    /// the long text of a decision is not copied on every call (issue #16 profile).
    private struct Key: Hashable {
        var kinds: [UInt8]
        var sql: String
    }

    init(capacity: Int, prefix: String) {
        self.capacity = capacity
        self.prefix = prefix
    }

    var count: Int { state.withLockedValue { $0.names.count } }

    /// Statements that ran unnamed because every name was taken (parsed and planned by the server
    /// on every call): `bench transitions` shows how often the group commit's batches do.
    var unnamedRuns: Int { state.withLockedValue { $0.unnamedRuns } }

    /// The statement to run, or nil when a bind has a type it does not encode or it is full.
    func statement(sql: String, binds: [any Encodable & Sendable]) -> PreparedSQL? {
        var bindings = PostgresBindings(capacity: binds.count)
        var kinds: [UInt8] = []
        kinds.reserveCapacity(binds.count)
        for bind in binds {
            guard let kind = Self.append(bind, to: &bindings) else { return nil }
            kinds.append(kind)
        }
        let key = Key(kinds: kinds, sql: sql)
        let name = state.withLockedValue { state -> String? in
            if let known = state.names[key] { return known }
            guard state.names.count < capacity else {
                state.unnamedRuns += 1
                return nil
            }
            let made = "\(prefix)\(state.names.count + 1)"
            state.names[key] = made
            return made
        }
        guard let name else { return nil }
        return PreparedSQL(name: name, sql: sql, bindings: bindings)
    }

    /// Encodes one bind the way PostgresKit would for the types the store binds; returns a letter
    /// for the type (`n` for any NULL), or nil for a type left to PostgresKit. By the bind's exact
    /// type, one comparison each: a cast per type (and a protocol cast for "is it nil?") was a
    /// twelfth of the engine's client CPU (issue #16, round 5 profile).
    private static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) -> UInt8? {
        func put<T: PostgresEncodable & PostgresNonThrowingEncodable>(_ value: T?, _ kind: Character) -> UInt8 {
            guard let value else {
                bindings.appendNull()
                return UInt8(ascii: "n")
            }
            bindings.append(value)
            return kind.asciiValue!
        }
        switch ObjectIdentifier(type(of: bind)) {
        case ObjectIdentifier(String.self): return put(bind as? String, "s")
        case ObjectIdentifier(String?.self): return put(bind as! String?, "s")
        case ObjectIdentifier(Int.self): return put(bind as? Int, "i")
        case ObjectIdentifier(Int?.self): return put(bind as! Int?, "i")
        case ObjectIdentifier(Int64.self): return put(bind as? Int64, "i")
        case ObjectIdentifier(Int64?.self): return put(bind as! Int64?, "i")
        case ObjectIdentifier(Bool.self): return put(bind as? Bool, "b")
        case ObjectIdentifier(Bool?.self): return put(bind as! Bool?, "b")
        case ObjectIdentifier(Double.self): return put(bind as? Double, "d")
        case ObjectIdentifier(Double?.self): return put(bind as! Double?, "d")
        default: return nil
        }
    }
}

/// One statement text under its name, with this call's bindings.
struct PreparedSQL: Sendable {
    var name: String
    var sql: String
    var bindings: PostgresBindings

    func run(on connection: PostgresConnection) async throws -> [any SQLRow] {
        // PostgresNIO takes a prepared statement's name and text from its type; the cache's names
        // are made at run time, so this call's pair is handed to the type through a task local.
        try await CachedStatement.$current.withValue((name, sql)) {
            var rows: [any SQLRow] = []
            for try await row in try await connection.execute(CachedStatement(bindings: bindings), logger: connection.logger) {
                rows.append(row.sql())
            }
            return rows
        }
    }
}

private struct CachedStatement: PostgresPreparedStatement {
    typealias Row = PostgresRow
    @TaskLocal static var current: (name: String, sql: String) = ("", "")
    static var name: String { current.name }
    static var sql: String { current.sql }

    var bindings: PostgresBindings
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
