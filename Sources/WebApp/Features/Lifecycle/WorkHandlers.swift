import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// "My tasks", the instance page and taking a transition from its form.
struct WorkHandlers {
    let services: AppServices

    func tasks(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let rows = try await taskRows(for: identity.actor, programmeId: identity.programmeId)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.tasks.url)
        let extra = try await TaskNotices(services: services).section(identity, language: context.language)
        return .html(TasksView(layout: layout).render(rows, flash: nil, extra: extra))
    }

    /// The task list with, per instance, the actions the actor has there.
    func taskRows(for actor: Actor, programmeId: String) async throws -> [TaskRow] {
        let instances = try await services.store.instances.tasks(for: actor, programmeId: programmeId, catalog: services.catalog)
        var rows: [TaskRow] = []
        for instance in instances {
            let definition = services.catalog.definition(instance.definitionId, version: instance.definitionVersion)
            let transitions =
                definition.map { services.workflows.engine.availableTransitions(instance, definition: $0, actor: actor) } ?? []
            guard !transitions.isEmpty else { continue }
            rows.append(
                TaskRow(
                    instance: instance, definition: definition, subjectName: instance.subjectName,
                    transitions: transitions))
        }
        return rows
    }

    func instancePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("instance")
        let model = try await pageModel(id, actor: identity.actor, language: context.language)
        var flash = request.uri.queryParameters["done"].flatMap { done in
            model.definition.transition(String(done)).map {
                Flash(kind: .ok, text: UIText.done.text(context.language) + "：" + $0.label.text(context.language))
            }
        }
        if request.uri.queryParameters["uploaded"] != nil {
            flash = Flash(kind: .ok, text: ProjectText.uploaded.text(context.language))
        }
        if request.uri.queryParameters["drafted"] != nil {
            flash = Flash(kind: .ok, text: ProjectText.draftSaved.text(context.language))
        }
        if request.uri.queryParameters["rated"] != nil {
            flash = Flash(kind: .ok, text: ContractorText.rated.text(context.language))
        }
        if request.uri.queryParameters["reported"] != nil {
            flash = Flash(kind: .ok, text: ProjectReportsText.submitted.text(context.language))
        }
        return .html(view(context, identity, id).render(model, flash: flash))
    }

    func pageModel(_ id: String, actor: Actor, language: UILanguage) async throws -> InstancePageModel {
        let instance = try services.authorizer.requireView(actor, try await services.store.instances.instance(id))
        guard let definition = services.catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            throw AppError.notFound(LocalizedText(zh: "流程定义", en: "The workflow definition"))
        }
        let restricted = services.authorizer.mustDeclareFirst(actor, instance)
        var available = services.workflows.engine.availableTransitions(instance, definition: definition, actor: actor)
        if restricted { available = available.filter { $0.id == "declare_interest" } }
        // A declaration is made once: do not offer the form again.
        if ReviewPanel.declaredConflict(instance.data, userId: actor.userId) != nil {
            available.removeAll { $0.id == "declare_interest" }
        }
        let history = restricted ? [] : try await services.store.instances.history(id)
        var model = InstancePageModel(
            instance: instance, definition: definition, history: history, available: available,
            timers: restricted ? [] : try await services.store.timers.pendingTimers(id),
            subjectName: instance.subjectName,
            diagram: restricted ? nil : services.diagrams.svg(definition, language: language, highlight: instance.state))
        model.restricted = restricted
        model.parties = try await parties(instance)
        guard !restricted else { return model }
        if available.contains(where: { $0.id == "submit_application" }) {
            model.pickLists["categories"] = ProviderCategory.allCases.map { ($0.rawValue, $0.label.text(language)) }
        }
        if available.contains(where: { $0.id == "assign_reviewers" }) {
            model.pickLists["reviewer_ids"] = try await services.store.parties.people(
                programmeId: instance.programmeId, role: .expertReviewer
            ).map { ($0.id, $0.name) }
        }
        model.attachments = try await services.store.attachments.attachments(instanceId: id)
        model.drafts = try await services.store.instances.drafts(instanceId: id, userId: actor.userId)
        model.planRevisions = history.filter { $0.transitionId == "file_plan" }
        model.canUpload =
            definition.state(instance.state)?.terminal != true && AccessPolicy.allows(actor, .attachmentsUpload, on: instance)
        model.visibility = ProjectVisibility(actor: actor, instance: instance)
        model.canRate =
            instance.subjectOrganisationId.map { organisation in
                actor.grants.contains { $0.role == .enterprise && $0.scope == .organisation(organisation) }
            } ?? false
        model.records = try await RecordsSummary(services: services).card(instance, actor: actor, language: language)
        (model.reports, model.canReport) = try await ProjectReports(services: services).owed(instance, actor: actor)
        model.now = services.store.clock.now()
        return model
    }

    /// Who is involved, by name: what an expert needs to judge a conflict of interest.
    func parties(_ instance: InstanceSnapshot) async throws -> [(label: LocalizedText, name: String)] {
        var parties: [(label: LocalizedText, name: String)] = []
        if let name = instance.data["enterprise_name"]?.stringValue { parties.append((ProjectText.enterprise, name)) }
        if let name = instance.data["provider_name"]?.stringValue { parties.append((AdmissionText.applicant, name)) }
        if let filer = instance.participants["file_plan"]?.last?.organisationId,
            let organisation = try await services.store.parties.organisation(filer)
        {
            parties.append((ProjectText.contractor, organisation.name))
        }
        if let provider = instance.data["digital_provider_name"]?.stringValue { parties.append((ProjectText.provider, provider)) }
        return parties
    }

    func view(_ context: AppRequestContext, _ identity: Identity, _ id: String) -> InstanceView {
        InstanceView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.instance(id).url))
    }

    /// Saves what was typed in a transition's form as the person's draft (nothing is validated or
    /// decided); the form shows it again until the command is applied.
    func saveDraft(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let id = try context.parameters.require("instance")
        let transitionId = try context.parameters.require("transition")
        _ = try await saveDraft(id, transitionId, form.values, actor: identity.actor, language: context.language)
        return .redirect(AppPath.instance(id).url + "?drafted=" + AppPath.encode(transitionId) + "#form-" + transitionId)
    }

    /// Keeps `values` as the person's draft of `transitionId` (page and API): only a transition they
    /// may take now (else the engine's `unknown_transition`), only its input fields. Returns what was kept.
    func saveDraft(
        _ id: String, _ transitionId: String, _ values: [String: String], actor: Actor, language: UILanguage
    ) async throws -> [String: String] {
        let model = try await pageModel(id, actor: actor, language: language)
        guard let transition = model.available.first(where: { $0.id == transitionId }) else {
            throw AppError.refusal(.unknownTransition(transitionId))
        }
        let names = Set(transition.input.map(\.name))
        let kept = values.filter { names.contains($0.key) }
        try await services.store.instances.saveDraft(
            instanceId: id, transitionId: transitionId, userId: actor.userId, values: kept)
        return kept
    }

    /// Takes a transition from its form. Success redirects (so a reload cannot resubmit);
    /// a refusal re-renders the page with the typed values and the errors beside the fields.
    func command(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let id = try context.parameters.require("instance")
        let transitionId = try context.parameters.require("transition")
        var model = try await pageModel(id, actor: identity.actor, language: context.language)
        guard let transition = model.definition.transition(transitionId) else {
            throw AppError.refusal(.unknownTransition(transitionId))
        }
        var input: [String: JSONValue] = [:]
        for field in transition.input {
            if let value = form[field.name] { input[field.name] = .string(value) }
        }
        let command = Command(
            instanceId: id, transitionId: transitionId, input: input,
            expectedVersion: form["expected_version"].flatMap { Int($0) },
            idempotencyKey: form["idempotency_key"].map { "form-" + $0 })
        switch try await ProjectCommands(services: services).execute(command, actor: identity.actor) {
        case .applied, .replayed:
            try await services.store.instances.deleteDraft(
                instanceId: id, transitionId: transitionId, userId: identity.actor.userId)
            return .redirect(AppPath.instance(id).url + "?done=" + AppPath.encode(transitionId))
        case .refused(let refusal):
            let error = AppError.refusal(refusal)
            model.failedTransition = transitionId
            model.typed = form.values
            if case .invalidInput(let errors) = refusal { model.fieldErrors = errors }
            let flash = Flash(kind: .error, text: error.message.text(context.language))
            return .html(view(context, identity, id).render(model, flash: flash), status: error.status)
        }
    }
}
