/// What a scored questionnaire gives: a score per dimension, the weighted total, the grade (档) and
/// stage, and which questionnaire and model versions produced them — a result is read beside others
/// scored years apart, and must say by which rules it was scored (issue #14).
public struct DiagnosisResult: Sendable, Hashable, Codable {
    public var questionnaire: QuestionnaireKey
    public var model: ModelKey
    /// In the model's order. Scores are hundredths of a point (7250 is 72.50).
    public var dimensions: [DimensionScore]
    /// The weighted mean of the scored dimensions, hundredths.
    public var total: Int
    /// The grade 1–10 and its stage; nil for a module, which never grades a firm.
    public var grade: Int?
    public var stage: String?

    public init(
        questionnaire: QuestionnaireKey, model: ModelKey, dimensions: [DimensionScore], total: Int, grade: Int?, stage: String?
    ) {
        self.questionnaire = questionnaire
        self.model = model
        self.dimensions = dimensions
        self.total = total
        self.grade = grade
        self.stage = stage
    }

    public func score(_ dimension: String) -> Int? { dimensions.first { $0.dimension == dimension }?.score }

    public struct DimensionScore: Sendable, Hashable, Codable {
        public var dimension: String
        /// Hundredths; nil when no applicable item of the dimension was answered (only in a module).
        public var score: Int?

        public init(dimension: String, score: Int?) {
            self.dimension = dimension
            self.score = score
        }
    }

    /// "72.50", "80", "69.99": hundredths as the report prints them.
    public static func text(_ hundredths: Int) -> String {
        let cents = hundredths % 100
        return cents == 0 ? "\(hundredths / 100)" : "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
