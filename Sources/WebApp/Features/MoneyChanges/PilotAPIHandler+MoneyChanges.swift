import Foundation
import Funds
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import WorkflowEngine

/// `/api/v1/funds/{amendments,corrections,commitments,demands,reports,recoveries}`: the money after
/// the award as data. Every action reads its JSON into the same `MoneyChange` the pages build and
/// goes through `moneyChange` — the one call into `FundsService` — so rules, four eyes and refusals
/// are the page's: `sameOfficer`/`officerOfPaidOrganisation` 403, every other refusal 422.
extension PilotAPIHandler {
    typealias MoneySchemas = Components.Schemas

    /// Applies the change `build` reads from the request, as a caller allowed `action`. A value it
    /// cannot read is `422 invalid_input` naming the field; a refusal of the book is its `appError`.
    /// Returns the caller, the events and the book after the change.
    func moneyChange(
        _ action: FeatureAction, key: String?, _ build: (Identity) throws -> MoneyChange
    ) async throws -> (identity: Identity, events: [FundsEvent], book: FundsBook) {
        let identity = try identity(for: action)
        let key = try APIBounds.idempotencyKey(key)
        let change: MoneyChange
        do {
            change = try build(identity)
        } catch let problem as MoneyChange.InputProblem {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: problem.message,
                fields: [FieldError(field: problem.field, message: problem.message)])
        }
        switch try await funds.apply(identity.programmeId, change, by: identity.actor, idempotencyKey: key) {
        case .failure(let refusal): throw refusal.appError
        case .success(let events): return (identity, events, try await funds.book(identity.programmeId))
        }
    }

    /// One page (50 rows) of the settled book's `rows`, mapped for the wire: the money lists.
    func moneyPage<Rows: Collection, Item>(
        _ page: Int?, _ rows: (FundsBook) -> Rows, _ map: (Rows.Element) -> Item
    ) async throws -> (items: [Item], total: Int, page: Int, pageSize: Int) {
        let programmeId = try identity(for: .financeRead).programmeId
        let page = try PageNumber.bounded(page ?? 1)
        let all = rows(try await funds.settled(programmeId))
        return (Self.page(all, page).map(map), all.count, page, Self.fundsPageSize)
    }

    /// The record a change touched: the first number `pick` finds in its events, looked up in `rows`.
    static func touched<Row>(
        _ events: [FundsEvent], _ pick: (FundsEvent) -> Int?, in rows: [Row], number: (Row) -> Int, _ what: LocalizedText
    ) throws -> Row {
        guard let touched = events.compactMap(pick).first, let row = rows.first(where: { number($0) == touched }) else {
            throw AppError.notFound(what)
        }
        return row
    }

    /// The record number in the path, within the contract's 1–1,000,000.
    static func recordNumber(_ number: Int) throws -> Int {
        try APIBounds.value(number, "number", 1...1_000_000)
        return number
    }

    // MARK: Amendments

    func listAmendments(_ input: Operations.ListAmendments.Input) async throws -> Operations.ListAmendments.Output {
        let language = scope.language
        let page = try await moneyPage(input.query.page, { $0.amendments.reversed() }) {
            MoneyChangesMapping.amendment($0, language)
        }
        return .ok(.init(body: .json(.init(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize))))
    }

    func proposeAmendment(_ input: Operations.ProposeAmendment.Input) async throws -> Operations.ProposeAmendment.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.project, "project", 1...100)
        try APIBounds.check(body.reason, "reason", 1...1000)
        for (text, field) in [(body.central, "central"), (body.local, "local")] where text != nil {
            try APIBounds.check(text, field, 1...40)
        }
        if body.localSourceId != nil { try APIBounds.check(body.localSourceId, "local_source_id", 1...100) }
        if body.endDate != nil { try APIBounds.check(body.endDate, "end_date", 1...10) }
        if body.scope != nil { try APIBounds.check(body.scope, "scope", 1...2000) }
        let result = try await moneyChange(.amendmentsPropose, key: input.headers.idempotencyKey) { _ in
            let terms = AmendmentTerms(
                central: try MoneyChange.yuan(body.central, "central", optional: true),
                local: try MoneyChange.yuan(body.local, "local", optional: true), localSourceId: body.localSourceId,
                endDate: body.endDate, scope: body.scope)
            return .proposeAmendment(project: body.project, terms: terms, reason: body.reason)
        }
        return .created(.init(body: .json(try amendment(result.events, result.book))))
    }

    func submitAmendment(_ input: Operations.SubmitAmendment.Input) async throws -> Operations.SubmitAmendment.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.amendmentsPropose, key: input.headers.idempotencyKey) { _ in .submitAmendment(number)
        }
        return .ok(.init(body: .json(try amendment(result.events, result.book))))
    }

    func withdrawAmendment(_ input: Operations.WithdrawAmendment.Input) async throws -> Operations.WithdrawAmendment.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.amendmentsPropose, key: input.headers.idempotencyKey) { _ in
            .withdrawAmendment(number)
        }
        return .ok(.init(body: .json(try amendment(result.events, result.book))))
    }

    func approveAmendment(_ input: Operations.ApproveAmendment.Input) async throws -> Operations.ApproveAmendment.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.amendmentsDecide, key: input.headers.idempotencyKey) { _ in .approveAmendment(number)
        }
        return .ok(.init(body: .json(try amendment(result.events, result.book))))
    }

    func rejectAmendment(_ input: Operations.RejectAmendment.Input) async throws -> Operations.RejectAmendment.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.amendmentsDecide, key: input.headers.idempotencyKey) { _ in
            .rejectAmendment(number, reason: body.reason)
        }
        return .ok(.init(body: .json(try amendment(result.events, result.book))))
    }

    func signAmendment(_ input: Operations.SignAmendment.Input) async throws -> Operations.SignAmendment.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.signer, "signer", 1...100)
        let result = try await moneyChange(.amendmentsDecide, key: input.headers.idempotencyKey) { _ in
            .signAmendment(number, party: try MoneyChange.party(body.party.rawValue), signer: body.signer)
        }
        return .ok(.init(body: .json(try amendment(result.events, result.book))))
    }

    /// The amendment the change touched.
    func amendment(_ events: [FundsEvent], _ book: FundsBook) throws -> MoneySchemas.AmendmentView {
        let amendment = try Self.touched(
            events,
            { event in
                switch event {
                case .amendmentChanged(let number, _), .amendmentSigned(let number, _): number
                default: nil
                }
            }, in: book.amendments, number: \.number, LocalizedText(zh: "变更单", en: "The amendment"))
        return MoneyChangesMapping.amendment(amendment, scope.language)
    }

    // MARK: Corrections and commitments

    func listCorrections(_ input: Operations.ListCorrections.Input) async throws -> Operations.ListCorrections.Output {
        let page = try await moneyPage(input.query.page, { $0.corrections.reversed() }, MoneyChangesMapping.correction)
        return .ok(.init(body: .json(.init(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize))))
    }

    func prepareCorrection(_ input: Operations.PrepareCorrection.Input) async throws -> Operations.PrepareCorrection.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.posting, "posting", 1...100_000_000)
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .prepareCorrection(posting: body.posting, reason: body.reason)
        }
        return .created(.init(body: .json(try correction(result.events, result.book))))
    }

    func approveCorrection(_ input: Operations.ApproveCorrection.Input) async throws -> Operations.ApproveCorrection.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in .approveCorrection(number) }
        return .ok(.init(body: .json(try correction(result.events, result.book))))
    }

    func rejectCorrection(_ input: Operations.RejectCorrection.Input) async throws -> Operations.RejectCorrection.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .rejectCorrection(number, reason: body.reason)
        }
        return .ok(.init(body: .json(try correction(result.events, result.book))))
    }

    func correction(_ events: [FundsEvent], _ book: FundsBook) throws -> MoneySchemas.CorrectionView {
        let correction = try Self.touched(
            events,
            { event in
                switch event {
                case .correctionPrepared(let number, _), .correctionRejected(let number), .postingReversed(let number, _, _):
                    number
                default: nil
                }
            }, in: book.corrections, number: \.number, LocalizedText(zh: "更正单", en: "The correction"))
        return MoneyChangesMapping.correction(correction)
    }

    func listCommitmentRevisions(
        _ input: Operations.ListCommitmentRevisions.Input
    ) async throws -> Operations.ListCommitmentRevisions.Output {
        let page = try await moneyPage(input.query.page, { $0.sourceRevisions.reversed() }, MoneyChangesMapping.revision)
        return .ok(.init(body: .json(.init(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize))))
    }

    func reviseCommitment(_ input: Operations.ReviseCommitment.Input) async throws -> Operations.ReviseCommitment.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.source, "source", 1...100)
        try APIBounds.check(body.committed, "committed", 1...40)
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .reviseCommitment(
                source: body.source, committed: try MoneyChange.amount(body.committed, "committed"), reason: body.reason)
        }
        guard let revision = result.book.sourceRevisions.last(where: { $0.sourceId == body.source }) else {
            throw AppError.notFound(LocalizedText(zh: "资金来源", en: "The funding source"))
        }
        return .created(.init(body: .json(MoneyChangesMapping.revision(revision))))
    }

    // MARK: Recovery demands and settlements

    func listRecoveryDemands(_ input: Operations.ListRecoveryDemands.Input) async throws -> Operations.ListRecoveryDemands.Output
    {
        let now = services.store.clock.now()
        let page = try await moneyPage(input.query.page, { $0.recoveryDemands.reversed() }) {
            MoneyChangesMapping.demand($0, now: now)
        }
        return .ok(.init(body: .json(.init(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize))))
    }

    func demandRecovery(_ input: Operations.DemandRecovery.Input) async throws -> Operations.DemandRecovery.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.project, "project", 1...100)
        try APIBounds.check(body.amount, "amount", 1...40)
        if body.due != nil { try APIBounds.check(body.due, "due", 1...10) }
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .demandRecovery(
                project: body.project, amount: try MoneyChange.amount(body.amount, "amount"), due: try MoneyChange.due(body.due),
                reason: body.reason)
        }
        return .created(.init(body: .json(try demand(result.events, result.book))))
    }

    func approveRecoveryDemand(
        _ input: Operations.ApproveRecoveryDemand.Input
    ) async throws -> Operations.ApproveRecoveryDemand.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in .approveDemand(number) }
        return .ok(.init(body: .json(try demand(number, result.book))))
    }

    func rejectRecoveryDemand(
        _ input: Operations.RejectRecoveryDemand.Input
    ) async throws -> Operations.RejectRecoveryDemand.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.reason, "reason", 1...1000)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .rejectDemand(number, reason: body.reason)
        }
        return .ok(.init(body: .json(try demand(number, result.book))))
    }

    func prepareSettlement(_ input: Operations.PrepareSettlement.Input) async throws -> Operations.PrepareSettlement.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        if body.tranche != nil { try APIBounds.check(body.tranche, "tranche", 3...200) }
        if body.amount != nil { try APIBounds.check(body.amount, "amount", 1...40) }
        if body.source != nil { try APIBounds.check(body.source, "source", 1...100) }
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .prepareSettlement(
                demand: number,
                try MoneyChange.settlement(
                    offset: body.kind == .offset, tranche: body.tranche, amount: body.amount, source: body.source))
        }
        return .ok(.init(body: .json(try demand(number, result.book))))
    }

    func approveSettlement(_ input: Operations.ApproveSettlement.Input) async throws -> Operations.ApproveSettlement.Output {
        let number = try Self.recordNumber(input.path.number)
        let result = try await moneyChange(.financeCorrect, key: input.headers.idempotencyKey) { _ in
            .approveSettlement(demand: number)
        }
        return .ok(.init(body: .json(try demand(number, result.book))))
    }

    /// The demand a new demand's events name.
    func demand(_ events: [FundsEvent], _ book: FundsBook) throws -> MoneySchemas.RecoveryDemandView {
        let demand = try Self.touched(
            events, { if case .recoveryDemandChanged(let number, _) = $0 { number } else { nil } }, in: book.recoveryDemands,
            number: \.number, LocalizedText(zh: "追回单", en: "The recovery demand"))
        return MoneyChangesMapping.demand(demand, now: services.store.clock.now())
    }

    func demand(_ number: Int, _ book: FundsBook) throws -> MoneySchemas.RecoveryDemandView {
        guard let demand = book.recoveryDemands.first(where: { $0.number == number }) else {
            throw AppError.notFound(LocalizedText(zh: "追回单", en: "The recovery demand"))
        }
        return MoneyChangesMapping.demand(demand, now: services.store.clock.now())
    }

    // MARK: Reports and repayments

    func listFundsReports(_ input: Operations.ListFundsReports.Input) async throws -> Operations.ListFundsReports.Output {
        let now = services.store.clock.now()
        let page = try await moneyPage(input.query.page, { $0.reports }) { MoneyChangesMapping.report($0, now: now) }
        return .ok(.init(body: .json(.init(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize))))
    }

    func scheduleReports(_ input: Operations.ScheduleReports.Input) async throws -> Operations.ScheduleReports.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.project, "project", 1...100)
        try APIBounds.check(body.start, "start", 1...10)
        try APIBounds.check(body.end, "end", 1...10)
        let result = try await moneyChange(.reportsManage, key: input.headers.idempotencyKey) { _ in
            .scheduleReports(project: body.project, start: body.start, end: body.end)
        }
        let now = services.store.clock.now()
        let reports = result.book.reports.filter { $0.projectId == body.project }.map { MoneyChangesMapping.report($0, now: now) }
        return .created(.init(body: .json(reports)))
    }

    func submitFundsReport(_ input: Operations.SubmitFundsReport.Input) async throws -> Operations.SubmitFundsReport.Output {
        let number = try Self.recordNumber(input.path.number)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.summary, "summary", 1...4000)
        let result = try await moneyChange(.reportsManage, key: input.headers.idempotencyKey) { identity in
            .submitReport(number, name: identity.actingName, summary: body.summary)
        }
        guard let report = result.book.reports.first(where: { $0.number == number }) else {
            throw AppError.notFound(LocalizedText(zh: "报告", en: "The report"))
        }
        return .ok(.init(body: .json(MoneyChangesMapping.report(report, now: services.store.clock.now()))))
    }

    func repayRecovery(_ input: Operations.RepayRecovery.Input) async throws -> Operations.RepayRecovery.Output {
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.project, "project", 1...100)
        try APIBounds.check(body.amount, "amount", 1...40)
        try APIBounds.check(body.source, "source", 1...100)
        let result = try await moneyChange(.financeRecordReceipt, key: input.headers.idempotencyKey) { _ in
            .repayRecovery(project: body.project, amount: try MoneyChange.amount(body.amount, "amount"), source: body.source)
        }
        for case .recoveryRepaid(let project, let amount, let posting, let stillOwed) in result.events {
            return .created(
                .init(
                    body: .json(
                        .init(
                            projectId: project, amountFen: Int(amount.value), posting: posting,
                            stillOwedFen: Int(stillOwed.value)))))
        }
        throw AppError.notFound(LocalizedText(zh: "追回", en: "The recovery"))
    }
}
