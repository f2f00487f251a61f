import Foundation
import SQLKit

extension Migrations {
    /// Migration 25 (issue #13): main contractors chosen from the pool on merit (policy 004 §四(五)) —
    /// selection rounds per sub-industry, the pool members' applications with their scores, and the two
    /// signatures of each round's contracting task book (承包任务书).
    static let contractorRounds = Migration(
        number: 25, name: "main contractor selection rounds",
        statements: [
            // Dates are Shanghai calendar days (YYYY-MM-DD). `status`: open, then closed by the selection,
            // which names the application chosen, why (when not the best), and the term it began.
            """
            CREATE TABLE contractor_rounds (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                sub_industry_id TEXT NOT NULL, applications_from TEXT NOT NULL, applications_until TEXT NOT NULL,
                term_until TEXT NOT NULL, requirements TEXT NOT NULL, status TEXT NOT NULL, opened_by TEXT NOT NULL,
                opened_at BIGINT NOT NULL, selected_application_id TEXT, selection_reason TEXT, closed_by TEXT,
                closed_at BIGINT, assignment_id TEXT)
            """,
            "CREATE INDEX contractor_rounds_programme ON contractor_rounds (programme_id, sub_industry_id)",
            // One application per provider per round, enforced by the database. `scores` is the criteria's
            // scores in hundredths as JSON ('' until scored); `total_hundredths` their weighted total.
            """
            CREATE TABLE contractor_applications (
                id TEXT PRIMARY KEY, round_id TEXT NOT NULL REFERENCES contractor_rounds(id),
                programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL REFERENCES organisations(id),
                service_plan TEXT NOT NULL, team TEXT NOT NULL, committed_enterprises BIGINT NOT NULL, cases TEXT NOT NULL,
                price_commitment TEXT NOT NULL, applied_by TEXT NOT NULL, applied_at BIGINT NOT NULL, scores TEXT NOT NULL,
                total_hundredths BIGINT, scored_by TEXT, scored_at BIGINT, UNIQUE (round_id, organisation_id))
            """,
            // The contracting task book's signatures: the bureau's official and the contractor's account.
            """
            CREATE TABLE contractor_signatures (
                round_id TEXT NOT NULL REFERENCES contractor_rounds(id), party TEXT NOT NULL, user_id TEXT NOT NULL,
                signer_name TEXT NOT NULL, signed_at BIGINT NOT NULL, PRIMARY KEY (round_id, party))
            """,
        ])
}
