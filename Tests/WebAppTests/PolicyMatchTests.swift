import Diagnosis
import PilotStore
import Testing

@testable import WebApp

/// Precise policy matching (issue #15), pure: every criterion set must hold, an empty one means any,
/// and what we do not know about an enterprise never satisfies a criterion.
@Suite("Policy matching: criteria, unknowns, reasons")
struct PolicyMatchTests {
    /// 专精特新, level 2–3, one sub-industry: the known answer of the issue.
    static let specialisedPolicy = PolicyCriteria(subIndustryIds: ["SMCE"], minLevel: 2, maxLevel: 3, flags: [.specialised])

    static func profile(
        _ sub: String?, level: Int?, flags: Set<EnterpriseFlag> = [.specialised], size: EnterpriseSize? = .small,
        division: String? = "120116400"
    ) -> EnterpriseProfile {
        EnterpriseProfile(subIndustryId: sub, divisionCode: division, level: level, size: size, flags: flags)
    }

    @Test(
        "a policy for 专精特新 level 2–3 in one sub-industry reaches exactly the enterprises that match every criterion, with the reasons"
    )
    func knownAnswer() {
        let enterprises: [(String, EnterpriseProfile, [PolicyMatch.Reason]?)] = [
            ("level 2", Self.profile("SMCE", level: 2), [.subIndustry("SMCE"), .level(2), .flag(.specialised)]),
            (
                "level 3, also high-tech", Self.profile("SMCE", level: 3, flags: [.specialised, .highTech]),
                [.subIndustry("SMCE"), .level(3), .flag(.specialised)]
            ),
            ("another sub-industry", Self.profile("MCES", level: 2), nil),
            ("level 1", Self.profile("SMCE", level: 1), nil),
            ("level 4", Self.profile("SMCE", level: 4), nil),
            ("not 专精特新", Self.profile("SMCE", level: 2, flags: [.aboveScale]), nil),
            ("no level yet", Self.profile("SMCE", level: nil), nil),
            ("no sub-industry", Self.profile(nil, level: 2), nil),
        ]
        for (name, profile, expected) in enterprises {
            #expect(PolicyMatch.reasons(Self.specialisedPolicy, profile) == expected, "\(name)")
        }
    }

    @Test("a policy without criteria is for everyone; zones cover their subtree; sizes must be known")
    func openZonesAndSizes() {
        #expect(PolicyMatch.reasons(PolicyCriteria(), Self.profile(nil, level: nil, flags: [], size: nil)) == [.everyone])
        let teda = PolicyCriteria(sizes: [.small, .micro], divisionCodes: ["120116400"])
        #expect(PolicyMatch.reasons(teda, Self.profile("X", level: 1)) == [.size(.small), .division("120116400")])
        #expect(PolicyMatch.reasons(teda, Self.profile("X", level: 1, division: "120116401")) == nil, "another zone")
        #expect(PolicyMatch.reasons(teda, Self.profile("X", level: 1, size: .medium)) == nil, "too large")
        #expect(PolicyMatch.reasons(teda, Self.profile("X", level: 1, size: nil)) == nil, "size unknown")
        #expect(PolicyMatch.reasons(teda, Self.profile("X", level: 1, division: nil)) == nil, "area unknown")
        let fromTwo = PolicyCriteria(minLevel: 2)
        #expect(PolicyMatch.reasons(fromTwo, Self.profile(nil, level: 4)) == [.level(4)], "no upper bound: up to 4")
        #expect(PolicyMatch.reasons(fromTwo, Self.profile(nil, level: 1)) == nil)
    }

    @Test("validity: from its first day to its last, open-ended without an end")
    func validity() {
        var content = PolicyContent(
            title: "t", issuer: "i", documentNumber: "n", issuedOn: "2024-01-01", validFrom: "2024-02-01", validTo: "2024-12-31",
            body: "b", criteria: PolicyCriteria())
        #expect(!content.inForce(on: "2024-01-31"))
        #expect(content.inForce(on: "2024-02-01") && content.inForce(on: "2024-12-31"))
        #expect(!content.inForce(on: "2025-01-01"))
        content.validTo = nil
        #expect(content.inForce(on: "2099-01-01"))
    }

    @Test("the sizes read from profiles: keys and Chinese names")
    func sizes() {
        #expect(EnterpriseSize(text: "small") == .small)
        #expect(EnterpriseSize(text: "小型") == .small)
        #expect(EnterpriseSize(text: "微") == .micro)
        #expect(EnterpriseSize(text: "巨型") == nil)
    }
}
