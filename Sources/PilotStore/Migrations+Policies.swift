import Foundation
import SQLKit

extension Migrations {
    /// Migration 27 (issue #15): the policy library with its versions, attachments and each enterprise's "seen"
    /// marker (004 §四(八): 所有政策信息要依托平台进行发布、上传和管理), and the supply–demand hall
    /// (004 §四(三): 供需大厅、供需资源推送) — enterprises' needs, providers' answers, the needs'
    /// history and the resource-push notices written with each new product.
    static let policiesAndHall = Migration(
        number: 27, name: "policy library and the supply-demand hall",
        statements: [
            // `policy` is `PolicyContent` as JSON; title, dates and status repeat it for lists and search.
            """
            CREATE TABLE policies (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), title TEXT NOT NULL,
                issuer TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, status TEXT NOT NULL, policy TEXT NOT NULL,
                version BIGINT NOT NULL, published_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX policies_programme ON policies (programme_id, status, published_at)",
            """
            CREATE TABLE policy_versions (
                id $AUTOID, programme_id TEXT NOT NULL, policy_id TEXT NOT NULL REFERENCES policies(id), version BIGINT NOT NULL,
                action TEXT NOT NULL, reason TEXT NOT NULL, policy TEXT NOT NULL, by_user TEXT NOT NULL, by_name TEXT NOT NULL,
                at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX policy_versions_policy ON policy_versions (policy_id, version)",
            // Attachments of a policy (the signed document, annexes): bytes in the database like project
            // attachments since migration 20, the SHA-256 checked on every download.
            """
            CREATE TABLE policy_documents (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, policy_id TEXT NOT NULL REFERENCES policies(id),
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
                uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX policy_documents_policy ON policy_documents (policy_id, uploaded_at)",
            // When an enterprise last opened /policies: what is newer is "new for you" on /tasks.
            """
            CREATE TABLE policy_seen (
                programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL REFERENCES organisations(id), seen_at BIGINT NOT NULL,
                PRIMARY KEY (programme_id, organisation_id))
            """,
            // `need` is `NeedContent` as JSON; `scenarios` repeats its keys as ",a,b," for the push's filter.
            """
            CREATE TABLE hall_needs (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                organisation_id TEXT NOT NULL REFERENCES organisations(id), status TEXT NOT NULL, title TEXT NOT NULL,
                scenarios TEXT NOT NULL, sub_industry_id TEXT, division_code TEXT, need TEXT NOT NULL, accepted_answer TEXT,
                plan_instance_id TEXT, version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX hall_needs_programme ON hall_needs (programme_id, status, created_at)",
            "CREATE INDEX hall_needs_organisation ON hall_needs (organisation_id, created_at)",
            """
            CREATE TABLE hall_answers (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, need_id TEXT NOT NULL REFERENCES hall_needs(id),
                organisation_id TEXT NOT NULL REFERENCES organisations(id), status TEXT NOT NULL, proposal TEXT NOT NULL,
                price_fen BIGINT NOT NULL, product_id TEXT, timeline TEXT NOT NULL, by_user TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            // One answer per provider and need.
            "CREATE UNIQUE INDEX hall_answers_provider ON hall_answers (need_id, organisation_id)",
            """
            CREATE TABLE hall_events (
                id $AUTOID, programme_id TEXT NOT NULL, need_id TEXT NOT NULL REFERENCES hall_needs(id), action TEXT NOT NULL,
                detail TEXT NOT NULL, by_user TEXT NOT NULL, by_name TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX hall_events_need ON hall_events (need_id, id)",
            // Resource push (供需资源推送): a new product matching an open need, for the need's enterprise.
            """
            CREATE TABLE hall_notices (
                id $AUTOID, programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL, need_id TEXT NOT NULL REFERENCES hall_needs(id),
                product_id TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT)
            """,
            "CREATE INDEX hall_notices_organisation ON hall_notices (organisation_id, read_at)",
            "CREATE UNIQUE INDEX hall_notices_once ON hall_notices (need_id, product_id)",
        ])
}
