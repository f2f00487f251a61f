import Foundation
import SQLKit

extension Migrations {
    /// Migration 29 (issue #15): the case register — typical cases (of a region, an enterprise or a
    /// provider), chain cases (one per chain), digital workshops, smart factories, benchmark
    /// enterprises and distinctive practices — with its history and documents. The old selections of
    /// benchmark enterprises and typical cases (migration 7) become selected cases of the register,
    /// each linked to its project with a `migrate` history row, and leave `selections`, which keeps
    /// the excellent providers only: one source for each target.
    static let cases = Migration(
        number: 29, name: "case register",
        statements: [
            // `content` is `CaseContent` as JSON (problem, solution, products, investment in fen,
            // results, chain members, linked projects); the columns are what lists, reach and counts read.
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), kind TEXT NOT NULL,
                subject_kind TEXT NOT NULL, subject_org_id TEXT, subject_name TEXT NOT NULL, division_code TEXT NOT NULL,
                title TEXT NOT NULL, status TEXT NOT NULL, proposer_user TEXT NOT NULL, proposer_name TEXT NOT NULL,
                proposer_org_id TEXT, review_note TEXT NOT NULL, decision_note TEXT NOT NULL, content TEXT NOT NULL,
                version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, selected_at BIGINT)
            """,
            // The dashboard's count is one GROUP BY over a programme's rows.
            "CREATE INDEX cases_programme ON cases (programme_id, kind, status)",
            "CREATE INDEX cases_division ON cases (programme_id, division_code)",
            "CREATE INDEX cases_proposer ON cases (proposer_org_id)",
            "CREATE INDEX cases_subject ON cases (subject_org_id)",
            """
            CREATE TABLE case_events (
                id $AUTOID, programme_id TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id), action TEXT NOT NULL,
                from_status TEXT, to_status TEXT NOT NULL, note TEXT NOT NULL, by_user TEXT NOT NULL, by_name TEXT NOT NULL,
                at BIGINT NOT NULL)
            """,
            "CREATE INDEX case_events_case ON case_events (case_id, id)",
            """
            CREATE TABLE case_documents (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id),
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
                uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX case_documents_case ON case_documents (case_id, uploaded_at)",
            // Old selections of accepted projects → selected cases about the project's enterprise.
            """
            INSERT INTO cases (id, programme_id, kind, subject_kind, subject_org_id, subject_name, division_code, title,
                status, proposer_user, proposer_name, proposer_org_id, review_note, decision_note, content, version,
                created_at, updated_at, selected_at)
            SELECT 'cas_' || s.kind || '_' || s.subject_id, s.programme_id,
                CASE s.kind WHEN 'typical_case' THEN 'typical' ELSE 'benchmark' END, 'enterprise', i.subject_org_id,
                COALESCE(o.name, ''), COALESCE(i.division_code, ''), COALESCE(o.name, s.subject_id), 'selected',
                s.selected_by, '', NULL, '', s.note, '{"projects":["' || s.subject_id || '"]}', 1, s.selected_at,
                s.selected_at, s.selected_at
            FROM selections s LEFT JOIN workflow_instances i ON i.id = s.subject_id
            LEFT JOIN organisations o ON o.id = i.subject_org_id
            WHERE s.kind IN ('typical_case', 'benchmark_enterprise')
            """,
            """
            INSERT INTO case_events (programme_id, case_id, action, from_status, to_status, note, by_user, by_name, at)
            SELECT programme_id, id, 'migrate', NULL, 'selected', decision_note, proposer_user, '', selected_at
            FROM cases WHERE id LIKE 'cas_typical_case_%' OR id LIKE 'cas_benchmark_enterprise_%'
            """,
            "DELETE FROM selections WHERE kind IN ('typical_case', 'benchmark_enterprise')",
        ])
}
