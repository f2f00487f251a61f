import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The signed-in person's own notices and mail settings: nobody reads or marks another's (every
/// query names the person's own user id).
struct InboxHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash: Flash? =
            if request.uri.queryParameters["saved"] != nil {
                Flash(kind: .ok, text: NotificationText.saved.text(context.language))
            } else if request.uri.queryParameters["marked"] != nil {
                Flash(kind: .ok, text: NotificationText.marked.text(context.language))
            } else { nil }
        return .html(try await render(context, identity, flash: flash))
    }

    func markRead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let id = context.parameters.get("notice")
        let marked = try await services.store.notifications.markRead(userId: identity.account.id, id: id)
        if id != nil && marked == 0 {
            throw AppError(.notFound, code: "not_found", message: NotificationText.notFound)
        }
        return .redirect("/inbox?marked=1")
    }

    func saveSettings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let address = (form["address"] ?? "").trimmingCharacters(in: .whitespaces)
        let errors = try await saveSettings(
            identity, address: address, kinds: (form["kinds"] ?? "").split(separator: ",").map(String.init))
        guard errors.isEmpty else {
            let flash = Flash(kind: .error, text: errors[0].message.text(context.language))
            return .html(
                try await render(context, identity, flash: flash, errors: errors, address: address),
                status: .unprocessableContent)
        }
        return .redirect("/inbox?saved=1")
    }

    /// Which notices come by mail to `address` (none when it is empty), for the page and the API:
    /// the refusals by field, or none once saved.
    func saveSettings(_ identity: Identity, address: String, kinds given: [String]) async throws -> [FieldError] {
        let address = address.trimmingCharacters(in: .whitespaces)
        let kinds = given.compactMap(NoticeKind.init(rawValue:))
        var errors: [FieldError] = []
        if kinds.count != given.count { errors.append(FieldError(field: "kinds", message: NotificationText.badKind)) }
        if !address.isEmpty {
            if !MailSettings.isValidAddress(address) {
                errors.append(FieldError(field: "address", message: NotificationText.badAddress))
            }
            if kinds.isEmpty && errors.isEmpty { errors.append(FieldError(field: "kinds", message: NotificationText.noKinds)) }
        }
        guard errors.isEmpty else { return errors }
        try await services.store.notifications.saveMailSettings(
            userId: identity.account.id, address.isEmpty ? nil : MailSettings(address: address, kinds: Set(kinds)))
        return []
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, flash: Flash?, errors: [FieldError] = [], address: String? = nil
    ) async throws -> HTML {
        let items = try await services.store.notifications.inbox(userId: identity.account.id)
        let settings = try await services.store.notifications.mailSettings(userId: identity.account.id)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/inbox")
        return InboxView(layout: layout).render(
            items, settings: settings, mailConfigured: services.configuration.mail != nil, errors: errors, flash: flash,
            address: address)
    }
}
