import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET /pool/applications`: the pool applications a person may see — a district its own
/// district's, the city bureau all, a provider its own, an expert those on its panel — cut in SQL
/// by the same scope keys as the project list. Filters: `state` (a state of the workflow) and `page`.
struct ApplicationListHandlers {
    let services: AppServices

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let parameters = request.uri.queryParameters
        let page = try PageNumber.parse(parameters["page"].map(String.init))
        let state = parameters["state"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let (rows, total, definition) = try await applications(identity, state: state, page: page)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.poolApplications.url)
        return .html(
            ApplicationsView(layout: layout).render(
                rows: rows, total: total, state: state, definition: definition,
                canPrintPapers: AccessPolicy.allows(identity, .admissionDistrictPapers)))
    }

    static let pageSize = 50

    /// One page of the applications the caller may see, longest waiting first, for the page and the
    /// API; a `state` that is not one of the workflow's is `400 invalid_filter`.
    func applications(
        _ identity: Identity, state: String?, page: Int
    ) async throws -> (rows: [InstanceSnapshot], total: Int, definition: WorkflowDefinition?) {
        var query = ProjectQuery(
            programmeId: identity.programmeId,
            scopes: identity.actor.grants.filter { $0.role != .publicMember && $0.role != .system }.map(\.scope.description))
        query.definitionId = AdmissionChecks.definitionId
        query.sort = .waiting
        query.limit = Self.pageSize
        let definition = services.catalog.latest(AdmissionChecks.definitionId)
        if let state {
            guard definition?.state(state) != nil else {
                throw AppError(.badRequest, code: "invalid_filter", message: AdmissionText.badState)
            }
            query.state = state
        }
        query.offset = PageNumber.offset(page, limit: query.limit)
        let (rows, total) = try await services.store.instances.projects(query)
        return (rows, total, definition)
    }
}

/// The list of applications with their state and district.
struct ApplicationsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        rows: [InstanceSnapshot], total: Int, state: String?, definition: WorkflowDefinition?, canPrintPapers: Bool
    ) -> HTML {
        let options = (definition?.states ?? []).map { candidate -> HTML in
            let selected = HTML.attribute(" selected", if: candidate.id == state)
            return "<option value=\"\(candidate.id)\"\(selected)>\(t(candidate.label))</option>"
        }.joined()
        let lines = rows.map { instance -> HTML in
            let label = definition?.state(instance.state)?.label.text(language) ?? instance.state
            return """
                <tr data-state="\(instance.state)"><td><a href="\(AppPath.instance(instance.id).url)">\(instance.subjectName ?? instance.id)</a></td>\
                <td>\(instance.data["uscc"]?.stringValue ?? "")</td><td>\(instance.data["division_name"]?.stringValue ?? "")</td>\
                <td>\(instance.data["call_title"]?.stringValue ?? "")</td><td>\(label)</td></tr>
                """
        }.joined()
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"card muted\">\(t(AdmissionText.noApplications))</p>"
            : """
            <table id="applications"><thead><tr><th>\(t(AdmissionText.applicant))</th><th>\(t(AdmissionText.uscc))</th>\
            <th>\(t(AdmissionText.district))</th><th>\(t(AdmissionText.call))</th><th>\(t(AdmissionText.state))</th></tr></thead>\
            <tbody>\(lines)</tbody></table><p class="muted">\(total)</p>
            """
        let papers: HTML =
            canPrintPapers ? " · <a href=\"\(AppPath.poolSummary.url)\">\(t(AdmissionText.papers))</a>" : .empty
        let body: HTML = """
            <h1>\(t(AdmissionText.applicationsTitle))</h1>
            <p><a href="\(AppPath.poolCalls.url)">\(t(AdmissionText.callsTitle))</a>\(papers)</p>
            <form method="get" action="\(AppPath.poolApplications.url)" class="card filters"><div class="field">\
            <label for="f-state">\(t(AdmissionText.state))</label><select id="f-state" name="state">\
            <option value="">\(t(AdmissionText.allStates))</option>\(options)</select></div>\
            <button type="submit">\(t(AdmissionText.filter))</button></form>\(table)
            """
        return layout.page(title: t(AdmissionText.applicationsTitle), body)
    }
}
