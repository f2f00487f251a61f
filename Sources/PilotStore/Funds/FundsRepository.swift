import Foundation
import Funds
import PilotDomain
import SQLKit

/// Each programme's funds book (read, created, changed under a row lock), its log, the catch-up with the projects'
/// lifecycle, and the queue of release records.
/// Reached as `store.funds`.
public struct FundsRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let fundsBooks: FundsBookCache
}

/// Persistence of a programme's `FundsBook`. Every change runs the pure rules inside one
/// transaction that holds the book's row lock (`FOR UPDATE` on PostgreSQL; SQLite transactions
/// are serial), so concurrent preparations and approvals are applied one after the other to the
/// latest state: a tranche can be paid only once and the matching check always sees every
/// earlier payment. A refused change writes nothing.
extension FundsRepository {
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
        let summary = try ProjectFactsRepository.encodeSummary(book.summary)
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
    ///
    /// With a `reader`, every project queued by a decision (`funds_pending`) is reconciled first,
    /// under the same lock and in the same transaction, so a payment is decided on the book as the
    /// committed decisions say (a terminated or held project cannot be paid). Every release the
    /// change pays queues its record jobs (`release_records`) in the same transaction.
    public func changeFunds<Value: Sendable>(
        programmeId: String, action: String, detail: String, actor: ChangeActor, reader: FundsLifecycleReader? = nil,
        _ change: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        let now = clock.now()
        return try await backend.transaction { database -> Result<Value, FundsRefusal> in
            var (book, version) = try await self.lockedBook(programmeId, on: database)
            var reconciled = 0
            if let reader {
                reconciled = try await self.reconcileQueued(
                    &book, programmeId: programmeId, reader: reader, at: now, on: database)
            }
            let before = book
            let value: Value
            do throws(FundsRefusal) {
                value = try change(&book)
            } catch {
                // The refusal writes nothing of its own, but what the queue brought is kept.
                if reconciled > 0 {
                    try await self.storeBook(
                        book: before, version: version, programmeId: programmeId, action: "reconcile",
                        detail: "\(reconciled) projects", actor: .system, at: now, on: database)
                }
                return .failure(error)
            }
            try await self.queueReleaseRecords(before: before, after: book, programmeId: programmeId, at: now, on: database)
            let note = reconciled > 0 ? "\(detail) (+ \(reconciled) projects reconciled)" : detail
            try await self.storeBook(
                book: book, version: version, programmeId: programmeId, action: action, detail: note, actor: actor, at: now,
                on: database)
            return .success(value)
        }
    }

    /// Reconciles the projects queued for the programme's book, if any; writes nothing otherwise.
    /// Returns how many projects' records changed.
    @discardableResult
    public func settleFunds(programmeId: String, reader: FundsLifecycleReader) async throws -> Int {
        guard try await fundsPending(programmeId: programmeId) > 0 else { return 0 }
        let now = clock.now()
        return try await backend.transaction { database -> Int in
            var (book, version) = try await self.lockedBook(programmeId, on: database)
            let reconciled = try await self.reconcileQueued(
                &book, programmeId: programmeId, reader: reader, at: now, on: database)
            if reconciled > 0 {
                try await self.storeBook(
                    book: book, version: version, programmeId: programmeId, action: "reconcile",
                    detail: "\(reconciled) projects", actor: .system, at: now, on: database)
            }
            return reconciled
        }
    }

    /// The book and its version, read under the row's lock (`FOR UPDATE` on PostgreSQL; SQLite
    /// transactions are serial): every change of a programme's money is applied to the latest book.
    private func lockedBook(_ programmeId: String, on database: any SQLDatabase) async throws -> (FundsBook, Int) {
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        guard
            let row = try await database.raw(
                "SELECT version, book FROM funds_books WHERE programme_id = \(bind: programmeId)\(lock)"
            ).first()
        else { throw StoreError.notFound("funds of programme \(programmeId)") }
        return (try Self.decodeBook(try row.string("book")), try row.int("version"))
    }

    /// Writes the next version of the book with its summary and a log line.
    private func storeBook(
        book: FundsBook, version: Int, programmeId: String, action: String, detail: String, actor: ChangeActor, at: Date,
        on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            UPDATE funds_books SET version = \(bind: version + 1), book = \(bind: try Self.encodeBook(book)),
            summary = \(bind: try ProjectFactsRepository.encodeSummary(book.summary)), updated_at = \(bind: at.millis) WHERE programme_id = \(bind: programmeId)
            """
        ).run()
        try await database.raw(
            """
            INSERT INTO funds_log (programme_id, book_version, action, detail, actor_user_id, actor_name, at)
            VALUES (\(bind: programmeId), \(bind: version + 1), \(bind: action), \(bind: detail), \(bind: actor.userId),
            \(bind: actor.name), \(bind: at.millis))
            """
        ).run()
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
