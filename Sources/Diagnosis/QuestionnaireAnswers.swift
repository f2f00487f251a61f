/// A firm's answers to one questionnaire version: pinned to that version, so a later version of the
/// questionnaire (or of the model) never re-scores them.
public struct QuestionnaireAnswers: Sendable, Hashable, Codable {
    public var questionnaire: QuestionnaireKey
    /// Decides which items the firm is asked (`applies_to`).
    public var size: EnterpriseSize
    /// Item id → the answer.
    public var answers: [String: Answer]

    public init(questionnaire: QuestionnaireKey, size: EnterpriseSize, answers: [String: Answer]) {
        self.questionnaire = questionnaire
        self.size = size
        self.answers = answers
    }

    /// One item's answer: an option's value, or 不适用 where the item allows it.
    public enum Answer: Sendable, Hashable, Codable {
        case option(String)
        case notApplicable
    }
}
