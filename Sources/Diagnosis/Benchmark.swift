/// Where a firm's total stands among its peers (issue #14 benchmarking): the peers counted below it,
/// level with it, in all, and how the peers spread over the ten grades.
public struct PeerStanding: Sendable, Hashable, Codable {
    public var below: Int
    public var equal: Int
    public var count: Int
    /// Grade 1–10 → firms at that grade.
    public var grades: [Int: Int]

    public init(below: Int, equal: Int, count: Int, grades: [Int: Int]) {
        self.below = below
        self.equal = equal
        self.count = count
        self.grades = grades
    }

    /// The percentile rank in whole percent, the firm itself among the peers: (below + ½ × level with
    /// it) / all × 100, rounded half up — the usual definition, so a firm alone is at 50 and the best
    /// of 100 distinct scores at 100 minus a half. nil without peers.
    public var percentile: Int? {
        guard count > 0 else { return nil }
        // In halves: (2 × below + equal) × 100 / (2 × count), rounded half up.
        let numerator = (2 * below + equal) * 100
        let denominator = 2 * count
        return (2 * numerator + denominator) / (2 * denominator)
    }
}

/// The peer sets a report compares a firm with.
public enum PeerSet: String, Sendable, Hashable, CaseIterable, Codable {
    /// The firms of its district (or county) in its campaign.
    case region
    /// Its industry group in its campaign.
    case industryGroup = "industry_group"
    /// Its size band in its campaign.
    case sizeBand = "size_band"
    /// Every firm of the deployment scored by the same model version, across campaigns.
    case deployment
}
