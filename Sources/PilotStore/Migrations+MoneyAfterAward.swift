import Foundation
import SQLKit

extension Migrations {
    /// Migration 40 (issue #17): amendments of task books, corrections of postings and the versions
    /// of sources' commitments, each a numbered record of a programme's funds book. `record` is the
    /// `Funds` value as JSON (the rules read it whole); `subject_id` (the project, or the source)
    /// and `status` repeat it as columns for lists and risk queries. A reversal posting names the
    /// posting it cancels (`reverses`), so the journal shows it without the correction.
    static let amendmentsAndCorrections = Migration(
        number: 40, name: "amendments, corrections and commitment versions of the funds book",
        statements: recordTables(["funds_amendments", "funds_corrections", "funds_source_revisions"]),
        backfill: { database in try await widenPostings(on: database) })

    /// The journal takes the two new kinds of posting (`reversal`, `recovery_offset`) and the
    /// `reverses` column. PostgreSQL alters the check in place; SQLite cannot alter a check, so the
    /// journal's two tables are rebuilt from their own stored definitions (a foreign key joins them,
    /// and foreign keys cannot be switched off inside the migration's transaction) and copied over.
    static func widenPostings(on database: any SQLDatabase) async throws {
        let kinds = "'receipt', 'release', 'recovery_opened', 'recovery_repaid', 'reversal', 'recovery_offset'"
        if database.dialect.name == "postgresql" {
            for statement in [
                "ALTER TABLE funds_postings DROP CONSTRAINT funds_postings_kind_check",
                "ALTER TABLE funds_postings ADD CONSTRAINT funds_postings_kind_check CHECK (kind IN (\(kinds)))",
                "ALTER TABLE funds_postings ADD COLUMN reverses BIGINT",
            ] {
                try await database.raw(SQLQueryString(statement)).run()
            }
            return
        }
        func definition(_ name: String) async throws -> String {
            guard
                let sql = try await database.raw("SELECT sql FROM sqlite_master WHERE name = \(bind: name)").first()?
                    .decode(column: "sql", as: String.self)
            else { throw StoreError.corrupt("sqlite_master.\(name)") }
            return sql
        }
        let postings = try await definition("funds_postings")
        let lines = try await definition("funds_posting_lines")
        let paidOnce = try await definition("funds_posting_lines_paid_once")
        let widened = postings.replacingOccurrences(
            of: "'receipt', 'release', 'recovery_opened', 'recovery_repaid'", with: kinds
        ).replacingOccurrences(of: "release_no BIGINT,", with: "release_no BIGINT, reverses BIGINT,")
        guard widened.contains("'reversal'"), widened.contains("reverses BIGINT") else {
            throw StoreError.corrupt("funds_postings definition")
        }
        for statement in [
            // Child first, so the lines' old copy keeps pointing at the postings' old copy.
            "ALTER TABLE funds_posting_lines RENAME TO funds_posting_lines_old",
            "ALTER TABLE funds_postings RENAME TO funds_postings_old", widened, lines,
            "INSERT INTO funds_postings (programme_id, number, kind, at, release_no) SELECT programme_id, number, kind, at, release_no FROM funds_postings_old",
            "INSERT INTO funds_posting_lines SELECT * FROM funds_posting_lines_old",
            "DROP TABLE funds_posting_lines_old", "DROP TABLE funds_postings_old", paidOnce,
        ] {
            try await database.raw(SQLQueryString(statement)).run()
        }
    }

    /// Migration 41 (issue #17): recovery demands (追回) with their settlements, and the reports
    /// projects owe (their reporting calendar), as numbered records of the funds book like
    /// migration 40's. The status index serves the risk lists (overdue demands and reports).
    static let recoveriesAndReports = Migration(
        number: 41, name: "recovery demands and reporting calendars of the funds book",
        statements: recordTables(["funds_recovery_demands", "funds_reports"]))

    private static func recordTables(_ names: [String]) -> [String] {
        names.flatMap { table in
            [
                """
                CREATE TABLE \(table) (
                    programme_id TEXT NOT NULL REFERENCES funds_books(programme_id), number BIGINT NOT NULL,
                    subject_id TEXT NOT NULL, status TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (programme_id, number))
                """,
                "CREATE INDEX \(table)_subject ON \(table) (programme_id, subject_id)",
                "CREATE INDEX \(table)_status ON \(table) (status, programme_id)",
            ]
        }
    }
}
