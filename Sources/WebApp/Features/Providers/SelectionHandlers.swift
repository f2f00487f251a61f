import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Selecting benchmark enterprises and typical cases among accepted projects (acceptance
/// recommends candidates), and excellent providers from the pool. Leadership and the district
/// bureau decide (`selections.decide`); the comprehensive management provider reads
/// (`selections.read`).
struct SelectionHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = identity.programmeId
        let accepted =
            try await services.store.instances.instances(programmeId: programmeId, state: "final_settlement")
            + (try await services.store.instances.instances(programmeId: programmeId, state: "accepted"))
        let providers = try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.provider)
        let selections = try await services.store.providers.selections(programmeId: programmeId)
        let canDecide = AccessPolicy.allows(identity, .selectionsDecide)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/selections")
        let flash = request.uri.queryParameters["saved"].map { _ in
            Flash(kind: .ok, text: SelectionText.saved.text(context.language))
        }
        return .html(
            SelectionsView(layout: layout).render(
                accepted: accepted, providers: providers, selections: selections, canDecide: canDecide, flash: flash))
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let programmeId = identity.programmeId
        guard let kind = form["kind"].flatMap(SelectionKind.init(rawValue:)), let subject = form["subject"], !subject.isEmpty
        else {
            throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.badRequest)
        }
        // Only accepted projects can be benchmarks or cases; only pool members excellent providers.
        switch kind {
        case .benchmarkEnterprise, .typicalCase:
            guard let instance = try await services.store.instances.instance(subject), instance.programmeId == programmeId,
                ["final_settlement", "accepted"].contains(instance.state)
            else { throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.notAccepted) }
        case .excellentProvider:
            guard let organisation = try await services.store.parties.organisation(subject, programmeId: programmeId),
                organisation.kind == OrganisationKind.provider
            else { throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.notProvider) }
        }
        try await services.store.providers.setSelection(
            programmeId: programmeId, kind: kind, subjectId: subject, selected: form["selected"] == "1",
            note: String((form["note"] ?? "").prefix(500)), by: identity.account.id)
        return .redirect("/selections?saved=1")
    }
}
