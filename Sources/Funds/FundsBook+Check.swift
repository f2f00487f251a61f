import PilotDomain

extension FundsBook {
    /// Everything wrong with this book, in a stable order; empty for any book the operations
    /// built. Reads the ledger and the tranches independently so each can catch the other out.
    public func check() -> [FundsViolation] {
        var violations: [FundsViolation] = ledger.postings.compactMap { posting in
            posting.problem.map { .postingInvalid(posting: posting.number, $0) }
        }
        // Per project only where the programme's rule asks for it (`matching_scope: project`).
        violations += projects.keys.sorted().filter { _ in rules.matching == .eachProject }.compactMap { id in
            let shortfall = ledger.paid(project: id, share: .central) - ledger.paid(project: id, share: .local)
            return shortfall > .zero ? .matchingBroken(scope: .project(id), shortfall: shortfall) : nil
        }
        let programmeShortfall = ledger.paid(share: .central) - ledger.paid(share: .local)
        if programmeShortfall > .zero { violations.append(.matchingBroken(scope: .programme, shortfall: programmeShortfall)) }
        let cashAccounts = ledger.balances.keys.compactMap { account -> String? in
            if case .cash(let source) = account { source } else { nil }
        }
        violations += Set(cashAccounts).union(sources.keys).sorted().compactMap { source in
            let cash = ledger.cash(source: source)
            return cash < .zero ? .negativeCash(source: source, balance: cash) : nil
        }
        violations += trancheViolations()
        violations += reversalViolations()
        violations += Set(ledger.balances.keys.compactMap(\.recoveryProject)).sorted().compactMap { project in
            let owed = ledger.recoveryOwed(project: project)
            return owed < .zero ? .recoveryOverpaid(project: project, by: .zero - owed) : nil
        }
        return violations
    }

    /// Tranches against the release lines that pay them.
    private func trancheViolations() -> [FundsViolation] {
        var paid: [TrancheID: [FundShare: Fen]] = [:]
        var postingsPaying: [TrancheID: [Int]] = [:]
        var violations: [FundsViolation] = []
        for posting in ledger.postings where posting.kind == .release || posting.kind == .recoveryOffset {
            for line in posting.lines where line.side == .debit {
                guard let id = line.tranche, case .subsidyPaid(_, let share) = line.account else { continue }
                paid[id, default: [:]][share, default: .zero] = (paid[id]?[share] ?? .zero) + line.amount
                if postingsPaying[id]?.last != posting.number { postingsPaying[id, default: []].append(posting.number) }
                if tranche(id) == nil { violations.append(.unknownTrancheInLedger(id, posting: posting.number)) }
            }
        }
        for id in postingsPaying.keys.sorted() where (postingsPaying[id]?.count ?? 0) > 1 {
            violations.append(.tranchePaidTwice(id, postings: postingsPaying[id] ?? []))
        }
        for project in projects.keys.sorted() {
            for tranche in projects[project]?.tranches ?? [] {
                if tranche.central + tranche.local != tranche.amount { violations.append(.trancheSplitBroken(tranche.id)) }
                for share in FundShare.allCases {
                    let expected = tranche.isPaid ? tranche.share(share) : .zero
                    let ledger = paid[tranche.id]?[share] ?? .zero
                    if ledger != expected {
                        violations.append(.trancheLedgerMismatch(tranche.id, share: share, ledger: ledger, expected: expected))
                    }
                }
            }
        }
        return violations
    }
}

extension Account {
    fileprivate var recoveryProject: String? {
        switch self {
        case .recoveryReceivable(let project), .recoveries(let project): project
        default: nil
        }
    }
}
