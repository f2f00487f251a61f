import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

extension ContractorsView {
    /// The selection rounds (policy 004 §四(五): 择优选定), each linking to its applications and scores,
    /// and for the bureau the form that opens one.
    func roundList(_ model: Model) -> HTML {
        func error(_ key: String) -> HTML {
            model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" }
                ?? .empty
        }
        let rows = model.rounds.map { round -> HTML in
            let sub = model.subIndustries.first { $0.id == round.subIndustryId }.map { t($0.name) } ?? ""
            return """
                <tr><td><a href="\(AppPath.contractorRound(round.id).url)">\(sub)</a></td><td>\(round.applicationsFrom) – \(round.applicationsUntil)</td>
                <td>\(round.termUntil)</td><td>\(round.isOpen ? t(ContractorRoundText.open) : t(ContractorRoundText.closed))</td></tr>
                """
        }.joined()
        let subs = model.subIndustries.map {
            "<option value=\"\($0.id)\"\(HTML.attribute(" selected", if: model.typed["round_sub_industry"] == $0.id))>\(t($0.name))</option>"
                as HTML
        }.joined()
        func date(_ key: String, _ label: LocalizedText) -> HTML {
            """
            <div class="field"><label for="f-\(key)">\(t(label))</label><input type="date" id="f-\(key)" name="\(key)" value="\(model.typed[key] ?? "")">\(error(key))</div>
            """
        }
        let form: HTML =
            model.canChange
            ? """
            <form method="post" action="\(AppPath.contractorRounds.url)" class="card" id="open-round">
            <h2>\(t(ContractorRoundText.openRound))</h2>\(layout.csrfField)
            <div class="field"><label for="f-round_sub_industry">\(t(ListText.subIndustry))</label><select id="f-round_sub_industry" name="round_sub_industry"><option value=""></option>\(subs)</select>\(error("round_sub_industry"))</div>
            \(date("applications_from", ContractorRoundText.from))\(date("applications_until", ContractorRoundText.until))\(date("term_until", ContractorRoundText.termUntil))
            <div class="field"><label for="f-requirements">\(t(ContractorRoundText.requirements))</label><textarea id="f-requirements" name="requirements" maxlength="2000">\(model.typed["requirements"] ?? "")</textarea>\(error("requirements"))</div>
            <button type="submit">\(t(ContractorRoundText.openRound))</button></form>
            """ : .empty
        return """
            <section class="card" id="rounds"><h2>\(t(ContractorRoundText.rounds))</h2>
            \(rows.text.isEmpty ? "<p class=\"muted\">—</p>" as HTML : "<table><thead><tr><th>\(t(ListText.subIndustry))</th><th>\(t(ContractorRoundText.window))</th><th>\(t(ContractorRoundText.termUntil))</th><th>\(t(ContractorRoundText.status))</th></tr></thead><tbody>\(rows)</tbody></table>")</section>
            \(form)
            """
    }
}
