import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET /diagnosis/offline` and `POST /diagnosis/offline/:diagnosisId/assign` (`diagnosis.assignOffline`):
/// the pending on-site diagnoses beneath the person's node, each assigned to a provider that is a
/// member of the programme's pool in good standing (consulting providers listed first).
struct OfflineHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisAssignOffline)
        let flash: Flash? =
            CoverageHandlers.query(request, "done") == "assigned"
            ? Flash(kind: .ok, text: SupervisionText.assigned.text(context.language)) : nil
        return try await render(context, identity, scope, flash: flash, status: .ok)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, _ scope: SupervisionScope, flash: Flash?, status: HTTPResponse.Status
    ) async throws -> Response {
        let cases = try await cases(scope)
        let providers = try await services.store.diagnoses.offlineProviders(programmeId: scope.programme.id)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/diagnosis/offline")
        return .html(OfflineView(layout: layout).render(cases, providers: providers, flash: flash), status: status)
    }

    /// The pending and assigned on-site cases beneath the person's nodes, each once.
    func cases(_ scope: SupervisionScope) async throws -> [OfflineCase] {
        var cases: [OfflineCase] = []
        for node in scope.nodes {
            cases += try await services.store.diagnoses.offlineCases(
                programmeId: scope.programme.id, division: node, statuses: ["pending", "assigned"])
        }
        var seen = Set<String>()
        return cases.filter { seen.insert($0.diagnosisId).inserted }
    }

    func assign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        try await assign(identity, try context.parameters.require("diagnosisId"), provider: form["provider"])
        return .redirect("/diagnosis/offline?done=assigned")
    }

    /// Assigns on-site diagnosis `id` beneath the person's node to `provider` (a pool member in good
    /// standing) — the page's and the API's one rule: 404 out of reach, 422 for another provider,
    /// 409 when it is no longer pending.
    func assign(_ identity: Identity, _ id: String, provider: String?) async throws {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisAssignOffline)
        guard id.count <= 64, let record = try await services.store.diagnoses.diagnosis(id: id, programmeId: scope.programme.id),
            let code = DivisionCode(record.divisionCode), scope.reaches(code)
        else { throw AppError.notFound(SupervisionText.offlineCase) }
        let providers = try await services.store.diagnoses.offlineProviders(programmeId: scope.programme.id)
        guard let provider, providers.contains(where: { $0.organisationId == provider }) else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: SupervisionText.providerRequired,
                fields: [FieldError(field: "provider", message: SupervisionText.providerRequired)])
        }
        guard
            try await services.store.diagnoses.assignOffline(
                diagnosisId: id, programmeId: scope.programme.id, providerOrgId: provider, by: identity.account.id)
        else {
            throw AppError(.conflict, code: "not_pending", message: SupervisionText.notPending)
        }
        services.logger.notice(
            "on-site diagnosis assigned", metadata: ["diagnosis": .string(id), "provider": .string(provider)])
    }
}

struct OfflineView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ cases: [OfflineCase], providers: [OfflineProvider], flash: Flash?) -> HTML {
        let names = Dictionary(providers.map { ($0.organisationId, $0.name) }, uniquingKeysWith: { first, _ in first })
        let options = providers.map { provider -> HTML in
            let consulting = provider.categories.contains("consulting") ? t(SupervisionText.consulting) : ""
            return "<option value=\"\(provider.organisationId)\">\(provider.name)\(consulting)</option>"
        }.joined()
        let rows = cases.map { item -> HTML in
            let action: HTML =
                item.status == "pending"
                ? (providers.isEmpty
                    ? "<span class=\"muted\">\(t(SupervisionText.noProviders))</span>"
                    : """
                    <form method="post" class="inline" action="/diagnosis/offline/\(item.diagnosisId)/assign">\(layout.csrfField)\
                    <select name="provider" required>\(options)</select> <button type="submit">\(t(SupervisionText.assign))</button></form>
                    """)
                : "<span class=\"badge final\">\(names[item.providerOrgId ?? ""] ?? item.providerOrgId ?? "")</span>"
            return """
                <tr data-diagnosis="\(item.diagnosisId)"><td><a href="/diagnosis/firms/\(item.uscc)">\(item.firmName)</a></td>\
                <td>\(item.divisionCode)</td><td class="num">\(item.grade.map { String($0) } ?? "—")</td><td>\(item.reason)</td>\
                <td>\(action)</td></tr>
                """
        }.joined()
        let table: HTML =
            cases.isEmpty
            ? "<p class=\"muted\">\(t(SupervisionText.none))</p>"
            : """
            <table><thead><tr><th>\(t(SupervisionText.name))</th><th>\(t(SupervisionText.code))</th>\
            <th class="num">\(t(SupervisionText.grade))</th><th>\(t(SupervisionText.reason))</th>\
            <th>\(t(SupervisionText.provider))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let body: HTML = """
            <h1>\(t(SupervisionText.offlineTitle))</h1>
            <section class="card">\(table)</section>
            """
        return layout.page(title: t(SupervisionText.offlineTitle), flash: flash, body)
    }
}
