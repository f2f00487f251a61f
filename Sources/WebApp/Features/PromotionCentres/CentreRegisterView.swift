import Foundation
import PilotDomain
import PilotStore
import Programmes
import ProviderPool

/// The public register (第十三条（四）: the city's list): what each centre is and does, never its
/// contacts or credit codes. Every text is escaped like any other page's.
struct CentreRegisterView {
    var layout: Layout
    var divisions: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ records: [CentreRecord], programmes: [Programme], divisions choices: [Division], typed: [String: String]
    ) -> HTML {
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let programmeOptions = programmes.map { option($0.code, t($0.name), typed["programme"]) }.joined()
        let commitmentOptions = CentreCommitment.allCases.map { option($0.rawValue, t($0.citation), typed["commitment"]) }
            .joined()
        let divisionOptions = choices.map { option($0.code.value, divisions.label($0.code, layout.language), typed["division"]) }
            .joined()
        let names = Dictionary(uniqueKeysWithValues: programmes.map { ($0.id, $0.name) })
        let rows = records.map { record -> HTML in
            let application = record.centre.application
            let division = DivisionCode(application.divisionCode).map { divisions.label($0, layout.language) }
            let memberNames = application.members.map(\.name).joined(separator: "、")
            let members = memberNames.isEmpty ? "" : "；\(t(CentreText.consortium))：\(memberNames)"
            return """
                <tr><td><strong>\(application.name)</strong><br><span class="muted">\(application.industry)</span></td>\
                <td>\(application.leadName)\(members)</td>\
                <td>\(division ?? application.divisionCode)</td>\
                <td>\(application.commitments.map { t($0.label) }.joined(separator: "、"))</td>\
                <td>\(application.site)</td><td>\(names[record.programmeId].map(t) ?? "")</td></tr>
                """
        }.joined()
        return layout.page(
            title: t(CentreText.registerTitle),
            """
            <h1>\(t(CentreText.registerTitle))</h1><p>\(t(CentreText.registerIntro))</p>
            <form method="get" action="/centres/register" class="card filters" id="register-filters">
            <div class="field"><label for="r-programme">\(t(CentreText.programme))</label><select id="r-programme" name="programme">\
            <option value="">\(t(CentreText.all))</option>\(programmeOptions)</select></div>
            <div class="field"><label for="r-division">\(t(CentreText.division))</label><select id="r-division" name="division">\
            <option value="">\(t(CentreText.all))</option>\(divisionOptions)</select></div>
            <div class="field"><label for="r-commitment">\(t(CentreText.commitment))</label><select id="r-commitment" \
            name="commitment"><option value="">\(t(CentreText.all))</option>\(commitmentOptions)</select></div>
            <button type="submit">\(t(CentreText.filter))</button></form>
            <p>\(t(CentreText.count(records.count)))</p>
            <table id="centre-register"><thead><tr><th>\(t(CentreText.name))</th><th>\(t(CentreText.lead))</th>\
            <th>\(t(CentreText.division))</th><th>\(t(CentreText.commitments))</th><th>\(t(CentreText.site))</th>\
            <th>\(t(CentreText.programme))</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }
}
