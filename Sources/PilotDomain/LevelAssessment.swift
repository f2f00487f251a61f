/// What an enterprise (or its assessor) entered for one level-index assessment: the points per
/// questionnaire item, and for 数字化经营 which scenarios apply and the level each is rated at.
/// Kept as entered — check it with `LevelIndexEdition.validate` before saving; `evaluate` counts
/// only what validation would accept, so a stray value never lifts a level.
public struct LevelAssessment: Sendable, Hashable, Codable {
    /// Points per item key. Whole points: the questionnaire awards no fractions.
    public var points: [String: Int]
    /// Rating 1...4 per scenario key. A scenario that applies but is not rated yet has no entry.
    public var ratings: [String: Int]
    /// The scenario keys that apply to this enterprise. Only these may be rated, and only these count.
    public var applicableScenarios: Set<String>

    public init(points: [String: Int] = [:], ratings: [String: Int] = [:], applicableScenarios: Set<String> = []) {
        self.points = points
        self.ratings = ratings
        self.applicableScenarios = applicableScenarios
    }

    /// The lowest and highest rating a scenario can get.
    public static let ratingRange: ClosedRange<Int> = 1...4
}
