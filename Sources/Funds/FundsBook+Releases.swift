import Foundation
import PilotDomain

extension FundsBook {
    /// One officer puts due tranches forward for payment. Each must be due, unpaid, not held and
    /// in no other open release, and the preparer must not belong to an enterprise being paid.
    /// Matching and cash are not refused here — the release's impact shows them, and approval
    /// decides against the book as it is then.
    @discardableResult
    public mutating func prepareRelease(
        _ ids: [TrancheID], preparer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var seen = Set<TrancheID>()
        let ids = ids.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw .noTranches }
        for id in ids where tranche(id) == nil { throw .unknownTranche(id) }
        try requireOutsidePaidOrganisations(preparer, ids)
        try requireNothingOutstanding(ids, at: at)
        for id in ids {
            try requirePayable(id)
            if let open = openRelease(containing: id) { throw .trancheInOpenRelease(id, release: open) }
        }
        let release = Release(
            number: releases.count + 1, tranches: ids, preparer: preparer, preparedAt: at,
            impactWhenPrepared: impact(of: ids), state: .prepared)
        append(release)
        return [.releasePrepared(release: release.number)]
    }

    /// A second officer approves. Everything is checked again against the book as it is now
    /// (another release may have been paid since). Then either one balanced posting pays the
    /// whole batch, or — matching or local cash short under `hold_until_matched` — the release
    /// is held, approved but unpaid, for `retryHeld`.
    @discardableResult
    public mutating func approveRelease(_ number: Int, approver: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var release = try openRelease(number, decidedBy: approver)
        guard release.state == .prepared else { throw .alreadyDecided(release: number) }
        for id in release.tranches { try requirePayable(id) }
        try requireNothingOutstanding(release.tranches, at: at)
        switch obstacle(impact(of: release.tranches), holdUntilMatched: rules.holdUntilMatched) {
        case nil:
            return try pay(release, approver: approver, at: at)
        case .refuse(let refusal):
            throw refusal
        case .hold(let reason):
            release.state = .held(approver: approver, at: at, reason: reason)
            update(release)
            return [.releaseHeld(release: number, reason: reason)]
        }
    }

    /// A second officer sends a prepared or held release back; its tranches are free again. The
    /// preparer cannot reject their own release, nor can anyone of a paid enterprise.
    @discardableResult
    public mutating func rejectRelease(
        _ number: Int, by officer: Officer, reason: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var release = try openRelease(number, decidedBy: officer)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .reasonMissing }
        release.state = .rejected(by: officer, at: at, reason: reason)
        update(release)
        return [.releaseRejected(release: number)]
    }

    /// Pays, in the order prepared, every held release that now passes every rule (typically
    /// after a local receipt), under the approval it already has. The others stay held.
    @discardableResult
    public mutating func retryHeld(at: Date) -> [FundsEvent] {
        var events: [FundsEvent] = []
        for release in releases {
            guard case .held(let approver, _, _) = release.state,
                release.tranches.allSatisfy({ (try? requirePayable($0)) != nil }),
                (try? requireNothingOutstanding(release.tranches, at: at)) != nil,
                obstacle(impact(of: release.tranches), holdUntilMatched: true) == nil,
                let paid = try? pay(release, approver: approver, at: at)
            else { continue }
            events += paid
        }
        return events
    }

    // MARK: Checks

    /// The release, if it is open and `officer` may decide it (four eyes, no conflict of interest).
    private func openRelease(_ number: Int, decidedBy officer: Officer) throws(FundsRefusal) -> Release {
        guard let release = release(number) else { throw .unknownRelease(number) }
        guard release.state.isOpen else { throw .alreadyDecided(release: number) }
        guard !officer.overlaps(release.preparer) else { throw .sameOfficer }
        try requireOutsidePaidOrganisations(officer, release.tranches)
        return release
    }

    private func requireOutsidePaidOrganisations(_ officer: Officer, _ ids: [TrancheID]) throws(FundsRefusal) {
        guard let organisation = officer.organisationId else { return }
        if ids.contains(where: { projects[$0.project]?.enterpriseOrganisationId == organisation }) {
            throw .officerOfPaidOrganisation(organisation)
        }
    }

    /// Due, unpaid, not cancelled, its project not on hold.
    func requirePayable(_ id: TrancheID) throws(FundsRefusal) {
        guard let project = projects[id.project], let tranche = project.tranche(number: id.number) else {
            throw .unknownTranche(id)
        }
        switch tranche.status {
        case .cancelled: throw .trancheCancelled(id)
        case .paid(let release): throw .tranchePaid(id, release: release)
        case .planned: throw .trancheNotDue(id, waitsFor: tranche.milestone)
        case .due: break
        }
        switch project.hold {
        case .notHeld: break
        case .terminated, .cancelled: throw .trancheCancelled(id)
        case .rectify, .failed: throw .trancheHeld(id, hold: project.hold)
        }
    }

    // MARK: Paying

    /// One journal entry for the batch: per tranche, debit the project's central and local
    /// subsidy-paid accounts (lines naming the tranche); per source, credit its cash. Then the
    /// tranches and the release are marked paid — after the posting, which alone can fail.
    private mutating func pay(_ release: Release, approver: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var lines: [PostingLine] = []
        var credits: [String: Fen] = [:]
        for id in release.tranches {
            guard let project = projects[id.project], let tranche = project.tranche(number: id.number) else {
                throw .unknownTranche(id)
            }
            for share in FundShare.allCases where tranche.share(share) > .zero {
                let amount = tranche.share(share)
                lines.append(PostingLine(.debit, .subsidyPaid(project: project.id, share: share), amount, tranche: id))
                let source = share == .central ? centralSourceId : project.localSourceId
                credits[source, default: .zero] = credits[source, default: .zero] + amount
            }
        }
        for source in credits.keys.sorted() {
            lines.append(PostingLine(.credit, .cash(source: source), credits[source] ?? .zero))
        }
        let posting = try post(.release, at: at, lines: lines, release: release.number)
        for id in release.tranches {
            guard var project = projects[id.project] else { continue }
            project.tranches[id.number - 1].status = .paid(release: release.number)
            update(project)
        }
        var paid = release
        paid.state = .paid(approver: approver, at: at, posting: posting.number)
        update(paid)
        return [.releasePaid(release: release.number, posting: posting.number, tranches: release.tranches)]
    }
}

extension FundsBook {
    /// Takes the programme's rules read at approval (hold-until-matched and the matching scope)
    /// from the rule version in force now. The share and the tranche plan stay those each project
    /// was registered under.
    public mutating func adoptApprovalRules(of current: FundingRules) {
        rules.holdUntilMatched = current.holdUntilMatched
        rules.matching = current.matching
        rules.amendmentThresholdPercent = current.amendmentThresholdPercent
        rules.reportPeriodMonths = current.reportPeriodMonths
        rules.reportGraceDays = current.reportGraceDays
    }
}
