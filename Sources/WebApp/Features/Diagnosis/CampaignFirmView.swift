import Diagnosis
import PilotDomain
import PilotStore
import Programmes

/// The firm's own diagnosis page.
struct CampaignFirmView {
    var layout: Layout
    var divisions: DivisionTree
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func notice(_ text: LocalizedText) -> HTML {
        layout.page(title: t(CampaignText.title), "<h1>\(t(CampaignText.title))</h1><p class=\"notice\">\(t(text))</p>")
    }

    func divisionName(_ code: String) -> String {
        DivisionCode(code).map { divisions.label($0, language) } ?? code
    }

    func groupName(_ settings: DiagnosisSettings, _ id: String) -> String {
        settings.group(id).map { t($0.name) } ?? id
    }

    func render(
        firm: DiagnosisFirm, settings: DiagnosisSettings, rounds: [DiagnosisRecord], reminders: [DiagnosisReminder],
        members: [DiagnosisFirm], modules: [Questionnaire], flash: Flash?
    ) -> HTML {
        let record: HTML = """
            <section class="card" id="roster"><h2>\(t(CampaignText.roster))</h2><dl class="data">
            <dt>\(t(CampaignText.firmName))</dt><dd>\(firm.name)</dd>
            <dt>\(t(CampaignText.uscc))</dt><dd>\(firm.uscc)</dd>
            <dt>\(t(CampaignText.division))</dt><dd>\(divisionName(firm.divisionCode))</dd>
            <dt>\(t(CampaignText.industryGroup))</dt><dd>\(groupName(settings, firm.industryGroup))</dd>
            <dt>\(t(CampaignText.size))</dt><dd>\(CampaignReportView.sizeName(firm.size, language))</dd>
            <dt>\(t(CampaignText.contactName))</dt><dd>\(firm.contactName) \(firm.contactPhone)</dd>
            \(firm.groupUSCC.map { "<dt>\(t(CampaignText.groupHQ))</dt><dd>\($0)</dd>" as HTML })
            </dl><p><a href="/diagnosis/firms/\(firm.uscc)">\(t(CampaignText.firmFile))</a></p></section>
            """
        let action: HTML
        if let draft = firm.draftId {
            action = """
                <section class="card" id="draft"><h2>\(t(CampaignText.draft))</h2>
                <a class="button" href="/diagnosis/\(draft)" id="resume">\(t(CampaignText.resume))</a></section>
                """
        } else {
            let boxes = modules.map { module -> HTML in
                """
                <div class="checkbox"><input type="checkbox" id="m-\(module.id)" name="modules[]" value="\(module.id)">\
                <label for="m-\(module.id)">\(t(module.title))</label></div>
                """
            }.joined()
            action = """
                <section class="card" id="start"><form method="post" action="/diagnosis/start">\(layout.csrfField)
                \(modules.isEmpty ? .empty : "<fieldset class=\"field\"><legend>\(t(CampaignText.modules))</legend>\(boxes)</fieldset>" as HTML)
                <button type="submit">\(t(rounds.contains { $0.status == .submitted } ? CampaignText.startAgain : CampaignText.start))</button>
                </form></section>
                """
        }
        let submitted = rounds.filter { $0.status == .submitted }
        let roundRows = submitted.map { round -> HTML in
            """
            <tr><td>\(round.round)</td><td>\(round.scored?.base.grade ?? 0)</td>\
            <td>\(round.scored.map { DiagnosisResult.text($0.base.total) } ?? "")</td>\
            <td>\(round.submittedAt.map(Shanghai.dateText) ?? "")</td>\
            <td><a href="/diagnosis/\(round.id)/report">\(t(CampaignText.report))</a></td></tr>
            """
        }.joined()
        let roundTable: HTML =
            submitted.isEmpty
            ? "<p class=\"muted\">\(t(CampaignText.none))</p>"
            : """
            <table id="rounds"><tr><th>\(t(CampaignText.round))</th><th>\(t(CampaignText.grade))</th>\
            <th>\(t(CampaignText.total))</th><th>\(t(CampaignText.submittedAt))</th><th></th></tr>\(roundRows)</table>
            """
        let reminderList: HTML =
            reminders.isEmpty
            ? .empty
            : """
            <section class="card" id="reminders"><h2>\(t(CampaignText.reminders))</h2><ol class="timeline">\
            \(reminders.map { "<li><span class=\"muted\">\(Shanghai.dateTimeText($0.at)) · \($0.byName)</span><div class=\"pre\">\($0.message)</div></li>" as HTML })\
            </ol></section>
            """
        let memberRows = members.map { member -> HTML in
            """
            <tr><td><a href="/diagnosis/firms/\(member.uscc)">\(member.name)</a></td><td>\(member.uscc)</td>\
            <td>\(member.latestGrade.map(String.init) ?? t(CampaignText.notDiagnosed))</td></tr>
            """
        }.joined()
        let memberTable: HTML =
            members.isEmpty
            ? .empty
            : """
            <section class="card" id="members"><h2>\(t(CampaignText.members))</h2><table><tr><th>\(t(CampaignText.firmName))</th>\
            <th>\(t(CampaignText.uscc))</th><th>\(t(CampaignText.grade))</th></tr>\(memberRows)</table></section>
            """
        let body: HTML = """
            <h1>\(t(CampaignText.title))</h1>
            \(reminderList)\(record)\(action)
            <section class="card"><h2>\(t(CampaignText.rounds))</h2>\(roundTable)</section>
            \(memberTable)
            """
        return layout.page(title: t(CampaignText.title), flash: flash, body)
    }
}
