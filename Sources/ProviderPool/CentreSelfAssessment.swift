import PilotDomain

/// A confirmed centre's yearly self-assessment against what it committed to (第十条, 第十一条):
/// one rating from 0 to 100 per committed item, with the evidence that supports it. One per year.
public struct CentreSelfAssessment: Sendable, Hashable, Codable {
    public struct Rating: Sendable, Hashable, Codable {
        public var commitment: CentreCommitment
        /// 0–100.
        public var score: Int
        public var evidence: String

        public init(commitment: CentreCommitment, score: Int, evidence: String) {
            self.commitment = commitment
            self.score = score
            self.evidence = evidence
        }
    }

    public var year: Int
    /// In the order of the articles.
    public var ratings: [Rating]

    public init(year: Int, ratings: [Rating]) {
        self.year = year
        self.ratings = ratings.sorted { $0.commitment < $1.commitment }
    }

    /// The mean score, rounded down (for the lists).
    public var average: Int { ratings.isEmpty ? 0 : ratings.map(\.score).reduce(0, +) / ratings.count }

    public static let maxEvidence = 500
}
