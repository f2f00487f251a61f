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
        var input: [String: JSONValue] = [
            "level": .int(Int64(result.level)), "baseline_index_points": .int(Int64(result.totalPoints)),
            "index_edition": .string(edition.id), "assessment": .string(DiagnosisAssessment.encode(assessment)),
        ]
        for name in [
            "diagnosis_common_scenarios", "diagnosis_specific_scenarios", "recommendations", "suggested_target_level",
            "diagnosed_on",
        ] {
            if let value = form[name], !value.isEmpty { input[name] = .string(value) }
        }
        let command = Command(
            instanceId: instance.id, transitionId: "submit_diagnosis", input: input,
            expectedVersion: form["expected_version"].flatMap { Int($0) })
        switch try await ProjectCommands(services: services).execute(command, actor: identity.actor) {
        case .applied, .replayed:
            return .redirect(AppPath.instance(instance.id).url + "?done=submit_diagnosis")
        case .refused(let refusal):
            let error = AppError.refusal(refusal)
            let fields: [FieldError] = if case .invalidInput(let list) = refusal { list } else { [] }
            return again(fields, flash: Flash(kind: .error, text: error.message.text(context.language)), status: error.status)
        }
    }

    func load(_ context: AppRequestContext) async throws -> (Identity, InstanceSnapshot) {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("instance")
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
