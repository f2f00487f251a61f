import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The project list and the printable task book.
struct ProjectHandlers {
    let services: AppServices

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let actor = identity.actor
        var query = ProjectQuery(
            programmeId: identity.programmeId,
            scopes: actor.grants.filter { $0.role != .publicMember && $0.role != .system }.map(\.scope.description))
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        query.state = value("state")
        query.subIndustryId = value("sub")
        query.divisionCode = value("zone")
        query.text = value("q")
        query.sort = value("sort").flatMap(ProjectQuery.Sort.init(rawValue:)) ?? .updated
        query.offset = PageNumber.offset(try PageNumber.parse(value("page")), limit: query.limit)
        let (rows, total) = try await services.store.instances.projects(query)
        let programmeId = identity.programmeId
        let model = ProjectListView.Model(
            query: query, rows: rows, total: total, definition: services.catalog.latest("enterprise-project"),
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId),
            zones: try await services.divisions(of: programmeId),
            now: services.store.clock.now())
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.projects.url)
        return .html(ProjectListView(layout: layout).render(model))
    }

    func taskBook(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("instance")
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard !services.authorizer.mustDeclareFirst(identity.actor, instance), instance.data["approved_subsidy"] != nil else {
            throw AppError.notFound(ProjectText.taskBook)
        }
        var authority = "主管部门"
        if let approver = instance.participants["approve_plan"]?.last?.organisationId,
            let organisation = try await services.store.parties.organisation(approver)
        {
            authority = organisation.name
        }
        let programme = try await services.store.programmes.programmes().first { $0.id == instance.programmeId }
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.taskBook(id).url)
        return .html(
            TaskBookView(layout: layout).render(
                instance, authority: authority, programme: (name: programme?.name.zh ?? "", code: programme?.code ?? "")))
    }
}
