import Hummingbird
import PilotDomain
import WorkflowEngine

/// The workflow definitions: list, detail with diagram, and the diagram alone as SVG, for every
/// party of the programme (`workflows.read`).
struct WorkflowHandlers {
    let services: AppServices

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.workflows.url)
        return .html(WorkflowsView(layout: layout).list(services.catalog.latestDefinitions))
    }

    func detail(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let definition = try find(context)
        let counts = try await services.store.instances.stateCounts(programmeId: identity.programmeId)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken,
            path: AppPath.workflow(definition.id).url)
        return .html(
            WorkflowsView(layout: layout).detail(
                definition, counts: counts, diagram: services.diagrams.svg(definition, language: context.language)))
    }

    func diagram(_ request: Request, _ context: AppRequestContext) throws -> Response {
        _ = try context.requireIdentity()
        let definition = try find(context)
        let highlight = request.uri.queryParameters["highlight"].map(String.init)
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"],
            body: .init(
                byteBuffer: .init(string: services.diagrams.svg(definition, language: context.language, highlight: highlight).svg)
            ))
    }

    func find(_ context: AppRequestContext) throws -> WorkflowDefinition {
        let id = try context.parameters.require("workflow")
        guard let definition = services.catalog.latest(id) else {
            throw AppError.notFound(LocalizedText(zh: "流程“\(id)”", en: "Workflow '\(id)'"))
        }
        return definition
    }
}
