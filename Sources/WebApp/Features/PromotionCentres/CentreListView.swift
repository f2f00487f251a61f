import Foundation
import PilotDomain
import PilotStore
import Programmes
import ProviderPool

/// The centres within the person's reach, with their status, filtered by status and division; the
/// link to file one for a provider or contractor.
struct CentreListView {
    var layout: Layout
    var divisions: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ records: [CentreRecord], choices: [Division], typed: [String: String], canApply: Bool
    ) -> HTML {
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let statusOptions = PromotionCentre.Status.allCases.map { option($0.rawValue, t($0.label), typed["status"]) }.joined()
        let divisionOptions = choices.map { option($0.code.value, "\($0.code.value) \(t($0.name))", typed["division"]) }.joined()
        let rows = records.map { record -> HTML in
            let application = record.centre.application
            let division = DivisionCode(application.divisionCode).map { divisions.label($0, layout.language) }
            // The bureau reads the latest self-assessment at a glance (year: average score).
            let latest = record.centre.assessments.max { $0.key < $1.key }?.value
            let assessed: String = latest.map { "\($0.year)：\($0.average)" } ?? "—"
            let kind = application.isConsortium ? "（\(t(CentreText.consortium))）" : ""
            return """
                <tr data-centre="\(record.id)"><td><a href="/centres/\(record.id)">\(application.name)</a></td>\
                <td>\(application.leadName)\(kind)</td>\
                <td>\(division ?? application.divisionCode)</td><td>\(t(record.centre.status.label))</td>\
                <td>\(assessed)</td><td>\(Shanghai.dateText(record.updatedAt))</td></tr>
                """
        }.joined()
        let apply: HTML = canApply ? "<p><a class=\"button\" href=\"/centres/new\">\(t(CentreText.newTitle))</a></p>" : .empty
        return layout.page(
            title: t(CentreText.title),
            """
            <h1>\(t(CentreText.title))</h1><p class="muted">\(t(CentreText.intro))</p>\(apply)
            <form method="get" action="/centres" class="card filters" id="centre-filters">
            <div class="field"><label for="c-status">\(t(CentreText.status))</label><select id="c-status" name="status">\
            <option value="">\(t(CentreText.all))</option>\(statusOptions)</select></div>
            <div class="field"><label for="c-division">\(t(CentreText.division))</label><select id="c-division" name="division">\
            <option value="">\(t(CentreText.all))</option>\(divisionOptions)</select></div>
            <button type="submit">\(t(CentreText.filter))</button></form>
            <p>\(t(CentreText.count(records.count)))</p>
            <table id="centres"><thead><tr><th>\(t(CentreText.name))</th><th>\(t(CentreText.lead))</th>\
            <th>\(t(CentreText.division))</th><th>\(t(CentreText.status))</th><th>\(t(CentreText.assessments))</th>\
            <th>\(t(CentreText.updated))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            <p><a href="/centres/register">\(t(CentreText.registerTitle))</a></p>
            """)
    }
}
