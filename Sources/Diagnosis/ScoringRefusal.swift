import PilotDomain

/// Why answers cannot be scored. Each says what to fix in both UI languages; nothing is scored
/// from answers that do not fit the questionnaire exactly (a guess would end up in a firm's file).
public enum ScoringRefusal: Error, Sendable, Hashable {
    /// The answers were given to another questionnaire or another version of it.
    case otherQuestionnaire(answered: QuestionnaireKey, scoring: QuestionnaireKey)
    /// The catalogue has no questionnaire of that id and version.
    case unknownQuestionnaire(QuestionnaireKey)
    /// The questionnaire scores against a model this scoring was not given (or the catalogue lacks).
    case unknownModel(ModelKey)
    case unknownItem(String)
    case unknownOption(item: String, value: String)
    /// An item the firm is asked was not answered.
    case missingAnswer(String)
    /// 不适用 on an item that does not allow it.
    case notApplicableRefused(String)
    /// An option chosen on an item not asked of firms of this size.
    case notAskedOfSize(item: String, size: EnterpriseSize)
    /// Every answer was 不适用: there is nothing to score.
    case nothingToScore

    public var message: LocalizedText {
        switch self {
        case .otherQuestionnaire(let answered, let scoring):
            LocalizedText(
                zh: "答卷属于问卷 \(answered)，不能按问卷 \(scoring) 评分",
                en: "The answers belong to questionnaire \(answered) and cannot be scored by \(scoring)")
        case .unknownQuestionnaire(let key):
            LocalizedText(zh: "找不到问卷 \(key)", en: "No questionnaire \(key)")
        case .unknownModel(let key):
            LocalizedText(zh: "找不到成熟度模型 \(key)", en: "No maturity model \(key)")
        case .unknownItem(let item):
            LocalizedText(zh: "问卷中没有题目 \(item)", en: "The questionnaire has no item \(item)")
        case .unknownOption(let item, let value):
            LocalizedText(zh: "题目 \(item) 没有选项 \(value)", en: "Item \(item) has no option \(value)")
        case .missingAnswer(let item):
            LocalizedText(zh: "题目 \(item) 尚未作答", en: "Item \(item) is not answered")
        case .notApplicableRefused(let item):
            LocalizedText(zh: "题目 \(item) 不能选择“不适用”", en: "Item \(item) cannot be answered “not applicable”")
        case .notAskedOfSize(let item, let size):
            LocalizedText(
                zh: "题目 \(item) 不面向\(Self.sizeName(size).zh)企业，只能选择“不适用”",
                en: "Item \(item) is not asked of \(Self.sizeName(size).en) firms; answer “not applicable”")
        case .nothingToScore:
            LocalizedText(zh: "所有题目均为“不适用”，无法评分", en: "Every answer is “not applicable”: nothing to score")
        }
    }

    static func sizeName(_ size: EnterpriseSize) -> LocalizedText {
        switch size {
        case .large: LocalizedText(zh: "大型", en: "large")
        case .medium: LocalizedText(zh: "中型", en: "medium")
        case .small: LocalizedText(zh: "小型", en: "small")
        case .micro: LocalizedText(zh: "微型", en: "micro")
        }
    }
}
