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

/// Persistence of a programme's `FundsBook` as rows (migration 31, `FundsRows`). Every change
/// runs the pure rules on the whole book inside one transaction that holds the programme's
/// header row lock (`funds_books`, `FOR UPDATE` on PostgreSQL; SQLite transactions are serial),
/// so concurrent preparations and approvals — from any server process — are applied one after
/// the other to the latest state: a tranche can be paid only once (and the database refuses a
/// second payment line besides) and the matching check always sees every earlier payment. The
/// change writes only the rows it changed and bumps the header's version; a refused change
/// writes nothing.
extension FundsRepository {
    /// The programme's book: the one this process last read or wrote while the stored version is
    /// unchanged (`FundsBookCache`), else rebuilt from its rows.
    public func fundsBook(programmeId: String) async throws -> FundsBook? {
        let cache = fundsBooks
        let version = try await backend.read { database in
            try await database.preparedRows("SELECT version FROM funds_books WHERE programme_id = \(bind: programmeId)")
                .first?.int("version")
        }
        guard let version else { return nil }
        if let book = cache.value(programmeId, at: version) { return book }
        // Rows and version read under the header's lock (shared: changes wait, other readers do
        // not), so the book kept is exactly the one its version names.
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR SHARE" : ""
        return try await backend.transaction { database -> FundsBook? in
            guard
                let row = try await database.raw(
                    "SELECT version, rules FROM funds_books WHERE programme_id = \(bind: programmeId)\(lock)"
                ).first()
            else { return nil }
            let book = try await FundsRows.book(programmeId: programmeId, rules: try row.string("rules"), on: database)
            cache.keep(book, programmeId, at: try row.int("version"))
            return book
        }
    }

    /// For `smepilot ledger check`: the book rebuilt from its rows (never the cache), and the
    /// first posting whose lines do not balance — the journal's one invariant the rows'
    /// constraints cannot state (every write checks it; this re-reads what is stored).
    public func storedFunds(programmeId: String) async throws -> (book: FundsBook, unbalancedPosting: Int?)? {
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR SHARE" : ""
        return try await backend.transaction { database -> (FundsBook, Int?)? in
            guard
                let row = try await database.raw(
                    "SELECT rules FROM funds_books WHERE programme_id = \(bind: programmeId)\(lock)"
                ).first()
            else { return nil }
            return (
                try await FundsRows.book(programmeId: programmeId, rules: try row.string("rules"), on: database),
                try await FundsRows.firstUnbalanced(programmeId: programmeId, from: 1, on: database)
            )
        }
    }

    /// Creates the book once; a second call (another server instance) keeps the first.
    public func createFundsBook(programmeId: String, _ book: FundsBook) async throws {
        let summary = try ProjectFactsRepository.encodeSummary(book.summary)
        let rules = try FundsRows.encode(book.rules)
        let now = clock.now().millis
        try await backend.transaction { database in
            // The header is inserted first and only by one caller: it alone then writes the rows.
            guard
                try await database.raw(
                    """
                    INSERT INTO funds_books (programme_id, version, rules, summary, updated_at) VALUES (\(bind: programmeId), 1,
                    \(bind: rules), \(bind: summary), \(bind: now)) ON CONFLICT DO NOTHING RETURNING version
                    """
                ).first() != nil
            else { return }
            try await FundsRows.write(before: nil, after: book, programmeId: programmeId, on: database)
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
        try await applyChange(
            programmeId: programmeId, action: action, detail: detail, actor: actor, reader: reader, once: nil, change)
    }

    /// `changeFunds` under a client's idempotency key (`request`): the key and what the change
    /// returned are written in the change's transaction, under the book's lock, so a retry with the
    /// same key and request gets the first result back and changes nothing, whether the first
    /// attempt's answer was lost or not; the same key for another request throws
    /// `FundsRequestReused` (nothing written). A refusal stores no key: the retry is decided again.
    public func changeFunds<Value: Codable & Sendable>(
        programmeId: String, action: String, detail: String, actor: ChangeActor, reader: FundsLifecycleReader? = nil,
        once request: FundsRequestKey, _ change: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        let once = Once<Value>(
            replay: { database in
                guard
                    let row = try await database.raw(
                        """
                        SELECT action, fingerprint, result FROM funds_requests WHERE programme_id = \(bind: programmeId)
                        AND actor_user_id = \(bind: actor.userId) AND idempotency_key = \(bind: request.key)
                        """
                    ).first()
                else { return nil }
                guard try row.string("action") == action, try row.string("fingerprint") == request.fingerprint else {
                    throw FundsRequestReused(key: request.key)
                }
                return try JSONDecoder().decode(Value.self, from: Data(try row.string("result").utf8))
            },
            remember: { value, version, database in
                let result = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
                try await database.raw(
                    """
                    INSERT INTO funds_requests (programme_id, actor_user_id, idempotency_key, action, fingerprint, result,
                    book_version, at) VALUES (\(bind: programmeId), \(bind: actor.userId), \(bind: request.key), \(bind: action),
                    \(bind: request.fingerprint), \(bind: result), \(bind: version), \(bind: self.clock.now().millis))
                    """
                ).run()
            })
        return try await applyChange(
            programmeId: programmeId, action: action, detail: detail, actor: actor, reader: reader, once: once, change)
    }

    /// How a keyed change reads its earlier result and remembers its new one (see `changeFunds(once:)`).
    struct Once<Value: Sendable>: Sendable {
        var replay: @Sendable (any SQLDatabase) async throws -> Value?
        var remember: @Sendable (Value, Int, any SQLDatabase) async throws -> Void
    }

    private func applyChange<Value: Sendable>(
        programmeId: String, action: String, detail: String, actor: ChangeActor, reader: FundsLifecycleReader?,
        once: Once<Value>?, _ change: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        let now = clock.now()
        let (result, kept) = try await backend.transaction { database -> (Result<Value, FundsRefusal>, Stamped) in
            let (stored, version) = try await self.lockedBook(programmeId, on: database)
            // A request already answered is answered again, before anything else is touched.
            if let earlier = try await once?.replay(database) {
                return (.success(earlier), Stamped(book: stored, version: version))
            }
            var book = stored
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
                guard reconciled > 0 else { return (.failure(error), Stamped(book: stored, version: version)) }
                let next = try await self.storeBook(
                    before, stored: stored, version: version, programmeId: programmeId, action: "reconcile",
                    detail: "\(reconciled) projects", actor: .system, at: now, on: database)
                return (.failure(error), next)
            }
            try await self.queueReleaseRecords(before: before, after: book, programmeId: programmeId, at: now, on: database)
            let note = reconciled > 0 ? "\(detail) (+ \(reconciled) projects reconciled)" : detail
            let next = try await self.storeBook(
                book, stored: stored, version: version, programmeId: programmeId, action: action, detail: note, actor: actor,
                at: now, on: database)
            try await once?.remember(value, next.version, database)
            return (.success(value), next)
        }
        // Kept only once committed: a rolled-back change never reaches the cache.
        fundsBooks.keep(kept.book, programmeId, at: kept.version)
        return result
    }

    /// Reconciles the projects queued for the programme's book, if any; writes nothing otherwise.
    /// Returns how many projects' records changed.
    @discardableResult
    public func settleFunds(programmeId: String, reader: FundsLifecycleReader) async throws -> Int {
        guard try await fundsPending(programmeId: programmeId) > 0 else { return 0 }
        let now = clock.now()
        let (reconciled, kept) = try await backend.transaction { database -> (Int, Stamped) in
            let (stored, version) = try await self.lockedBook(programmeId, on: database)
            var book = stored
            let reconciled = try await self.reconcileQueued(
                &book, programmeId: programmeId, reader: reader, at: now, on: database)
            guard reconciled > 0 else { return (0, Stamped(book: stored, version: version)) }
            let next = try await self.storeBook(
                book, stored: stored, version: version, programmeId: programmeId, action: "reconcile",
                detail: "\(reconciled) projects", actor: .system, at: now, on: database)
            return (reconciled, next)
        }
        fundsBooks.keep(kept.book, programmeId, at: kept.version)
        return reconciled
    }

    /// A book with the version whose rows it is.
    struct Stamped: Sendable {
        var book: FundsBook
        var version: Int
    }

    /// The book and its version, read under the header row's lock (`FOR UPDATE` on PostgreSQL;
    /// SQLite transactions are serial): every change of a programme's money is applied to the
    /// latest book. Taken from the cache when its version is the stored one, else from the rows.
    private func lockedBook(_ programmeId: String, on database: any SQLDatabase) async throws -> (FundsBook, Int) {
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        guard
            let row = try await database.raw(
                "SELECT version, rules FROM funds_books WHERE programme_id = \(bind: programmeId)\(lock)"
            ).first()
        else { throw StoreError.notFound("funds of programme \(programmeId)") }
        let version = try row.int("version")
        if let book = fundsBooks.value(programmeId, at: version) { return (book, version) }
        return (try await FundsRows.book(programmeId: programmeId, rules: try row.string("rules"), on: database), version)
    }

    /// Writes the rows that changed from `stored` (the rows of `version`) to `book`, the next
    /// version of the header with the book's summary and rules, and a log line.
    private func storeBook(
        _ book: FundsBook, stored: FundsBook, version: Int, programmeId: String, action: String, detail: String,
        actor: ChangeActor, at: Date, on database: any SQLDatabase
    ) async throws -> Stamped {
        try await FundsRows.write(before: stored, after: book, programmeId: programmeId, on: database)
        try await database.raw(
            """
            UPDATE funds_books SET version = \(bind: version + 1), rules = \(bind: try FundsRows.encode(book.rules)),
            summary = \(bind: try ProjectFactsRepository.encodeSummary(book.summary)), updated_at = \(bind: at.millis)
            WHERE programme_id = \(bind: programmeId)
            """
        ).run()
        try await database.raw(
            """
            INSERT INTO funds_log (programme_id, book_version, action, detail, actor_user_id, actor_name, principal_user_id, at)
            VALUES (\(bind: programmeId), \(bind: version + 1), \(bind: action), \(bind: detail), \(bind: actor.userId),
            \(bind: actor.name), \(bind: actor.principalUserId), \(bind: at.millis))
            """
        ).run()
        return Stamped(book: book, version: version + 1)
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

    /// A book stored as one document, before migration 31 moved it into rows.
    static func decodeBook(_ text: String) throws -> FundsBook {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(FundsBook.self, from: Data(text.utf8))
    }
}
