/// Why one field of a level assessment was refused. `field` is the item or scenario key as entered,
/// so a form can put the message next to its input; the message names the item and what to enter.
public struct LevelIndexProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Points below 0 or above the item's maximum.
        case pointsOutOfRange(points: Int, maximum: Int)
        /// Points for a key the edition's questionnaire does not have.
        case unknownItem
        /// A rating or applicability for a key the edition does not list as a scenario.
        case unknownScenario
        /// A rating outside 1...4.
        case ratingOutOfRange(rating: Int)
        /// A rating for a scenario not marked as applying to the enterprise.
        case ratedButNotApplicable
    }

    public var field: String
    public var kind: Kind
    public var message: LocalizedText

    public init(field: String, kind: Kind, message: LocalizedText) {
        self.field = field
        self.kind = kind
        self.message = message
    }
}

extension LevelIndexEdition {
    /// Every problem with the assessment, items first (questionnaire order) then scenarios
    /// (questionnaire order), unknown keys last in key order. Empty when the assessment is sound.
    public func validate(_ assessment: LevelAssessment) -> [LevelIndexProblem] {
        var problems: [LevelIndexProblem] = []
        for item in items {
            guard let points = assessment.points[item.key] else { continue }
            if points < 0 || points > item.maximumPoints {
                let range = "0–\(item.maximumPoints)"
                problems.append(
                    LevelIndexProblem(
                        field: item.key, kind: .pointsOutOfRange(points: points, maximum: item.maximumPoints),
                        message: LocalizedText(
                            zh: "“\(item.label.zh)”得分须在 \(range) 分之间，填写的是 \(points)",
                            en: "Points for “\(item.label.en)” must be \(range), not \(points)")))
            }
        }
        for key in assessment.points.keys.sorted() where item(key) == nil {
            problems.append(
                LevelIndexProblem(
                    field: key, kind: .unknownItem,
                    message: LocalizedText(
                        zh: "评测指标（\(id)年版）中没有“\(key)”这一项",
                        en: "The \(id) edition has no questionnaire item “\(key)”")))
        }
        for scenario in scenarios {
            guard let rating = assessment.ratings[scenario.key] else { continue }
            let name = scenario.label
            if !LevelAssessment.ratingRange.contains(rating) {
                problems.append(
                    LevelIndexProblem(
                        field: scenario.key, kind: .ratingOutOfRange(rating: rating),
                        message: LocalizedText(
                            zh: "“\(name.zh)”场景等级须为 1 至 4 级，填写的是 \(rating)",
                            en: "The level of scenario “\(name.en)” must be 1 to 4, not \(rating)")))
            }
            if !assessment.applicableScenarios.contains(scenario.key) {
                problems.append(
                    LevelIndexProblem(
                        field: scenario.key, kind: .ratedButNotApplicable,
                        message: LocalizedText(
                            zh: "“\(name.zh)”场景未标记为适用，不能评级；请标记为适用或删除评级",
                            en: "Scenario “\(name.en)” is not marked as applicable, so it cannot be rated: "
                                + "mark it applicable or remove the rating")))
            }
        }
        let scenarioKeys = Set(assessment.ratings.keys).union(assessment.applicableScenarios)
        for key in scenarioKeys.sorted() where scenario(key) == nil {
            problems.append(
                LevelIndexProblem(
                    field: key, kind: .unknownScenario,
                    message: LocalizedText(
                        zh: "评测指标（\(id)年版）中没有“\(key)”这一场景",
                        en: "The \(id) edition has no business scenario “\(key)”")))
        }
        return problems
    }
}
