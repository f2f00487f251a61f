import Foundation
import PilotDomain
import Testing

@testable import Funds

/// A small programme: the central award, the city fund, a district fund and TEDA; three bureau
/// finance officers, a delegate acting for one of them, and someone of the paid enterprise.
enum Fixture {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)

    static let sources = [
        FundingSource(
            id: "central", kind: .central, name: LocalizedText(zh: "中央财政奖补资金", en: "Central reward"),
            committed: .yuan(40_000_000)),
        FundingSource(
            id: "city", kind: .city, name: LocalizedText(zh: "市级制造业高质量发展专项资金", en: "City fund"),
            committed: .yuan(20_000_000)),
        FundingSource(
            id: "district", kind: .districtStreet, name: LocalizedText(zh: "区级街镇资金", en: "District funds"),
            committed: .yuan(10_000_000)),
        FundingSource(
            id: "teda", kind: .zone(code: "teda"), name: LocalizedText(zh: "天津经济技术开发区", en: "TEDA"),
            committed: .yuan(10_000_000)),
    ]

    static let alice = Officer(userId: "alice", organisationId: "bureau")
    static let bob = Officer(userId: "bob", organisationId: "bureau")
    static let carol = Officer(userId: "carol", organisationId: "bureau")
    /// Acts for Alice: counts as Alice for four eyes.
    static let aliceDelegate = Officer(userId: "dave", organisationId: "bureau", principalUserId: "alice")
    /// Belongs to ent-a, the enterprise of project p1.
    static let insider = Officer(userId: "mallory", organisationId: "ent-a")

    /// Matching per project unless told otherwise: the stricter rule most tests exercise.
    static func rules(
        share: Int = 50, plan: TranchePlan = .halfAtFilingHalfAtAcceptance, hold: Bool = false,
        matching: MatchingRule = .eachProject
    ) -> FundingRules {
        try! FundingRules(centralSharePercent: share, tranchePlan: plan, holdUntilMatched: hold, matching: matching)
    }

    static func book(_ rules: FundingRules = Fixture.rules()) -> FundsBook {
        try! FundsBook(rules: rules, sources: sources)
    }

    /// p1 (ent-a, ¥100,000, local from the city fund), with ¥1,000,000 in central and city cash.
    static func funded(_ rules: FundingRules = Fixture.rules(), subsidy: Fen = .yuan(100_000)) -> FundsBook {
        var book = book(rules)
        try! book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: subsidy, localSourceId: "city")
        try! book.receive(source: "central", amount: .yuan(1_000_000), at: day)
        try! book.receive(source: "city", amount: .yuan(1_000_000), at: day)
        return book
    }

    static func t(_ project: String, _ number: Int) -> TrancheID { TrancheID(project: project, number: number) }

    /// `funded()` with p1's first tranche (¥25,000 central + ¥25,000 local) paid and its second due.
    static func paidOnce() throws -> FundsBook {
        var book = funded()
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t("p1", 1)], preparer: alice, at: day)
        try book.approveRelease(1, approver: bob, at: day)
        try book.milestoneReached(project: "p1", .accepted)
        return book
    }
}

/// Runs an operation on a copy and returns its refusal, checking the refusal left the book as it was.
func refusal(
    _ book: FundsBook, sourceLocation: SourceLocation = #_sourceLocation,
    _ operation: (inout FundsBook) throws -> [FundsEvent]
) -> FundsRefusal? {
    var copy = book
    do {
        _ = try operation(&copy)
        return nil
    } catch let refusal as FundsRefusal {
        #expect(copy == book, "a refused operation changed the book", sourceLocation: sourceLocation)
        return refusal
    } catch {
        Issue.record(error, "not a refusal", sourceLocation: sourceLocation)
        return nil
    }
}
