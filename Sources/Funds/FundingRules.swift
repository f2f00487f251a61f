import PilotDomain

/// The programme rules the funds module obeys. Read when a project is registered (central
/// share, tranche plan — fixed for that project from then on) and when a release is approved
/// (`holdUntilMatched`, read as it is at that moment).
public struct FundingRules: Sendable, Hashable {
    /// Percentage of each tranche paid from the central award; the rest comes from the project's
    /// local source. 0–100, default 50. Above 50, a project's local payments can never match its
    /// central ones, so its releases are refused (or held) with the shortfall shown.
    public let centralSharePercent: Int
    public let tranchePlan: TranchePlan
    /// `hold_until_matched`: a release that fails the matching rule, or whose local source has
    /// not yet received the money, waits (held) instead of being refused, and is paid by
    /// `FundsBook.retryHeld(at:)` once the local money is there.
    public let holdUntilMatched: Bool

    public init(
        centralSharePercent: Int = 50, tranchePlan: TranchePlan = .halfAtFilingHalfAtAcceptance,
        holdUntilMatched: Bool = false
    ) throws(FundingRulesProblem) {
        guard (0...100).contains(centralSharePercent) else {
            throw .centralShareOutOfRange(percent: centralSharePercent)
        }
        self.centralSharePercent = centralSharePercent
        self.tranchePlan = tranchePlan
        self.holdUntilMatched = holdUntilMatched
    }

    private init(unchecked plan: TranchePlan) {
        centralSharePercent = 50
        tranchePlan = plan
        holdUntilMatched = false
    }

    /// 50/50 central/local, 50% at filing + 50% at acceptance, refuse (not hold) when unmatched.
    public static let standard = FundingRules(unchecked: .halfAtFilingHalfAtAcceptance)
}

extension FundingRules: Codable {
    private enum CodingKeys: String, CodingKey {
        case centralSharePercent = "central_share_percent"
        case tranchePlan = "tranche_plan"
        case holdUntilMatched = "hold_until_matched"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                centralSharePercent: container.decode(Int.self, forKey: .centralSharePercent),
                tranchePlan: container.decode(TranchePlan.self, forKey: .tranchePlan),
                holdUntilMatched: container.decode(Bool.self, forKey: .holdUntilMatched))
        } catch let problem as FundingRulesProblem {
            throw DecodingError.dataCorruptedError(
                forKey: .centralSharePercent, in: container, debugDescription: problem.message.en)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(centralSharePercent, forKey: .centralSharePercent)
        try container.encode(tranchePlan, forKey: .tranchePlan)
        try container.encode(holdUntilMatched, forKey: .holdUntilMatched)
    }
}
