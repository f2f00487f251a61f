import Foundation
import PilotDomain
import SQLKit

/// The in-app inbox and the mail queue (issue #17). An event's notices, their mail jobs and the
/// event's own row are written in one transaction, keyed by the event: an event is noticed once.
/// Reached as `store.notifications`.
public struct NotificationRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource

    /// Records `event` with a notice to each person in `notices` and, for those who chose mail for
    /// this kind, a mail job — all or nothing. False when the event was recorded before (by an
    /// earlier sweep or another process): then nothing is written.
    @discardableResult
    public func record(_ event: NoticeEvent, notices: [Notice]) async throws -> Bool {
        let now = clock.now().millis
        let jobIds = notices.map { _ in (ids.make("ntf"), ids.make("mail")) }
        return try await backend.transaction { database in
            guard
                try await database.raw(
                    """
                    INSERT INTO notice_events (event_key, programme_id, instance_id, kind, created_at)
                    VALUES (\(bind: event.key), \(bind: event.programmeId), \(bind: event.instanceId),
                    \(bind: event.kind.rawValue), \(bind: now))
                    ON CONFLICT (event_key) DO NOTHING RETURNING event_key
                    """
                ).first() != nil
            else { return false }
            for (notice, (notificationId, mailId)) in zip(notices, jobIds) {
                try await database.raw(
                    """
                    INSERT INTO notifications (id, programme_id, user_id, event_key, kind, subject_zh, subject_en, body_zh,
                    body_en, link, created_at) VALUES (\(bind: notificationId), \(bind: event.programmeId),
                    \(bind: notice.userId), \(bind: event.key), \(bind: event.kind.rawValue), \(bind: notice.subject.zh),
                    \(bind: notice.subject.en), \(bind: notice.body.zh), \(bind: notice.body.en), \(bind: notice.link),
                    \(bind: now))
                    """
                ).run()
                guard let settings = try await Self.mailSettings(notice.userId, on: database),
                    settings.kinds.contains(event.kind)
                else { continue }
                try await database.raw(
                    """
                    INSERT INTO mail_jobs (id, notification_id, address, language, status, attempts, next_attempt_at, created_at)
                    SELECT \(bind: mailId), \(bind: notificationId), \(bind: settings.address), language, 'pending', 0,
                    \(bind: now), \(bind: now) FROM users WHERE id = \(bind: notice.userId)
                    """
                ).run()
            }
            return true
        }
    }

    /// A person's notices, newest first.
    public func inbox(userId: String, limit: Int = 100) async throws -> [InboxItem] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, kind, subject_zh, subject_en, body_zh, body_en, link, created_at, read_at FROM notifications
                WHERE user_id = \(bind: userId) ORDER BY created_at DESC, id DESC LIMIT \(bind: max(1, min(limit, 500)))
                """
            ).all().map { row in
                InboxItem(
                    id: try row.string("id"), kind: NoticeKind(rawValue: try row.string("kind")) ?? .slaReminder,
                    subject: LocalizedText(zh: try row.string("subject_zh"), en: try row.string("subject_en")),
                    body: LocalizedText(zh: try row.string("body_zh"), en: try row.string("body_en")),
                    link: try row.optionalString("link"), createdAt: try row.date("created_at"),
                    readAt: try row.optionalDate("read_at"))
            }
        }
    }

    /// The header's badge.
    public func unreadCount(userId: String) async throws -> Int {
        try await backend.read { database in
            try await database.preparedRows(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL"
            ).first?.int("n") ?? 0
        }
    }

    /// Marks one of the person's notices read, or all of them (`id` nil). Another person's notice
    /// is not found: the count of those marked is 0.
    @discardableResult
    public func markRead(userId: String, id: String? = nil) async throws -> Int {
        let now = clock.now().millis
        return try await backend.transaction { database in
            let only: SQLQueryString = id.map { "AND id = \(bind: $0)" } ?? ""
            return try await database.raw(
                """
                UPDATE notifications SET read_at = \(bind: now)
                WHERE user_id = \(bind: userId) AND read_at IS NULL \(only) RETURNING id
                """
            ).all().count
        }
    }

    public func mailSettings(userId: String) async throws -> MailSettings? {
        try await backend.read { database in try await Self.mailSettings(userId, on: database) }
    }

    /// Saves where the person's mail goes and which kinds they want; nil stops mail altogether.
    /// The caller checks the address (`MailSettings.isValidAddress`).
    public func saveMailSettings(userId: String, _ settings: MailSettings?) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            guard let settings else {
                try await database.raw("DELETE FROM mail_settings WHERE user_id = \(bind: userId)").run()
                return
            }
            let kinds = settings.kinds.map(\.rawValue).sorted().joined(separator: ",")
            try await database.raw(
                """
                INSERT INTO mail_settings (user_id, address, kinds, updated_at)
                VALUES (\(bind: userId), \(bind: settings.address), \(bind: kinds), \(bind: now))
                ON CONFLICT (user_id) DO UPDATE SET address = EXCLUDED.address, kinds = EXCLUDED.kinds,
                updated_at = EXCLUDED.updated_at
                """
            ).run()
        }
    }

    static func mailSettings(_ userId: String, on database: any SQLDatabase) async throws -> MailSettings? {
        guard
            let row = try await database.raw(
                "SELECT address, kinds FROM mail_settings WHERE user_id = \(bind: userId)"
            ).first()
        else { return nil }
        let kinds = try row.string("kinds").split(separator: ",").compactMap { NoticeKind(rawValue: String($0)) }
        return MailSettings(address: try row.string("address"), kinds: Set(kinds))
    }
}
