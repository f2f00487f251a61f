import PilotDomain

extension FundsBook {
    /// What paying these tranches would do to matching and cash now. Unknown ids are left out;
    /// a tranche listed twice counts once.
    public func impact(of ids: [TrancheID]) -> MatchingImpact {
        var perProject: [String: (central: Fen, local: Fen)] = [:]
        var draws: [String: Fen] = [:]
        for tranche in Set(ids).compactMap({ tranche($0) }) {
            guard let project = projects[tranche.projectId] else { continue }
            let sum = perProject[project.id, default: (.zero, .zero)]
            perProject[project.id] = (sum.central + tranche.central, sum.local + tranche.local)
            if tranche.central > .zero {
                draws[centralSourceId, default: .zero] = draws[centralSourceId, default: .zero] + tranche.central
            }
            if tranche.local > .zero {
                draws[project.localSourceId, default: .zero] = draws[project.localSourceId, default: .zero] + tranche.local
            }
        }
        let projectLines = perProject.keys.sorted().map { id in
            MatchingLine(
                scope: .project(id), centralBefore: ledger.paid(project: id, share: .central),
                localBefore: ledger.paid(project: id, share: .local), central: perProject[id]?.central ?? .zero,
                local: perProject[id]?.local ?? .zero)
        }
        let programme = MatchingLine(
            scope: .programme, centralBefore: ledger.paid(share: .central), localBefore: ledger.paid(share: .local),
            central: projectLines.reduce(.zero) { $0 + $1.central }, local: projectLines.reduce(.zero) { $0 + $1.local })
        let cash = draws.keys.sorted().map { id in
            CashLine(
                source: id, isLocal: sources[id]?.kind.isLocal ?? true, before: ledger.cash(source: id),
                draw: draws[id] ?? .zero)
        }
        return MatchingImpact(projects: projectLines, programme: programme, cash: cash)
    }

    /// What stands between an approved release and its payment. Central money short is always a
    /// refusal: local money arriving would not help. An unmatched release, or one whose local
    /// source has not received enough yet, waits under `hold_until_matched` and is refused
    /// otherwise. Cash is checked before matching only for the central source, so a held
    /// release names the local problem.
    func obstacle(_ impact: MatchingImpact, holdUntilMatched: Bool) -> Obstacle? {
        if let line = impact.cash.first(where: { !$0.isLocal && $0.shortfall > .zero }) {
            return .refuse(.insufficientCash(source: line.source, shortfall: line.shortfall))
        }
        if let (shortfall, scope) = impact.matchingShortfall(under: rules.matching) {
            return holdUntilMatched
                ? .hold(.matching(shortfall: shortfall, scope: scope))
                : .refuse(.matchingShortfall(shortfall: shortfall, scope: scope))
        }
        if let line = impact.cash.first(where: { $0.shortfall > .zero }) {
            return holdUntilMatched
                ? .hold(.localCash(source: line.source, shortfall: line.shortfall))
                : .refuse(.insufficientCash(source: line.source, shortfall: line.shortfall))
        }
        return nil
    }

    enum Obstacle: Hashable {
        case refuse(FundsRefusal)
        case hold(ReleaseHoldReason)
    }
}
