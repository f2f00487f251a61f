import Foundation
import SQLKit

extension Migrations {
    /// Migration 23 (issue #13): the yearly calls for applications to the provider pool (申报通知,
    /// policy 002 第六条(一)) and which provider applied to which call. The application itself is a
    /// `provider-admission` workflow instance; `pool_applications` ties it to its call, one per
    /// provider and call (the unique index settles two tabs racing).
    static let poolAdmission = Migration(
        number: 23, name: "provider pool calls and applications",
        statements: [
            """
            CREATE TABLE pool_calls (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), year BIGINT NOT NULL,
                title TEXT NOT NULL, opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, requirements TEXT NOT NULL,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX pool_calls_programme ON pool_calls (programme_id, opens_on)",
            """
            CREATE TABLE pool_applications (
                instance_id TEXT PRIMARY KEY REFERENCES workflow_instances(id), call_id TEXT NOT NULL REFERENCES pool_calls(id),
                programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL, division_code TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX pool_applications_once ON pool_applications (call_id, organisation_id)",
            "CREATE INDEX pool_applications_division ON pool_applications (call_id, division_code)",
        ])
}
