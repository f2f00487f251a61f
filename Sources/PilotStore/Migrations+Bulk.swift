import Foundation
import SQLKit

extension Migrations {
    /// Migration 39 (issue #17): bulk jobs over workflow instances and their frozen items.
    ///
    /// `bulk_jobs` is the job a page or the CLI made: the operation, its parameters (JSON: the
    /// filter it was chosen by, target version, state map, reason, new assignee), its status and
    /// counts, and a lease (`lease_owner`, `lease_until`) so that whichever server process or CLI
    /// run finds the lease expired continues it after a `kill -9`.
    /// `bulk_items` freezes the selection when the job is made — a resume works on the same set —
    /// and keeps, per instance, what the dry run found and what the run did: the instance's
    /// version, definition version and state before (so a revert knows what to restore and can
    /// tell whether anything changed since), and the version the run left it at.
    static let bulk = Migration(
        number: 39, name: "bulk jobs and items",
        statements: [
            """
            CREATE TABLE bulk_jobs (
                id TEXT PRIMARY KEY,
                programme_id TEXT NOT NULL,
                operation TEXT NOT NULL CHECK (operation IN ('migrate', 'cancel', 'reassign', 'revert', 'retry', 'restart')),
                parameters TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'dry_run_done', 'running', 'done', 'failed', 'reverted')),
                created_by TEXT NOT NULL,
                created_by_name TEXT NOT NULL,
                total INT NOT NULL,
                moved INT NOT NULL DEFAULT 0,
                skipped INT NOT NULL DEFAULT 0,
                failed INT NOT NULL DEFAULT 0,
                reverts_job TEXT,
                lease_owner TEXT,
                lease_until BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX bulk_jobs_programme ON bulk_jobs (programme_id, created_at)",
            // The runners' look-up: jobs that are running and whose lease has run out.
            "CREATE INDEX bulk_jobs_runnable ON bulk_jobs (status, lease_until)",
            """
            CREATE TABLE bulk_items (
                job_id TEXT NOT NULL REFERENCES bulk_jobs(id),
                position INT NOT NULL,
                instance_id TEXT NOT NULL,
                plan TEXT NOT NULL CHECK (plan IN ('unplanned', 'can_move', 'cannot_move')),
                result TEXT NOT NULL CHECK (result IN ('pending', 'moved', 'skipped', 'failed')),
                reason TEXT,
                changes TEXT,
                before_version INT,
                before_definition_version INT,
                before_state TEXT,
                after_state TEXT,
                after_version INT,
                done_at BIGINT,
                PRIMARY KEY (job_id, position),
                UNIQUE (job_id, instance_id)
            )
            """,
            // A chunk: the next pending items of a job in order.
            "CREATE INDEX bulk_items_pending ON bulk_items (job_id, result, position)",
        ])
}
