import PilotDomain

/// The annual evaluation's arithmetic (分级评价, policy 002 第七条): the bureau's criteria carry
/// weights that add up to 100; each criterion is scored 0–100 (two decimals); the total is the
/// weighted mean, kept in hundredths and rounded half up once at the end, then graded by 第七条's
/// bounds. The enterprises' feedback — their 1–5 ratings of the provider's work — is one criterion
/// when the criteria name it: the mean rating scaled to 100 (5 → 100, 4 → 80).
public enum AnnualEvaluation {
    /// The weighted total of `parts` (weights in percent, adding up to 100), or nil when they do not.
    public static func total(_ parts: [(weight: Int, score: EvaluationScore)]) -> EvaluationScore? {
        guard !parts.isEmpty, parts.allSatisfy({ (1...100).contains($0.weight) }),
            parts.reduce(0, { $0 + $1.weight }) == 100
        else { return nil }
        // Σ weight × hundredths ≤ 100 × 10,000: no overflow; one rounding, half up.
        let weighted = parts.reduce(0) { $0 + $1.weight * $1.score.hundredths }
        return EvaluationScore(hundredths: (weighted + 50) / 100)
    }

    /// The feedback criterion's score from the enterprises' ratings (each 1–5), nil without any.
    public static func feedbackScore(ratings: [Int]) -> EvaluationScore? {
        let valid = ratings.filter { (1...5).contains($0) }
        guard !valid.isEmpty else { return nil }
        // mean × 20 points = Σ × 2000 / n hundredths, rounded half up.
        let sum = valid.reduce(0, +)
        return EvaluationScore(hundredths: (sum * 2000 * 2 + valid.count) / (2 * valid.count))
    }
}
