import Foundation
import PilotDomain
import SQLKit

/// The mail queue: jobs written with their notices, claimed under a lease by the sender of any
/// server process, settled after the SMTP server's answer.
extension NotificationRepository {
    /// After this many failed attempts a job is dead (kept, with its last error, for the operator).
    public static let maxMailAttempts = 6

    /// Claims up to `limit` jobs due now: pending ones, and ones whose sender's lease ran out (that
    /// process died mid-send). A claimed job is `sending` until `lease` has passed.
    public func claimMail(limit: Int = 20, lease: Duration = .seconds(120)) async throws -> [MailJob] {
        let now = clock.now().millis
        let leaseUntil = now + Int64(lease.components.seconds) * 1000
        let lock = backend.kind.skipLockedClause
        return try await backend.transaction { database in
            let rows = try await database.raw(
                """
                SELECT m.id FROM mail_jobs m
                WHERE m.status IN ('pending', 'sending') AND m.next_attempt_at <= \(bind: now)
                AND (m.status = 'pending' OR m.lease_until < \(bind: now))
                ORDER BY m.next_attempt_at, m.id LIMIT \(bind: max(1, min(limit, 200)))\(unsafeRaw: lock)
                """
            ).all()
            var jobs: [MailJob] = []
            for row in rows {
                let id = try row.string("id")
                guard
                    let job = try await database.raw(
                        """
                        UPDATE mail_jobs SET status = 'sending', lease_until = \(bind: leaseUntil), attempts = attempts + 1
                        WHERE id = \(bind: id)
                        RETURNING id, notification_id, address, language, attempts
                        """
                    ).first(),
                    let text = try await database.raw(
                        "SELECT subject_zh, subject_en, body_zh, body_en, link FROM notifications WHERE id = \(bind: try job.string("notification_id"))"
                    ).first()
                else { continue }
                jobs.append(
                    MailJob(
                        id: id, notificationId: try job.string("notification_id"), address: try job.string("address"),
                        language: UILanguage(rawValue: try job.string("language")) ?? .zh,
                        subject: LocalizedText(zh: try text.string("subject_zh"), en: try text.string("subject_en")),
                        body: LocalizedText(zh: try text.string("body_zh"), en: try text.string("body_en")),
                        link: try text.optionalString("link"), attempts: try job.int("attempts")))
            }
            return jobs
        }
    }

    /// The SMTP server took the message: the job is done and is never sent again.
    public func mailSent(_ job: MailJob) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE mail_jobs SET status = 'sent', sent_at = \(bind: now), lease_until = NULL, last_error = NULL
                WHERE id = \(bind: job.id) AND status = 'sending'
                """
            ).run()
        }
    }

    /// The send failed: tried again after a doubling delay (1 minute, 2, 4 … at most an hour), dead
    /// after `maxMailAttempts`. A refusal of the address itself (`permanent`) is dead at once.
    public func mailFailed(_ job: MailJob, error: String, permanent: Bool) async throws {
        let now = clock.now().millis
        let dead = permanent || job.attempts >= Self.maxMailAttempts
        let delay = Int64(min(3_600, 60 << min(max(job.attempts - 1, 0), 6))) * 1000
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE mail_jobs SET status = \(bind: dead ? "dead" : "pending"), lease_until = NULL,
                last_error = \(bind: String(error.prefix(500))), next_attempt_at = \(bind: now + delay)
                WHERE id = \(bind: job.id) AND status = 'sending'
                """
            ).run()
        }
    }

    /// The queue's state, for the operator (`/sync`-like figures and tests).
    public func mailCounts() async throws -> [String: Int] {
        try await backend.read { database in
            var counts: [String: Int] = [:]
            for row in try await database.raw("SELECT status, COUNT(*) AS n FROM mail_jobs GROUP BY status").all() {
                counts[try row.string("status")] = try row.int("n")
            }
            return counts
        }
    }
}
