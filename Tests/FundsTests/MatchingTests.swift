import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("1:1 matching, cash, and hold-until-matched")
struct MatchingTests {
    let t1 = Fixture.t("p1", 1)
    let later = Fixture.day.addingTimeInterval(86_400)

    @Test("a release that would leave local below central is refused with the exact shortfall")
    func shortfallShown() throws {
        let plan = try TranchePlan([.init(.accepted, 100)])
        var book = Fixture.funded(Fixture.rules(share: 60, plan: plan), subsidy: try Fen.parseYuan("100.01"))
        try book.milestoneReached(project: "p1", .accepted)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        let impact = try #require(book.release(1)).impactWhenPrepared
        #expect(impact.projects.first?.central == Fen(6_000))
        #expect(impact.projects.first?.local == Fen(4_001))
        #expect(impact.matchingShortfall?.shortfall == Fen(1_999))
        #expect(impact.matchingShortfall?.scope == .project("p1"))
        #expect(!impact.isClear)
        let refused = refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) }
        #expect(refused == .matchingShortfall(shortfall: Fen(1_999), scope: .project("p1")))
        #expect(refused?.message.zh == "项目 p1地方配套资金不足：还差 ¥19.99 才能与中央资金 1:1 配套")
        #expect(refused?.message.en == "Local money in project p1 is ¥19.99 short of matching central money 1:1")
    }

    @Test("central money short is refused, even under hold-until-matched: local money would not help")
    func centralShort() throws {
        var book = Fixture.book(Fixture.rules(hold: true))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.receive(source: "central", amount: .yuan(20_000), at: Fixture.day)
        try book.receive(source: "city", amount: .yuan(100_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) }
                == .insufficientCash(source: "central", shortfall: .yuan(5_000)))
    }

    @Test("local money short is refused without hold-until-matched")
    func localShortRefused() throws {
        var book = Fixture.book()
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.receive(source: "central", amount: .yuan(100_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) }
                == .insufficientCash(source: "city", shortfall: .yuan(25_000)))
    }

    @Test("hold-until-matched: approved but held until the local money arrives, then paid by retryHeld")
    func holdThenRetry() throws {
        var book = Fixture.book(Fixture.rules(hold: true))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.receive(source: "central", amount: .yuan(1_000_000), at: Fixture.day)
        try book.receive(source: "city", amount: .yuan(10_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        let reason = ReleaseHoldReason.localCash(source: "city", shortfall: .yuan(15_000))
        #expect(try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day) == [.releaseHeld(release: 1, reason: reason)])
        #expect(book.release(1)?.state == .held(approver: Fixture.bob, at: Fixture.day, reason: reason))
        #expect(book.tranche(t1)?.status == .due)
        #expect(book.ledger.paid(share: .central) == .zero)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.carol, at: Fixture.day) } == .alreadyDecided(release: 1))
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.carol, at: Fixture.day) }
                == .trancheInOpenRelease(t1, release: 1))

        let before = book
        #expect(book.retryHeld(at: later).isEmpty)
        #expect(book == before)
        try book.receive(source: "city", amount: .yuan(10_000), at: later)
        #expect(book.retryHeld(at: later).isEmpty)
        try book.receive(source: "city", amount: .yuan(5_000), at: later)
        #expect(book.retryHeld(at: later) == [.releasePaid(release: 1, posting: 5, tranches: [t1])])
        #expect(book.release(1)?.state == .paid(approver: Fixture.bob, at: later, posting: 5))
        #expect(book.tranche(t1)?.status == .paid(release: 1))
        #expect(book.ledger.cash(source: "city") == .zero)
        #expect(book.check().isEmpty)
    }

    @Test("an unmatched release is held under hold-until-matched, and can be rejected to free its tranche")
    func heldUnmatched() throws {
        let plan = try TranchePlan([.init(.accepted, 100)])
        var book = Fixture.funded(Fixture.rules(share: 60, plan: plan, hold: true), subsidy: try Fen.parseYuan("100.01"))
        try book.milestoneReached(project: "p1", .accepted)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        let reason = ReleaseHoldReason.matching(shortfall: Fen(1_999), scope: .project("p1"))
        #expect(try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day) == [.releaseHeld(release: 1, reason: reason)])
        try book.receive(source: "city", amount: .yuan(1_000), at: later)
        #expect(book.retryHeld(at: later).isEmpty)
        #expect(try book.rejectRelease(1, by: Fixture.carol, reason: "规则调整", at: later) == [.releaseRejected(release: 1)])
        #expect(book.openRelease(containing: t1) == nil)
        #expect(book.check().isEmpty)
    }

    @Test("a held release whose project went into rectification waits for the mid-term pass too")
    func heldThenRectify() throws {
        var book = Fixture.book(Fixture.rules(plan: .thirtyFortyThirty, hold: true))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "teda")
        try book.receive(source: "central", amount: .yuan(1_000_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        try book.midtermOutcome(project: "p1", .rectify)
        try book.receive(source: "teda", amount: .yuan(1_000_000), at: later)
        #expect(book.retryHeld(at: later).isEmpty)
        try book.midtermOutcome(project: "p1", .passed)
        #expect(book.retryHeld(at: later).count == 1)
        #expect(book.tranche(t1)?.isPaid == true)
        #expect(book.check().isEmpty)
    }
}
