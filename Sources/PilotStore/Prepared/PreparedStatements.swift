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
    /// (issue #16). On SQLite, with prepared statements turned off (`SMEPILOT_PG_PREPARED=off`),
    /// or for a statement the cache does not take, it runs as `raw`.
    func preparedRows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        if let session = self as? PostgresSession, session.prepared {
            let (sql, binds) = serialize(query)
            if let prepared = PreparedStatementCache.shared.statement(sql: sql, binds: binds) {
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
    static let shared = PreparedStatementCache(capacity: 512)

    let capacity: Int
    private let names = NIOLockedValueBox<[Key: String]>([:])

    /// The bind types (a letter each) and the text: a struct rather than one joined string, so
    /// the long text of a decision is not copied on every call (issue #16 profile).
    private struct Key: Hashable {
        var kinds: String
        var sql: String
    }

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { names.withLockedValue { $0.count } }

    /// The statement to run, or nil when a bind has a type it does not encode or it is full.
    func statement(sql: String, binds: [any Encodable & Sendable]) -> PreparedSQL? {
        var bindings = PostgresBindings(capacity: binds.count)
        var kinds = ""
        kinds.reserveCapacity(binds.count)
        for bind in binds {
            guard let kind = Self.append(bind, to: &bindings) else { return nil }
            kinds.append(kind)
        }
        let key = Key(kinds: kinds, sql: sql)
        let name = names.withLockedValue { names -> String? in
            if let known = names[key] { return known }
            guard names.count < capacity else { return nil }
            let made = "smepilot_\(names.count + 1)"
            names[key] = made
            return made
        }
        return name.map { PreparedSQL(name: $0, sql: sql, bindings: bindings) }
    }

    /// Encodes one bind the way PostgresKit would for the types the store binds; returns a letter
    /// for the type, or nil for a type left to PostgresKit.
    private static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) -> Character? {
        if let optional = bind as? any OptionalBind, optional.isNone {
            bindings.appendNull()
            return "n"
        }
        switch bind {
        case let value as String: bindings.append(value)
        case let value as Int: bindings.append(value)
        case let value as Int64: bindings.append(value)
        case let value as Bool: bindings.append(value)
        case let value as Double: bindings.append(value)
        default: return nil
        }
        switch bind {
        case is String, is String?: return "s"
        case is Bool, is Bool?: return "b"
        case is Double, is Double?: return "d"
        default: return "i"
        }
    }
}

private protocol OptionalBind { var isNone: Bool { get } }
extension Optional: OptionalBind { var isNone: Bool { self == nil } }

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
