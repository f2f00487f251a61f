import Foundation
import SQLKit

extension Migrations {
    /// Migration 30 (issue #15): the Binhai pilot around its projects — training sessions and the
    /// people enterprises register for them, with attendance (004 §六(二)); the task forces' roster of
    /// above-scale firms not yet taking part and their visits (004 §四(七) 攻坚小组); the office's texts
    /// and documents of the city's two dossiers, the mid-term evaluation and the final acceptance
    /// (004 §四(九)(十)), each text saved as a new version with who and when.
    static let pilotProgramme = Migration(
        number: 30, name: "training, mobilisation and the programme's dossiers",
        statements: [
            """
            CREATE TABLE training_sessions (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), title TEXT NOT NULL,
                audience TEXT NOT NULL, organiser_org_id TEXT NOT NULL, organiser_name TEXT NOT NULL,
                starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, place TEXT NOT NULL, online BIGINT NOT NULL,
                capacity BIGINT NOT NULL, sub_industry_id TEXT, division_code TEXT, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX training_sessions_programme ON training_sessions (programme_id, starts_at)",
            """
            CREATE TABLE training_registrations (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, session_id TEXT NOT NULL REFERENCES training_sessions(id),
                enterprise_org_id TEXT NOT NULL, person_name TEXT NOT NULL, position TEXT NOT NULL, audience TEXT NOT NULL,
                attended BIGINT NOT NULL, registered_by TEXT NOT NULL, registered_at BIGINT NOT NULL)
            """,
            // One person of an enterprise once per session.
            """
            CREATE UNIQUE INDEX training_registrations_person
            ON training_registrations (session_id, enterprise_org_id, person_name)
            """,
            "CREATE INDEX training_registrations_programme ON training_registrations (programme_id, attended)",
            // The zone's above-scale firms of the pilot sub-industries (the task forces' roster): a firm
            // leaves the list by itself once an enterprise with its credit code registers a project.
            """
            CREATE TABLE mobilisation_firms (
                programme_id TEXT NOT NULL REFERENCES programmes(id), uscc TEXT NOT NULL, name TEXT NOT NULL,
                sub_industry_id TEXT NOT NULL, division_code TEXT NOT NULL, size TEXT NOT NULL,
                imported_by TEXT NOT NULL, imported_at BIGINT NOT NULL, PRIMARY KEY (programme_id, uscc))
            """,
            "CREATE INDEX mobilisation_firms_division ON mobilisation_firms (programme_id, division_code)",
            """
            CREATE TABLE mobilisation_visits (
                id $AUTOID, programme_id TEXT NOT NULL, uscc TEXT NOT NULL, visited_on TEXT NOT NULL, visitor TEXT NOT NULL,
                contact TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, follow_up_on TEXT, notes TEXT NOT NULL,
                by_user TEXT NOT NULL, by_name TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX mobilisation_visits_firm ON mobilisation_visits (programme_id, uscc, id)",
            """
            CREATE TABLE dossier_texts (
                id $AUTOID, programme_id TEXT NOT NULL REFERENCES programmes(id), dossier TEXT NOT NULL,
                section TEXT NOT NULL, version BIGINT NOT NULL, text TEXT NOT NULL, by_user TEXT NOT NULL,
                by_name TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            // Two saves of the same version race to one row: the second is refused as stale.
            "CREATE UNIQUE INDEX dossier_texts_version ON dossier_texts (programme_id, dossier, section, version)",
            """
            CREATE TABLE dossier_documents (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), dossier TEXT NOT NULL,
                kind TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
                sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX dossier_documents_dossier ON dossier_documents (programme_id, dossier, uploaded_at)",
        ])
}
