import Foundation
import PilotDomain

extension FundsBook {
    /// Kinds of posting a correction may reverse: a wrong receipt, a wrong repayment. A paid tranche
    /// is not undone by a reversal — the money reached the enterprise; getting it back is a recovery
    /// (追回) — so releases and offsets are left out; a wrong demand is corrected by rejecting or
    /// settling it, and a reversal is not reversed again (post the right entry instead).
    static let reversible: Set<PostingKind> = [.receipt, .recoveryRepaid]

    /// One officer proposes reversing a wrong posting, with the reason.
    @discardableResult
    public mutating func prepareCorrection(
        posting number: Int, reason: String, preparer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .afterAward(.reasonMissing) }
        _ = try reversal(of: number)
        if let open = corrections.first(where: { $0.posting == number && $0.state.name != "rejected" }) {
            throw .afterAward(.postingAlreadyCorrected(posting: number, correction: open.number))
        }
        let correction = Correction(
            number: corrections.count + 1, posting: number, reason: reason, preparer: preparer, preparedAt: at, state: .prepared)
        corrections.append(correction)
        return [.correctionPrepared(correction: correction.number, posting: number)]
    }

    /// A second officer approves: the mirror posting is made (four eyes — neither the preparer nor
    /// anyone acting for them or for whom they act).
    @discardableResult
    public mutating func approveCorrection(_ number: Int, approver: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var correction = try preparedCorrection(number)
        guard !approver.overlaps(correction.preparer) else { throw .sameOfficer }
        let lines = try reversal(of: correction.posting)
        let posting = try post(.reversal, at: at, lines: lines, reverses: correction.posting)
        correction.state = .approved(by: approver, at: at, posting: posting.number)
        corrections[number - 1] = correction
        // A repayment reversed no longer settles its demand.
        for index in recoveryDemands.indices {
            for settlement in recoveryDemands[index].settlements.indices
            where recoveryDemands[index].settlements[settlement].posting == correction.posting {
                recoveryDemands[index].settlements[settlement].reversedBy = posting.number
            }
            if recoveryDemands[index].state == .settled, recoveryDemands[index].outstanding > .zero {
                recoveryDemands[index].state = .open
            }
        }
        return [.postingReversed(correction: number, original: correction.posting, posting: posting.number)]
    }

    @discardableResult
    public mutating func rejectCorrection(
        _ number: Int, by officer: Officer, reason: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var correction = try preparedCorrection(number)
        guard !officer.overlaps(correction.preparer) else { throw .sameOfficer }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .reasonMissing }
        correction.state = .rejected(by: officer, at: at, reason: reason)
        corrections[number - 1] = correction
        return [.correctionRejected(correction: number)]
    }

    /// A new version of what a source has committed, with the reason; earlier versions stay.
    @discardableResult
    public mutating func reviseCommitment(
        source id: String, committed: Fen, reason: String, by officer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var source = try source(id)
        guard committed >= .zero, committed <= .maximum else { throw .amountInvalid(committed) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .afterAward(.reasonMissing) }
        guard committed != source.committed else { throw .afterAward(.commitmentUnchanged(id)) }
        let version = sourceRevisions.filter { $0.sourceId == id }.count + 2
        sourceRevisions.append(
            SourceRevision(
                number: sourceRevisions.count + 1, sourceId: id, version: version, from: source.committed, to: committed,
                reason: reason, by: officer, at: at))
        source.committed = committed
        sources[id] = source
        return [.commitmentRevised(source: id, version: version)]
    }

    /// Every reversal the exact mirror of one earlier reversible posting, each reversed at most
    /// once — what `approveCorrection` builds, checked again in stored data (`check()`).
    func reversalViolations() -> [FundsViolation] {
        var reversed = Set<Int>()
        return ledger.postings.filter { $0.kind == .reversal }.compactMap { posting in
            guard let number = posting.reverses, number >= 1, number < posting.number,
                case let original = ledger.postings[number - 1], Self.reversible.contains(original.kind),
                reversed.insert(number).inserted,
                posting.lines
                    == original.lines.map({
                        PostingLine($0.side == .debit ? .credit : .debit, $0.account, $0.amount, tranche: $0.tranche)
                    })
            else { return .reversalInvalid(posting: posting.number, reverses: posting.reverses) }
            return nil
        }
    }

    // MARK: Helpers

    private func preparedCorrection(_ number: Int) throws(FundsRefusal) -> Correction {
        guard number >= 1, number <= corrections.count else { throw .afterAward(.unknownCorrection(number)) }
        let correction = corrections[number - 1]
        guard correction.state == .prepared else { throw .afterAward(.correctionDecided(number)) }
        return correction
    }

    /// The mirror lines of a reversible posting not yet reversed, refused when they would leave a
    /// source's cash or a project's receivable below zero (the money was spent or repaid since).
    private func reversal(of number: Int) throws(FundsRefusal) -> [PostingLine] {
        guard number >= 1, number <= ledger.postings.count else { throw .afterAward(.unknownPosting(number)) }
        let original = ledger.postings[number - 1]
        guard Self.reversible.contains(original.kind) else {
            throw .afterAward(.postingNotReversible(number, kind: original.kind))
        }
        if let reversing = ledger.postings.first(where: { $0.reverses == number }) {
            throw .afterAward(.postingAlreadyReversed(posting: number, by: reversing.number))
        }
        let lines = original.lines.map { line in
            PostingLine(line.side == .debit ? .credit : .debit, line.account, line.amount, tranche: line.tranche)
        }
        var trial = ledger
        do {
            _ = try trial.post(.reversal, at: original.at, lines: lines, reverses: number)
        } catch {
            throw .postingRefused(error)
        }
        for line in lines {
            switch line.account {
            case .cash(let source) where trial.cash(source: source) < .zero:
                throw .afterAward(.reversalLeavesNegative(posting: number, account: line.account.description))
            case .recoveryReceivable(let project) where trial.recoveryOwed(project: project) < .zero:
                throw .afterAward(.reversalLeavesNegative(posting: number, account: line.account.description))
            default: continue
            }
        }
        return lines
    }
}
