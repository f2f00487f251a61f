import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// A signed-in person changes their own password. After an administrator has given out a
/// one-time password, every other page sends the person here first (`IdentityMiddleware`).
struct AccountHandlers {
    let services: AppServices

    /// Paths a person with a one-time password may still open: this page, signing out, the
    /// language switch, the stylesheet and the script.
    static let openBeforeChange: Set<String> = [
        AppPath.accountPassword.url, AppPath.logout.url, AppPath.language.url, AppPath.stylesheet.url,
        AppPath.printScript.url,
    ]

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash =
            request.uri.queryParameters["changed"] != nil
            ? Flash(kind: .ok, text: AccountText.changed.text(context.language)) : nil
        return .html(view(context, identity).render(mustChange: identity.account.mustChangePassword, errors: [], flash: flash))
    }

    func change(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let account = identity.account
        // Guesses at the current password from a signed-in session count like sign-in failures
        // (the same name-and-address and address limits), recorded before bcrypt runs.
        let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
        let now = services.store.clock.now()
        let attempt: LoginAttempt
        switch try await services.throttle.admit(username: account.username, client: client, now: now) {
        case .admitted(let admitted): attempt = admitted
        case .refused(let wait):
            let message = UIText.tooManyAttempts.text(context.language) + "（\(wait)s）"
            var response = Response.html(
                view(context, identity).render(
                    mustChange: account.mustChangePassword, errors: [], flash: Flash(kind: .error, text: message)),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let current = form["current_password"] ?? ""
        let chosen = form["new_password"] ?? ""
        var errors: [FieldError] = []
        if try await services.passwords.verify(current, against: account.passwordHash) {
            try await services.throttle.succeeded(attempt)
        } else {
            errors.append(FieldError(field: "current_password", message: AccountText.wrongCurrent))
        }
        if let problem = PasswordPolicy.problem(chosen, username: account.username) {
            errors.append(FieldError(field: "new_password", message: problem))
        } else if chosen == current {
            errors.append(FieldError(field: "new_password", message: AccountText.sameAsCurrent))
        }
        if form["repeat_password"] != chosen {
            errors.append(FieldError(field: "repeat_password", message: AccountText.mismatch))
        }
        guard errors.isEmpty else {
            return .html(
                view(context, identity).render(
                    mustChange: account.mustChangePassword, errors: errors,
                    flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
                status: .unprocessableContent)
        }
        try await services.store.accounts.setPassword(
            userId: account.id, programmeId: account.programmeId, hash: try await services.passwords.hash(chosen),
            mustChange: false, keepingSession: identity.sessionToken,
            by: ChangeActor(userId: account.id, name: account.displayName))
        return .redirect(AppPath.accountPassword.url + "?changed=1")
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> AccountView {
        AccountView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.accountPassword.url))
    }
}
