import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The main contractor's contracting task book (承包任务书, policy 004 §四(五)) as a registered
/// signed document (issue #15): once the bureau and the contractor have both signed it online
/// (`/contractors/rounds/{id}/task-book`), the contractor uploads the signed scan, which the
/// contracts register shows under the contractor, once per round.
struct TaskBookScanHandlers {
    let services: AppServices

    /// The closed rounds whose selected contractor is the person's organisation, with both signatures
    /// and no scan registered yet.
    func pending(_ identity: Identity) async throws -> [ContractorRound] {
        guard identity.actor.grants.contains(where: { $0.role == .mainContractor }),
            let organisation = identity.account.organisationId
        else { return [] }
        let store = services.store.providers
        var query = ContractQuery(programmeId: identity.programmeId)
        query.kind = .contractorTaskBook
        query.limit = 10_000
        let registered = Set(try await services.store.records.contracts(query).contracts.map(\.roundId))
        var rounds: [ContractorRound] = []
        for round in try await store.contractorRounds(programmeId: identity.programmeId)
        where !round.isOpen && !registered.contains(round.id) {
            guard
                let selected = try await store.contractorApplications(roundId: round.id).first(where: {
                    $0.id == round.selectedApplicationId
                }), selected.organisationId == organisation
            else { continue }
            let parties = Set(try await store.contractorSignatures(roundId: round.id).map(\.party))
            if parties.count == ContractorSignature.Party.allCases.count { rounds.append(round) }
        }
        return rounds
    }

    /// `POST /contracts/task-books`: the signed scan of a fully signed task book; 422 without a scan
    /// or a number, 404 for a round that is not the person's to register.
    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let id = try await register(form, identity).id
        return .redirect("/contracts/\(AppPath.encode(id))?done=registered")
    }

    /// Registers the signed scan `form` carries for its `round` (page and API).
    func register(_ form: RecordsUpload, _ identity: Identity) async throws -> ServiceContract {
        guard let round = try await pending(identity).first(where: { $0.id == form["round"] }) else {
            throw AppError.notFound(LocalizedText(zh: "该承包任务书", en: "This contracting task book"))
        }
        let id = services.store.ids.make("con")
        var errors: [FieldError] = []
        let number = form.text("contract_no", max: 50, errors: &errors)
        let signedOn = form.date("signed_on", errors: &errors)
        if let signedOn, signedOn > round.termUntil {
            errors.append(FieldError(field: "signed_on", message: ContractText.signedAfterStart))
        }
        let scan = form.file("scan", ownerId: id, identity: identity, services: services, errors: &errors)
        if scan == nil && !errors.contains(where: { $0.field == "scan" }) {
            errors.append(FieldError(field: "scan", message: ContractText.chooseFile))
        }
        guard errors.isEmpty, let signedOn, let scan, let organisation = identity.account.organisationId else {
            throw RecordsUpload.refuse(errors.isEmpty ? [FieldError(field: "scan", message: ContractText.chooseFile)] : errors)
        }
        let contract = ServiceContract(
            id: id, programmeId: identity.programmeId, kind: .contractorTaskBook, instanceId: "", roundId: round.id,
            subIndustryId: round.subIndustryId, clientOrganisationId: "", providerOrganisationId: organisation,
            contractNo: number, amount: .zero, signedOn: signedOn, startsOn: signedOn, endsOn: round.termUntil,
            scope: round.requirements, planLines: [], scanFileId: nil, createdBy: identity.account.displayName,
            createdAt: services.store.clock.now())
        do {
            try await services.store.records.registerContract(contract, scan: scan)
        } catch StoreError.conflict {
            throw RecordsUpload.refuse([FieldError(field: "contract_no", message: ContractText.duplicateNumber)])
        }
        return contract
    }
}
