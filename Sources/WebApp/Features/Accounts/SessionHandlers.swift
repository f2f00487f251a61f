import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// Sign-in, sign-out and the language switch.
struct SessionHandlers {
    let services: AppServices
    static let preLoginCookie = "smepilot_prelogin"

    /// The start page: in a diagnosis campaign a firm's own diagnosis, an official's coverage;
    /// elsewhere the person's tasks.
    func home(_ context: AppRequestContext) -> Response {
        guard let identity = context.identity else { return .redirect(AppPath.login.url) }
        if identity.actsInCampaign {
            if AccessPolicy.allows(identity, .diagnosisFill) { return .redirect("/diagnosis") }
            if AccessPolicy.allows(identity, .diagnosisSupervise) { return .redirect("/diagnosis/coverage") }
        }
        return .redirect(AppPath.tasks.url)
    }

    func layout(_ context: AppRequestContext, _ path: String) -> Layout {
        Layout(language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: path)
    }

    /// The login form carries a token that must match a cookie set with it (double submit), so
    /// another site cannot sign a victim into an account of its choosing.
    func loginPage(
        _ request: Request, _ context: AppRequestContext, username: String = "", error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = SecretToken.make()
        let returnTo = safeReturnPath(request.uri.queryParameters["return_to"].map(String.init))
        let html = LoginView(layout: Layout(language: context.language, identity: nil, csrfToken: token, path: AppPath.login.url))
            .render(
                username: username, returnTo: returnTo, error: error,
                notice: request.uri.queryParameters["registered"].map { _ in RegistrationText.done.text(context.language) })
        var response = Response.html(html, status: status)
        response.setCookie(cookie(Self.preLoginCookie, token, maxAge: 3600))
        return response
    }

    func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        guard let token = form["csrf_token"], let expected = request.cookies[Self.preLoginCookie]?.value, token == expected else {
            throw AppError.csrf
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
        let now = services.store.clock.now()
        // Counted before bcrypt runs (see `LoginThrottle.admit`): parallel guesses cannot all pass.
        let attempt: LoginAttempt
        switch try await services.throttle.admit(username: username, client: client, now: now) {
        case .admitted(let admitted): attempt = admitted
        case .refused(let wait):
            let message = UIText.tooManyAttempts.text(context.language) + "（\(wait)s）"
            var response = loginPage(request, context, username: username, error: message, status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let account = username.isEmpty ? nil : try await services.store.accounts.user(username: username)
        let valid: Bool
        if let account, account.active {
            valid = try await services.passwords.verify(password, against: account.passwordHash)
        } else {
            // Same work for an unknown name as for a wrong password: timing reveals nothing.
            _ = try await services.passwords.verify(password, against: await services.passwords.decoyHash())
            valid = false
        }
        guard valid, let account else {
            // The attempt is already recorded as a failure.
            services.logger.notice("failed sign-in", metadata: ["user": .string(username)])
            return loginPage(
                request, context, username: username, error: UIText.badLogin.text(context.language), status: .unauthorized)
        }
        try await services.throttle.succeeded(attempt)
        let (sessionToken, _) = try await services.store.sessions.createSession(
            userId: account.id, lifetime: services.configuration.sessionLifetime)
        var response = Response.redirect(safeReturnPath(form["return_to"]))
        response.setCookie(
            cookie(IdentityMiddleware.sessionCookie, sessionToken, maxAge: Int(services.configuration.sessionLifetime)))
        response.setCookie(cookie(Self.preLoginCookie, "", maxAge: 0))
        if request.cookies[IdentityMiddleware.languageCookie] == nil {
            response.setCookie(
                cookie(IdentityMiddleware.languageCookie, account.language.rawValue, maxAge: 365 * 86_400, httpOnly: false))
        }
        return response
    }

    func logout(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try await PageForm.read(request, context)
        if let token = context.identity?.sessionToken { try await services.store.sessions.deleteSession(token: token) }
        var response = Response.redirect(AppPath.login.url)
        response.setCookie(cookie(IdentityMiddleware.sessionCookie, "", maxAge: 0))
        return response
    }

    /// `POST /programme`: act in another programme in which the person holds grants (the header's
    /// switch). A programme they hold nothing in is refused and the session stays as it was.
    func switchProgramme(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        guard let token = identity.sessionToken, let chosen = identity.programmes.first(where: { $0.code == form["programme"] })
        else {
            throw AppError(
                .badRequest, code: "unknown_programme",
                message: LocalizedText(zh: "您在该试点项目中没有任何角色，无法切换", en: "You hold no role in that programme"))
        }
        try await services.store.sessions.setSessionProgramme(token: token, programmeId: chosen.id)
        return .redirect(AppPath.tasks.url)
    }

    func switchLanguage(_ request: Request, _ context: AppRequestContext) -> Response {
        let language = UILanguage(rawValue: request.uri.queryParameters["to"].map(String.init) ?? "") ?? .zh
        var response = Response.redirect(
            safeReturnPath(request.uri.queryParameters["return_to"].map { String($0).removingPercentEncoding ?? "" }))
        response.setCookie(cookie(IdentityMiddleware.languageCookie, language.rawValue, maxAge: 365 * 86_400, httpOnly: false))
        return response
    }

    func cookie(_ name: String, _ value: String, maxAge: Int, httpOnly: Bool = true) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: services.configuration.secureCookies, httpOnly: httpOnly,
            sameSite: .lax)
    }
}

/// Reads a form posted by a signed-in user and checks its CSRF token against the session's.
/// Every state-changing page handler reads its form through here.
enum PageForm {
    static func read(_ request: Request, _ context: AppRequestContext) async throws -> (FormBody, Identity) {
        let identity = try context.requireIdentity()
        let form = try await FormBody.read(request, context: context)
        guard let expected = identity.csrfToken, let given = form["csrf_token"], Hex.constantTimeEqual(expected, given) else {
            throw AppError.csrf
        }
        return (form, identity)
    }
}
