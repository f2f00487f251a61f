import Foundation
import Funds
import PilotStore
import SQLKit

/// The baseline of `smepilot bench funds`: the funds book as one JSON document per programme,
/// as it was stored before migration 31, kept only here so both ways are timed in the same run
/// on the same machine. A change locks the document's row, decodes the whole book, runs the same
/// rule, encodes the whole book again and writes it back with its summary and a log line — what
/// `FundsRepository.changeFunds` did then (the release-record queue aside, which only the rows
/// path writes here: the ratio is, if anything, unfair to the rows).
enum FundsBenchDocument {
    static let table = "bench_funds_documents"

    static func create(_ store: PilotStore, programmeId: String, _ book: FundsBook) async throws {
        let text = try encode(book)
        try await store.backend.transaction { database in
            try await database.raw(
                "CREATE TABLE \(unsafeRaw: table) (programme_id TEXT PRIMARY KEY, version BIGINT NOT NULL, book TEXT NOT NULL, summary TEXT NOT NULL)"
            ).run()
            try await database.raw(
                "INSERT INTO \(unsafeRaw: table) VALUES (\(bind: programmeId), 1, \(bind: text), '{}')"
            ).run()
        }
    }

    static func change(
        _ store: PilotStore, programmeId: String, _ change: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Void
    ) async throws {
        try await store.backend.transaction { database in
            guard
                let row = try await database.raw(
                    "SELECT version, book FROM \(unsafeRaw: table) WHERE programme_id = \(bind: programmeId) FOR UPDATE"
                ).first()
            else { throw FailureMessage("no document for \(programmeId)") }
            var book = try decode(try row.decode(column: "book", as: String.self))
            try change(&book)
            let summary = String(decoding: try JSONEncoder().encode(book.summary), as: UTF8.self)
            try await database.raw(
                """
                UPDATE \(unsafeRaw: table) SET version = version + 1, book = \(bind: try encode(book)), summary = \(bind: summary)
                WHERE programme_id = \(bind: programmeId)
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO funds_log (programme_id, book_version, action, detail, actor_user_id, actor_name, at)
                VALUES (\(bind: programmeId), 0, 'bench_document', '', 'bench', 'bench', 0)
                """
            ).run()
        }
    }

    /// The document as it is now, decoded.
    static func book(_ store: PilotStore, programmeId: String) async throws -> (FundsBook, decodeMilliseconds: Double) {
        let text = try await store.backend.read { database in
            try await database.raw("SELECT book FROM \(unsafeRaw: table) WHERE programme_id = \(bind: programmeId)").first()?
                .decode(column: "book", as: String.self) ?? ""
        }
        let begin = ContinuousClock.now
        let book = try decode(text)
        return (book, (ContinuousClock.now - begin).milliseconds)
    }

    static func encode(_ book: FundsBook) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(book), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> FundsBook {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(FundsBook.self, from: Data(text.utf8))
    }
}
