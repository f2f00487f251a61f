import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Tranche plans and funding rules are validated, with bilingual messages")
struct RulesTests {
    @Test("plans that are refused, and why")
    func refusedPlans() {
        #expect(throws: FundingRulesProblem.planEmpty) { try TranchePlan([]) }
        #expect(throws: FundingRulesProblem.percentsDoNotSumTo100(sum: 90)) {
            try TranchePlan([.init(.taskBookSigned, 50), .init(.accepted, 40)])
        }
        #expect(throws: FundingRulesProblem.duplicateMilestone(.accepted)) {
            try TranchePlan([.init(.accepted, 50), .init(.accepted, 50)])
        }
        #expect(throws: FundingRulesProblem.milestonesOutOfOrder) {
            try TranchePlan([.init(.accepted, 50), .init(.taskBookSigned, 50)])
        }
        #expect(throws: FundingRulesProblem.percentOutOfRange(.taskBookSigned, percent: 0)) {
            try TranchePlan([.init(.taskBookSigned, 0), .init(.accepted, 100)])
        }
        #expect(throws: FundingRulesProblem.centralShareOutOfRange(percent: 101)) {
            try FundingRules(centralSharePercent: 101)
        }
    }

    @Test("the sum problem names the sum in both languages")
    func message() {
        let message = FundingRulesProblem.percentsDoNotSumTo100(sum: 90).message
        #expect(message.zh == "各期比例之和须为 100%（现为 90%）")
        #expect(message.en == "The tranche percentages must add up to 100% (they add up to 90%)")
    }

    @Test("the standard plans are valid and the defaults are 50/50, refuse when unmatched")
    func presets() throws {
        #expect(try TranchePlan(TranchePlan.halfAtFilingHalfAtAcceptance.steps) == .halfAtFilingHalfAtAcceptance)
        #expect(try TranchePlan(TranchePlan.thirtyFortyThirty.steps) == .thirtyFortyThirty)
        #expect(try FundingRules() == .standard)
        #expect(FundingRules.standard.centralSharePercent == 50)
        #expect(!FundingRules.standard.holdUntilMatched)
    }

    @Test("rules round-trip through JSON, and a stored invalid plan is refused on decoding")
    func coding() throws {
        let rules = Fixture.rules(share: 40, plan: .thirtyFortyThirty, hold: true)
        let data = try JSONEncoder().encode(rules)
        #expect(try JSONDecoder().decode(FundingRules.self, from: data) == rules)
        let bad = Data(
            #"{"central_share_percent":50,"hold_until_matched":false,"tranche_plan":[{"milestone":"accepted","percent":90}]}"#
                .utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FundingRules.self, from: bad) }
        let share = Data(#"{"central_share_percent":120,"hold_until_matched":false,"tranche_plan":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FundingRules.self, from: share) }
    }

    @Test("a programme needs exactly one central source; project local shares come from local sources")
    func sources() {
        #expect(throws: FundsRefusal.needsOneCentralSource(found: 0)) {
            try FundsBook(sources: Array(Fixture.sources.dropFirst()))
        }
        #expect(throws: FundsRefusal.duplicateSource("city")) {
            try FundsBook(sources: Fixture.sources + [Fixture.sources[1]])
        }
        let book = Fixture.book()
        #expect(book.centralSourceId == "central")
        #expect(
            refusal(book) { book in
                try book.registerProject("p1", enterpriseOrganisationId: "e", approvedSubsidy: .yuan(1), localSourceId: "central")
            } == .sourceNotLocal("central"))
        #expect(
            refusal(book) { book in
                try book.addSource(FundingSource(id: "c2", kind: .central, name: LocalizedText(zh: "", en: ""), committed: .zero))
            } == .needsOneCentralSource(found: 2))
        #expect(FundingSourceKind.zone(code: "binhai_hitech").isLocal)
        #expect(!FundingSourceKind.central.isLocal)
    }
}
