import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The contracting task book (承包任务书) a round's selection calls for (policy 004 §四(五):
/// 主承包服务商要按试点工作任务要求签订承包任务书): a printable A4 page for the bureau and the
/// contractor, signed once by each — the bureau's official (`contractors.assign`) and an account of
/// the selected contractor's organisation. Programme oversight (`contractors.read`) reads it too.
struct ContractorTaskBookHandlers {
    let services: AppServices

    /// The party the person signs for, if any.
    func party(_ identity: Identity, winner: String?) -> ContractorSignature.Party? {
        if AccessPolicy.allows(identity, .contractorsAssign) { return .bureau }
        if let winner, identity.account.organisationId == winner { return .contractor }
        return nil
    }

    /// `GET /contractors/rounds/{id}/task-book`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let model = try await model(identity, try context.parameters.require("round"))
        return .html(view(context, identity, model.round.id).render(model))
    }

    func model(_ identity: Identity, _ roundId: String) async throws -> ContractorTaskBookView.Model {
        let store = services.store.providers
        guard let round = try await store.contractorRound(roundId, programmeId: identity.programmeId), !round.isOpen,
            let application = try await store.contractorApplications(roundId: round.id).first(where: {
                $0.id == round.selectedApplicationId
            })
        else { throw AppError.notFound(ContractorRoundText.taskBook) }
        let party = party(identity, winner: application.organisationId)
        guard party != nil || AccessPolicy.allows(identity, .contractorsRead) else { throw AppError.forbidden }
        let programme = try await services.store.programmes.programme(id: identity.programmeId)
        let assignment = try await store.contractorAssignments(programmeId: identity.programmeId).first {
            $0.id == round.assignmentId
        }
        var bureau = ""
        if let official = try await services.store.accounts.user(id: round.closedBy ?? ""),
            let organisation = official.organisationId
        {
            bureau = try await services.store.parties.organisation(organisation)?.name ?? ""
        }
        return ContractorTaskBookView.Model(
            round: round, application: application,
            subIndustry: try await services.store.programmes.subIndustries(programmeId: identity.programmeId).first {
                $0.id == round.subIndustryId
            },
            programmeName: programme?.name.zh ?? "", bureau: bureau, assignment: assignment,
            signatures: try await store.contractorSignatures(roundId: round.id), signsAs: party)
    }

    /// `POST /contractors/rounds/{id}/signatures`: the person signs for their side, once.
    func sign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        var model = try await model(identity, try context.parameters.require("round"))
        if let refusal = try await sign(identity, model) {
            model.errors = [FieldError(field: "party", message: refusal.message)]
            return .html(
                view(context, identity, model.round.id).render(
                    model, flash: Flash(kind: .error, text: refusal.message.text(context.language))),
                status: .unprocessableContent)
        }
        return .redirect(AppPath.contractorTaskBook(model.round.id).url)
    }

    /// Signs the task book for the caller's side, for the page and the API: 403 for a person who signs
    /// for neither party; the refusal when that side has signed already.
    func sign(_ identity: Identity, _ model: ContractorTaskBookView.Model) async throws -> ContractorRoundRefusal? {
        guard let party = model.signsAs else { throw AppError.forbidden }
        return try await services.store.providers.signContractorTaskBook(
            roundId: model.round.id, programmeId: identity.programmeId, party: party, userId: identity.account.id,
            signerName: identity.account.displayName)
    }

    func view(_ context: AppRequestContext, _ identity: Identity, _ roundId: String) -> ContractorTaskBookView {
        ContractorTaskBookView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken,
                path: AppPath.contractorTaskBook(roundId).url))
    }
}
