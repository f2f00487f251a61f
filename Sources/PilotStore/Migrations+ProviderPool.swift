import Foundation
import SQLKit

extension Migrations {
    /// Migration 22 (issue #13): each provider's standing in the pool (policy 002) and the pool's
    /// events — grades, complaints, removals — which the public removal notice reads.
    static let providerPool = Migration(
        number: 22, name: "provider pool standing and events",
        statements: [
            // `member` is `ProviderPool.PoolMember` as JSON ('' for a member with nothing recorded yet);
            // `standing` and `removed_reason` repeat it as columns for the lists and the checks.
            """
            CREATE TABLE pool_members (
                organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
                programme_id TEXT NOT NULL REFERENCES programmes(id), standing TEXT NOT NULL, removed_reason TEXT,
                member TEXT NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX pool_members_standing ON pool_members (programme_id, standing)",
            """
            CREATE TABLE pool_events (
                id $AUTOID, programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL, action TEXT NOT NULL,
                detail TEXT NOT NULL, evidence TEXT NOT NULL, by_user TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX pool_events_programme ON pool_events (programme_id, action, id)",
            // Every provider admitted before this migration is a member in good standing.
            """
            INSERT INTO pool_members (organisation_id, programme_id, standing, removed_reason, member, version, updated_at)
            SELECT id, programme_id, 'admitted', NULL, '', 1, created_at FROM organisations WHERE kind = 'provider'
            """,
        ])
}
