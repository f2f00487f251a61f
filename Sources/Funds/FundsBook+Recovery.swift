import Foundation
import PilotDomain

extension FundsBook {
    /// The bureau ends a project: its unpaid tranches are cancelled and, when it states an amount
    /// to recover (追回), a receivable is opened for it. The amount may not exceed what the project
    /// was paid — a typed extra zero would otherwise become a debt.
    @discardableResult
    public mutating func terminate(project id: String, toRecover: Fen, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var project = try project(id)
        guard project.hold != .terminated else { throw .projectTerminated(id) }
        guard toRecover >= .zero, toRecover <= .maximum else { throw .amountInvalid(toRecover) }
        let paid = ledger.paid(project: id, share: .central) + ledger.paid(project: id, share: .local)
        guard toRecover <= paid else { throw .recoveryExceedsPaid(paid: paid, requested: toRecover) }
        var events: [FundsEvent] = []
        if toRecover > .zero {
            let posting = try post(
                .recoveryOpened, at: at,
                lines: [
                    PostingLine(.debit, .recoveryReceivable(project: id), toRecover),
                    PostingLine(.credit, .recoveries(project: id), toRecover),
                ])
            events.append(.recoveryOpened(project: id, amount: toRecover, posting: posting.number))
        }
        let cancelled = project.cancelUnpaid()
        project.hold = .terminated
        update(project)
        return [.projectTerminated(project: id, cancelled: cancelled)] + events
    }

    /// The enterprise pays back part or all of what it owes, into a source's cash (where it can be
    /// spent again). Never more than still owed. Paid amounts stay as paid: matching counts what
    /// was paid out, and a repayment is new cash, not an undone payment.
    @discardableResult
    public mutating func repayRecovery(
        project id: String, amount: Fen, into sourceId: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        _ = try project(id)
        _ = try source(sourceId)
        try Self.requireValid(amount)
        let owed = ledger.recoveryOwed(project: id)
        guard amount <= owed else { throw .recoveryExceedsOwed(owed: owed, requested: amount) }
        let posting = try post(
            .recoveryRepaid, at: at,
            lines: [
                PostingLine(.debit, .cash(source: sourceId), amount),
                PostingLine(.credit, .recoveryReceivable(project: id), amount),
            ])
        return [.recoveryRepaid(project: id, amount: amount, posting: posting.number, stillOwed: owed - amount)]
    }
}
