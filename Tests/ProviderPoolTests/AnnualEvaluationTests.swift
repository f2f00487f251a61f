import ProviderPool
import Testing

/// The annual evaluation's arithmetic: weighted in hundredths, rounded once; feedback from ratings.
@Suite("Annual evaluation: weighted criteria and enterprise feedback")
struct AnnualEvaluationTests {
    static func score(_ text: String) -> EvaluationScore { EvaluationScore(text)! }

    @Test("the weighted total is exact in hundredths and rounds half up once")
    func weighted() {
        let total = AnnualEvaluation.total([
            (25, Self.score("90")), (30, Self.score("85.5")), (20, Self.score("80")), (15, Self.score("95")),
            (10, Self.score("70.01")),
        ])
        // 22.5 + 25.65 + 16 + 14.25 + 7.001 = 85.401 → 85.40
        #expect(total == Self.score("85.4"))
        // 69.995 rounds to 70.00: one rounding at the end, half up.
        #expect(AnnualEvaluation.total([(50, Self.score("69.99")), (50, Self.score("70"))]) == Self.score("70"))
        #expect(AnnualEvaluation.total([(50, Self.score("69.99")), (50, Self.score("69.99"))])?.description == "69.99")
        // Weights that do not add up to 100 give no total.
        #expect(AnnualEvaluation.total([(60, Self.score("90")), (30, Self.score("90"))]) == nil)
        #expect(AnnualEvaluation.total([]) == nil)
    }

    @Test("feedback: the mean rating × 20, nil without ratings; ratings outside 1–5 ignored")
    func feedback() {
        #expect(AnnualEvaluation.feedbackScore(ratings: [5, 4]) == Self.score("90"))
        #expect(AnnualEvaluation.feedbackScore(ratings: [5, 4, 4]) == Self.score("86.67"))
        #expect(AnnualEvaluation.feedbackScore(ratings: [1]) == Self.score("20"))
        #expect(AnnualEvaluation.feedbackScore(ratings: []) == nil)
        #expect(AnnualEvaluation.feedbackScore(ratings: [0, 9]) == nil)
    }
}
