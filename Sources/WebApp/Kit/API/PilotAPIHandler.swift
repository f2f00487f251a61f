import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// The JSON API (Contracts/pilot-api.yaml), calling the same services and the same authorizer as
/// the pages. Failures are thrown as `AppError`s; `ErrorMiddleware` renders them as
/// `{"error": {code, message, fields}}` with the real status.
struct PilotAPIHandler: APIProtocol {
    let services: AppServices

    var scope: APIRequestScope { APIRequestScope.current }

    func identity() throws -> Identity {
        guard let identity = scope.identity else { throw AppError.unauthenticated }
        return identity
    }

    /// The caller, once `AccessPolicy` lets them take `action` (401 unsigned, 403 refused): the
    /// first line of every operation that belongs to a feature action.
    func identity(for action: FeatureAction) throws -> Identity {
        try AccessPolicy.require(scope.identity, action)
        return try identity()
    }

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func listWorkflows(_ input: Operations.ListWorkflows.Input) async throws -> Operations.ListWorkflows.Output {
        _ = try identity(for: .workflowsRead)
        return .ok(.init(body: .json(services.catalog.latestDefinitions.map(APIMapping.workflow))))
    }

    func getWorkflow(_ input: Operations.GetWorkflow.Input) async throws -> Operations.GetWorkflow.Output {
        _ = try identity(for: .workflowsRead)
        guard let definition = services.catalog.latest(input.path.workflowId) else {
            throw AppError.notFound(LocalizedText(zh: "流程“\(input.path.workflowId)”", en: "Workflow '\(input.path.workflowId)'"))
        }
        return .ok(.init(body: .json(APIMapping.workflow(definition))))
    }

    func getInstance(_ input: Operations.GetInstance.Input) async throws -> Operations.GetInstance.Output {
        let actor = try identity().actor
        let instance = try services.authorizer.requireView(
            actor, try await services.store.instances.instance(input.path.instanceId))
        if services.authorizer.mustDeclareFirst(actor, instance) { throw AppError.declarationRequired }
        guard let definition = services.catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            throw AppError.notFound(LocalizedText(zh: "流程定义", en: "The workflow definition"))
        }
        let history = try await services.store.instances.history(instance.id)
        let available = services.workflows.engine.availableTransitions(instance, definition: definition, actor: actor).map(\.id)
        return .ok(
            .init(
                body: .json(
                    try APIMapping.instance(
                        instance, definition: definition, history: history, available: available,
                        visibility: ProjectVisibility(actor: actor, instance: instance)))))
    }

    func listTasks(_ input: Operations.ListTasks.Input) async throws -> Operations.ListTasks.Output {
        let actor = try identity(for: .tasksRead).actor
        let limit = input.query.limit ?? 50
        let offset = input.query.offset ?? 0
        guard (1...200).contains(limit), (0...1_000_000).contains(offset) else {
            throw AppError(
                .badRequest, code: "bad_request",
                message: LocalizedText(
                    zh: "limit 须在 1–200 之间，offset 须在 0–1000000 之间", en: "limit must be 1–200 and offset 0–1,000,000"))
        }
        let rows = try await WorkHandlers(services: services).taskRows(for: actor, programmeId: try identity().programmeId)
        let page = rows.dropFirst(offset).prefix(limit)
        return .ok(.init(body: .json(page.map { APIMapping.task($0) })))
    }

    func postCommand(_ input: Operations.PostCommand.Input) async throws -> Operations.PostCommand.Output {
        let actor = try identity().actor
        let key = try APIBounds.idempotencyKey(input.headers.idempotencyKey) ?? ""
        guard case .json(let body) = input.body else {
            throw AppError(
                .badRequest, code: "bad_request", message: LocalizedText(zh: "请求体须为 JSON", en: "The body must be JSON"))
        }
        // Scope first: an instance the caller may not see is "not found", whatever the command.
        _ = try services.authorizer.requireView(actor, try await services.store.instances.instance(input.path.instanceId))
        let values = body.input.additionalProperties.mapValues(APIMapping.value)
        let command = Command(
            instanceId: input.path.instanceId, transitionId: body.transition, input: values,
            expectedVersion: body.expectedVersion,
            idempotencyKey: "api-" + key)
        switch try await ProjectCommands(services: services).execute(command, actor: actor) {
        case .applied(let result), .replayed(let result):
            return .ok(.init(body: .json(APIMapping.result(result))))
        case .refused(let refusal):
            throw AppError.refusal(refusal)
        }
    }
}
