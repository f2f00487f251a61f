import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Enterprise self-registration (public). The form is protected like the login form (double
/// submit token) and creates the enterprise, its project and its first account.
struct RegistrationHandlers {
    let services: AppServices
    static let token = PublicFormToken(cookieName: "smepilot_register", maxAge: 3600)

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await render(request, context, typed: [:], errors: [], flash: nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, typed: [String: String], errors: [FieldError], flash: Flash?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let programme = try await services.store.programmes().first else {
            throw AppError.notFound(RegistrationText.noProgramme)
        }
        let token = Self.token.current(request) { SecretToken.make() }
        let layout = Layout(language: context.language, identity: nil, csrfToken: token, path: AppPath.register.url)
        let html = RegistrationView(layout: layout).render(
            programme: programme, reference: try await reference(programme.id), typed: typed, errors: errors, flash: flash)
        var response = Response.html(html, status: status)
        response.setCookie(Self.token.cookie(token, secure: services.configuration.secureCookies))
        return response
    }

    func reference(_ programmeId: String) async throws -> EnterpriseRecord.Reference {
        EnterpriseRecord.Reference(
            subIndustries: try await services.store.subIndustries(programmeId: programmeId),
            areas: try await services.store.areas(programmeId: programmeId))
    }

    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        _ = try Self.token.verify(form, request)
        guard let programme = try await services.store.programmes().first else {
            throw AppError.notFound(RegistrationText.noProgramme)
        }
        let typed = form.values.filter { $0.key != "password" && $0.key != "csrf_token" }
        var errors: [FieldError] = []
        let record: EnterpriseRecord?
        switch EnterpriseRecord.validate(form.values, reference: try await reference(programme.id)) {
        case .success(let valid): record = valid
        case .failure(let problems):
            record = nil
            errors += problems.list
        }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if username.range(of: "^[a-z0-9_]{3,32}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "username", message: RegistrationText.badUsername))
        } else if try await services.store.user(username: username) != nil {
            errors.append(FieldError(field: "username", message: RegistrationText.usernameTaken))
        }
        let password = form["password"] ?? ""
        if password.count < 10 || !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            errors.append(FieldError(field: "password", message: RegistrationText.weakPassword))
        }
        func refuse(_ errors: [FieldError], status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            let message = errors.first?.message.text(context.language) ?? ""
            return try await render(
                request, context, typed: typed, errors: errors, flash: Flash(kind: .error, text: message), status: status)
        }
        guard errors.isEmpty, let record else { return try await refuse(errors) }
        let hash = try await services.passwords.hash(password)
        let registrant = Actor(
            userId: "registration", displayName: record.contactName + "（企业自助注册）", organisationId: nil,
            grants: [RoleGrant(role: .enterprise, scope: .programme(programme.id))])
        switch try await EnterpriseOnboarding(services: services).admit(record, programmeId: programme.id, actor: registrant) {
        case .duplicate(let existing):
            return try await refuse(
                [FieldError(field: "uscc", message: EnterpriseOnboarding.duplicateMessage(existing))], status: .conflict)
        case .created(let organisation, _):
            _ = try await services.store.createUser(
                programmeId: programme.id, username: username, displayName: record.contactName + "（" + record.name + "）",
                passwordHash: hash, organisationId: organisation.id,
                grants: [RoleGrant(role: .enterprise, scope: .organisation(organisation.id))], language: context.language)
            services.logger.info("enterprise registered", metadata: ["organisation": .string(organisation.id)])
            return .redirect(AppPath.login.url + "?registered=1")
        }
    }
}
