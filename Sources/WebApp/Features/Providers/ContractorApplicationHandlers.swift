import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// A pool member applies to be a sub-industry's main contractor (policy 004 §四(五): 通过自主申报),
/// with its proposal (`contractors.apply`). Only a member in good standing may; a removed provider or
/// one outside the pool is refused with the reason, and each provider applies once per round — all
/// decided in the application's transaction.
struct ContractorApplicationHandlers {
    let services: AppServices

    /// `GET /contractors/calls`: the rounds taking applications and the organisation's own applications.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash: Flash? =
            request.uri.queryParameters["applied"] == nil
            ? nil : Flash(kind: .ok, text: ContractorRoundText.applied.text(context.language))
        return .html(view(context, identity).render(try await model(identity), flash: flash))
    }

    func model(_ identity: Identity) async throws -> ContractorCallsView.Model {
        let programmeId = identity.programmeId
        let store = services.store.providers
        let rounds = try await store.contractorRounds(programmeId: programmeId)
        var own: [(ContractorRound, ContractorApplication)] = []
        if let organisation = identity.account.organisationId {
            for round in rounds {
                for application in try await store.contractorApplications(roundId: round.id)
                where application.organisationId == organisation {
                    own.append((round, application))
                }
            }
        }
        var member: PoolMember?
        if let organisation = identity.account.organisationId {
            member = try await store.poolMember(organisationId: organisation, programmeId: programmeId)
        }
        return ContractorCallsView.Model(
            open: rounds.filter(\.isOpen), own: own,
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId), member: member,
            today: Shanghai.dateText(services.store.clock.now()))
    }

    /// `POST /contractors/applications`: round, service plan, team, enterprises committed, cases, price.
    func apply(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        var model = try await model(identity)
        let outcome = try await apply(
            identity, model, roundId: form["round"],
            proposal: [
                "service_plan": form["service_plan"], "team": form["team"],
                "committed_enterprises": form["committed_enterprises"],
                "cases": form["cases"], "price_commitment": form["price_commitment"],
            ])
        guard outcome.application != nil else { return refuse(context, identity, &model, form, outcome.errors) }
        return .redirect(AppPath.contractorCalls.url + "?applied=1")
    }

    /// Applies to a round taking applications, for the page and the API: the proposal's texts
    /// (`service_plan`, `team`, `cases`, `price_commitment`: required, 2,000 characters at most) and
    /// `committed_enterprises` (1–10,000), from the caller's organisation. The application, or every
    /// problem (nothing written).
    func apply(
        _ identity: Identity, _ model: ContractorCallsView.Model, roundId: String?, proposal typed: [String: String?]
    ) async throws -> (application: ContractorApplication?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let round = model.open.first { $0.id == roundId }
        if round == nil { errors.append(FieldError(field: "round", message: ContractorRoundText.chooseRound)) }
        let plan = ContractorRoundHandlers.text(typed["service_plan"] ?? nil, "service_plan", &errors)
        let team = ContractorRoundHandlers.text(typed["team"] ?? nil, "team", &errors)
        let committed = Int(((typed["committed_enterprises"] ?? nil) ?? "").trimmingCharacters(in: .whitespaces))
            .flatMap { (1...10_000).contains($0) ? $0 : nil }
        if committed == nil {
            errors.append(FieldError(field: "committed_enterprises", message: ContractorRoundText.committedProblem))
        }
        let cases = ContractorRoundHandlers.text(typed["cases"] ?? nil, "cases", &errors)
        let price = ContractorRoundHandlers.text(typed["price_commitment"] ?? nil, "price_commitment", &errors)
        let organisation = identity.account.organisationId
        if organisation == nil { errors.append(FieldError(field: "round", message: ContractorRoundText.noOrganisation)) }
        guard errors.isEmpty, let round, let plan, let team, let committed, let cases, let price, let organisation else {
            return (nil, errors)
        }
        let outcome = try await services.store.providers.applyForContractorRound(
            roundId: round.id, programmeId: identity.programmeId, organisationId: organisation,
            proposal: ContractorProposal(
                servicePlan: plan, team: team, committedEnterprises: committed, cases: cases, priceCommitment: price),
            today: model.today, by: identity.account.id)
        switch outcome {
        case .success(let application): return (application, [])
        case .failure(let refusal): return (nil, [FieldError(field: "round", message: refusal.message)])
        }
    }

    func refuse(
        _ context: AppRequestContext, _ identity: Identity, _ model: inout ContractorCallsView.Model, _ form: FormBody,
        _ errors: [FieldError]
    ) -> Response {
        model.typed = form.values
        model.errors = errors
        return .html(
            view(context, identity).render(model, flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
            status: .unprocessableContent)
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> ContractorCallsView {
        ContractorCallsView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken,
                path: AppPath.contractorCalls.url))
    }
}
