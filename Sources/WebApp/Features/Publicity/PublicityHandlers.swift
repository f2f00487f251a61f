import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The public publicity boards and their objection form (with the public complaint form, the
/// places where people without an account change something). CAPTCHA-free but abuse-resistant
/// (`PublicSubmissionGuard`):
/// - a double-submit token (cookie = form field) that also carries when the form was served, so
///   a submission within `minimumReadTime` of loading the page is refused (bots post at once);
/// - a hidden honeypot field that people never fill;
/// - at most `PublicSubmissionGuard.hourlyLimit` objections per client address per hour, counted in the
///   database so the limit holds across server instances;
/// - the engine decides as for everyone: only plans in publicity take objections.
struct PublicityHandlers {
    let services: AppServices
    var board = PublicityBoard.plans
    static let token = PublicFormToken(cookieName: "smepilot_public", maxAge: 7200)

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await render(request, context, flash: nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, flash: Flash?, typed: [String: String] = [:], errorFor: String? = nil,
        errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        // The token carries when the form was served (the minimum read time is measured from it).
        let token = Self.token.current(request) { PublicSubmissionGuard(services: services).freshToken() }
        let items = try await PublicObjections(services: services, definitionId: board.definitionId).notices().map {
            PublicityView.Item(
                instance: $0.instance, programmeName: $0.programme.name.text(context.language), lastDay: $0.lastDay)
        }
        let layout = Layout(language: context.language, identity: context.identity, csrfToken: nil, path: board.path.url)
        let html = PublicityView(layout: layout, board: board).render(
            items, token: token, typed: typed, errorFor: errorFor, errors: errors, flash: flash)
        var response = Response.html(html, status: status)
        response.setCookie(Self.token.cookie(token, secure: services.configuration.secureCookies))
        return response
    }

    func object(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("instance")
        let form = try await FormBody.read(request, context: context)
        let token = try Self.token.verify(form, request)
        let typed = form.values.filter { ["objector_name", "objector_contact", "objection"].contains($0.key) }
        func refuse(_ message: LocalizedText, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(
                request, context, flash: Flash(kind: .error, text: message.text(context.language)), typed: typed, errorFor: id,
                status: status)
        }
        if PublicSubmissionGuard(services: services).tooFast(form, token: token) {
            return try await refuse(PublicText.tooFast, .unprocessableContent)
        }
        guard let instance = try await services.store.instances.instance(id) else {
            return try await refuse(PublicText.closed, .unprocessableContent)
        }
        // An id from the other board is not on this one.
        guard instance.definitionId == board.definitionId else {
            return try await refuse(PublicText.closed, .unprocessableContent)
        }
        if let closed = PublicObjections.closedReason(instance) { return try await refuse(closed, .unprocessableContent) }
        let objections = PublicObjections(services: services, definitionId: board.definitionId)
        guard
            try await objections.admit(
                instance, client: ClientAddress.of(request, context, trusting: services.configuration.trustedProxies))
        else {
            return try await refuse(PublicText.tooMany, .tooManyRequests)
        }
        let key = PublicObjections.idempotencyKey(
            token: token, instanceId: id, version: form["version"] ?? "", input: typed)
        let outcome = try await objections.file(
            instance, name: typed["objector_name"] ?? "", contact: typed["objector_contact"] ?? "",
            objection: typed["objection"] ?? "", idempotencyKey: key)
        switch outcome {
        case .applied, .replayed:
            let received = board == .plans ? PublicText.received : AdmissionText.objectionReceived
            return try await render(request, context, flash: Flash(kind: .ok, text: received.text(context.language)))
        case .refused(let refusal):
            let error = AppError.refusal(refusal)
            let fields: [FieldError] = if case .invalidInput(let list) = refusal { list } else { [] }
            return try await render(
                request, context, flash: Flash(kind: .error, text: error.message.text(context.language)), typed: typed,
                errorFor: id, errors: fields, status: error.status)
        }
    }
}
