import Foundation
import PilotStore
import Testing

@Suite("Project rows packed into one text read back exactly")
struct FactRowPackingTests {
    static func record(_ fields: [String]) -> String { fields.joined(separator: "\u{1F}") }

    @Test("every field, empty optionals, negative and large numbers, non-ASCII ids; a malformed record is skipped")
    func unpack() {
        let full = Self.record([
            "prj-滨海-1", "implementation", "1735660800000", "-86400000", "org-企业", "sub-1", "zone-teda", "9007199254740993", "2",
            "3", "1", "0", "1", "authority,enterprise", "2026-03-31", "org-总包",
        ])
        let bare = Self.record(["prj-2", "registered", "5", "6", "", "", "", "", "", "", "0", "0", "0", "", "", ""])
        let short = Self.record(["prj-3", "registered", "5"])
        let badNumber = Self.record(["prj-4", "registered", "5x", "6", "", "", "", "", "", "", "0", "0", "0", "", "", ""])
        let rows = FactRowPacking.unpack([full, short, bare, badNumber].joined(separator: "\u{1E}"))
        #expect(rows.count == 2)
        let first = rows[0]
        #expect(first.instanceId == "prj-滨海-1" && first.state == "implementation")
        #expect(first.stateEnteredAt == Date(timeIntervalSince1970: 1_735_660_800))
        #expect(first.createdAt == Date(timeIntervalSince1970: -86_400))
        #expect(first.enterpriseId == "org-企业" && first.subIndustryId == "sub-1" && first.divisionCode == "zone-teda")
        #expect(first.planFiledBy == "org-总包")
        #expect(
            first.facts
                == ProjectFacts(
                    approvedSubsidy: 9_007_199_254_740_993, baselineLevel: 2, assessedLevel: 3, cloud: true, chainLed: false,
                    aboveScale: true, signedParties: ["authority", "enterprise"], rectifyBy: "2026-03-31"))
        let second = rows[1]
        #expect(
            second.instanceId == "prj-2" && second.enterpriseId == nil && second.subIndustryId == nil
                && second.divisionCode == nil)
        #expect(second.planFiledBy == nil)
        #expect(second.facts == ProjectFacts())
        #expect(FactRowPacking.unpack("").isEmpty)
    }
}
