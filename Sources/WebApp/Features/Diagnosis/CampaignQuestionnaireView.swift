import Diagnosis
import PilotDomain
import PilotStore

/// The questionnaire: every item asked of the firm's size, grouped by the model's dimensions, with
/// its help, the evidence it asks for, its options as radio buttons and 不适用 where allowed.
struct CampaignQuestionnaireView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        record: DiagnosisRecord, firm: DiagnosisFirm, sheets: [(questionnaire: Questionnaire, answers: QuestionnaireAnswers)],
        model: MaturityModel?, version: Int, evidence: [DiagnosisEvidence], flash: Flash?
    ) -> HTML {
        let files = Dictionary(grouping: evidence, by: \.itemId)
        let parts = sheets.enumerated().map { index, sheet in
            self.sheet(index, sheet.questionnaire, sheet.answers, model: model, files: files)
        }.joined()
        let choices = sheets.flatMap { sheet in
            sheet.questionnaire.items.filter { $0.applies(to: sheet.answers.size) && $0.evidence != nil }
        }.map { item -> HTML in "<option value=\"\(item.id)\">\(t(item.question))</option>" }.joined()
        let body: HTML = """
            <h1>\(t(CampaignText.title))</h1>
            <p class="muted">\(firm.name) · \(t(CampaignText.round)) \(record.round)</p>
            <form method="post" action="/diagnosis/\(record.id)" id="questionnaire">\(layout.csrfField)
            <input type="hidden" name="version" value="\(version)">
            \(parts)
            <p><button type="submit" name="action" value="save" class="secondary" id="save">\(t(CampaignText.save))</button> \
            <button type="submit" name="action" value="submit" id="submit">\(t(CampaignText.submit))</button></p>
            </form>
            <form method="post" action="/diagnosis/\(record.id)/evidence" enctype="multipart/form-data" class="card" id="evidence-form">\
            \(layout.csrfField)<h2>\(t(CampaignText.evidenceUpload))</h2>
            <div class="field"><label for="f-item">\(t(CampaignText.evidenceItem))</label><select id="f-item" name="item">\(choices)</select></div>
            <div class="field"><label for="f-file">\(t(CampaignText.evidenceFile))</label><input type="file" id="f-file" name="file"></div>
            <button type="submit" class="secondary">\(t(CampaignText.evidenceUpload))</button></form>
            """
        return layout.page(title: t(CampaignText.title), flash: flash, body)
    }

    func sheet(
        _ index: Int, _ questionnaire: Questionnaire, _ answers: QuestionnaireAnswers, model: MaturityModel?,
        files: [String: [DiagnosisEvidence]]
    ) -> HTML {
        let asked = questionnaire.items.filter { $0.applies(to: answers.size) }
        var order = model?.dimensions.map(\.id) ?? []
        for item in asked where !order.contains(item.dimension) { order.append(item.dimension) }
        let groups = order.compactMap { dimension -> HTML? in
            let items = asked.filter { $0.dimension == dimension }
            guard !items.isEmpty else { return nil }
            let name = model?.dimension(dimension).map { t($0.name) } ?? dimension
            return "<h3>\(name)</h3>\(items.map { self.item(index, $0, answers.answers[$0.id], files: files[$0.id] ?? []) })"
        }.joined()
        return """
            <section class="card questionnaire" id="sheet-\(index)"><h2>\(t(questionnaire.title))</h2>\
            <p class="muted">\(t(CampaignText.questionnaireVersion)) \(questionnaire.id) v\(questionnaire.version)</p>\(groups)</section>
            """
    }

    func item(
        _ sheet: Int, _ item: Questionnaire.Item, _ answer: QuestionnaireAnswers.Answer?, files: [DiagnosisEvidence]
    ) -> HTML {
        let name = CampaignAnswersForm.field(sheet, item.id)
        var options = item.options.map { option -> HTML in
            let checked = HTML.attribute(" checked", if: answer == .option(option.value))
            return """
                <div class="checkbox"><input type="radio" id="\(name)-\(option.value)" name="\(name)" value="\(option.value)"\(checked)>\
                <label for="\(name)-\(option.value)">\(t(option.label))</label></div>
                """
        }
        if item.allowsNotApplicable {
            let checked = HTML.attribute(" checked", if: answer == .notApplicable)
            options.append(
                """
                <div class="checkbox"><input type="radio" id="\(name)-na" name="\(name)" value="\(CampaignAnswersForm.notApplicable)"\(checked)>\
                <label for="\(name)-na">\(t(CampaignText.notApplicable))</label></div>
                """)
        }
        let uploaded = files.map { file -> HTML in
            "<li><a href=\"/diagnosis/evidence/\(file.id)\">\(file.fileName)</a> <span class=\"muted\">\(file.size / 1024 + 1) KB</span></li>"
        }.joined()
        let hint: HTML =
            item.evidence.map { "<p class=\"muted\">\(t(CampaignText.evidence))：\(t($0))</p>" as HTML } ?? .empty
        let list: HTML = files.isEmpty ? .empty : "<ul class=\"evidence\">\(uploaded)</ul>"
        let evidence: HTML = "\(hint)\(list)"
        return """
            <fieldset class="field" id="item-\(item.id)"><legend>\(t(item.question))</legend>\
            <details><summary>\(t(CampaignText.help))</summary><p class="muted">\(t(item.help))</p></details>\(evidence)\
            \(options.joined())</fieldset>
            """
    }
}
