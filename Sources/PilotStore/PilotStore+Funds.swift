import Foundation
import Funds
import PilotDomain
import SQLKit

/// Persistence of a programme's `FundsBook`. Every change runs the pure rules inside one
/// transaction that holds the book's row lock (`FOR UPDATE` on PostgreSQL; SQLite transactions
/// are serial), so concurrent preparations and approvals are applied one after the other to the
/// latest state: a tranche can be paid only once and the matching check always sees every
/// earlier payment. A refused change writes nothing.
extension PilotStore {
    /// The programme's book, decoded again only when its version has changed (`FundsBookCache`).
    public func fundsBook(programmeId: String) async throws -> FundsBook? {
        let cache = fundsBooks
        return try await backend.read { database in
            guard
                let current = try await database.raw(
                    "SELECT version FROM funds_books WHERE programme_id = \(bind: programmeId)"
                ).first()
            else { return nil }
            if let book = cache.value(programmeId, at: try current.int("version")) { return book }
            // Version and book from one row read, so the book is kept under its own version.
            guard
                let row = try await database.raw(
                    "SELECT version, book FROM funds_books WHERE programme_id = \(bind: programmeId)"
                ).first()
            else { return nil }
            let book = try Self.decodeBook(try row.string("book"))
            cache.keep(book, programmeId, at: try row.int("version"))
            return book
        }
    }

    /// Creates the book once; a second call (another server instance) keeps the first.
    public func createFundsBook(programmeId: String, _ book: FundsBook) async throws {
        let text = try Self.encodeBook(book)
        let summary = try Self.encodeSummary(book.summary)
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO funds_books (programme_id, version, book, summary, updated_at) VALUES (\(bind: programmeId), 1,
                \(bind: text), \(bind: summary), \(bind: now)) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    /// Applies `change` to the locked, current book and stores the result with a log line.
    /// Returns the change's result, or its refusal (nothing written).
    public func changeFunds<Value: Sendable>(
        programmeId: String, action: String, detail: String, actor: ChangeActor,
        _ change: @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        let now = clock.now().millis
        return try await backend.transaction { database -> Result<Value, FundsRefusal> in
            guard
                let row = try await database.raw(
                    "SELECT version, book FROM funds_books WHERE programme_id = \(bind: programmeId)\(lock)"
                ).first()
            else { throw StoreError.notFound("funds of programme \(programmeId)") }
            var book = try Self.decodeBook(try row.string("book"))
            let version = try row.int("version")
            let value: Value
            do throws(FundsRefusal) {
                value = try change(&book)
            } catch {
                return .failure(error)
            }
            try await database.raw(
                """
                UPDATE funds_books SET version = \(bind: version + 1), book = \(bind: try Self.encodeBook(book)),
                summary = \(bind: try Self.encodeSummary(book.summary)), updated_at = \(bind: now) WHERE programme_id = \(bind: programmeId)
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO funds_log (programme_id, book_version, action, detail, actor_user_id, actor_name, at)
                VALUES (\(bind: programmeId), \(bind: version + 1), \(bind: action), \(bind: detail), \(bind: actor.userId),
                \(bind: actor.name), \(bind: now))
                """
            ).run()
            return .success(value)
        }
    }

    public func fundsLog(
        programmeId: String, limit: Int = 200
    ) async throws -> [(action: String, detail: String, actor: String, at: Date)] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT action, detail, actor_name, at FROM funds_log WHERE programme_id = \(bind: programmeId)
                ORDER BY id DESC LIMIT \(literal: limit)
                """
            ).all().map { (try $0.string("action"), try $0.string("detail"), try $0.string("actor_name"), try $0.date("at")) }
        }
    }

    static func encodeBook(_ book: FundsBook) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(book), as: UTF8.self)
    }

    static func decodeBook(_ text: String) throws -> FundsBook {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(FundsBook.self, from: Data(text.utf8))
    }
}
