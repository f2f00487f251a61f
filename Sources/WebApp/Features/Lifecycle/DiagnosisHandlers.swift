import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The main contractor's diagnosis form: collects the questionnaire, computes the level on the
/// server ("计算等级" shows it without submitting) and submits `submit_diagnosis` with the level,
/// points, edition and details, through the same command path as everything else.
struct DiagnosisHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, instance) = try await load(context)
        return .html(
            view(context, identity).render(instance, edition: .edition2024, typed: [:], errors: [], preview: nil, flash: nil))
    }

    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, _) = try await PageForm.read(request, context)
        let (identity, instance) = try await load(context)
        let edition = LevelIndexEdition.named(form["index_edition"] ?? "2024") ?? .edition2024
        var assessment = LevelAssessment()
        var errors: [FieldError] = []
        for item in edition.items {
            let text = (form["pt_" + item.key] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if let points = Int(text) {
                assessment.points[item.key] = points
            } else {
                errors.append(
                    FieldError(field: "assessment." + item.key, message: LocalizedText(zh: "请填写整数分值", en: "Enter whole points")))
            }
        }
        for scenario in edition.scenarios {
            if form["app_" + scenario.key] != nil { assessment.applicableScenarios.insert(scenario.key) }
            if let rating = form["rate_" + scenario.key].flatMap({ Int($0) }) { assessment.ratings[scenario.key] = rating }
        }
        errors += edition.validate(assessment).map { FieldError(field: "assessment." + $0.field, message: $0.message) }
        let preview = errors.isEmpty ? edition.evaluate(assessment) : nil
        func again(_ errors: [FieldError], flash: Flash?, status: HTTPResponse.Status) -> Response {
            .html(
                view(context, identity).render(
                    instance, edition: edition, typed: form.values, errors: errors, preview: preview, flash: flash),
                status: status)
        }
        guard errors.isEmpty, let result = preview else {
            let message = errors.first?.message.text(context.language) ?? ""
            return again(errors, flash: Flash(kind: .error, text: message), status: .unprocessableContent)
        }
        if form["action"] == "preview" { return again([], flash: nil, status: .ok) }
        switch try await submit(
            instance, edition, assessment, result, form.values, expectedVersion: form["expected_version"].flatMap { Int($0) },
            idempotencyKey: nil, identity.actor)
        {
        case .applied, .replayed:
            return .redirect(AppPath.instance(instance.id).url + "?done=submit_diagnosis")
        case .refused(let refusal):
            let error = AppError.refusal(refusal)
            let fields: [FieldError] = if case .invalidInput(let list) = refusal { list } else { [] }
            return again(fields, flash: Flash(kind: .error, text: error.message.text(context.language)), status: error.status)
        }
    }

    /// The fields of the diagnosis form besides the questionnaire, passed on when not empty.
    static let detailFields = [
        "diagnosis_common_scenarios", "diagnosis_specific_scenarios", "recommendations", "suggested_target_level",
        "diagnosed_on",
    ]

    /// Submits `submit_diagnosis` with the level computed here from a valid `assessment` (page and
    /// API), through the same command path as every transition.
    func submit(
        _ instance: InstanceSnapshot, _ edition: LevelIndexEdition, _ assessment: LevelAssessment, _ result: LevelResult,
        _ details: [String: String], expectedVersion: Int?, idempotencyKey: String?, _ actor: Actor
    ) async throws -> WorkflowService.Outcome {
        var input: [String: JSONValue] = [
            "level": .int(Int64(result.level)), "baseline_index_points": .int(Int64(result.totalPoints)),
            "index_edition": .string(edition.id), "assessment": .string(DiagnosisAssessment.encode(assessment)),
        ]
        for name in Self.detailFields {
            if let value = details[name], !value.isEmpty { input[name] = .string(value) }
        }
        let command = Command(
            instanceId: instance.id, transitionId: "submit_diagnosis", input: input, expectedVersion: expectedVersion,
            idempotencyKey: idempotencyKey)
        return try await ProjectCommands(services: services).execute(command, actor: actor)
    }

    func load(_ context: AppRequestContext) async throws -> (Identity, InstanceSnapshot) {
        try await load(try context.parameters.require("instance"), try context.requireIdentity())
    }

    /// Project `id` if the person sees it and may submit its diagnosis now (404 unseen, 403 otherwise).
    func load(_ id: String, _ identity: Identity) async throws -> (Identity, InstanceSnapshot) {
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard let definition = services.catalog.definition(instance.definitionId, version: instance.definitionVersion),
            services.workflows.engine.availableTransitions(instance, definition: definition, actor: identity.actor)
                .contains(where: { $0.id == "submit_diagnosis" })
        else { throw AppError.forbidden }
        return (identity, instance)
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> DiagnosisView {
        DiagnosisView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.projects.url))
    }
}
