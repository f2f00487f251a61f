import PilotDomain

/// The annual grade of a pool member (第七条): 90 and above 优秀, 80 (inclusive) to 90 良好, 70
/// (inclusive) to 80 合格, below 70 不合格 — which removes the provider from the pool (第八条(2)).
public enum ProviderGrade: String, Sendable, CaseIterable, Codable, Hashable {
    case excellent, good, qualified, unqualified

    public init(_ score: EvaluationScore) {
        switch score.hundredths {
        case 9_000...: self = .excellent
        case 8_000..<9_000: self = .good
        case 7_000..<8_000: self = .qualified
        default: self = .unqualified
        }
    }

    public var label: LocalizedText {
        switch self {
        case .excellent: LocalizedText(zh: "优秀", en: "Excellent")
        case .good: LocalizedText(zh: "良好", en: "Good")
        case .qualified: LocalizedText(zh: "合格", en: "Qualified")
        case .unqualified: LocalizedText(zh: "不合格", en: "Unqualified")
        }
    }
}
