import PilotDomain
import Testing

@testable import Funds

@Suite("Tranche amounts and central/local splits, exact to the fen")
struct SplitTests {
    @Test("100.01 yuan at 50%: central 50.00, local 50.01 — rounding favours local")
    func oddFenAtHalf() throws {
        let plan = try TranchePlan([.init(.accepted, 100)])
        var book = Fixture.book(Fixture.rules(plan: plan))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: Fen(10_001), localSourceId: "city")
        let tranche = try #require(book.tranche(Fixture.t("p1", 1)))
        #expect(tranche.amount == Fen(10_001))
        #expect(tranche.central == Fen(5_000))
        #expect(tranche.local == Fen(5_001))
        #expect(tranche.central.yuanText == "50.00")
        #expect(tranche.local.yuanText == "50.01")
    }

    @Test("100.01 yuan at 30% central: floor(3,000.3) = 30.00 central, 70.01 local")
    func oddFenAtThirty() throws {
        let plan = try TranchePlan([.init(.accepted, 100)])
        var book = Fixture.book(Fixture.rules(share: 30, plan: plan))
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: Fen(10_001), localSourceId: "city")
        let tranche = try #require(book.tranche(Fixture.t("p1", 1)))
        #expect(tranche.central == Fen(3_000))
        #expect(tranche.local == Fen(7_001))
    }

    @Test("30/40/30 of 333,333.33 yuan: 99,999.99 + 133,333.33 + 100,000.01, the last tranche takes the rest")
    func thirtyFortyThirty() throws {
        var book = Fixture.book(Fixture.rules(plan: .thirtyFortyThirty))
        let subsidy = try Fen.parseYuan("333,333.33")
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: subsidy, localSourceId: "teda")
        let tranches = try #require(book.projects["p1"]).tranches
        #expect(tranches.map(\.amount.yuanText) == ["99,999.99", "133,333.33", "100,000.01"])
        #expect(tranches.map(\.milestone) == [.taskBookSigned, .midtermPassed, .accepted])
        #expect(tranches.reduce(Fen.zero) { $0 + $1.amount } == subsidy)
        #expect(tranches.map(\.central) == [Fen(4_999_999), Fen(6_666_666), Fen(5_000_000)])
        #expect(tranches.map(\.local) == [Fen(5_000_000), Fen(6_666_667), Fen(5_000_001)])
        #expect(tranches.map(\.status) == [.planned, .planned, .planned])
    }

    @Test("50/50 of an odd fen total: the acceptance tranche gets the odd fen")
    func halfAndHalf() {
        #expect(TranchePlan.halfAtFilingHalfAtAcceptance.amounts(for: Fen(10_001)) == [Fen(5_000), Fen(5_001)])
        #expect(TranchePlan.thirtyFortyThirty.amounts(for: Fen(1)) == [Fen(0), Fen(0), Fen(1)])
    }

    @Test("a subsidy so small a tranche would be zero is refused")
    func tooSmall() {
        let book = Fixture.book(Fixture.rules(plan: .thirtyFortyThirty))
        #expect(
            refusal(book) { book in
                try book.registerProject("p1", enterpriseOrganisationId: "e", approvedSubsidy: Fen(3), localSourceId: "city")
            } == .subsidyTooSmallForPlan(Fen(3)))
        #expect(
            refusal(book) { book in
                try book.registerProject("p1", enterpriseOrganisationId: "e", approvedSubsidy: Fen(4), localSourceId: "city")
            } == nil)
    }
}
