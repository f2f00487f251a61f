import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Amendments of a task book")
struct AmendmentTests {
    let t1 = Fixture.t("p1", 1)
    let t2 = Fixture.t("p1", 2)

    @Test("a change of the matching amount holds the next tranche until the district approves and all three sign")
    func largeBlocksUntilSigned() throws {
        var book = try Fixture.paidOnce()
        try book.proposeAmendment(
            project: "p1", terms: AmendmentTerms(central: .yuan(40_000), local: .yuan(40_000)), reason: "项目规模缩减",
            preparer: Fixture.alice,
            at: Fixture.day)
        // A draft holds nothing.
        #expect(book.amendmentBlocking(project: "p1") == nil)
        try book.submitAmendment(1, at: Fixture.day)
        #expect(book.amendments[0].largeBecause == .matchingChanged(from: .yuan(50_000), to: .yuan(40_000)))
        let held = FundsRefusal.afterAward(.amendmentPending(project: "p1", amendment: 1))
        #expect(refusal(book) { try $0.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day) } == held)
        // Four eyes: neither the preparer nor her delegate approves.
        #expect(refusal(book) { try $0.approveAmendment(1, by: Fixture.alice, at: Fixture.day) } == .sameOfficer)
        #expect(refusal(book) { try $0.approveAmendment(1, by: Fixture.aliceDelegate, at: Fixture.day) } == .sameOfficer)
        #expect(refusal(book) { try $0.signAmendment(1, party: .authority, signer: "区工信局", at: Fixture.day) } != nil)
        try book.approveAmendment(1, by: Fixture.bob, at: Fixture.day)
        #expect(book.amendments[0].status == .districtApproved)
        try book.signAmendment(1, party: .authority, signer: "区工信局", at: Fixture.day)
        try book.signAmendment(1, party: .provider, signer: "服务商", at: Fixture.day)
        #expect(
            refusal(book) { try $0.signAmendment(1, party: .provider, signer: "again", at: Fixture.day) }
                == .afterAward(.alreadySigned(amendment: 1, party: .provider)))
        #expect(refusal(book) { try $0.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day) } == held)
        #expect(book.projects["p1"]?.approvedSubsidy == .yuan(100_000))
        let events = try book.signAmendment(1, party: .enterprise, signer: "企业", at: Fixture.day)
        #expect(events.contains(.amendmentChanged(amendment: 1, status: .effective)))
        #expect(events.contains(.projectResplit(project: "p1", from: .yuan(100_000), to: .yuan(80_000))))
        // The paid tranche keeps its amounts; the rest of each part goes to the unpaid one.
        #expect(book.tranche(t1)?.local == .yuan(25_000))
        #expect(book.tranche(t2)?.central == .yuan(15_000))
        #expect(book.tranche(t2)?.local == .yuan(15_000))
        #expect(book.projects["p1"]?.approvedSubsidy == .yuan(80_000))
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        #expect(book.ledger.paid(project: "p1", share: .local) == .yuan(40_000))
        #expect(book.ledger.paid(project: "p1", share: .central) == .yuan(40_000))
        #expect(book.check().isEmpty)
    }

    @Test("a small amendment (a reallocation within 10% and a new end date) takes effect on the district's approval")
    func smallEffectiveOnApproval() throws {
        var book = try Fixture.paidOnce()
        let terms = AmendmentTerms(central: .yuan(45_000), endDate: "2027-06-30", scope: "增加数据中台模块")
        try book.proposeAmendment(project: "p1", terms: terms, reason: "调整实施内容", preparer: Fixture.alice, at: Fixture.day)
        try book.submitAmendment(1, at: Fixture.day)
        #expect(book.amendments[0].largeBecause == nil)
        #expect(book.amendmentBlocking(project: "p1") == nil)
        try book.approveAmendment(1, by: Fixture.bob, at: Fixture.day)
        #expect(book.amendments[0].status == .effective)
        #expect(book.tranche(t2)?.central == .yuan(20_000))
        #expect(book.tranche(t2)?.local == .yuan(25_000))
        #expect(book.isAmended(project: "p1"))
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        #expect(book.check().isEmpty)
    }

    @Test("the threshold: exactly 10% of the approved subsidy is small, a fen more is large; moving unpaid local money counts")
    func threshold() throws {
        let book = try Fixture.paidOnce()
        let project = try #require(book.projects["p1"])
        #expect(book.scale(of: AmendmentTerms(central: .yuan(60_000)), for: project) == nil)
        #expect(
            book.scale(of: AmendmentTerms(central: try Fen.parseYuan("60,000.01")), for: project)
                == .reallocation(moved: try Fen.parseYuan("10,000.01"), limit: .yuan(10_000)))
        #expect(
            book.scale(of: AmendmentTerms(localSourceId: "district"), for: project)
                == .reallocation(moved: .yuan(25_000), limit: .yuan(10_000)))
        #expect(book.scale(of: AmendmentTerms(endDate: "2027-01-31"), for: project) == nil)
    }

    @Test("bad input is refused with nothing changed")
    func badInput() throws {
        var book = try Fixture.paidOnce()
        func propose(_ terms: AmendmentTerms, _ reason: String = "原因") -> FundsRefusal? {
            refusal(book) {
                try $0.proposeAmendment(project: "p1", terms: terms, reason: reason, preparer: Fixture.alice, at: Fixture.day)
            }
        }
        #expect(propose(AmendmentTerms(scope: "x"), "  ") == .afterAward(.reasonMissing))
        #expect(propose(AmendmentTerms()) == .afterAward(.amendmentChangesNothing))
        #expect(
            propose(AmendmentTerms(local: .yuan(20_000)))
                == .afterAward(.amendmentBelowCommitted(central: .yuan(25_000), local: .yuan(25_000))))
        #expect(propose(AmendmentTerms(local: Fen(-1))) == .amountInvalid(Fen(-1)))
        #expect(propose(AmendmentTerms(localSourceId: "central")) == .sourceNotLocal("central"))
        #expect(propose(AmendmentTerms(localSourceId: "nowhere")) == .unknownSource("nowhere"))
        #expect(propose(AmendmentTerms(endDate: "2027-02-30")) == .afterAward(.dateInvalid("2027-02-30")))
        #expect(
            refusal(book) {
                try $0.proposeAmendment(
                    project: "nope", terms: AmendmentTerms(scope: "x"), reason: "r", preparer: Fixture.alice, at: Fixture.day)
            } == .unknownProject("nope"))
        try book.proposeAmendment(
            project: "p1", terms: AmendmentTerms(scope: "x"), reason: "r", preparer: Fixture.alice, at: Fixture.day)
        #expect(propose(AmendmentTerms(scope: "y")) == .afterAward(.amendmentOpen(project: "p1", amendment: 1)))
        #expect(refusal(book) { try $0.approveAmendment(1, by: Fixture.bob, at: Fixture.day) } != nil)
        #expect(
            refusal(book) { try $0.withdrawAmendment(1, by: Fixture.bob, at: Fixture.day) }
                == .afterAward(.onlyPreparerWithdraws))
        try book.withdrawAmendment(1, by: Fixture.alice, at: Fixture.day)
        #expect(book.amendments[0].status == .withdrawn)
        #expect(
            refusal(book) { try $0.submitAmendment(1, at: Fixture.day) } == .afterAward(.amendmentNotIn(1, status: .withdrawn)))
        #expect(refusal(book) { try $0.submitAmendment(9, at: Fixture.day) } == .afterAward(.unknownAmendment(9)))
    }

    @Test("reconciling the project with its approval does not undo an effective amendment")
    func reconcileKeepsAmendment() throws {
        var book = Fixture.funded()
        try book.proposeAmendment(
            project: "p1", terms: AmendmentTerms(central: .yuan(45_000)), reason: "r", preparer: Fixture.alice, at: Fixture.day)
        try book.submitAmendment(1, at: Fixture.day)
        try book.approveAmendment(1, by: Fixture.bob, at: Fixture.day)
        let amended = book
        book.reconcile(
            ProjectLifecycle(
                projectId: "p1", enterpriseOrganisationId: "ent-a", localSourceId: "city", approvedSubsidy: .yuan(100_000),
                stage: .open, milestones: [], midtermHold: nil), at: Fixture.day)
        #expect(book == amended)
        #expect(book.projects["p1"]?.approvedSubsidy == .yuan(95_000))
    }
}
