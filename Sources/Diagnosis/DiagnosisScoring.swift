/// Scores a firm's answers (pure). Each dimension's score is the weighted mean of the option scores
/// of its answered items (不适用 drops an item out of the mean rather than counting 0); the total is
/// the model's weighted mean of the dimension scores as shown; both kept in hundredths and each
/// rounded half up once, so a reader can recompute the total from the report. The total's grade is
/// the highest whose cut-off it reaches.
public enum DiagnosisScoring {
    public static func score(
        _ answers: QuestionnaireAnswers, questionnaire: Questionnaire, model: MaturityModel
    ) throws(ScoringRefusal) -> DiagnosisResult {
        guard answers.questionnaire == questionnaire.key else {
            throw .otherQuestionnaire(answered: answers.questionnaire, scoring: questionnaire.key)
        }
        guard model.key == questionnaire.model else { throw .unknownModel(questionnaire.model) }
        for (id, answer) in answers.answers.sorted(by: { $0.key < $1.key }) {
            guard let item = questionnaire.item(id) else { throw .unknownItem(id) }
            switch answer {
            case .option(let value):
                guard item.option(value) != nil else { throw .unknownOption(item: id, value: value) }
                guard item.applies(to: answers.size) else { throw .notAskedOfSize(item: id, size: answers.size) }
            case .notApplicable:
                guard item.allowsNotApplicable || !item.applies(to: answers.size) else { throw .notApplicableRefused(id) }
            }
        }
        for item in questionnaire.items where item.applies(to: answers.size) && answers.answers[item.id] == nil {
            throw .missingAnswer(item.id)
        }
        let dimensions = model.dimensions.map { dimension in
            DiagnosisResult.DimensionScore(
                dimension: dimension.id, score: dimensionScore(dimension.id, answers: answers, questionnaire: questionnaire))
        }
        // Σ weight × hundredths ≤ 100 × 10,000 per dimension: no overflow.
        var weighted = 0
        var weights = 0
        for (dimension, scored) in zip(model.dimensions, dimensions) {
            guard let score = scored.score else { continue }
            weighted += dimension.weight * score
            weights += dimension.weight
        }
        guard weights > 0 else { throw .nothingToScore }
        let total = halfUp(weighted, weights)
        let grade = questionnaire.isModule ? nil : model.grade(for: total)
        return DiagnosisResult(
            questionnaire: questionnaire.key, model: model.key, dimensions: dimensions, total: total, grade: grade?.grade,
            stage: grade?.stage)
    }

    /// The pinned questionnaire and its model from the catalogue: answers given to version 1 are
    /// scored by version 1 however many versions came since.
    public static func score(
        _ answers: QuestionnaireAnswers, in catalogue: DiagnosisCatalogue
    ) throws(ScoringRefusal)
        -> DiagnosisResult
    {
        guard let questionnaire = catalogue.questionnaire(id: answers.questionnaire.id, version: answers.questionnaire.version)
        else { throw .unknownQuestionnaire(answers.questionnaire) }
        guard let model = catalogue.model(questionnaire.model) else { throw .unknownModel(questionnaire.model) }
        return try score(answers, questionnaire: questionnaire, model: model)
    }

    /// Hundredths: Σ weight × score × 100 / Σ weight over the dimension's answered items; nil when none.
    static func dimensionScore(_ dimension: String, answers: QuestionnaireAnswers, questionnaire: Questionnaire) -> Int? {
        var weighted = 0
        var weights = 0
        for item in questionnaire.items where item.dimension == dimension {
            guard case .option(let value) = answers.answers[item.id], let option = item.option(value) else { continue }
            weighted += item.weight * option.score * 100
            weights += item.weight
        }
        return weights > 0 ? halfUp(weighted, weights) : nil
    }

    /// numerator / denominator rounded half up (both non-negative, denominator positive).
    static func halfUp(_ numerator: Int, _ denominator: Int) -> Int {
        (2 * numerator + denominator) / (2 * denominator)
    }
}
