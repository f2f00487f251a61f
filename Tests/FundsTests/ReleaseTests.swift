import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Releases: prepare, four eyes, approve, reject")
struct ReleaseTests {
    let t1 = Fixture.t("p1", 1)
    let t2 = Fixture.t("p1", 2)

    /// p1's first tranche (¥50,000) due.
    func due() throws -> FundsBook {
        var book = Fixture.funded()
        #expect(try book.milestoneReached(project: "p1", .taskBookSigned) == [.tranchesDue([t1])])
        return book
    }

    @Test("prepare shows the impact; a second officer's approval posts one balanced entry and marks the tranche paid")
    func happyPath() throws {
        var book = try due()
        #expect(try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day) == [.releasePrepared(release: 1)])
        let release = try #require(book.release(1))
        #expect(release.state == .prepared)
        let impact = release.impactWhenPrepared
        #expect(
            impact.projects == [
                MatchingLine(
                    scope: .project("p1"), centralBefore: .zero, localBefore: .zero, central: .yuan(25_000), local: .yuan(25_000))
            ])
        #expect(impact.programme.centralAfter == .yuan(25_000))
        #expect(impact.programme.localAfter == .yuan(25_000))
        #expect(
            impact.cash == [
                CashLine(source: "central", isLocal: false, before: .yuan(1_000_000), draw: .yuan(25_000)),
                CashLine(source: "city", isLocal: true, before: .yuan(1_000_000), draw: .yuan(25_000)),
            ])
        #expect(impact.isClear(under: .eachProject))

        let events = try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        #expect(events == [.releasePaid(release: 1, posting: 3, tranches: [t1])])
        let posting = try #require(book.ledger.postings.last)
        #expect(posting.kind == .release)
        #expect(posting.release == 1)
        #expect(
            posting.lines == [
                PostingLine(.debit, .subsidyPaid(project: "p1", share: .central), .yuan(25_000), tranche: t1),
                PostingLine(.debit, .subsidyPaid(project: "p1", share: .local), .yuan(25_000), tranche: t1),
                PostingLine(.credit, .cash(source: "central"), .yuan(25_000)),
                PostingLine(.credit, .cash(source: "city"), .yuan(25_000)),
            ])
        #expect(book.tranche(t1)?.status == .paid(release: 1))
        #expect(book.release(1)?.state == .paid(approver: Fixture.bob, at: Fixture.day, posting: 3))
        #expect(book.ledger.cash(source: "central") == .yuan(975_000))
        #expect(book.ledger.paid(project: "p1", share: .local) == .yuan(25_000))
        #expect(book.ledger.paid(share: .central) == .yuan(25_000))
        #expect(book.check().isEmpty)
    }

    @Test("four eyes: the preparer cannot approve, nor a delegate acting for the preparer")
    func sameOfficer() throws {
        var book = try due()
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(refusal(book) { try $0.approveRelease(1, approver: Fixture.alice, at: Fixture.day) } == .sameOfficer)
        #expect(refusal(book) { try $0.approveRelease(1, approver: Fixture.aliceDelegate, at: Fixture.day) } == .sameOfficer)
        #expect(FundsRefusal.sameOfficer.message.en.contains("four eyes"))
    }

    @Test("nobody of the paid enterprise may prepare, approve or reject")
    func paidOrganisation() throws {
        var book = try due()
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.insider, at: Fixture.day) }
                == .officerOfPaidOrganisation("ent-a"))
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.insider, at: Fixture.day) }
                == .officerOfPaidOrganisation("ent-a"))
        #expect(
            refusal(book) { try $0.rejectRelease(1, by: Fixture.insider, reason: "no", at: Fixture.day) }
                == .officerOfPaidOrganisation("ent-a"))
    }

    @Test("a tranche whose milestone has not happened is not due")
    func notDue() throws {
        let book = try due()
        #expect(
            refusal(book) { try $0.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day) }
                == .trancheNotDue(t2, waitsFor: .accepted))
        #expect(refusal(book) { try $0.prepareRelease([], preparer: Fixture.alice, at: Fixture.day) } == .noTranches)
        #expect(
            refusal(book) { try $0.prepareRelease([Fixture.t("p1", 3)], preparer: Fixture.alice, at: Fixture.day) }
                == .unknownTranche(Fixture.t("p1", 3)))
    }

    @Test("a tranche is paid at most once, and sits in at most one open release")
    func paidOnce() throws {
        var book = try due()
        try book.prepareRelease([t1, t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(book.release(1)?.tranches == [t1])
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.carol, at: Fixture.day) }
                == .trancheInOpenRelease(t1, release: 1))
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.carol, at: Fixture.day) } == .alreadyDecided(release: 1))
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day) }
                == .tranchePaid(t1, release: 1))
        #expect(refusal(book) { try $0.approveRelease(9, approver: Fixture.carol, at: Fixture.day) } == .unknownRelease(9))
    }

    @Test("rejection needs a second officer and a reason, and frees the tranches")
    func reject() throws {
        var book = try due()
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(refusal(book) { try $0.rejectRelease(1, by: Fixture.alice, reason: "oops", at: Fixture.day) } == .sameOfficer)
        #expect(refusal(book) { try $0.rejectRelease(1, by: Fixture.bob, reason: "  \n", at: Fixture.day) } == .reasonMissing)
        #expect(try book.rejectRelease(1, by: Fixture.bob, reason: " 金额有误 ", at: Fixture.day) == [.releaseRejected(release: 1)])
        #expect(book.release(1)?.state == .rejected(by: Fixture.bob, at: Fixture.day, reason: "金额有误"))
        #expect(refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) } == .alreadyDecided(release: 1))
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(2, approver: Fixture.carol, at: Fixture.day)
        #expect(book.tranche(t1)?.status == .paid(release: 2))
        #expect(book.check().isEmpty)
    }

    @Test("approval re-checks against the book as it is: another release may have used the cash")
    func recheckAtApproval() throws {
        var book = Fixture.book()
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.registerProject("p2", enterpriseOrganisationId: "ent-b", approvedSubsidy: .yuan(60_000), localSourceId: "city")
        try book.receive(source: "central", amount: .yuan(1_000_000), at: Fixture.day)
        try book.receive(source: "city", amount: .yuan(70_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.milestoneReached(project: "p2", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        try book.prepareRelease([Fixture.t("p2", 1)], preparer: Fixture.alice, at: Fixture.day)
        #expect(try #require(book.release(2)).impactWhenPrepared.isClear(under: .eachProject))
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        // City cash: ¥70,000 − ¥25,000 − ¥15,000 = ¥30,000, then release 4 takes ¥25,000 of it.
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        try book.milestoneReached(project: "p2", .accepted)
        try book.prepareRelease([Fixture.t("p2", 2)], preparer: Fixture.alice, at: Fixture.day)
        try book.milestoneReached(project: "p1", .accepted)
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(4, approver: Fixture.bob, at: Fixture.day)
        #expect(book.ledger.cash(source: "city") == .yuan(5_000))
        #expect(
            refusal(book) { try $0.approveRelease(3, approver: Fixture.bob, at: Fixture.day) }
                == .insufficientCash(source: "city", shortfall: .yuan(10_000)))
        #expect(book.impact(of: [Fixture.t("p2", 2)]).cash.last?.shortfall == .yuan(10_000))
        #expect(book.check().isEmpty)
    }

    @Test("a batch pays several projects in one posting, crediting each source once")
    func batch() throws {
        var book = Fixture.funded()
        try book.registerProject("p2", enterpriseOrganisationId: "ent-b", approvedSubsidy: .yuan(10_000), localSourceId: "city")
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.milestoneReached(project: "p2", .taskBookSigned)
        try book.prepareRelease([t1, Fixture.t("p2", 1)], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        let posting = try #require(book.ledger.postings.last)
        #expect(posting.tranches == [t1, Fixture.t("p2", 1)])
        #expect(posting.lines.filter { $0.side == .credit }.map(\.amount) == [.yuan(27_500), .yuan(27_500)])
        #expect(book.check().isEmpty)
    }
}
