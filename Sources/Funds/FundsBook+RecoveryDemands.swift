import Foundation
import PilotDomain

extension FundsBook {
    /// One officer demands money back from a project — open, ended or closed — with a reason and a
    /// due date (90 days unless told). Every demand together never exceeds what the project was paid.
    @discardableResult
    public mutating func demandRecovery(
        project id: String, amount: Fen, due: Date? = nil, reason: String, preparer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        _ = try project(id)
        try Self.requireValid(amount)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .afterAward(.reasonMissing) }
        let due = due ?? at.addingTimeInterval(TimeInterval(recoveryDueDays * 86_400))
        guard due > at else { throw .afterAward(.dueNotAhead) }
        try requireWithinPaid(project: id, adding: amount)
        let demand = RecoveryDemand(
            number: recoveryDemands.count + 1, projectId: id, amount: amount, due: due, reason: reason, preparer: preparer,
            preparedAt: at, state: .prepared, approver: nil, posting: nil, settlements: [])
        recoveryDemands.append(demand)
        return [.recoveryDemandChanged(demand: demand.number, state: .prepared)]
    }

    /// A second officer approves the demand: the receivable is opened by one posting.
    @discardableResult
    public mutating func approveDemand(_ number: Int, approver: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var demand = try demand(number, in: .prepared)
        guard !approver.overlaps(demand.preparer) else { throw .sameOfficer }
        try requireWithinPaid(project: demand.projectId, adding: .zero)
        let posting = try post(
            .recoveryOpened, at: at,
            lines: [
                PostingLine(.debit, .recoveryReceivable(project: demand.projectId), demand.amount),
                PostingLine(.credit, .recoveries(project: demand.projectId), demand.amount),
            ])
        demand.state = .open
        demand.approver = approver
        demand.posting = posting.number
        recoveryDemands[number - 1] = demand
        return [
            .recoveryDemandChanged(demand: number, state: .open),
            .recoveryOpened(project: demand.projectId, amount: demand.amount, posting: posting.number),
        ]
    }

    @discardableResult
    public mutating func rejectDemand(
        _ number: Int, by officer: Officer, reason: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var demand = try demand(number, in: .prepared)
        guard !officer.overlaps(demand.preparer) else { throw .sameOfficer }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonMissing }
        demand.state = .rejected
        recoveryDemands[number - 1] = demand
        return [.recoveryDemandChanged(demand: number, state: .rejected)]
    }

    /// One officer proposes a settlement of an open demand: an offset against a due, unpaid
    /// tranche of the same project, or a repayment into a source. One proposal at a time.
    @discardableResult
    public mutating func prepareSettlement(
        demand number: Int, _ kind: SettlementKind, preparer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var demand = try demand(number, in: .open)
        guard !demand.settlements.contains(where: \.isPending) else { throw .afterAward(.settlementPending(demand: number)) }
        _ = try settlementLines(demand, kind, at: at)
        demand.settlements.append(
            RecoverySettlement(
                kind: kind, preparer: preparer, preparedAt: at, approver: nil, posting: nil, settled: .zero, reversedBy: nil))
        recoveryDemands[number - 1] = demand
        return [.settlementPrepared(demand: number)]
    }

    /// A second officer approves the pending settlement: one posting, checked against the book as
    /// it is now. An offset pays the tranche (its central and local parts, so matching holds) partly
    /// by keeping what the enterprise owes and, for the rest, from the sources' cash.
    @discardableResult
    public mutating func approveSettlement(demand number: Int, approver: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var demand = try demand(number, in: .open)
        guard let index = demand.settlements.firstIndex(where: \.isPending) else {
            throw .afterAward(.noSettlementPending(demand: number))
        }
        var settlement = demand.settlements[index]
        guard !approver.overlaps(settlement.preparer) else { throw .sameOfficer }
        let (kind, lines, settled) = try settlementLines(demand, settlement.kind, at: at)
        var events: [FundsEvent] = []
        if case .offset(let tranche) = settlement.kind {
            let release = Release(
                number: releases.count + 1, tranches: [tranche], preparer: settlement.preparer, preparedAt: settlement.preparedAt,
                impactWhenPrepared: impact(of: [tranche]), state: .prepared)
            let posting = try post(kind, at: at, lines: lines, release: release.number)
            var paid = release
            paid.state = .paid(approver: approver, at: at, posting: posting.number)
            append(paid)
            if var project = projects[tranche.project] {
                project.tranches[tranche.number - 1].status = .paid(release: release.number)
                update(project)
            }
            settlement.posting = posting.number
            events.append(.releasePaid(release: release.number, posting: posting.number, tranches: [tranche]))
        } else {
            settlement.posting = try post(kind, at: at, lines: lines).number
        }
        settlement.approver = approver
        settlement.settled = settled
        demand.settlements[index] = settlement
        if demand.outstanding == .zero { demand.state = .settled }
        recoveryDemands[number - 1] = demand
        return events + [.recoverySettled(demand: number, amount: settled, posting: settlement.posting ?? 0)]
    }

    /// Approved demands past their due date with money still owed, for the risk lists.
    public func overdueDemands(at now: Date) -> [RecoveryDemand] { recoveryDemands.filter { $0.isOverdue(at: now) } }

    // MARK: Helpers

    private func demand(_ number: Int, in state: RecoveryDemandState) throws(FundsRefusal) -> RecoveryDemand {
        guard number >= 1, number <= recoveryDemands.count else { throw .afterAward(.unknownDemand(number)) }
        let demand = recoveryDemands[number - 1]
        guard demand.state == state else { throw .afterAward(.demandNotIn(number, state: demand.state)) }
        return demand
    }

    /// Demands stated and prepared, plus `amount`, stay within what the project was paid.
    private func requireWithinPaid(project id: String, adding amount: Fen) throws(FundsRefusal) {
        let paid = ledger.paid(project: id, share: .central) + ledger.paid(project: id, share: .local)
        let prepared = recoveryDemands.filter { $0.projectId == id && $0.state == .prepared }.reduce(.zero) { $0 + $1.amount }
        let claimed = ledger.recoveryStated(project: id) + prepared
        guard claimed + amount <= paid else {
            throw .recoveryExceedsPaid(paid: paid - ledger.recoveryStated(project: id), requested: amount)
        }
    }

    /// The posting a settlement makes now and the amount it settles, or why it cannot be made.
    private func settlementLines(
        _ demand: RecoveryDemand, _ kind: SettlementKind, at: Date
    ) throws(FundsRefusal) -> (PostingKind, [PostingLine], Fen) {
        let owed = min(demand.outstanding, ledger.recoveryOwed(project: demand.projectId))
        switch kind {
        case .repayment(let amount, let source):
            _ = try self.source(source)
            try Self.requireValid(amount)
            guard amount <= owed else { throw .recoveryExceedsOwed(owed: owed, requested: amount) }
            return (
                .recoveryRepaid,
                [
                    PostingLine(.debit, .cash(source: source), amount),
                    PostingLine(.credit, .recoveryReceivable(project: demand.projectId), amount),
                ], amount
            )
        case .offset(let id):
            guard id.project == demand.projectId else { throw .afterAward(.offsetOtherProject(id, project: demand.projectId)) }
            let project = try openProject(id.project)
            try requirePayable(id)
            if let open = openRelease(containing: id) { throw .trancheInOpenRelease(id, release: open) }
            guard let tranche = project.tranche(number: id.number) else { throw .unknownTranche(id) }
            guard owed > .zero else { throw .recoveryExceedsOwed(owed: owed, requested: tranche.amount) }
            if let (shortfall, scope) = impact(of: [id]).matchingShortfall(under: rules.matching) {
                throw .matchingShortfall(shortfall: shortfall, scope: scope)
            }
            let offset = min(owed, tranche.amount)
            let offsetCentral = Self.spread(offset, [tranche.central.value, tranche.local.value])[0]
            let fromCash: [(String, Fen)] = [
                (centralSourceId, tranche.central - offsetCentral),
                (project.localSourceId, tranche.local - (offset - offsetCentral)),
            ]
            for (source, amount) in fromCash where ledger.cash(source: source) < amount {
                throw .insufficientCash(source: source, shortfall: amount - ledger.cash(source: source))
            }
            var lines = FundShare.allCases.filter { tranche.share($0) > .zero }.map { share in
                PostingLine(.debit, .subsidyPaid(project: id.project, share: share), tranche.share(share), tranche: id)
            }
            lines.append(PostingLine(.credit, .recoveryReceivable(project: id.project), offset))
            lines += fromCash.filter { $0.1 > .zero }.map { PostingLine(.credit, .cash(source: $0.0), $0.1) }
            return (.recoveryOffset, lines, offset)
        }
    }
}
