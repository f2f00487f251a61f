import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// Posting a need, answering it, accepting an answer into the plan draft, closing it.
extension HallHandlers {
    /// The enterprise of the signed-in person, in the programme acted in (403 without one).
    func enterprise(_ identity: Identity) async throws -> Organisation {
        guard let id = PolicyHandlers.enterpriseId(identity),
            let organisation = try await services.store.parties.organisation(id, programmeId: identity.programmeId)
        else { throw AppError(.forbidden, code: "no_organisation", message: HallText.noOrganisation) }
        return organisation
    }

    func formPage(
        _ context: AppRequestContext, _ identity: Identity, organisation: Organisation, typed: [String: String]?,
        errors: [FieldError]
    ) async throws -> Response {
        let project = try await services.store.hall.project(organisationId: organisation.id, programmeId: identity.programmeId)
        let suggested = NeedForm.suggested(from: project?.data ?? [:])
        var values = typed ?? [:]
        if typed == nil {
            // Started from the diagnosis: its weakest applicable scenarios, its recommendations.
            values["scenarios"] = suggested.joined(separator: ",")
            values["description"] = project?.data["recommendations"]?.stringValue.map { String($0.prefix(4000)) } ?? ""
        }
        let layout = layout(context, "/supply-demand/needs/new")
        let page = layout.page(
            title: HallText.newNeed.text(context.language),
            flash: errors.first.map { Flash(kind: .error, text: $0.message.text(context.language)) },
            """
            <p><a href="/supply-demand">\(HallText.title.text(context.language))</a></p>\
            \(NeedFormView(layout: layout).render(typed: values, errors: errors, suggested: suggested))
            """)
        return .html(page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `GET /supply-demand/needs/new`.
    func newPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await formPage(context, identity, organisation: try await enterprise(identity), typed: nil, errors: [])
    }

    /// `POST /supply-demand/needs`.
    func post(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await post(identity, form.values) {
        case .failure(let errors):
            return try await formPage(
                context, identity, organisation: try await enterprise(identity), typed: form.values, errors: errors.list)
        case .success(let need): return .redirect("/supply-demand/needs/\(need.id)?done=posted")
        }
    }

    /// Posts the signed-in enterprise's need, for the page and the API (its JSON read into the
    /// form's names): `NeedForm.check`, then the need; 403 without an enterprise.
    func post(_ identity: Identity, _ values: [String: String]) async throws -> Result<NeedRecord, FieldErrors> {
        let organisation = try await enterprise(identity)
        switch NeedForm.check(values, today: today) {
        case .failure(let errors): return .failure(errors)
        case .success(let content):
            let id = services.store.ids.make("need")
            _ = try await services.store.hall.postNeed(
                id: id, programmeId: identity.programmeId, organisation: organisation, content: content,
                by: identity.changeActor)
            guard let need = try await services.store.hall.need(id: id, programmeId: identity.programmeId) else {
                throw AppError.notFound(HallText.need)
            }
            return .success(need)
        }
    }

    /// `POST /supply-demand/needs/{id}/answers`: a provider in good standing answers an open need once.
    func answer(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let (need, viewer) = try await viewer(context)
        switch try await answer(identity, need, viewer, form.values) {
        case .failure(let errors):
            let model = NeedView.Model(
                need: need, matched: try await matched(need), viewer: viewer, typed: form.values, errors: errors.list)
            let flash = errors.list.first.map { Flash(kind: .error, text: $0.message.text(context.language)) }
            return .html(try await view(context, model, flash: flash), status: .unprocessableContent)
        case .success: return .redirect("/supply-demand/needs/\(need.id)?done=answered")
        }
    }

    /// A provider's answer to the need it reads, for the page and the API: 404 unless it reads it as
    /// a provider, 409 when answered already or closed, 403 outside the pool; then `NeedForm.checkAnswer`.
    func answer(
        _ identity: Identity, _ need: NeedRecord, _ viewer: NeedView.Viewer, _ values: [String: String]
    ) async throws -> Result<Void, FieldErrors> {
        guard case .provider(let own, let canAnswer, let products) = viewer,
            let organisationId = identity.account.organisationId,
            let provider = try await services.store.parties.organisation(organisationId, programmeId: identity.programmeId)
        else { throw AppError.notFound(HallText.need) }
        guard own == nil else { throw AppError(.conflict, code: "answered", message: HallText.alreadyAnswered) }
        guard canAnswer else { throw AppError(.conflict, code: "not_open", message: HallText.notOpen) }
        guard
            try await services.store.providers.poolMember(organisationId: provider.id, programmeId: identity.programmeId)?
                .isInGoodStanding == true
        else { throw AppError(.forbidden, code: "not_in_pool", message: HallText.notInPool) }
        switch NeedForm.checkAnswer(values, ownProducts: Set(products.map(\.id))) {
        case .failure(let errors): return .failure(errors)
        case .success(let answer):
            switch try await services.store.hall.answer(
                id: services.store.ids.make("ans"), needId: need.id, programmeId: identity.programmeId, provider: provider,
                proposal: answer.proposal, price: answer.price, productId: answer.productId, timeline: answer.timeline,
                by: identity.changeActor)
            {
            case .success: return .success(())
            case .failure(.alreadyAnswered): throw AppError(.conflict, code: "answered", message: HallText.alreadyAnswered)
            case .failure(.notOpen): throw AppError(.conflict, code: "not_open", message: HallText.notOpen)
            }
        }
    }

    /// The need of the signed-in enterprise (404 for anyone else's).
    func ownNeed(_ context: AppRequestContext, _ identity: Identity) async throws -> NeedRecord {
        try await ownNeed(identity, id: try context.parameters.require("need"))
    }

    func ownNeed(_ identity: Identity, id: String) async throws -> NeedRecord {
        guard let organisation = PolicyHandlers.enterpriseId(identity),
            let need = try await services.store.hall.need(id: id, programmeId: identity.programmeId),
            need.organisationId == organisation
        else { throw AppError.notFound(HallText.need) }
        return need
    }

    /// `POST /supply-demand/needs/{id}/accept`: the answer becomes a line of the plan draft.
    func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let need = try await ownNeed(context, identity)
        let version = try PolicyHandlers.expectedVersion(form)
        try await accept(identity, need, answerId: form["answer"], expectedVersion: version, language: context.language)
        return .redirect("/supply-demand/needs/\(need.id)?done=accepted")
    }

    /// Accepts an answer of the enterprise's own need into its plan draft, for the page and the API:
    /// 422 for an unknown answer, 409 for a stale version or a plan no longer drafted; nothing written.
    func accept(
        _ identity: Identity, _ need: NeedRecord, answerId: String?, expectedVersion version: Int, language: UILanguage
    ) async throws {
        guard let answerId, !answerId.isEmpty, answerId.count <= 64 else {
            throw AppError(.unprocessableContent, code: "answer", message: HallText.refusal(.unknownAnswer, stateLabel: ""))
        }
        // Where the plan is drafted: the states the plan's own transition starts from.
        let definition = services.catalog.latestDefinitions.first { $0.id == "enterprise-project" }
        let planTransition = definition?.transition("file_plan")
        let states = Set(planTransition?.from ?? [])
        switch try await services.store.hall.accept(
            needId: need.id, answerId: answerId, programmeId: identity.programmeId, organisationId: need.organisationId,
            expectedVersion: version, planTransition: "file_plan", draftingStates: states, by: identity.changeActor)
        {
        case .success: return
        case .failure(let refusal):
            var label = ""
            if case .notDrafting(let state) = refusal {
                label = definition?.state(state).map { $0.label.text(language) } ?? state
            }
            let status: HTTPResponse.Status = refusal == .unknownAnswer ? .unprocessableContent : .conflict
            throw AppError(status, code: "accept_refused", message: HallText.refusal(refusal, stateLabel: label))
        }
    }

    /// `POST /supply-demand/needs/{id}/close`.
    func close(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let need = try await ownNeed(context, identity)
        try await close(identity, need)
        return .redirect("/supply-demand/needs/\(need.id)?done=closed")
    }

    /// Closes the enterprise's own open need (409 when it is not open), for the page and the API.
    func close(_ identity: Identity, _ need: NeedRecord) async throws {
        guard
            try await services.store.hall.close(
                needId: need.id, programmeId: identity.programmeId, organisationId: need.organisationId,
                by: identity.changeActor)
        else { throw AppError(.conflict, code: "not_open", message: HallText.notOpen) }
    }
}
