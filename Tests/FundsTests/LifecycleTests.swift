import Foundation
import PilotDomain
import Testing

@testable import Funds

/// `FundsBook.reconcile` against a project's lifecycle, and numbers from outside bounded before
/// arithmetic (issue #11, defects 1 and 2).
@Suite("The book follows each project's lifecycle; odd numbers never trap")
struct LifecycleTests {
    func lifecycle(
        _ subsidy: Fen, _ stage: ProjectLifecycle.Stage = .open, _ milestones: Set<Milestone> = [],
        hold: ProjectLifecycle.MidtermHold? = nil
    ) -> ProjectLifecycle {
        ProjectLifecycle(
            projectId: "p1", enterpriseOrganisationId: "ent-a", localSourceId: "city", approvedSubsidy: subsidy, stage: stage,
            milestones: milestones, midtermHold: hold)
    }

    @Test("Int.min and Int.max release and tranche numbers are unknown, not a trap")
    func extremeNumbers() {
        var book = Fixture.funded()
        #expect(book.release(Int.min) == nil && book.release(Int.max) == nil && book.release(0) == nil)
        #expect(book.projects["p1"]?.tranche(number: Int.min) == nil)
        #expect(book.tranche(Fixture.t("p1", Int.min)) == nil)
        #expect(
            refusal(book) { try $0.approveRelease(Int.min, approver: Fixture.bob, at: Fixture.day) } == .unknownRelease(Int.min))
        #expect(
            refusal(book) { try $0.rejectRelease(Int.max, by: Fixture.bob, reason: "x", at: Fixture.day) }
                == .unknownRelease(Int.max))
        #expect(
            refusal(book) { try $0.prepareRelease([Fixture.t("p1", Int.min)], preparer: Fixture.alice, at: Fixture.day) }
                == .unknownTranche(Fixture.t("p1", Int.min)))
        book.reconcile(lifecycle(.yuan(100_000)), at: Fixture.day)
        #expect(book.check().isEmpty)
    }

    @Test("a second approval re-splits the tranches at the new amount while nothing is paid, and never after")
    func reapproval() throws {
        var book = Fixture.funded()
        book.reconcile(lifecycle(.yuan(60_000)), at: Fixture.day)
        #expect(book.projects["p1"]?.approvedSubsidy == .yuan(60_000))
        #expect(book.projects["p1"]?.tranches.map(\.amount) == [.yuan(30_000), .yuan(30_000)])
        // Reconciling again changes nothing.
        let settled = book
        book.reconcile(lifecycle(.yuan(60_000)), at: Fixture.day)
        #expect(book == settled)
        // Paid: a later approval cannot re-split what was paid.
        book.reconcile(lifecycle(.yuan(60_000), .open, [.taskBookSigned]), at: Fixture.day)
        try book.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        #expect(
            refusal(book) { try $0.resplit("p1", approvedSubsidy: .yuan(10_000)) }
                == .subsidyChangedAfterPayment("p1", release: 1))
        book.reconcile(lifecycle(.yuan(10_000), .open, [.taskBookSigned]), at: Fixture.day)
        #expect(book.projects["p1"]?.approvedSubsidy == .yuan(60_000))
        #expect(book.check().isEmpty)
    }

    @Test("withdrawn, rejected or failed: unpaid tranches cancelled, paid ones kept, nothing payable any more")
    func closedUnpaid() {
        var book = Fixture.funded()
        book.reconcile(lifecycle(.yuan(100_000), .open, [.taskBookSigned]), at: Fixture.day)
        book.reconcile(lifecycle(.yuan(100_000), .closedUnpaid, [.taskBookSigned]), at: Fixture.day)
        #expect(book.projects["p1"]?.hold == .cancelled)
        #expect(book.projects["p1"]?.tranches.allSatisfy { $0.status == .cancelled } == true)
        #expect(
            refusal(book) { try $0.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day) }
                == .trancheCancelled(Fixture.t("p1", 1)))
    }

    @Test("mid-term holds follow the state; termination recovers at most what was paid")
    func holdsAndTermination() throws {
        var book = Fixture.funded(Fixture.rules(plan: .thirtyFortyThirty))
        book.reconcile(lifecycle(.yuan(100_000), .open, [.taskBookSigned]), at: Fixture.day)
        try book.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        book.reconcile(lifecycle(.yuan(100_000), .open, [.taskBookSigned], hold: .rectify), at: Fixture.day)
        #expect(book.projects["p1"]?.hold == .rectify)
        book.reconcile(lifecycle(.yuan(100_000), .open, [.taskBookSigned, .midtermPassed]), at: Fixture.day)
        #expect(book.projects["p1"]?.hold == .notHeld)
        #expect(book.projects["p1"]?.tranche(number: 2)?.status == .due)
        book.reconcile(lifecycle(.yuan(100_000), .terminated(recover: .yuan(1_000_000)), [.taskBookSigned]), at: Fixture.day)
        #expect(book.projects["p1"]?.hold == .terminated)
        #expect(book.ledger.recoveryOwed(project: "p1") == .yuan(30_000))
        #expect(book.check().isEmpty)
    }
}
