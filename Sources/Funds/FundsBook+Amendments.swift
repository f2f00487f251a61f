import Foundation
import PilotDomain

extension FundsBook {
    /// An officer drafts an amendment of a project's task book. Amounts are checked now against
    /// what is already paid, so a draft that could never take effect is refused at once.
    @discardableResult
    public mutating func proposeAmendment(
        project id: String, terms: AmendmentTerms, reason: String, preparer: Officer, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        let project = try openProject(id)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .afterAward(.reasonMissing) }
        guard !terms.isEmpty else { throw .afterAward(.amendmentChangesNothing) }
        if let open = amendments.first(where: { $0.projectId == id && ($0.status == .draft || $0.status.isPending) }) {
            throw .afterAward(.amendmentOpen(project: id, amendment: open.number))
        }
        _ = try amended(project, terms)
        if let endDate = terms.endDate, ReportingCalendar.day(endDate) == nil {
            throw .afterAward(.dateInvalid(endDate))
        }
        let amendment = Amendment(
            number: amendments.count + 1, projectId: id, terms: terms, reason: reason, preparer: preparer, preparedAt: at,
            status: .draft, largeBecause: nil, districtApprover: nil, signatures: [:], decidedAt: nil, rejection: nil)
        amendments.append(amendment)
        return [.amendmentChanged(amendment: amendment.number, status: .draft)]
    }

    /// The draft goes to the district. Whether it is large is settled here, against the project as
    /// it is now: from this moment a large one holds the project's next tranche.
    @discardableResult
    public mutating func submitAmendment(_ number: Int, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = try amendment(number, in: [.draft])
        let project = try openProject(amendment.projectId)
        amendment.largeBecause = scale(of: amendment.terms, for: project)
        amendment.status = .submitted
        amendments[number - 1] = amendment
        return [.amendmentChanged(amendment: number, status: .submitted)]
    }

    /// The district approves (four eyes: not whoever drafted it). A small amendment takes effect
    /// now; a large one waits for the three signatures.
    @discardableResult
    public mutating func approveAmendment(_ number: Int, by officer: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = try amendment(number, in: [.submitted])
        guard !officer.overlaps(amendment.preparer) else { throw .sameOfficer }
        amendment.districtApprover = officer
        amendment.decidedAt = at
        guard amendment.largeBecause == nil else {
            amendment.status = .districtApproved
            amendments[number - 1] = amendment
            return [.amendmentChanged(amendment: number, status: .districtApproved)]
        }
        return try takeEffect(amendment, at: at)
    }

    /// One party signs the amended task book; the last signature makes it effective.
    @discardableResult
    public mutating func signAmendment(
        _ number: Int, party: SigningParty, signer: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = try amendment(number, in: [.districtApproved])
        let signer = signer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !signer.isEmpty else { throw .afterAward(.signerMissing) }
        guard amendment.signatures[party] == nil else { throw .afterAward(.alreadySigned(amendment: number, party: party)) }
        amendment.signatures[party] = signer
        guard amendment.missingSignatures.isEmpty else {
            amendments[number - 1] = amendment
            return [.amendmentSigned(amendment: number, party: party)]
        }
        return [.amendmentSigned(amendment: number, party: party)] + (try takeEffect(amendment, at: at))
    }

    /// The district refuses it (four eyes, with a reason); the project keeps its terms.
    @discardableResult
    public mutating func rejectAmendment(
        _ number: Int, by officer: Officer, reason: String, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = try amendment(number, in: [.submitted, .districtApproved])
        guard !officer.overlaps(amendment.preparer) else { throw .sameOfficer }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .reasonMissing }
        amendment.status = .rejected
        amendment.rejection = reason
        amendment.decidedAt = at
        amendments[number - 1] = amendment
        return [.amendmentChanged(amendment: number, status: .rejected)]
    }

    /// Whoever drafted it takes it back before it is effective.
    @discardableResult
    public mutating func withdrawAmendment(_ number: Int, by officer: Officer, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = try amendment(number, in: [.draft, .submitted, .districtApproved])
        guard officer.overlaps(amendment.preparer) else { throw .afterAward(.onlyPreparerWithdraws) }
        amendment.status = .withdrawn
        amendment.decidedAt = at
        amendments[number - 1] = amendment
        return [.amendmentChanged(amendment: number, status: .withdrawn)]
    }

    /// The large amendment holding the project's tranches, if any.
    public func amendmentBlocking(project id: String) -> Amendment? {
        amendments.first { $0.projectId == id && $0.blocksTranches }
    }

    /// Whether an effective amendment changed the project's amounts: its subsidy then differs
    /// from the approval's on purpose, and reconciling must not split it back.
    public func isAmended(project id: String) -> Bool {
        amendments.contains { $0.projectId == id && $0.status == .effective && ($0.terms.central ?? $0.terms.local) != nil }
    }

    // MARK: Rules

    /// Large when the matching (local) amount changes, or when the central change plus the local
    /// money moved to another source exceed the threshold of the approved subsidy.
    func scale(of terms: AmendmentTerms, for project: ProjectFunding) -> AmendmentScale? {
        let (central, local) = project.totals
        if let newLocal = terms.local, newLocal != local { return .matchingChanged(from: local, to: newLocal) }
        var moved = Fen.zero
        if let newCentral = terms.central { moved = moved + Fen((newCentral - central).value.magnitude.clamped) }
        if let source = terms.localSourceId, source != project.localSourceId {
            moved = moved + project.tranches.filter { !$0.isPaid }.reduce(.zero) { $0 + $1.local }
        }
        let limit = project.approvedSubsidy.percent(rules.amendmentThresholdPercent)
        return moved > limit ? .reallocation(moved: moved, limit: limit) : nil
    }

    /// The project with the terms applied: paid tranches and tranches in an open release keep
    /// their amounts (money promised is never re-split); the rest of each part is spread over the
    /// free tranches in proportion to their amounts, to the fen.
    func amended(_ project: ProjectFunding, _ terms: AmendmentTerms) throws(FundsRefusal) -> ProjectFunding {
        var project = project
        if let source = terms.localSourceId {
            guard try self.source(source).kind.isLocal else { throw .sourceNotLocal(source) }
            project.localSourceId = source
        }
        guard terms.central != nil || terms.local != nil else { return project }
        let (central, local) = project.totals
        let newCentral = terms.central ?? central
        let newLocal = terms.local ?? local
        for amount in [newCentral, newLocal] where amount < .zero || amount > .maximum { throw .amountInvalid(amount) }
        try Self.requireValid(newCentral + newLocal)
        let free = project.tranches.indices.filter {
            !project.tranches[$0].isPaid && project.tranches[$0].status != .cancelled
                && openRelease(containing: project.tranches[$0].id) == nil
        }
        let fixed = project.tranches.indices.filter { !free.contains($0) }
        let fixedCentral = fixed.reduce(Fen.zero) { $0 + project.tranches[$1].central }
        let fixedLocal = fixed.reduce(Fen.zero) { $0 + project.tranches[$1].local }
        guard newCentral >= fixedCentral, newLocal >= fixedLocal else {
            throw .afterAward(.amendmentBelowCommitted(central: fixedCentral, local: fixedLocal))
        }
        let restCentral = newCentral - fixedCentral
        let restLocal = newLocal - fixedLocal
        guard !free.isEmpty else {
            guard restCentral == .zero, restLocal == .zero else { throw .afterAward(.noTrancheToCarry(project.id)) }
            project.approvedSubsidy = newCentral + newLocal
            return project
        }
        let weights = free.map { max(project.tranches[$0].amount.value, 1) }
        let centrals = Self.spread(restCentral, weights)
        let locals = Self.spread(restLocal, weights)
        for (position, index) in free.enumerated() {
            let old = project.tranches[index]
            guard centrals[position] + locals[position] > .zero else { throw .subsidyTooSmallForPlan(newCentral + newLocal) }
            project.tranches[index] = Tranche(
                id: old.id, milestone: old.milestone, amount: centrals[position] + locals[position], central: centrals[position],
                local: locals[position], status: old.status)
        }
        project.approvedSubsidy = newCentral + newLocal
        return project
    }

    /// `amount` in parts proportional to `weights`, each floored, the last taking the rest.
    static func spread(_ amount: Fen, _ weights: [Int64]) -> [Fen] {
        let total = weights.reduce(0, +)
        var parts = weights.dropLast().map { weight -> Fen in
            // Full width: amount × weight may pass Int64 for large programmes.
            let product = amount.value.multipliedFullWidth(by: weight)
            return Fen(total.dividingFullWidth((high: product.high, low: product.low)).quotient)
        }
        parts.append(amount - parts.reduce(.zero, +))
        return parts
    }

    // MARK: Helpers

    private mutating func takeEffect(_ amendment: Amendment, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        var amendment = amendment
        let before = try openProject(amendment.projectId)
        let after = try amended(before, amendment.terms)
        update(after)
        if let endDate = amendment.terms.endDate {
            rescheduleReports(project: amendment.projectId, endDate: endDate)
        }
        amendment.status = .effective
        amendment.decidedAt = at
        amendments[amendment.number - 1] = amendment
        var events: [FundsEvent] = [.amendmentChanged(amendment: amendment.number, status: .effective)]
        if before.approvedSubsidy != after.approvedSubsidy || before.tranches != after.tranches {
            events.append(.projectResplit(project: after.id, from: before.approvedSubsidy, to: after.approvedSubsidy))
        }
        return events
    }

    private func amendment(_ number: Int, in states: Set<AmendmentStatus>) throws(FundsRefusal) -> Amendment {
        guard number >= 1, number <= amendments.count else { throw .afterAward(.unknownAmendment(number)) }
        let amendment = amendments[number - 1]
        guard states.contains(amendment.status) else {
            throw .afterAward(.amendmentNotIn(number, status: amendment.status))
        }
        return amendment
    }

    /// A project still running: amendments and offsets need one.
    func openProject(_ id: String) throws(FundsRefusal) -> ProjectFunding {
        let project = try project(id)
        guard project.hold != .terminated, project.hold != .cancelled else { throw .afterAward(.projectClosed(id)) }
        return project
    }
}

extension ProjectFunding {
    /// The central and local parts of the whole subsidy, as its tranches hold them.
    var totals: (central: Fen, local: Fen) {
        tranches.filter { $0.status != .cancelled }.reduce((Fen.zero, Fen.zero)) { ($0.0 + $1.central, $0.1 + $1.local) }
    }
}

extension UInt64 {
    /// A magnitude back as Int64; amounts here never exceed `Fen.maximum`.
    fileprivate var clamped: Int64 { Int64(Swift.min(self, UInt64(Int64.max))) }
}
