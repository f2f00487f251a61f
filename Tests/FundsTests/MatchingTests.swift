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
        #expect(impact.matchingShortfall(under: .eachProject)?.shortfall == Fen(1_999))
        #expect(impact.matchingShortfall(under: .eachProject)?.scope == .project("p1"))
        #expect(!impact.isClear(under: .eachProject))
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

    /// p1 registered under a 60% central share, p2 under 40%: each ¥100,000, paid in full at
    /// acceptance. Together they match 1:1; p1 on its own does not.
    private func twoProjects(_ matching: MatchingRule) throws -> FundsBook {
        let plan = try TranchePlan([.init(.accepted, 100)])
        var book = Fixture.book(Fixture.rules(share: 60, plan: plan, matching: matching))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        book.rules = Fixture.rules(share: 40, plan: plan, matching: matching)
        try book.registerProject("p2", enterpriseOrganisationId: "ent-b", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.receive(source: "central", amount: .yuan(1_000_000), at: Fixture.day)
        try book.receive(source: "city", amount: .yuan(1_000_000), at: Fixture.day)
        try book.milestoneReached(project: "p1", .accepted)
        try book.milestoneReached(project: "p2", .accepted)
        return book
    }

    @Test("the policy's rule: 1:1 for the city as a whole — an unmatched project passes when the city stays matched")
    func cityAsAWhole() throws {
        var book = try twoProjects(.programme)
        // p1 alone would leave the whole city ¥20,000 short: refused, and the scope says so.
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) }
                == .matchingShortfall(shortfall: .yuan(20_000), scope: .programme))
        // p2 first (central ¥40,000, local ¥60,000), then p1: the city matches though p1 does not.
        let t2 = Fixture.t("p2", 1)
        try book.rejectRelease(1, by: Fixture.bob, reason: "先拨付p2", at: Fixture.day)
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        let impact = try #require(book.release(3)).impactWhenPrepared
        #expect(impact.projects.first?.shortfall == .yuan(20_000))
        #expect(impact.matchingShortfall(under: .programme) == nil)
        #expect(impact.isClear(under: .programme))
        #expect(impact.matchingShortfall(under: .eachProject)?.scope == .project("p1"))
        try book.approveRelease(3, approver: Fixture.bob, at: Fixture.day)
        #expect(book.tranche(t1)?.isPaid == true)
        #expect(book.ledger.paid(share: .central) == book.ledger.paid(share: .local))
        #expect(book.check().isEmpty)
        // The same ledger under the stricter rule names p1.
        book.adoptApprovalRules(of: Fixture.rules(matching: .eachProject))
        #expect(book.check() == [.matchingBroken(scope: .project("p1"), shortfall: .yuan(20_000))])
    }

    @Test("the stricter programme rule: every project matched on its own")
    func everyProject() throws {
        var book = try twoProjects(.eachProject)
        let t2 = Fixture.t("p2", 1)
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.approveRelease(2, approver: Fixture.bob, at: Fixture.day) }
                == .matchingShortfall(shortfall: .yuan(20_000), scope: .project("p1")))
        // The rule in force at approval decides: switched to the city's rule, the same release is paid.
        book.adoptApprovalRules(of: Fixture.rules(share: 50, matching: .programme))
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        #expect(book.tranche(t1)?.isPaid == true)
        #expect(book.rules.centralSharePercent == 40)
    }

    @Test("a book stored before the rule existed keeps matching every project")
    func storedBeforeTheRule() throws {
        let old = Data(
            #"{"central_share_percent":50,"hold_until_matched":false,"tranche_plan":[{"milestone":"task_book_signed","percent":50},{"milestone":"accepted","percent":50}]}"#
                .utf8)
        let rules = try JSONDecoder().decode(FundingRules.self, from: old)
        #expect(rules.matching == .eachProject)
        #expect(FundingRules.standard.matching == .programme)
        let again = try JSONDecoder().decode(FundingRules.self, from: JSONEncoder().encode(FundingRules.standard))
        #expect(again == .standard)
    }
}
