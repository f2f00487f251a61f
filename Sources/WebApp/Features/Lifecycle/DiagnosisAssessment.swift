import Foundation
import PilotDomain
import WorkflowEngine

/// The diagnosis questionnaire of the SME digital level index (domain.md §3) as the diagnosis
/// step carries it: `assessment` holds the points, ratings and applicable scenarios as JSON and
/// `index_edition` the edition. The level is computed here, never typed, whenever the details
/// are given — from the diagnosis page or through the API alike.
enum DiagnosisAssessment {
    static func decode(_ text: String) -> LevelAssessment? {
        try? JSONDecoder().decode(LevelAssessment.self, from: Data(text.utf8))
    }

    static func encode(_ assessment: LevelAssessment) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(assessment)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Checks the details and the level against them. Returns field errors (empty when fine) and
    /// the computed result.
    static func check(_ input: [String: JSONValue]) -> (errors: [FieldError], result: LevelResult?) {
        guard let text = input["assessment"]?.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return ([], nil)
        }
        let editionId = input["index_edition"]?.stringValue ?? "2024"
        guard let edition = LevelIndexEdition.named(editionId) else {
            return (
                [FieldError(field: "index_edition", message: LocalizedText(zh: "未知的评测指标版本", en: "Unknown index edition"))], nil
            )
        }
        guard let assessment = decode(text) else {
            return (
                [
                    FieldError(
                        field: "assessment",
                        message: LocalizedText(zh: "评测明细格式不正确", en: "The assessment details are not valid JSON of the index"))
                ], nil
            )
        }
        let problems = edition.validate(assessment)
        if !problems.isEmpty {
            return (problems.map { FieldError(field: "assessment." + $0.field, message: $0.message) }, nil)
        }
        let result = edition.evaluate(assessment)
        var errors: [FieldError] = []
        if let typed = input["level"].flatMap({ $0.intValue ?? $0.stringValue.flatMap { Int64($0) } }),
            typed != Int64(result.level)
        {
            errors.append(
                FieldError(
                    field: "level",
                    message: LocalizedText(
                        zh: "等级应为评测结果 \(result.level) 级，而非 \(typed) 级",
                        en: "The level must be the computed \(result.level), not \(typed)")))
        }
        if let typed = input["baseline_index_points"].flatMap({ $0.intValue ?? $0.stringValue.flatMap { Int64($0) } }),
            typed != Int64(result.totalPoints)
        {
            errors.append(
                FieldError(
                    field: "baseline_index_points",
                    message: LocalizedText(
                        zh: "得分应为评测合计 \(result.totalPoints) 分", en: "The points must be the computed total \(result.totalPoints)")
                ))
        }
        return (errors, result)
    }
}
