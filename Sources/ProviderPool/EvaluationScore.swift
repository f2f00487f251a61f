import PilotDomain

/// An annual evaluation score (分级评价得分) from 0 to 100 with at most two decimals, kept in
/// hundredths so the grade bounds of 第七条 are compared exactly (69.99 is below 70, never rounded up).
public struct EvaluationScore: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Hundredths of a point: 8950 is 89.50.
    public let hundredths: Int

    public init?(hundredths: Int) {
        guard (0...10_000).contains(hundredths) else { return nil }
        self.hundredths = hundredths
    }

    /// "89.5", "90", "69.99": digits with at most two decimals, 0–100. Anything else (more decimals,
    /// signs, exponents, words, out of range) is nil, with `problem` saying why.
    public init?(_ text: String) {
        guard case .success(let score) = Self.parse(text) else { return nil }
        self = score
    }

    public static func parse(_ text: String) -> Result<EvaluationScore, ScoreError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 3,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .failure(.notANumber) }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty
        else { return .failure(fraction.count > 2 ? .tooPrecise : .notANumber) }
        while fraction.count < 2 { fraction += "0" }
        guard let points = Int(whole), let cents = Int(fraction), let score = EvaluationScore(hundredths: points * 100 + cents)
        else { return .failure(.outOfRange) }
        return .success(score)
    }

    public enum ScoreError: Error, Sendable, Hashable {
        case notANumber, tooPrecise, outOfRange

        public var message: LocalizedText {
            switch self {
            case .notANumber: LocalizedText(zh: "评价得分应为数字，如 86.5", en: "The score must be a number such as 86.5")
            case .tooPrecise: LocalizedText(zh: "评价得分最多保留两位小数", en: "At most two decimals")
            case .outOfRange: LocalizedText(zh: "评价得分应在 0–100 之间", en: "The score must be from 0 to 100")
            }
        }
    }

    public static func < (lhs: EvaluationScore, rhs: EvaluationScore) -> Bool { lhs.hundredths < rhs.hundredths }

    public var description: String {
        let cents = hundredths % 100
        return cents == 0 ? "\(hundredths / 100)" : "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
