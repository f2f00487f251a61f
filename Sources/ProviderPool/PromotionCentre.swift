import PilotDomain

/// A promotion centre's way through the creation procedure of policy 002 第十三条 and its yearly
/// self-assessments. Pure: the store keeps the centre and its history; this decides.
///
///     submitted ──return (reason)──▶ returned ──correct──▶ submitted
///     submitted ──recommend (opinion, 区级初筛推荐)──▶ recommended
///     recommended ──confirm (市级名单)──▶ confirmed ──self-assess once a year
///     recommended ──decline (reason)──▶ declined
public struct PromotionCentre: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, CaseIterable, Codable, Hashable {
        case submitted, returned, recommended, confirmed, declined

        public var label: LocalizedText {
            switch self {
            case .submitted: LocalizedText(zh: "待区级初筛", en: "Awaiting the district's screening")
            case .returned: LocalizedText(zh: "退回补正", en: "Returned for correction")
            case .recommended: LocalizedText(zh: "区级已推荐，待市级确定", en: "Recommended by the district; awaiting the city")
            case .confirmed: LocalizedText(zh: "已列入市级名单", en: "On the city's list")
            case .declined: LocalizedText(zh: "未列入市级名单", en: "Not on the city's list")
            }
        }
    }

    public private(set) var application: CentreApplication
    public private(set) var status: Status
    /// Why the district returned it last (kept after correction, for the history).
    public private(set) var returnReason: String?
    /// The district's recommendation opinion (推荐意见, 第十三条（三）).
    public private(set) var recommendation: String?
    /// The city's note on confirming, or its reason for declining.
    public private(set) var decisionNote: String?
    /// Self-assessments by year.
    public private(set) var assessments: [Int: CentreSelfAssessment] = [:]

    /// A filed application waits for the district's screening.
    public init(filing application: CentreApplication) {
        self.application = application
        status = .submitted
    }

    public static let maxNote = 1000

    public enum Refusal: Error, Sendable, Hashable {
        case notInState(Status)
        case noteNeeded
        case notConfirmed
        case yearOutOfRange(Int)
        case assessedAlready(year: Int)
        case ratingsDoNotMatch
        case badRating(CentreCommitment)

        public var message: LocalizedText {
            switch self {
            case .notInState(let status):
                LocalizedText(
                    zh: "该促进中心当前状态为“\(status.label.zh)”，不能办理此事项",
                    en: "The centre is '\(status.label.en)'; this cannot be done now")
            case .noteNeeded:
                LocalizedText(
                    zh: "请填写意见或理由（\(PromotionCentre.maxNote) 字以内）",
                    en: "Give the opinion or reason (\(PromotionCentre.maxNote) characters at most)")
            case .notConfirmed:
                LocalizedText(
                    zh: "只有列入市级名单的促进中心才能提交年度自评", en: "Only a centre on the city's list files self-assessments")
            case .yearOutOfRange(let year):
                LocalizedText(
                    zh: "自评年度 \(year) 不在 2020 年至今年之间", en: "The year \(year) is not between 2020 and this year")
            case .assessedAlready(let year):
                LocalizedText(
                    zh: "\(year) 年度自评已提交，每个年度只能提交一次",
                    en: "The self-assessment for \(year) is filed already; one per year")
            case .ratingsDoNotMatch:
                LocalizedText(
                    zh: "请对建设方案承诺的每一项功能和重点内容逐项自评", en: "Rate every function and key content the centre committed to")
            case .badRating(let commitment):
                LocalizedText(
                    zh: "“\(commitment.label.zh)”的自评得分应为 0–100 的整数，并填写佐证（\(CentreSelfAssessment.maxEvidence) 字以内）",
                    en:
                        "'\(commitment.label.en)': a whole score from 0 to 100 with evidence (\(CentreSelfAssessment.maxEvidence) characters at most)"
                )
            }
        }
    }

    /// A note is required and bounded; returns it trimmed.
    static func note(_ text: String) throws(Refusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= maxNote else { throw .noteNeeded }
        return trimmed
    }

    func require(_ expected: Status) throws(Refusal) {
        guard status == expected else { throw .notInState(status) }
    }

    /// The district returns the application for correction, saying why (第十三条（三）: 真实性、完整性).
    public mutating func returnForCorrection(reason: String) throws(Refusal) {
        try require(.submitted)
        returnReason = try Self.note(reason)
        status = .returned
    }

    /// The lead files the corrected application; it waits for the district again.
    public mutating func correct(_ corrected: CentreApplication) throws(Refusal) {
        try require(.returned)
        application = corrected
        status = .submitted
    }

    /// The district recommends the centre to the city with its opinion (推荐意见).
    public mutating func recommend(opinion: String) throws(Refusal) {
        try require(.submitted)
        recommendation = try Self.note(opinion)
        status = .recommended
    }

    /// The city puts the recommended centre on its list (第十三条（四）).
    public mutating func confirm(note: String) throws(Refusal) {
        try require(.recommended)
        decisionNote = try Self.note(note)
        status = .confirmed
    }

    /// The city does not put it on its list, with its reason.
    public mutating func decline(reason: String) throws(Refusal) {
        try require(.recommended)
        decisionNote = try Self.note(reason)
        status = .declined
    }

    /// The yearly self-assessment of a confirmed centre: one per year, from 2020 to `currentYear`
    /// (the year now in Shanghai), rating exactly the items committed to.
    public mutating func selfAssess(_ assessment: CentreSelfAssessment, currentYear: Int) throws(Refusal) {
        guard status == .confirmed else { throw .notConfirmed }
        guard (2020...currentYear).contains(assessment.year) else { throw .yearOutOfRange(assessment.year) }
        guard assessments[assessment.year] == nil else { throw .assessedAlready(year: assessment.year) }
        guard assessment.ratings.map(\.commitment) == application.commitments else { throw .ratingsDoNotMatch }
        for rating in assessment.ratings {
            let evidence = rating.evidence.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (0...100).contains(rating.score), !evidence.isEmpty, evidence.count <= CentreSelfAssessment.maxEvidence
            else { throw .badRating(rating.commitment) }
        }
        assessments[assessment.year] = assessment
    }
}
