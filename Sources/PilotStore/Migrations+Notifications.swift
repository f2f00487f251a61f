import Foundation
import SQLKit

extension Migrations {
    /// Migration 37 (issue #17): notices that reach people — the in-app inbox, the mail queue and
    /// each person's mail address and choices.
    ///
    /// `notice_events` holds one row per event a notice was made for (a reminder before a state's
    /// SLA is due, an escalation after it): its primary key is the event's key, so an event is
    /// noticed once however many sweeps or server processes see it. The notifications and mail jobs
    /// of the event are written in the same transaction as that row.
    static let notifications = Migration(
        number: 37, name: "notifications, mail queue and mail settings",
        statements: [
            """
            CREATE TABLE notice_events (
                event_key TEXT PRIMARY KEY,
                programme_id TEXT NOT NULL,
                instance_id TEXT,
                kind TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE notifications (
                id TEXT PRIMARY KEY,
                programme_id TEXT NOT NULL,
                user_id TEXT NOT NULL REFERENCES users(id),
                event_key TEXT NOT NULL REFERENCES notice_events(event_key),
                kind TEXT NOT NULL,
                subject_zh TEXT NOT NULL,
                subject_en TEXT NOT NULL,
                body_zh TEXT NOT NULL,
                body_en TEXT NOT NULL,
                link TEXT,
                created_at BIGINT NOT NULL,
                read_at BIGINT,
                UNIQUE (event_key, user_id)
            )
            """,
            // The inbox and the header's unread count: one person's notices, newest first.
            "CREATE INDEX notifications_inbox ON notifications (user_id, created_at)",
            "CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL",
            """
            CREATE TABLE mail_settings (
                user_id TEXT PRIMARY KEY REFERENCES users(id),
                address TEXT NOT NULL,
                kinds TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // One mail per notification at most (the unique key): a retry never sends a second.
            """
            CREATE TABLE mail_jobs (
                id TEXT PRIMARY KEY,
                notification_id TEXT NOT NULL UNIQUE REFERENCES notifications(id),
                address TEXT NOT NULL,
                language TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
                attempts INT NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                lease_until BIGINT,
                last_error TEXT,
                sent_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX mail_jobs_due ON mail_jobs (next_attempt_at) WHERE status IN ('pending', 'sending')",
        ])
}
