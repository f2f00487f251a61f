import Foundation
import PilotDomain

extension FundsBook {
    /// Brings the project's record in the book to agree with its lifecycle: registers an approved
    /// project, re-splits it when a later approval changed the subsidy (before anything is paid),
    /// makes tranches due at milestones, holds and lifts holds at the mid-term, cancels unpaid
    /// tranches of a project that ended, and terminates with the recovery decided.
    ///
    /// Idempotent and order-free: it compares the book with the lifecycle as it stands, so
    /// applying it again (a retried job, two server processes) changes nothing. A step the book
    /// refuses (a subsidy changed after a tranche was paid) is left for `ledger check` to report,
    /// and the rest still applies.
    @discardableResult
    public mutating func reconcile(_ lifecycle: ProjectLifecycle, at: Date) -> [FundsEvent] {
        var events: [FundsEvent] = []
        func attempt(_ step: (inout FundsBook) throws(FundsRefusal) -> [FundsEvent]) {
            var trial = self
            do {
                events += try step(&trial)
                self = trial
            } catch {
                return
            }
        }
        let id = lifecycle.projectId
        if projects[id] == nil {
            // Nothing promised yet: only an approval in force on an open project creates a record.
            guard lifecycle.stage == .open, lifecycle.approvedSubsidy > .zero else { return [] }
            attempt { book throws(FundsRefusal) in
                try book.registerProject(
                    id, enterpriseOrganisationId: lifecycle.enterpriseOrganisationId,
                    approvedSubsidy: lifecycle.approvedSubsidy, localSourceId: lifecycle.localSourceId)
            }
        } else if let project = projects[id], project.hold != .terminated, project.hold != .cancelled,
            lifecycle.approvedSubsidy > .zero, project.approvedSubsidy != lifecycle.approvedSubsidy,
            !isAmended(project: id)
        {
            // An effective amendment changed the subsidy on purpose: the approval's amount no longer rules.
            attempt { book throws(FundsRefusal) in try book.resplit(id, approvedSubsidy: lifecycle.approvedSubsidy) }
        }
        guard let project = projects[id], project.hold != .terminated else { return events }
        switch lifecycle.stage {
        case .terminated(let recover):
            let paid = ledger.paid(project: id, share: .central) + ledger.paid(project: id, share: .local)
            attempt { book throws(FundsRefusal) in try book.terminate(project: id, toRecover: min(recover, paid), at: at) }
            return events
        case .closedUnpaid:
            if project.hold != .cancelled { attempt { book throws(FundsRefusal) in try book.closeUnpaid(project: id) } }
            return events
        case .open:
            break
        }
        guard project.hold != .cancelled else { return events }
        for milestone in lifecycle.milestones.sorted() where milestone != .midtermPassed {
            attempt { book throws(FundsRefusal) in try book.milestoneReached(project: id, milestone) }
        }
        switch lifecycle.midtermHold {
        case .rectify: attempt { book throws(FundsRefusal) in try book.midtermOutcome(project: id, .rectify) }
        case .failed: attempt { book throws(FundsRefusal) in try book.midtermOutcome(project: id, .failed) }
        case nil:
            if lifecycle.milestones.contains(.midtermPassed) {
                attempt { book throws(FundsRefusal) in try book.midtermOutcome(project: id, .passed) }
            }
        }
        return events
    }

    /// A later approval changed the subsidy (after an upheld objection, or return → re-file →
    /// re-review): the tranches are split again from the new amount, with the rules in force now.
    /// Refused once any tranche is paid or in an open release: money promised in a release is
    /// never re-split behind the officers' backs.
    @discardableResult
    mutating func resplit(_ id: String, approvedSubsidy: Fen) throws(FundsRefusal) -> [FundsEvent] {
        let project = try project(id)
        for tranche in project.tranches {
            if case .paid(let release) = tranche.status { throw .subsidyChangedAfterPayment(id, release: release) }
            if let open = openRelease(containing: tranche.id) { throw .subsidyChangedAfterPayment(id, release: open) }
        }
        try Self.requireValid(approvedSubsidy)
        guard rules.tranchePlan.amounts(for: approvedSubsidy).allSatisfy({ $0 > .zero }) else {
            throw .subsidyTooSmallForPlan(approvedSubsidy)
        }
        var replaced = ProjectFunding(
            id: id, enterpriseOrganisationId: project.enterpriseOrganisationId, approvedSubsidy: approvedSubsidy,
            localSourceId: project.localSourceId, rules: rules)
        replaced.hold = project.hold
        // Milestones already reached stay reached under the new split.
        for tranche in project.tranches where tranche.status == .due { _ = replaced.reach(tranche.milestone) }
        update(replaced)
        return [.projectResplit(project: id, from: project.approvedSubsidy, to: approvedSubsidy)]
    }

    /// The project ended without further payment (withdrawn, rejected, acceptance failed): its
    /// unpaid tranches are cancelled; paid ones stay paid.
    @discardableResult
    mutating func closeUnpaid(project id: String) throws(FundsRefusal) -> [FundsEvent] {
        var project = try project(id)
        guard project.hold != .terminated else { throw .projectTerminated(id) }
        // A cancelled tranche still in an open release can no longer be approved (requirePayable).
        let cancelled = project.cancelUnpaid()
        project.hold = .cancelled
        update(project)
        return [.projectClosedUnpaid(project: id, cancelled: cancelled)]
    }
}
