import Foundation
import Funds
import PilotDomain

/// One act on the money after the award, typed: what the `/finance/changes` forms, the
/// `/finance/recoveries` form and the API's JSON are all read into, so the page and the API build
/// the same book step and go through the same `FundsService.apply` (issue 17).
enum MoneyChange: Sendable {
    case proposeAmendment(project: String, terms: AmendmentTerms, reason: String)
    case submitAmendment(Int)
    case withdrawAmendment(Int)
    case approveAmendment(Int)
    case rejectAmendment(Int, reason: String)
    case signAmendment(Int, party: SigningParty, signer: String)
    case prepareCorrection(posting: Int, reason: String)
    case approveCorrection(Int)
    case rejectCorrection(Int, reason: String)
    case reviseCommitment(source: String, committed: Fen, reason: String)
    /// `due`: the end of the day the demand must be settled by; nil for the book's default.
    case demandRecovery(project: String, amount: Fen, due: Date?, reason: String)
    case approveDemand(Int)
    case rejectDemand(Int, reason: String)
    case prepareSettlement(demand: Int, SettlementKind)
    case approveSettlement(demand: Int)
    case scheduleReports(project: String, start: String, end: String)
    /// `name`: the submitting person's name as the report shows it.
    case submitReport(Int, name: String, summary: String)
    case repayRecovery(project: String, amount: Fen, source: String)

    /// The audit action of the change.
    var action: String {
        switch self {
        case .proposeAmendment: "propose_amendment"
        case .submitAmendment: "submit_amendment"
        case .withdrawAmendment: "withdraw_amendment"
        case .approveAmendment: "approve_amendment"
        case .rejectAmendment: "reject_amendment"
        case .signAmendment: "sign_amendment"
        case .prepareCorrection: "prepare_correction"
        case .approveCorrection: "approve_correction"
        case .rejectCorrection: "reject_correction"
        case .reviseCommitment: "revise_commitment"
        case .demandRecovery: "demand_recovery"
        case .approveDemand: "approve_demand"
        case .rejectDemand: "reject_demand"
        case .prepareSettlement: "prepare_settlement"
        case .approveSettlement: "approve_settlement"
        case .scheduleReports: "schedule_reports"
        case .submitReport: "submit_report"
        case .repayRecovery: "repay_recovery"
        }
    }

    /// The audit detail: the record's number, or the project (the amount of a repayment).
    var detail: String {
        switch self {
        case .submitAmendment(let number), .withdrawAmendment(let number), .approveAmendment(let number),
            .rejectAmendment(let number, _), .signAmendment(let number, _, _), .approveCorrection(let number),
            .rejectCorrection(let number, _), .approveDemand(let number), .rejectDemand(let number, _),
            .prepareSettlement(let number, _), .approveSettlement(let number), .submitReport(let number, _, _):
            String(number)
        case .proposeAmendment(let project, _, _), .demandRecovery(let project, _, _, _), .scheduleReports(let project, _, _):
            project
        case .prepareCorrection(let posting, _): "posting \(posting)"
        case .reviseCommitment(let source, _, _): source
        case .repayRecovery(let project, let amount, _): "\(project) \(amount.yuanText)"
        }
    }

    /// The book step, in `officer`'s name at `now`.
    func step(by officer: Officer, at now: Date) -> @Sendable (inout FundsBook) throws(FundsRefusal) -> [FundsEvent] {
        let change = self
        return { book throws(FundsRefusal) in
            switch change {
            case .proposeAmendment(let project, let terms, let reason):
                return try book.proposeAmendment(project: project, terms: terms, reason: reason, preparer: officer, at: now)
            case .submitAmendment(let number): return try book.submitAmendment(number, at: now)
            case .withdrawAmendment(let number): return try book.withdrawAmendment(number, by: officer, at: now)
            case .approveAmendment(let number): return try book.approveAmendment(number, by: officer, at: now)
            case .rejectAmendment(let number, let reason):
                return try book.rejectAmendment(number, by: officer, reason: reason, at: now)
            case .signAmendment(let number, let party, let signer):
                return try book.signAmendment(number, party: party, signer: signer, at: now)
            case .prepareCorrection(let posting, let reason):
                return try book.prepareCorrection(posting: posting, reason: reason, preparer: officer, at: now)
            case .approveCorrection(let number): return try book.approveCorrection(number, approver: officer, at: now)
            case .rejectCorrection(let number, let reason):
                return try book.rejectCorrection(number, by: officer, reason: reason, at: now)
            case .reviseCommitment(let source, let committed, let reason):
                return try book.reviseCommitment(source: source, committed: committed, reason: reason, by: officer, at: now)
            case .demandRecovery(let project, let amount, let due, let reason):
                return try book.demandRecovery(
                    project: project, amount: amount, due: due, reason: reason, preparer: officer, at: now)
            case .approveDemand(let number): return try book.approveDemand(number, approver: officer, at: now)
            case .rejectDemand(let number, let reason): return try book.rejectDemand(number, by: officer, reason: reason, at: now)
            case .prepareSettlement(let number, let kind):
                return try book.prepareSettlement(demand: number, kind, preparer: officer, at: now)
            case .approveSettlement(let number): return try book.approveSettlement(demand: number, approver: officer, at: now)
            case .scheduleReports(let project, let start, let end):
                return try book.scheduleReports(project: project, start: start, end: end)
            case .submitReport(let number, let name, let summary):
                return try book.submitReport(number, by: officer, name: name, summary: summary, at: now)
            case .repayRecovery(let project, let amount, let source):
                return try book.repayRecovery(project: project, amount: amount, into: source, at: now)
            }
        }
    }

    // MARK: Reading typed values (the form and the API alike)

    /// A value the page or the API could not read (an amount, a date, a tranche): refused like a
    /// rule (422), with its reason; nothing is written.
    struct InputProblem: Error {
        var field: String
        var message: LocalizedText
    }

    /// A yuan amount as typed ("12345.67"); nil when empty and `optional`.
    static func yuan(_ text: String?, _ field: String, optional: Bool = false) throws(InputProblem) -> Fen? {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if optional { return nil }
            throw InputProblem(field: field, message: MoneyInputProblem.empty.message)
        }
        do {
            return try Fen.parseYuan(text)
        } catch {
            throw InputProblem(field: field, message: error.message)
        }
    }

    /// A required yuan amount.
    static func amount(_ text: String?, _ field: String) throws(InputProblem) -> Fen {
        guard let amount = try yuan(text, field) else {
            throw InputProblem(field: field, message: MoneyInputProblem.empty.message)
        }
        return amount
    }

    /// A due date "YYYY-MM-DD" (nil when empty): due at the end of that day.
    static func due(_ text: String?) throws(InputProblem) -> Date? {
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        guard let day = ReportingCalendar.day(text) else {
            throw InputProblem(field: "due", message: AfterAwardRefusal.dateInvalid(text).message)
        }
        return day.addingTimeInterval(86_399)
    }

    /// The tranche a settlement offsets, "<project>#<number>".
    static func tranche(_ text: String?) throws(InputProblem) -> TrancheID {
        guard let id = FundsService.trancheID(text ?? "") else {
            throw InputProblem(
                field: "tranche", message: LocalizedText(zh: "请选择要抵扣的批次", en: "Choose the tranche to offset"))
        }
        return id
    }

    /// A settlement: an `offset` of the unpaid tranche `tranche`, else a repayment of `amount`
    /// yuan into `source`.
    static func settlement(
        offset: Bool, tranche: String?, amount: String?, source: String?
    ) throws(InputProblem) -> SettlementKind {
        if offset { return .offset(try Self.tranche(tranche)) }
        return .repayment(amount: try Self.amount(amount, "amount"), source: source ?? "")
    }

    static func party(_ text: String?) throws(InputProblem) -> SigningParty {
        guard let party = SigningParty(rawValue: text ?? "") else {
            throw InputProblem(field: "party", message: LocalizedText(zh: "请选择签字方", en: "Choose who signed"))
        }
        return party
    }
}

extension FundsService {
    /// Applies `change` as `actor` now: one transaction on the book (a refusal writes nothing).
    /// The one call the money pages and the money API make.
    /// With the API's `Idempotency-Key`, keyed by the whole change (every value of it): a retry is
    /// answered with the first's events, the key for another change is refused.
    func apply(
        _ programmeId: String, _ change: MoneyChange, by actor: Actor, idempotencyKey: String? = nil
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        let step = change.step(by: officer(actor), at: services.store.clock.now())
        return try await self.change(
            programmeId, change.action, change.detail, by: actor, idempotencyKey: idempotencyKey,
            fingerprint: String(describing: change), step)
    }
}
