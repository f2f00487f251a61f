import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Selecting excellent providers from the pool. Leadership and the district bureau decide
/// (`selections.decide`); the comprehensive management provider reads (`selections.read`).
/// Benchmark enterprises and typical cases are no longer selected here: they are cases of the
/// register (`/cases`, migration 29), with its workflow; the page links there.
struct SelectionHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = identity.programmeId
        let providers = try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.provider)
        let selections = try await services.store.providers.selections(programmeId: programmeId)
        let canDecide = AccessPolicy.allows(identity, .selectionsDecide)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/selections")
        let flash = request.uri.queryParameters["saved"].map { _ in
            Flash(kind: .ok, text: SelectionText.saved.text(context.language))
        }
        return .html(
            SelectionsView(layout: layout).render(
                providers: providers, selections: selections, canDecide: canDecide,
                canReadCases: AccessPolicy.allows(identity, .casesRead), flash: flash))
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        try await decide(
            identity, subject: form["subject"] ?? "", kind: form["kind"] ?? "", selected: form["selected"] == "1",
            note: form["note"] ?? "")
        return .redirect("/selections?saved=1")
    }

    /// Selects or withdraws one subject, for the page and the API (a 422 names what is wrong).
    func decide(_ identity: Identity, subject: String, kind: String, selected: Bool, note: String) async throws {
        let programmeId = identity.programmeId
        guard !subject.isEmpty else {
            throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.badRequest)
        }
        // Benchmarks and typical cases go through the case register's workflow, never here.
        guard let kind = SelectionKind(rawValue: kind) else {
            throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.useCases)
        }
        switch kind {
        case .excellentProvider:
            guard let organisation = try await services.store.parties.organisation(subject, programmeId: programmeId),
                organisation.kind == OrganisationKind.provider
            else { throw AppError(.unprocessableContent, code: "invalid_input", message: SelectionText.notProvider) }
        }
        try await services.store.providers.setSelection(
            programmeId: programmeId, kind: kind, subjectId: subject, selected: selected, note: String(note.prefix(500)),
            by: identity.account.id)
    }
}
