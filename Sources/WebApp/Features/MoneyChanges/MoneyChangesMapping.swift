import Foundation
import Funds
import PilotAPI
import PilotDomain

/// The money after the award as the API's wire types (amounts in integer fen, days "YYYY-MM-DD").
enum MoneyChangesMapping {
    typealias Schemas = Components.Schemas

    static func amendment(_ amendment: Amendment, _ language: UILanguage) -> Schemas.AmendmentView {
        .init(
            number: amendment.number, projectId: amendment.projectId,
            status: .init(rawValue: amendment.status.rawValue) ?? .draft, reason: amendment.reason,
            centralFen: amendment.terms.central.map { Int($0.value) }, localFen: amendment.terms.local.map { Int($0.value) },
            localSourceId: amendment.terms.localSourceId, endDate: amendment.terms.endDate, scope: amendment.terms.scope,
            largeBecause: amendment.largeBecause?.label.text(language), blocksTranches: amendment.blocksTranches,
            preparerUserId: amendment.preparer.userId, preparedAt: amendment.preparedAt,
            districtApproverUserId: amendment.districtApprover?.userId,
            signatures: SigningParty.allCases.compactMap { party in
                amendment.signatures[party].map {
                    Schemas.AmendmentSigned(party: .init(rawValue: party.rawValue) ?? .authority, signer: $0)
                }
            },
            missingSignatures: amendment.missingSignatures.compactMap { .init(rawValue: $0.rawValue) },
            decidedAt: amendment.decidedAt, rejection: amendment.rejection)
    }

    static func correction(_ correction: Correction) -> Schemas.CorrectionView {
        var view = Schemas.CorrectionView(
            number: correction.number, posting: correction.posting, reason: correction.reason, state: .prepared,
            preparerUserId: correction.preparer.userId, preparedAt: correction.preparedAt)
        switch correction.state {
        case .prepared: break
        case .approved(let by, let at, let posting):
            view.state = .approved
            view.decidedByUserId = by.userId
            view.decidedAt = at
            view.reversalPosting = posting
        case .rejected(let by, let at, let reason):
            view.state = .rejected
            view.decidedByUserId = by.userId
            view.decidedAt = at
            view.rejection = reason
        }
        return view
    }

    static func revision(_ revision: SourceRevision) -> Schemas.CommitmentRevisionView {
        .init(
            number: revision.number, sourceId: revision.sourceId, version: revision.version, fromFen: Int(revision.from.value),
            toFen: Int(revision.to.value), reason: revision.reason, byUserId: revision.by.userId, at: revision.at)
    }

    static func demand(_ demand: RecoveryDemand, now: Date) -> Schemas.RecoveryDemandView {
        .init(
            number: demand.number, projectId: demand.projectId, amountFen: Int(demand.amount.value),
            due: ReportingCalendar.format(demand.due), reason: demand.reason,
            state: .init(rawValue: demand.state.rawValue) ?? .prepared, preparerUserId: demand.preparer.userId,
            preparedAt: demand.preparedAt, approverUserId: demand.approver?.userId, posting: demand.posting,
            settledFen: Int(demand.settled.value), outstandingFen: Int(demand.outstanding.value),
            overdue: demand.isOverdue(at: now), settlements: demand.settlements.map(settlement))
    }

    static func settlement(_ settlement: RecoverySettlement) -> Schemas.RecoverySettlementView {
        var view = Schemas.RecoverySettlementView(
            kind: .offset, preparerUserId: settlement.preparer.userId, preparedAt: settlement.preparedAt,
            approverUserId: settlement.approver?.userId, posting: settlement.posting, settledFen: Int(settlement.settled.value),
            pending: settlement.isPending, reversedBy: settlement.reversedBy)
        switch settlement.kind {
        case .offset(let tranche): view.tranche = tranche.description
        case .repayment(let amount, let source):
            (view.kind, view.amountFen, view.sourceId) = (.repayment, Int(amount.value), source)
        }
        return view
    }

    static func report(_ report: ReportDue, now: Date) -> Schemas.FundsReportView {
        .init(
            number: report.number, projectId: report.projectId, kind: .init(rawValue: report.kind.rawValue) ?? .progress,
            periodStart: report.periodStart, periodEnd: report.periodEnd, dueDay: report.dueDay,
            state: .init(rawValue: report.state.rawValue) ?? .due, overdue: report.isOverdue(at: now),
            submittedByName: report.submission?.byName, submittedAt: report.submission?.at, summary: report.submission?.summary)
    }
}
