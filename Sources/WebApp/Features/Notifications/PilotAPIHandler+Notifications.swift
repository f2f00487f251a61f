import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore

/// `/api/v1/notifications…`: the inbox as data, through the same repository calls as `/inbox`.
/// Every query names the caller's own user id, so another's notice is simply not found.
extension PilotAPIHandler {
    func listNotifications(_ input: Operations.ListNotifications.Input) async throws -> Operations.ListNotifications.Output {
        let identity = try identity(for: .notificationsRead)
        let limit = input.query.limit ?? 100
        guard (1...500).contains(limit) else {
            throw AppError(
                .badRequest, code: "bad_request",
                message: LocalizedText(zh: "limit 须在 1–500 之间", en: "limit must be 1–500"))
        }
        let language = scope.language
        let items = try await services.store.notifications.inbox(userId: identity.account.id, limit: limit)
        let unread = try await services.store.notifications.unreadCount(userId: identity.account.id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        unread: unread,
                        items: items.map { item in
                            .init(
                                id: item.id, kind: .init(rawValue: item.kind.rawValue) ?? .sla_reminder,
                                subject: item.subject.text(language), body: item.body.text(language), link: item.link,
                                createdAt: item.createdAt, readAt: item.readAt)
                        }))))
    }

    func markAllNotificationsRead(
        _ input: Operations.MarkAllNotificationsRead.Input
    ) async throws -> Operations.MarkAllNotificationsRead.Output {
        let identity = try identity(for: .notificationsRead)
        let marked = try await services.store.notifications.markRead(userId: identity.account.id)
        return .ok(.init(body: .json(.init(marked: marked))))
    }

    func markNotificationRead(
        _ input: Operations.MarkNotificationRead.Input
    ) async throws -> Operations.MarkNotificationRead.Output {
        let identity = try identity(for: .notificationsRead)
        let marked = try await services.store.notifications.markRead(
            userId: identity.account.id, id: input.path.notificationId)
        guard marked > 0 else { throw AppError(.notFound, code: "not_found", message: NotificationText.notFound) }
        return .ok(.init(body: .json(.init(marked: marked))))
    }
}
