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
        statements: recordTables(["funds_amendments", "funds_corrections", "funds_source_revisions"]) + [
            "ALTER TABLE funds_postings ADD COLUMN reverses BIGINT"
        ])

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
