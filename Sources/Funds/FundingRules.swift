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
    public internal(set) var holdUntilMatched: Bool
    /// Where local money must match central money 1:1 when a release is approved. Policy 004 §五
    /// sets the rule for the city as a whole (`.programme`, the default); `.eachProject` is the
    /// stricter programme rule (`matching_scope: project`). Like `holdUntilMatched`, it is the
    /// rule in force at approval, not at registration.
    public internal(set) var matching: MatchingRule
    /// `amendment_threshold_percent`: reallocations by an amendment above this share of the
    /// approved subsidy need the district's approval and all three signatures (default 10).
    public internal(set) var amendmentThresholdPercent: Int = 10
    /// `report_period_months` and `report_grace_days`: a progress and a financial report per period
    /// (a quarter), due this many days after it ends (30).
    public internal(set) var reportPeriodMonths: Int = 3
    public internal(set) var reportGraceDays: Int = 30

    public init(
        centralSharePercent: Int = 50, tranchePlan: TranchePlan = .halfAtFilingHalfAtAcceptance,
        holdUntilMatched: Bool = false, matching: MatchingRule = .programme, amendmentThresholdPercent: Int = 10,
        reportPeriodMonths: Int = 3, reportGraceDays: Int = 30
    ) throws(FundingRulesProblem) {
        guard (0...100).contains(centralSharePercent) else {
            throw .centralShareOutOfRange(percent: centralSharePercent)
        }
        self.centralSharePercent = centralSharePercent
        self.tranchePlan = tranchePlan
        self.holdUntilMatched = holdUntilMatched
        self.matching = matching
        // Out-of-range values fall back to the defaults rather than refusing the whole rule set:
        // 12 must divide into whole periods.
        self.amendmentThresholdPercent = (0...100).contains(amendmentThresholdPercent) ? amendmentThresholdPercent : 10
        self.reportPeriodMonths = [1, 2, 3, 4, 6, 12].contains(reportPeriodMonths) ? reportPeriodMonths : 3
        self.reportGraceDays = (0...365).contains(reportGraceDays) ? reportGraceDays : 30
    }

    private init(unchecked plan: TranchePlan) {
        centralSharePercent = 50
        tranchePlan = plan
        holdUntilMatched = false
        matching = .programme
    }

    /// 50/50 central/local, 50% at filing + 50% at acceptance, matched for the programme as a
    /// whole, refuse (not hold) when unmatched.
    public static let standard = FundingRules(unchecked: .halfAtFilingHalfAtAcceptance)
}

extension FundingRules: Codable {
    private enum CodingKeys: String, CodingKey {
        case centralSharePercent = "central_share_percent"
        case tranchePlan = "tranche_plan"
        case holdUntilMatched = "hold_until_matched"
        case matching = "matching_scope"
        case amendmentThresholdPercent = "amendment_threshold_percent"
        case reportPeriodMonths = "report_period_months"
        case reportGraceDays = "report_grace_days"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                centralSharePercent: container.decode(Int.self, forKey: .centralSharePercent),
                tranchePlan: container.decode(TranchePlan.self, forKey: .tranchePlan),
                holdUntilMatched: container.decode(Bool.self, forKey: .holdUntilMatched),
                // Books stored before the rule existed matched every project: they keep doing so
                // until the programme's rule is read at the next approval.
                matching: container.decodeIfPresent(MatchingRule.self, forKey: .matching) ?? .eachProject,
                amendmentThresholdPercent: container.decodeIfPresent(Int.self, forKey: .amendmentThresholdPercent) ?? 10,
                reportPeriodMonths: container.decodeIfPresent(Int.self, forKey: .reportPeriodMonths) ?? 3,
                reportGraceDays: container.decodeIfPresent(Int.self, forKey: .reportGraceDays) ?? 30)
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
        try container.encode(matching, forKey: .matching)
        try container.encode(amendmentThresholdPercent, forKey: .amendmentThresholdPercent)
        try container.encode(reportPeriodMonths, forKey: .reportPeriodMonths)
        try container.encode(reportGraceDays, forKey: .reportGraceDays)
    }
}

/// Where the 1:1 matching of central by local money is enforced.
public enum MatchingRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The city (programme) as a whole: cumulative local paid ≥ cumulative central paid over all
    /// projects (policy 004 §五). A project may be unmatched while others make up for it.
    case programme
    /// Every project on its own, and the programme too.
    case eachProject = "project"
}
