import Foundation
import Funds
import PilotAPI
import PilotDomain

/// The funds book's values as the API's wire types (amounts in integer fen, never floating point).
enum FundsMapping {
    static func source(_ source: FundingSource, _ book: FundsBook) -> Components.Schemas.FundingSourceView {
        let kind =
            switch source.kind {
            case .central: "central"
            case .city: "city"
            case .districtStreet: "district_street"
            case .zone(let code): "zone:\(code)"
            }
        return .init(
            id: source.id, kind: kind, name: APIMapping.text(source.name), committedFen: Int(source.committed.value),
            receivedFen: Int(book.ledger.received(source: source.id).value),
            cashFen: Int(book.ledger.cash(source: source.id).value))
    }

    static func status(_ status: TrancheStatus) -> String {
        switch status {
        case .planned: "planned"
        case .due: "due"
        case .paid: "paid"
        case .cancelled: "cancelled"
        }
    }

    /// What `prepareRelease` accepts now: due, its project not held, in no open release.
    static func isPayable(_ tranche: Tranche, _ book: FundsBook) -> Bool {
        tranche.status == .due && book.projects[tranche.projectId]?.hold == .notHeld
            && book.openRelease(containing: tranche.id) == nil
    }

    static func tranche(_ tranche: Tranche, _ book: FundsBook) -> Components.Schemas.TrancheView {
        let release: Int? =
            if case .paid(let number) = tranche.status { number } else { book.openRelease(containing: tranche.id) }
        return .init(
            id: tranche.id.description, projectId: tranche.projectId, number: tranche.number,
            milestone: tranche.milestone.rawValue, amountFen: Int(tranche.amount.value), centralFen: Int(tranche.central.value),
            localFen: Int(tranche.local.value),
            status: .init(rawValue: status(tranche.status)) ?? .planned, release: release)
    }

    static func project(_ project: ProjectFunding, name: String, _ book: FundsBook) -> Components.Schemas.FundedProject {
        .init(
            id: project.id, enterpriseName: name, approvedSubsidyFen: Int(project.approvedSubsidy.value),
            localSourceId: project.localSourceId,
            hold: Components.Schemas.FundedProject.HoldPayload(rawValue: project.hold.rawValue)
                ?? Components.Schemas.FundedProject.HoldPayload.none,
            tranches: project.tranches.map { tranche($0, book) })
    }

    static func release(_ release: Release, _ book: FundsBook, _ language: UILanguage) -> Components.Schemas.ReleaseView {
        let amount = release.tranches.compactMap { book.tranche($0) }.reduce(Fen.zero) { $0 + $1.amount }
        var view = Components.Schemas.ReleaseView(
            number: release.number, state: .prepared, tranches: release.tranches.map(\.description),
            amountFen: Int(amount.value), preparerUserId: release.preparer.userId, preparedAt: release.preparedAt)
        switch release.state {
        case .prepared: break
        case .held(let approver, let at, let reason):
            view.state = .held
            view.decidedByUserId = approver.userId
            view.decidedAt = at
            view.reason = holdReason(reason).text(language)
        case .paid(let approver, let at, let posting):
            view.state = .paid
            view.decidedByUserId = approver.userId
            view.decidedAt = at
            view.posting = posting
        case .rejected(let officer, let at, let reason):
            view.state = .rejected
            view.decidedByUserId = officer.userId
            view.decidedAt = at
            view.reason = reason
        }
        return view
    }

    /// Why an approved release waits, as the workspace's release card says it.
    static func holdReason(_ reason: ReleaseHoldReason) -> LocalizedText {
        let (prefix, shortfall): (String, Fen) =
            switch reason {
            case .matching(let shortfall, _): ("", shortfall)
            case .localCash(let source, let shortfall): (source + " ", shortfall)
            }
        return LocalizedText(
            zh: FinanceText.held.zh + "：" + prefix + FinanceText.shortfall.zh + " " + shortfall.yuanText,
            en: FinanceText.held.en + ": " + prefix + FinanceText.shortfall.en + " " + shortfall.yuanText)
    }
}
