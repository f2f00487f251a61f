import Foundation
import SQLKit

extension Migrations {
    /// Migration 24 (issue #13): promotion centres (制造业数字化转型促进中心, policy 002 chapter 3) — each
    /// centre with its application and standing, its history of events (filed, returned, corrected,
    /// recommended, confirmed, declined, self-assessed) and its documents (the construction plan and
    /// the joint-construction agreement, bytes in the database like attachments since migration 20).
    static let promotionCentres = Migration(
        number: 24, name: "promotion centres, their events and documents",
        statements: [
            // `centre` is `ProviderPool.PromotionCentre` as JSON; `status`, `name` and
            // `division_code` repeat it as columns for the lists, the scope ranges and the register.
            """
            CREATE TABLE promotion_centres (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                lead_org_id TEXT NOT NULL REFERENCES organisations(id), name TEXT NOT NULL, division_code TEXT NOT NULL,
                status TEXT NOT NULL, centre TEXT NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            // A district's list is one index range over the codes beneath its node (`DivisionCode.range`).
            "CREATE INDEX promotion_centres_division ON promotion_centres (programme_id, division_code)",
            "CREATE INDEX promotion_centres_status ON promotion_centres (status, programme_id)",
            "CREATE INDEX promotion_centres_lead ON promotion_centres (lead_org_id)",
            """
            CREATE TABLE centre_events (
                id $AUTOID, programme_id TEXT NOT NULL, centre_id TEXT NOT NULL REFERENCES promotion_centres(id),
                action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, detail TEXT NOT NULL,
                by_user TEXT NOT NULL, by_name TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX centre_events_centre ON centre_events (centre_id, id)",
            """
            CREATE TABLE centre_documents (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, centre_id TEXT NOT NULL REFERENCES promotion_centres(id),
                purpose TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
                sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX centre_documents_centre ON centre_documents (centre_id, uploaded_at)",
        ])
}
