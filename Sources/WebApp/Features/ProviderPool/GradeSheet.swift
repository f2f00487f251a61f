import Foundation
import PilotDomain
import Programmes
import ProviderPool
import WorkflowEngine

/// Reads the annual evaluation form (policy 002 第七条). With the programme's criteria
/// (`pool_evaluation` in its file) each criterion is scored 0–100 (`item_<id>`), except the
/// enterprises' feedback, which is computed from their ratings of the provider's work when there
/// are any (the evaluators score it only when no enterprise has rated the provider); the total is
/// the weighted mean. Without criteria the form takes one overall score.
enum GradeSheet {
    typealias Criterion = ProgrammeDefinition.EvaluationCriterion

    /// The total and the breakdown recorded with the grade, or nil with `errors` naming each field.
    static func read(
        _ form: FormBody, criteria: [Criterion]?, ratings: [Int], errors: inout [FieldError]
    ) -> (score: EvaluationScore, breakdown: String)? {
        guard let criteria, !criteria.isEmpty else {
            switch EvaluationScore.parse(form["score"] ?? "") {
            case .success(let score): return (score, "")
            case .failure(let problem):
                errors.append(FieldError(field: "score", message: problem.message))
                return nil
            }
        }
        var parts: [(weight: Int, score: EvaluationScore)] = []
        var lines: [String] = []
        for criterion in criteria {
            let field = "item_" + criterion.id
            if criterion.fromFeedback, let computed = AnnualEvaluation.feedbackScore(ratings: ratings) {
                parts.append((criterion.weight, computed))
                lines.append("\(criterion.name.zh) \(computed)（\(ratings.count) 条企业评价）")
                continue
            }
            let typed = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            if criterion.fromFeedback && typed.isEmpty {
                errors.append(FieldError(field: field, message: PoolText.noRatings))
                continue
            }
            switch EvaluationScore.parse(typed) {
            case .success(let score):
                parts.append((criterion.weight, score))
                lines.append("\(criterion.name.zh) \(score)")
            case .failure(let problem):
                errors.append(
                    FieldError(
                        field: field,
                        message: LocalizedText(
                            zh: criterion.name.zh + "：" + problem.message.zh, en: criterion.name.en + ": " + problem.message.en)))
            }
        }
        guard errors.isEmpty, let total = AnnualEvaluation.total(parts) else { return nil }
        return (total, lines.joined(separator: "；"))
    }
}
