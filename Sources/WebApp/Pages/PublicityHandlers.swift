import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The public publicity page and its objection form — the one place where people without an
/// account change something. CAPTCHA-free but abuse-resistant:
/// - a double-submit token (cookie = form field) that also carries when the form was served, so
///   a submission within `minimumReadTime` of loading the page is refused (bots post at once);
/// - a hidden honeypot field that people never fill;
/// - at most `hourlyLimit` objections per client address per hour, counted in the database so the
///   limit holds across server instances;
/// - the engine decides as for everyone: only plans in publicity take objections.
struct PublicityHandlers {
    let services: AppServices
    static let cookieName = "smepilot_public"
    static let minimumReadTime: TimeInterval = 1
    static let hourlyLimit = 5

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await render(request, context, flash: nil)
    }

    func render(
        _ request: Request, _ context: AppRequestContext, flash: Flash?, typed: [String: String] = [:], errorFor: String? = nil,
        errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        // A re-rendered page (after a refusal) keeps the visitor's token, so the form they correct
        // still matches their cookie.
        let token =
            request.cookies[Self.cookieName]?.value
            ?? (SecretToken.make() + "." + String(services.store.clock.now().millis))
        var items: [PublicityView.Item] = []
        for programme in try await services.store.programmes() {
            for state in ["publicity", "suspended"] {
                for instance in try await services.store.instances(programmeId: programme.id, state: state) {
                    let due = try await services.store.pendingTimers(instance.id).first { $0.transitionId == "close_publicity" }
                    items.append(
                        PublicityView.Item(
                            instance: instance, programmeName: programme.name.text(context.language),
                            lastDay: due.map { $0.dueAt.addingTimeInterval(-1) }))
                }
            }
        }
        let layout = Layout(language: context.language, identity: context.identity, csrfToken: nil, path: AppPath.publicity.url)
        let html = PublicityView(layout: layout).render(
            items, token: token, typed: typed, errorFor: errorFor, errors: errors, flash: flash)
        var response = Response.html(html, status: status)
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: token, maxAge: 7200, path: "/", secure: services.configuration.secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    func object(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("instance")
        let form = try await FormBody.read(request, context: context)
        guard let token = form["csrf_token"], let cookie = request.cookies[Self.cookieName]?.value,
            Hex.constantTimeEqual(token, cookie)
        else { throw AppError.csrf }
        let typed = form.values.filter { ["objector_name", "objector_contact", "objection"].contains($0.key) }
        func refuse(_ message: LocalizedText, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(
                request, context, flash: Flash(kind: .error, text: message.text(context.language)), typed: typed, errorFor: id,
                status: status)
        }
        let issued = token.split(separator: ".").last.flatMap { Int64($0) } ?? 0
        let now = services.store.clock.now()
        if !(form["website"] ?? "").isEmpty || now.millis - issued < Int64(Self.minimumReadTime * 1000) {
            return try await refuse(PublicText.tooFast, .unprocessableContent)
        }
        guard let instance = try await services.store.instance(id), instance.state == "publicity" else {
            return try await refuse(PublicText.closed, .unprocessableContent)
        }
        let client = Hex.encode(SHA256.hash(data: Data(("objection|" + Self.clientAddress(request, context)).utf8)))
        guard
            try await services.store.admitPublicSubmission(
                programmeId: instance.programmeId, clientHash: client, limit: Self.hourlyLimit, window: 3600)
        else { return try await refuse(PublicText.tooMany, .tooManyRequests) }
        let actor = Actor(
            userId: "public", displayName: "社会公众", organisationId: nil,
            grants: [RoleGrant(role: .publicMember, scope: .programme(instance.programmeId))])
        let command = Command(
            instanceId: id, transitionId: "file_objection", input: typed.mapValues { .string($0) },
            idempotencyKey: "objection-" + String(token.prefix(32)))
        switch try await ProjectCommands(services: services).execute(command, actor: actor) {
        case .applied, .replayed:
            return try await render(request, context, flash: Flash(kind: .ok, text: PublicText.received.text(context.language)))
        case .refused(let refusal):
            let error = AppError.refusal(refusal)
            let fields: [FieldError] = if case .invalidInput(let list) = refusal { list } else { [] }
            return try await render(
                request, context, flash: Flash(kind: .error, text: error.message.text(context.language)), typed: typed,
                errorFor: id, errors: fields, status: error.status)
        }
    }

    /// The socket's peer; behind a reverse proxy on the same host (peer is loopback) the first
    /// X-Forwarded-For address, which only that proxy can have set.
    static func clientAddress(_ request: Request, _ context: AppRequestContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        if peer == "127.0.0.1" || peer == "::1", let forwarded = request.headers[.init("X-Forwarded-For")!] {
            return forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? peer
        }
        return peer
    }
}
