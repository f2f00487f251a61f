import Foundation
import Funds
import SQLKit

extension FundsRows {
    /// Migration 31's step SQL cannot do: every stored book document becomes rows, written as
    /// a change from nothing, in the migration's own transaction (so a database is either wholly
    /// migrated or untouched, and a second run finds the migration applied). The rows keep what
    /// the document said, even a wrong balance `smepilot ledger check` would report; the
    /// document column goes once every book is moved.
    static func moveDocuments(on database: any SQLDatabase) async throws {
        for row in try await database.raw("SELECT programme_id, book FROM funds_books ORDER BY programme_id").all() {
            let programmeId = try row.string("programme_id")
            let book = try FundsRepository.decodeBook(try row.string("book"))
            try await write(before: nil, after: book, programmeId: programmeId, checked: false, on: database)
            try await database.raw(
                "UPDATE funds_books SET rules = \(bind: try encode(book.rules)) WHERE programme_id = \(bind: programmeId)"
            ).run()
        }
        try await database.raw("ALTER TABLE funds_books DROP COLUMN book").run()
    }
}
