import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Enterprise self-registration (public). The form is protected like the login form (double
/// submit token) and creates the enterprise, its project and its first account — in one
/// transaction, so a failure leaves nothing behind.
///
/// Against abuse (issue #11) the cheap checks come first and bcrypt last: the form (fields, user
/// name, password rules), then the per-address limit (`registrationThrottle`, counted in the
/// database like sign-in failures, before anything else is looked up), then the credit code.
/// Only a registration that passed all of them hashes its password.
struct RegistrationHandlers {
    let services: AppServices
    static let token = PublicFormToken(cookieName: "smepilot_register", maxAge: 3600)

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let programmes = try await openProgrammes()
        let chosen = Self.chosen(programmes, code: request.uri.queryParameters.get("programme"))
        return try await render(request, context, programmes: programmes, chosen: chosen, typed: [:], errors: [], flash: nil)
    }

    /// The programmes an enterprise may register a project for: every city pilot on this server (a
    /// diagnosis campaign's firms register at `/diagnosis/register`, against its roster).
    func openProgrammes() async throws -> [Programme] {
        let programmes = try await services.store.programmes.programmes().filter { $0.kind == .cityPilot }
        guard !programmes.isEmpty else { throw AppError.notFound(RegistrationText.noProgramme) }
        return programmes
    }

    /// The programme named by `code`, or the only one when there is one and none is named.
    static func chosen(_ programmes: [Programme], code: String?) -> Programme? {
        if let code, !code.isEmpty { return programmes.first { $0.code == code } }
        return programmes.count == 1 ? programmes.first : nil
    }

    func render(
        _ request: Request, _ context: AppRequestContext, programmes: [Programme], chosen: Programme?,
        typed: [String: String], errors: [FieldError], flash: Flash?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let token = Self.token.current(request) { SecretToken.make() }
        let layout = Layout(language: context.language, identity: nil, csrfToken: token, path: AppPath.register.url)
        var reference: EnterpriseRecord.Reference?
        if let chosen { reference = try await self.reference(chosen.id) }
        let html = RegistrationView(layout: layout).render(
            programmes: programmes, chosen: chosen, reference: reference, typed: typed, errors: errors, flash: flash)
        var response = Response.html(html, status: status)
        response.setCookie(Self.token.cookie(token, secure: services.configuration.secureCookies))
        return response
    }

    func reference(_ programmeId: String) async throws -> EnterpriseRecord.Reference {
        EnterpriseRecord.Reference(
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId),
            areas: try await services.divisions(of: programmeId))
    }

    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        _ = try Self.token.verify(form, request)
        let programmes = try await openProgrammes()
        let programme = Self.chosen(programmes, code: form["programme"])
        let typed = form.values.filter { $0.key != "password" && $0.key != "csrf_token" }
        func refuse(_ errors: [FieldError], status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            let message = errors.first?.message.text(context.language) ?? ""
            return try await render(
                request, context, programmes: programmes, chosen: programme, typed: typed, errors: errors,
                flash: Flash(kind: .error, text: message), status: status)
        }
        var errors: [FieldError] = []
        var record: EnterpriseRecord?
        if let programme {
            switch EnterpriseRecord.validate(form.values, reference: try await reference(programme.id)) {
            case .success(let valid): record = valid
            case .failure(let problems): errors += problems.list
            }
        } else {
            errors.append(FieldError(field: "programme", message: RegistrationText.chooseProgramme))
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if username.range(of: "^[a-z0-9_]{3,32}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "username", message: RegistrationText.badUsername))
        }
        let password = form["password"] ?? ""
        if password.count < 10 || !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            errors.append(FieldError(field: "password", message: RegistrationText.weakPassword))
        }
        guard errors.isEmpty, let programme, let record else { return try await refuse(errors) }
        // Counted before anything is looked up (a prober learns nothing beyond the limit) and
        // before bcrypt; every counted attempt stays counted, a refused one is forgotten.
        let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
        if case .refused(let wait) = try await services.registrationThrottle.admit(
            keys: LoginThrottle.registrationKeys(client: client), now: services.store.clock.now())
        {
            var response = try await refuse(
                [FieldError(field: "", message: RegistrationText.tooMany)], status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        if try await services.store.accounts.user(username: username) != nil {
            return try await refuse([FieldError(field: "username", message: RegistrationText.usernameTaken)])
        }
        if try await services.store.parties.organisation(uscc: record.uscc.value, programmeId: programme.id) != nil {
            return try await refuse(
                [FieldError(field: "uscc", message: EnterpriseOnboarding.registeredElsewhere)], status: .conflict)
        }
        let account = NewEnterpriseAccount(
            username: username, displayName: record.contactName + "（" + record.name + "）",
            passwordHash: try await services.passwords.hash(password), language: context.language)
        let registrant = Actor(
            userId: "registration", displayName: record.contactName + "（企业自助注册）", organisationId: nil,
            grants: [RoleGrant(role: .enterprise, scope: .programme(programme.id))])
        switch try await EnterpriseOnboarding(services: services).admit(
            record, programmeId: programme.id, actor: registrant, account: account)
        {
        case .duplicate:
            return try await refuse(
                [FieldError(field: "uscc", message: EnterpriseOnboarding.registeredElsewhere)], status: .conflict)
        case .usernameTaken:
            return try await refuse([FieldError(field: "username", message: RegistrationText.usernameTaken)])
        case .created(let organisation, _):
            services.logger.info("enterprise registered", metadata: ["organisation": .string(organisation.id)])
            return .redirect(AppPath.login.url + "?registered=1")
        }
    }
}
