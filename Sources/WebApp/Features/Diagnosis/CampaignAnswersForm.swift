import Diagnosis
import PilotDomain

/// The questionnaire's form fields ↔ the answers: one radio group per item asked of the firm's
/// size, named `a<sheet>.<item>` (sheet 0 the base questionnaire, then the modules), valued by the
/// option or `__na` for 不适用. Items not asked of the size are never drawn nor read.
enum CampaignAnswersForm {
    static let notApplicable = "__na"

    static func field(_ sheet: Int, _ item: String) -> String { "a\(sheet).\(item)" }

    /// The answers the form carries, on top of nothing (a missing field is an unanswered item);
    /// a value that is no option of its item, or 不适用 where it is not allowed, is a 422 naming it.
    static func read(
        _ form: FormBody, into answered: AnsweredDiagnosis, catalogue: DiagnosisCatalogue
    ) throws -> AnsweredDiagnosis {
        try read({ form[$0] }, into: answered, catalogue: catalogue)
    }

    /// The same, from any source of field values (the page's form, the API's answer list).
    static func read(
        _ lookup: (String) -> String?, into answered: AnsweredDiagnosis, catalogue: DiagnosisCatalogue
    ) throws -> AnsweredDiagnosis {
        var result = answered
        for (index, sheet) in answered.sheets.enumerated() {
            guard let questionnaire = catalogue.questionnaire(id: sheet.questionnaire.id, version: sheet.questionnaire.version)
            else { throw AppError(.unprocessableContent, code: "no_questionnaire", message: CampaignText.questionnaireMissing) }
            var answers: [String: QuestionnaireAnswers.Answer] = [:]
            for item in questionnaire.items where item.applies(to: sheet.size) {
                guard let value = lookup(field(index, item.id)), !value.isEmpty else { continue }
                if value == notApplicable, item.allowsNotApplicable {
                    answers[item.id] = .notApplicable
                } else if item.option(value) != nil {
                    answers[item.id] = .option(value)
                } else {
                    throw AppError(.unprocessableContent, code: "bad_answer", message: CampaignText.badAnswer(item.id))
                }
            }
            if index == 0 { result.base.answers = answers } else { result.modules[index - 1].answers = answers }
        }
        return result
    }

    /// The message for a refused scoring, naming the question by its text where it is one.
    static func message(_ refusal: ScoringRefusal, answered: AnsweredDiagnosis, catalogue: DiagnosisCatalogue) -> LocalizedText {
        guard case .missingAnswer(let id) = refusal else { return refusal.message }
        for sheet in answered.sheets {
            guard let questionnaire = catalogue.questionnaire(id: sheet.questionnaire.id, version: sheet.questionnaire.version),
                let index = questionnaire.items.firstIndex(where: { $0.id == id })
            else { continue }
            let question = questionnaire.items[index].question
            return LocalizedText(
                zh: "尚未作答：\(questionnaire.title.zh) 第 \(index + 1) 题“\(question.zh)”",
                en: "Not answered: \(questionnaire.title.en), question \(index + 1) “\(question.en)”")
        }
        return refusal.message
    }
}
