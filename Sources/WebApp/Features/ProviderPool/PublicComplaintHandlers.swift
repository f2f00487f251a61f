import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// `GET/POST /providers/complaints/public`: anyone may complain about a pool member without an
/// account (policy 002 第八条(4) counts complaints "by enterprises or other providers"; the issue
/// asks the public's too). The form takes the complainant's name and contact — kept for the
/// district's investigation, never published — and what went wrong; the complaint waits for the
/// district's finding like any other. Guarded as the objection form is (`PublicSubmissionGuard`).
struct PublicComplaintHandlers {
    let services: AppServices
    static let token = PublicFormToken(cookieName: "smepilot_complaint", maxAge: 7200)

    struct Model {
        var programme: Programme
        var programmes: [Programme]
        /// Members in good standing: (organisation id, name).
        var members: [(id: String, name: String)]
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func model(_ request: Request, code: String?) async throws -> Model {
        let programmes = try await services.store.programmes.programmes()
        guard let programme = programmes.first(where: { $0.code == code }) ?? programmes.first else {
            throw AppError.notFound(PoolText.publicComplaintTitle)
        }
        if let code, !code.isEmpty, programme.code != code {
            throw AppError(.badRequest, code: "invalid_filter", message: PoolText.unknownProgramme)
        }
        let members = try await services.store.providers.poolMembers(programmeId: programme.id)
        var named: [(id: String, name: String)] = []
        for kind in ["provider", "contractor"] {
            for organisation in try await services.store.parties.organisations(programmeId: programme.id, kind: kind)
            where members[organisation.id]?.isInGoodStanding == true {
                named.append((organisation.id, organisation.name))
            }
        }
        return Model(programme: programme, programmes: programmes, members: named.sorted { $0.name < $1.name })
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let model = try await model(request, code: request.uri.queryParameters["programme"].map(String.init))
        return try render(request, context, model, flash: nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, _ model: Model, flash: Flash?, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let token = Self.token.current(request) { PublicSubmissionGuard(services: services).freshToken() }
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: nil, path: "/providers/complaints/public")
        var response = Response.html(
            PublicComplaintView(layout: layout).render(model, token: token, flash: flash), status: status)
        response.setCookie(Self.token.cookie(token, secure: services.configuration.secureCookies))
        return response
    }

    func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        let token = try Self.token.verify(form, request)
        var model = try await model(request, code: form["programme"])
        model.typed = form.values.filter { ["provider", "name", "contact", "summary"].contains($0.key) }
        func refuse(_ errors: [FieldError], _ status: HTTPResponse.Status = .unprocessableContent) throws -> Response {
            model.errors = errors
            let message = errors.first?.message.text(context.language) ?? ""
            return try render(request, context, model, flash: Flash(kind: .error, text: message), status: status)
        }
        let guardian = PublicSubmissionGuard(services: services)
        if guardian.tooFast(form, token: token) { return try refuse([FieldError(field: "", message: PublicText.tooFast)]) }
        var errors: [FieldError] = []
        let provider = model.members.first { $0.id == form["provider"] }
        if provider == nil { errors.append(FieldError(field: "provider", message: PoolText.chooseProvider)) }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 { errors.append(FieldError(field: "name", message: PoolText.nameNeeded)) }
        let contact = (form["contact"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if contact.isEmpty || contact.count > 100 { errors.append(FieldError(field: "contact", message: PoolText.contactNeeded)) }
        let summary = PoolGovernanceHandlers.summary(form, &errors)
        guard errors.isEmpty, let provider, let summary else { return try refuse(errors) }
        let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
        guard try await guardian.admit(programmeId: model.programme.id, client: client, kind: "complaint") else {
            return try refuse([FieldError(field: "", message: PublicText.tooMany)], .tooManyRequests)
        }
        let id = services.store.ids.make("cpl")
        let outcome = try await services.store.providers.changePoolMember(
            organisationId: provider.id, programmeId: model.programme.id, action: "complaint_filed",
            detail: "\(id) 公众投诉：\(summary)", evidence: "投诉人：\(name)（\(contact)）", by: "public"
        ) { member throws(PoolMember.Refusal) in
            guard member.isInGoodStanding else { throw .notInPool }
            member.fileComplaint(id: id)
            return .recorded
        }
        guard case .success = outcome else {
            return try refuse([FieldError(field: "provider", message: PoolText.chooseProvider)])
        }
        model.typed = [:]
        return try render(
            request, context, model, flash: Flash(kind: .ok, text: PoolText.publicComplaintReceived.text(context.language)))
    }
}
