import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// `/api/v1/contractors/rounds…`, `/contractors/calls`, `/contractors/applications`: choosing a
/// main contractor on merit as data, through the pages' own rules (`ContractorRoundHandlers.open`,
/// `.score`, `.select`, `ContractorApplicationHandlers.apply`, `ContractorTaskBookHandlers.sign`) and
/// the same `contractors.*` actions; the task book's side is decided by its handler, as on the page.
extension PilotAPIHandler {
    func listContractorRounds(
        _ input: Operations.ListContractorRounds.Input
    ) async throws -> Operations.ListContractorRounds.Output {
        let programmeId = try identity(for: .contractorsRead).programmeId
        let subIndustries = try await services.store.programmes.subIndustries(programmeId: programmeId)
        let rounds = try await services.store.providers.contractorRounds(programmeId: programmeId)
        return .ok(.init(body: .json(rounds.map { Self.roundView($0, subIndustries) })))
    }

    func openContractorRound(_ input: Operations.OpenContractorRound.Input) async throws -> Operations.OpenContractorRound.Output
    {
        let identity = try identity(for: .contractorsAssign)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.subIndustryId, "sub_industry_id", 0...100)
        for (text, field) in [
            (body.applicationsFrom, "applications_from"), (body.applicationsUntil, "applications_until"),
            (body.termUntil, "term_until"),
        ] {
            try APIBounds.check(text, field, 0...10)
        }
        try APIBounds.check(body.requirements, "requirements", 0...2000)
        let subIndustries = try await services.store.programmes.subIndustries(programmeId: identity.programmeId)
        let outcome = try await ContractorRoundHandlers(services: services).open(
            identity, subIndustries: subIndustries, subIndustryId: body.subIndustryId, applicationsFrom: body.applicationsFrom,
            applicationsUntil: body.applicationsUntil, termUntil: body.termUntil, requirements: body.requirements)
        guard let round = outcome.round else { throw Self.invalidInput(outcome.errors) }
        return .created(.init(body: .json(Self.roundView(round, subIndustries))))
    }

    func getContractorRound(_ input: Operations.GetContractorRound.Input) async throws -> Operations.GetContractorRound.Output {
        let identity = try identity(for: .contractorsRead)
        try APIBounds.check(input.path.roundId, "roundId", 1...100)
        let model = try await ContractorRoundHandlers(services: services).model(identity, input.path.roundId)
        return .ok(.init(body: .json(Self.roundDetail(model))))
    }

    func scoreContractorApplication(
        _ input: Operations.ScoreContractorApplication.Input
    ) async throws -> Operations.ScoreContractorApplication.Output {
        let identity = try identity(for: .contractorsAssign)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.applicationId, "application_id", 0...100)
        let scores = body.scores.additionalProperties
        try APIBounds.count(scores.count, "scores", 0...20)
        for score in scores.values { try APIBounds.check(score, "scores", 0...10) }
        return .ok(
            .init(
                body: .json(
                    try await roundStep(identity, input.path.roundId) {
                        try await $0.score(identity, $1, applicationId: body.applicationId, typed: scores)
                    })))
    }

    func selectMainContractor(
        _ input: Operations.SelectMainContractor.Input
    ) async throws -> Operations.SelectMainContractor.Output {
        let identity = try identity(for: .contractorsAssign)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.applicationId, "application_id", 0...100)
        try APIBounds.check(body.reason, "reason", 0...2000)
        try APIBounds.check(body.taskBookNo, "task_book_no", 0...50)
        return .ok(
            .init(
                body: .json(
                    try await roundStep(identity, input.path.roundId) {
                        try await $0.select(
                            identity, $1, applicationId: body.applicationId, reason: body.reason ?? "",
                            taskBookNo: body.taskBookNo)
                    })))
    }

    func getContractorTaskBook(
        _ input: Operations.GetContractorTaskBook.Input
    ) async throws -> Operations.GetContractorTaskBook.Output {
        let identity = try identity()
        try APIBounds.check(input.path.roundId, "roundId", 1...100)
        let model = try await ContractorTaskBookHandlers(services: services).model(identity, input.path.roundId)
        return .ok(.init(body: .json(Self.taskBook(model))))
    }

    func signContractorTaskBook(
        _ input: Operations.SignContractorTaskBook.Input
    ) async throws -> Operations.SignContractorTaskBook.Output {
        let identity = try identity()
        try APIBounds.check(input.path.roundId, "roundId", 1...100)
        let handlers = ContractorTaskBookHandlers(services: services)
        let model = try await handlers.model(identity, input.path.roundId)
        if let refusal = try await handlers.sign(identity, model) {
            throw Self.invalidInput([FieldError(field: "party", message: refusal.message)])
        }
        return .ok(.init(body: .json(Self.taskBook(try await handlers.model(identity, model.round.id)))))
    }

    func listContractorCalls(_ input: Operations.ListContractorCalls.Input) async throws -> Operations.ListContractorCalls.Output
    {
        let identity = try identity(for: .contractorsApply)
        let model = try await ContractorApplicationHandlers(services: services).model(identity)
        return .ok(
            .init(
                body: .json(
                    .init(
                        open: model.open.map { Self.roundView($0, model.subIndustries) },
                        own: model.own.map { Self.applicationView($0.application) }))))
    }

    func applyForContractorRound(
        _ input: Operations.ApplyForContractorRound.Input
    ) async throws -> Operations.ApplyForContractorRound.Output {
        let identity = try identity(for: .contractorsApply)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.roundId, "round_id", 0...100)
        for (text, field) in [
            (body.servicePlan, "service_plan"), (body.team, "team"), (body.cases, "cases"),
            (body.priceCommitment, "price_commitment"),
        ] {
            try APIBounds.check(text, field, 0...2000)
        }
        try APIBounds.value(body.committedEnterprises, "committed_enterprises", 1...10_000)
        let handlers = ContractorApplicationHandlers(services: services)
        let outcome = try await handlers.apply(
            identity, try await handlers.model(identity), roundId: body.roundId,
            proposal: [
                "service_plan": body.servicePlan, "team": body.team, "committed_enterprises": String(body.committedEnterprises),
                "cases": body.cases, "price_commitment": body.priceCommitment,
            ])
        guard let application = outcome.application else { throw Self.invalidInput(outcome.errors) }
        return .created(.init(body: .json(Self.applicationView(application))))
    }

    /// One of the bureau's steps on a round (the page's own), then the round as it is now; the
    /// step's problems are `422 invalid_input`.
    func roundStep(
        _ identity: Identity, _ roundId: String,
        _ step: (ContractorRoundHandlers, ContractorRoundView.Model) async throws -> [FieldError]
    ) async throws -> Components.Schemas.ContractorRoundDetail {
        try APIBounds.check(roundId, "roundId", 1...100)
        let handlers = ContractorRoundHandlers(services: services)
        let errors = try await step(handlers, try await handlers.model(identity, roundId))
        guard errors.isEmpty else { throw Self.invalidInput(errors) }
        return Self.roundDetail(try await handlers.model(identity, roundId))
    }

    // MARK: Mapping

    static func roundView(_ round: ContractorRound, _ subIndustries: [SubIndustry]) -> Components.Schemas.ContractorRoundView {
        .init(
            id: round.id, subIndustryId: round.subIndustryId,
            subIndustryName: subIndustries.first { $0.id == round.subIndustryId }?.name.zh ?? round.subIndustryId,
            status: round.isOpen ? .open : .selected, applicationsFrom: round.applicationsFrom,
            applicationsUntil: round.applicationsUntil, termUntil: round.termUntil, requirements: round.requirements,
            openedAt: round.openedAt, selectedApplicationId: round.selectedApplicationId, selectionReason: round.selectionReason,
            closedAt: round.closedAt, assignmentId: round.assignmentId)
    }

    static func applicationView(_ application: ContractorApplication) -> Components.Schemas.ContractorApplicationView {
        let proposal = application.proposal
        return .init(
            id: application.id, roundId: application.roundId, organisationId: application.organisationId,
            organisationName: application.organisationName, uscc: application.uscc, servicePlan: proposal.servicePlan,
            team: proposal.team, committedEnterprises: proposal.committedEnterprises, cases: proposal.cases,
            priceCommitment: proposal.priceCommitment, appliedAt: application.appliedAt,
            scores: .init(
                additionalProperties: application.scores.compactMapValues { EvaluationScore(hundredths: $0)?.description }),
            total: application.total?.description, scoredAt: application.scoredAt)
    }

    static func signatureView(_ signature: ContractorSignature) -> Components.Schemas.ContractorSignatureView {
        .init(
            party: signature.party == .bureau ? .bureau : .contractor, signerName: signature.signerName,
            signedAt: signature.signedAt)
    }

    static func roundDetail(_ model: ContractorRoundView.Model) -> Components.Schemas.ContractorRoundDetail {
        .init(
            round: roundView(model.round, model.subIndustry.map { [$0] } ?? []),
            criteria: (model.criteria?.criteria ?? []).map {
                .init(key: $0.key, name: APIMapping.text($0.name), weight: $0.weight, fromPoolGrade: $0.fromPoolGrade != nil)
            },
            applications: model.applications.map(applicationView), signatures: model.signatures.map(signatureView))
    }

    static func taskBook(_ model: ContractorTaskBookView.Model) -> Components.Schemas.ContractorTaskBook {
        .init(
            roundId: model.round.id, subIndustryId: model.round.subIndustryId,
            subIndustryName: model.subIndustry?.name.zh ?? model.round.subIndustryId, programmeName: model.programmeName,
            bureauName: model.bureau, organisationId: model.application.organisationId,
            organisationName: model.application.organisationName, taskBookNo: model.assignment?.taskBookNo,
            termUntil: model.round.termUntil, signatures: model.signatures.map(signatureView),
            fullySigned: Set(model.signatures.map(\.party)).count == ContractorSignature.Party.allCases.count,
            signsAs: model.signsAs.map { $0 == .bureau ? .bureau : .contractor })
    }
}
