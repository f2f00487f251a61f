import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Funds summary")
struct FundsSummaryTests {
    @Test("totals per source: committed, received, paid out; central and local paid; planned; owed back")
    func totals() throws {
        var book = Fixture.funded()  // p1: ¥100,000, 50/50 tranches, 50% central, local from the city fund
        _ = try book.milestoneReached(project: "p1", .taskBookSigned)
        _ = try book.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day)
        _ = try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        try book.registerProject("p2", enterpriseOrganisationId: "ent-b", approvedSubsidy: .yuan(60_000), localSourceId: "teda")
        _ = try book.terminate(project: "p1", toRecover: .yuan(10_000), at: Fixture.day)

        let summary = book.summary
        #expect(summary.sources.map(\.id) == ["central", "city", "district", "teda"])  // central first
        let central = try #require(summary.sources.first)
        #expect(!central.isLocal)
        #expect(central.committed == .yuan(40_000_000))
        #expect(central.received == .yuan(1_000_000))
        #expect(central.disbursed == .yuan(25_000))
        let city = try #require(summary.sources.first { $0.id == "city" })
        #expect(city.isLocal && city.disbursed == .yuan(25_000) && city.received == .yuan(1_000_000))
        #expect(summary.sources.first { $0.id == "teda" }?.disbursed == .zero)
        #expect(summary.centralPaid == .yuan(25_000))
        #expect(summary.localPaid == .yuan(25_000))
        #expect(summary.planned == .yuan(160_000))
        #expect(summary.recoveryOwed == .yuan(10_000))
        let decoded = try JSONDecoder().decode(FundsSummary.self, from: try JSONEncoder().encode(summary))
        #expect(decoded == summary)
    }
}
