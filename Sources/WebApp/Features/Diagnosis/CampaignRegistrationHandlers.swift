import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET/POST /diagnosis/register` (public): a firm on a campaign's roster registers its account.
/// The anti-abuse of the enterprise self-registration (issue #11): the double-submit token, a
/// honeypot, the cheap checks (fields, user name, `PasswordPolicy`) first, then the per-address
/// limit counted in the database, and bcrypt last. The organisation, the account and the roster
/// link are one transaction (`registerFirm`): a refusal writes nothing.
struct CampaignRegistrationHandlers {
    let services: AppServices
    static let token = PublicFormToken(cookieName: "smepilot_diagnosis_register", maxAge: 3600)

    func campaigns() async throws -> [Programme] {
        try await services.store.programmes.programmes().filter { $0.kind == .diagnosisCampaign }
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var typed: [String: String] = [:]
        if let code = request.uri.queryParameters.get("programme"), code.count <= 40 { typed["programme"] = code }
        return try await render(request, context, typed: typed, errors: [], flash: nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, typed: [String: String], errors: [FieldError], flash: Flash?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let token = Self.token.current(request) { SecretToken.make() }
        let layout = Layout(language: context.language, identity: nil, csrfToken: token, path: "/diagnosis/register")
        let html = CampaignRegistrationView(layout: layout).render(
            campaigns: try await campaigns(), typed: typed, errors: errors, flash: flash)
        var response = Response.html(html, status: status)
        response.setCookie(Self.token.cookie(token, secure: services.configuration.secureCookies))
        return response
    }

    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        _ = try Self.token.verify(form, request)
        let typed = form.values.filter { $0.key != "password" && $0.key != "csrf_token" }
        func refuse(_ errors: [FieldError], status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await render(
                request, context, typed: typed, errors: errors,
                flash: Flash(kind: .error, text: errors.first?.message.text(context.language) ?? ""), status: status)
        }
        func value(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [FieldError] = []
        let campaign = try await campaigns().first { $0.code == value("programme") }
        if campaign == nil { errors.append(FieldError(field: "programme", message: CampaignText.chooseCampaign)) }
        var uscc: USCC?
        do {
            uscc = try USCC(validating: value("uscc").uppercased())
        } catch {
            errors.append(FieldError(field: "uscc", message: error.message))
        }
        for (field, label, limit) in [
            ("name", CampaignText.firmName, 100), ("contact_name", CampaignText.contactName, 40),
            ("contact_phone", CampaignText.contactPhone, 30),
        ] {
            if value(field).isEmpty {
                errors.append(FieldError(field: field, message: CampaignText.required(label)))
            } else if value(field).count > limit {
                errors.append(FieldError(field: field, message: CampaignText.tooLong(label, limit)))
            }
        }
        let username = value("username").lowercased()
        if username.range(of: "^[a-z0-9_]{3,32}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "username", message: CampaignText.badUsername))
        }
        let password = form["password"] ?? ""
        if let problem = PasswordPolicy.problem(password, username: username) {
            errors.append(FieldError(field: "password", message: problem))
        }
        // The honeypot: people never fill it; a bot that did learns only that the form was wrong.
        if !value("website").isEmpty { errors.append(FieldError(field: "", message: CampaignText.notOnRoster)) }
        guard errors.isEmpty, let campaign, let uscc else { return try await refuse(errors) }
        let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
        if case .refused(let wait) = try await services.registrationThrottle.admit(
            keys: LoginThrottle.registrationKeys(client: client), now: services.store.clock.now())
        {
            var response = try await refuse([FieldError(field: "", message: CampaignText.tooMany)], status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        // Looked up before bcrypt: a firm off the roster costs no hashing.
        guard let firm = try await services.store.diagnoses.firm(programmeId: campaign.id, uscc: uscc.value) else {
            return try await refuse([FieldError(field: "uscc", message: CampaignText.notOnRoster)])
        }
        if firm.organisationId != nil {
            return try await refuse([FieldError(field: "uscc", message: CampaignText.alreadyRegistered)], status: .conflict)
        }
        if try await services.store.accounts.user(username: username) != nil {
            return try await refuse([FieldError(field: "username", message: CampaignText.usernameTaken)])
        }
        let registration = FirmRegistration(
            programmeId: campaign.id, uscc: uscc.value, name: value("name"), contactName: value("contact_name"),
            contactPhone: value("contact_phone"), username: username,
            passwordHash: try await services.passwords.hash(password), language: context.language)
        switch try await services.store.diagnoses.registerFirm(
            registration, organisationId: services.store.ids.make("org"), userId: services.store.ids.make("usr"))
        {
        case .registered(let organisation, _):
            services.logger.info("campaign firm registered", metadata: ["organisation": .string(organisation)])
            return .redirect(AppPath.login.url + "?registered=1")
        case .notOnRoster:
            return try await refuse([FieldError(field: "uscc", message: CampaignText.notOnRoster)])
        case .alreadyRegistered:
            return try await refuse([FieldError(field: "uscc", message: CampaignText.alreadyRegistered)], status: .conflict)
        case .usernameTaken:
            return try await refuse([FieldError(field: "username", message: CampaignText.usernameTaken)])
        }
    }
}
