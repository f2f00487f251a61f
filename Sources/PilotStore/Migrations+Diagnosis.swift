import Foundation
import SQLKit

extension Migrations {
    /// Migration 26 (issue #14): the diagnosis campaigns of policies 000, 001 and 003 — the roster of
    /// above-scale firms each unit imports (建档立卡), every diagnosis of a firm with its answers and
    /// its scored result, on-site verifications, quotas per unit, reminders, feedback on reports,
    /// evidence files and the liaison records.
    static let diagnosisCampaigns = Migration(
        number: 26, name: "diagnosis campaigns",
        statements: [
            // One row per above-scale firm of a campaign: what the roster says (division, industry
            // group, size, group headquarters) and the firm's latest submitted result, repeated here
            // so coverage and the lists are one range scan over the division codes.
            """
            CREATE TABLE diagnosis_firms (
                programme_id TEXT NOT NULL REFERENCES programmes(id), uscc TEXT NOT NULL, name TEXT NOT NULL,
                division_code TEXT NOT NULL, industry_group TEXT NOT NULL, size TEXT NOT NULL,
                above_scale BIGINT NOT NULL, group_uscc TEXT, contact_name TEXT NOT NULL, contact_phone TEXT NOT NULL,
                organisation_id TEXT REFERENCES organisations(id), latest_diagnosis_id TEXT, latest_total BIGINT,
                latest_grade BIGINT, diagnosed_at BIGINT, first_diagnosed_at BIGINT, draft_id TEXT, progress BIGINT NOT NULL, imported_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (programme_id, uscc))
            """,
            "CREATE INDEX diagnosis_firms_division ON diagnosis_firms (programme_id, division_code)",
            // The lists by progress (-1 filling, 0 not started, 1–10 the grade), in page order.
            "CREATE INDEX diagnosis_firms_progress ON diagnosis_firms (programme_id, progress, division_code, uscc)",
            "CREATE INDEX diagnosis_firms_organisation ON diagnosis_firms (organisation_id)",
            "CREATE INDEX diagnosis_firms_group ON diagnosis_firms (programme_id, group_uscc)",
            // Every diagnosis of a firm (诊断—改造—评价—改进: a re-diagnosis is a new round beside the
            // old). Answers are pinned to the questionnaire version; the result names the model version.
            // `latest` marks each firm's newest submitted round: the benchmarking's peer sets read only
            // those, each by one index range ending in `total`.
            """
            CREATE TABLE diagnoses (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), uscc TEXT NOT NULL,
                round BIGINT NOT NULL, status TEXT NOT NULL, questionnaire_id TEXT NOT NULL,
                questionnaire_version BIGINT NOT NULL, modules TEXT NOT NULL, size TEXT NOT NULL, answers TEXT NOT NULL,
                division_code TEXT NOT NULL, region_code TEXT NOT NULL, industry_group TEXT NOT NULL, model_id TEXT, model_version BIGINT,
                total BIGINT, grade BIGINT, stage TEXT, result TEXT, latest BIGINT NOT NULL, offline_status TEXT NOT NULL,
                version BIGINT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                submitted_by TEXT, submitted_at BIGINT, UNIQUE (programme_id, uscc, round))
            """,
            "CREATE INDEX diagnoses_deployment ON diagnoses (latest, model_id, model_version, total)",
            "CREATE INDEX diagnoses_programme ON diagnoses (programme_id, latest, total)",
            "CREATE INDEX diagnoses_group ON diagnoses (programme_id, latest, industry_group, total)",
            "CREATE INDEX diagnoses_size ON diagnoses (programme_id, latest, size, total)",
            "CREATE INDEX diagnoses_region ON diagnoses (programme_id, latest, region_code, total)",
            "CREATE INDEX diagnoses_division ON diagnoses (programme_id, latest, division_code)",
            "CREATE INDEX diagnoses_offline ON diagnoses (programme_id, offline_status)",
            // Counts that do not grow with the data (a campaign has 100,000 firms): firms per division
            // node and progress (-1 filling, 0 not started, 1–10 the latest grade), kept by the same
            // transaction as every import, start and submission, so coverage reads a few hundred rows
            // instead of the roster.
            """
            CREATE TABLE diagnosis_unit_counts (
                programme_id TEXT NOT NULL, division_code TEXT NOT NULL, progress BIGINT NOT NULL, firms BIGINT NOT NULL,
                PRIMARY KEY (programme_id, division_code, progress))
            """,
            // Firms diagnosed for the first time, per division node and calendar year (Asia/Shanghai):
            // progress against the yearly quotas, read without scanning the roster. A re-diagnosis
            // does not count again.
            """
            CREATE TABLE diagnosis_year_counts (
                programme_id TEXT NOT NULL, division_code TEXT NOT NULL, year BIGINT NOT NULL, firms BIGINT NOT NULL,
                PRIMARY KEY (programme_id, division_code, year))
            """,
            // The benchmarking's peer sets as histograms of the latest results: by whole point of the
            // total (`point`, 0–100) and by grade (`grade`, 1–10), per peer set and key (region:
            // programme|county, industry_group: programme|group, size_band: programme|size, deployment:
            // model@version). A percentile is the points below plus one index range within its point.
            """
            CREATE TABLE diagnosis_peer_counts (
                peer_set TEXT NOT NULL, peer_key TEXT NOT NULL, kind TEXT NOT NULL, value BIGINT NOT NULL,
                firms BIGINT NOT NULL, PRIMARY KEY (peer_set, peer_key, kind, value))
            """,
            // The on-site diagnosis of a submitted one (001, 000, 003 线上+线下): the assigned provider,
            // the visit and the report on the areas the policies name, the verified grade beside the
            // self-assessed one and the expert opinion.
            """
            CREATE TABLE offline_diagnoses (
                diagnosis_id TEXT PRIMARY KEY REFERENCES diagnoses(id), programme_id TEXT NOT NULL, uscc TEXT NOT NULL,
                reason TEXT NOT NULL, status TEXT NOT NULL, provider_org_id TEXT, assigned_by TEXT, assigned_at BIGINT,
                visited_on TEXT, findings TEXT, verified_grade BIGINT, opinion TEXT, filed_by TEXT, filed_at BIGINT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX offline_diagnoses_provider ON offline_diagnoses (provider_org_id, status)",
            "CREATE INDEX offline_diagnoses_programme ON offline_diagnoses (programme_id, status)",
            // Quotas per unit and year: `split` when a unit divides its target among its sub-units
            // (分解任务指标), `official` for a table the policy publishes (003 附件2).
            """
            CREATE TABLE diagnosis_quotas (
                programme_id TEXT NOT NULL REFERENCES programmes(id), division_code TEXT NOT NULL, year BIGINT NOT NULL,
                source TEXT NOT NULL, firms BIGINT NOT NULL, set_by TEXT NOT NULL, set_at BIGINT NOT NULL,
                PRIMARY KEY (programme_id, division_code, year, source))
            """,
            // In-app reminders from a unit to a sub-unit (a division node) or to one firm.
            """
            CREATE TABLE diagnosis_reminders (
                id $AUTOID, programme_id TEXT NOT NULL REFERENCES programmes(id), target_kind TEXT NOT NULL,
                target TEXT NOT NULL, message TEXT NOT NULL, by_user TEXT NOT NULL, by_name TEXT NOT NULL,
                by_division TEXT NOT NULL, at BIGINT NOT NULL, read_at BIGINT)
            """,
            "CREATE INDEX diagnosis_reminders_target ON diagnosis_reminders (programme_id, target_kind, target, at)",
            // The enterprise's feedback on its report.
            """
            CREATE TABLE diagnosis_feedback (
                id $AUTOID, diagnosis_id TEXT NOT NULL REFERENCES diagnoses(id), programme_id TEXT NOT NULL,
                rating BIGINT NOT NULL, comment TEXT NOT NULL, by_user TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX diagnosis_feedback_diagnosis ON diagnosis_feedback (diagnosis_id, at)",
            // Evidence a firm attaches to an item (bytes in the database, like the attachments).
            """
            CREATE TABLE diagnosis_evidence (
                id TEXT PRIMARY KEY, diagnosis_id TEXT NOT NULL REFERENCES diagnoses(id), programme_id TEXT NOT NULL,
                item_id TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
                sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX diagnosis_evidence_diagnosis ON diagnosis_evidence (diagnosis_id, item_id)",
            // The liaison chain (003 市-区-街镇联络员; 001 附件2 work contacts per level, 附件3 one service
            // contact per firm): a contact of a unit, or of one firm when `uscc` is set.
            """
            CREATE TABLE diagnosis_contacts (
                id $AUTOID, programme_id TEXT NOT NULL REFERENCES programmes(id), division_code TEXT NOT NULL,
                uscc TEXT, role TEXT NOT NULL, name TEXT NOT NULL, position TEXT NOT NULL, phone TEXT NOT NULL,
                email TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX diagnosis_contacts_division ON diagnosis_contacts (programme_id, division_code)",
        ])
}
