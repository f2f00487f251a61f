import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// The application form (建设方案 and what 第九条–第十二条 ask for): new, or prefilled for a
/// correction after the district returned it. Values typed are shown again with each field's problem.
struct CentreFormView {
    var layout: Layout
    var divisions: [Division]
    var typed: [String: String]
    var errors: [FieldError]

    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func error(_ key: String) -> HTML {
        errors.filter { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(layout.language))</div>" as HTML }
            .joined()
    }

    /// The typed values of an application (to prefill a correction).
    static func values(_ application: CentreApplication) -> [String: String] {
        var values: [String: String] = [
            "name": application.name, "industry": application.industry, "lead_uscc": application.leadUSCC,
            "legal_person": "on", "plan_summary": application.planSummary, "site": application.site,
            "team_size": String(application.teamSize), "division": application.divisionCode,
            "contact_name": application.contactName, "contact_phone": application.contactPhone,
        ]
        for commitment in application.commitments { values["commitment_\(commitment.rawValue)"] = "on" }
        for (index, member) in application.members.enumerated() {
            values["member_name_\(index + 1)"] = member.name
            values["member_uscc_\(index + 1)"] = member.uscc
            values["member_kind_\(index + 1)"] = member.kind.rawValue
        }
        return values
    }

    func input(_ name: String, _ label: LocalizedText, max: Int, mode: String = "text") -> HTML {
        """
        <div class="field"><label for="f-\(name)">\(t(label))</label><input type="text" id="f-\(name)" name="\(name)" \
        maxlength="\(max)" inputmode="\(mode)" value="\(typed[name] ?? "")">\(error(name))</div>
        """
    }

    func render(action: String, leadName: String, heading: LocalizedText, correcting: Bool) -> HTML {
        let divisionOptions = divisions.map { division -> HTML in
            let selected = HTML.attribute(" selected", if: typed["division"] == division.code.value)
            return "<option value=\"\(division.code.value)\"\(selected)>\(division.code.value) \(t(division.name))</option>"
        }.joined()
        func boxes(_ list: [CentreCommitment]) -> HTML {
            list.map { commitment -> HTML in
                let name = "commitment_\(commitment.rawValue)"
                return """
                    <div class="checkbox"><input type="checkbox" id="f-\(name)" name="\(name)" value="on"\
                    \(HTML.attribute(" checked", if: typed[name] == "on"))><label for="f-\(name)">\(t(commitment.citation))</label></div>
                    """
            }.joined()
        }
        let kinds = CentreMember.Kind.allCases
        let memberRows = (1...CentreApplication.maxMembers).map { number -> HTML in
            let kindOptions = kinds.map { kind -> HTML in
                let selected = HTML.attribute(" selected", if: typed["member_kind_\(number)"] == kind.rawValue)
                return "<option value=\"\(kind.rawValue)\"\(selected)>\(t(kind.label))</option>"
            }.joined()
            return """
                <tr><td>\(number)</td><td><input type="text" name="member_name_\(number)" maxlength="100" \
                aria-label="\(t(CentreText.memberName)) \(number)" value="\(typed["member_name_\(number)"] ?? "")">\
                \(error("member_name_\(number)"))</td>\
                <td><input type="text" name="member_uscc_\(number)" maxlength="18" aria-label="\(t(CentreText.memberUSCC)) \(number)" \
                value="\(typed["member_uscc_\(number)"] ?? "")">\(error("member_uscc_\(number)"))</td>\
                <td><select name="member_kind_\(number)" aria-label="\(t(CentreText.memberKind)) \(number)"><option value="">—</option>\
                \(kindOptions)</select>\(error("member_kind_\(number)"))</td></tr>
                """
        }.joined()
        return """
            <form method="post" action="\(action)" enctype="multipart/form-data" class="card" id="centre-application">\
            <h2>\(t(heading))</h2>\(layout.csrfField)
            \(input("name", CentreText.name, max: 100))\(input("industry", CentreText.industry, max: 100))
            <div class="field"><label>\(t(CentreText.lead))</label><div><strong>\(leadName)</strong></div></div>
            \(input("lead_uscc", CentreText.leadUSCC, max: 18))
            <div class="checkbox"><input type="checkbox" id="f-legal_person" name="legal_person" value="on"\
            \(HTML.attribute(" checked", if: typed["legal_person"] == "on"))><label for="f-legal_person">\(t(CentreText.legalPerson))</label>\
            </div>\(error("legal_person"))
            <fieldset><legend>\(t(CentreText.members))</legend><table id="centre-members"><thead><tr><th>#</th>\
            <th>\(t(CentreText.memberName))</th><th>\(t(CentreText.memberUSCC))</th><th>\(t(CentreText.memberKind))</th></tr></thead>\
            <tbody>\(memberRows)</tbody></table>
            <div class="field"><label for="f-agreement">\(t(CentreText.agreement))</label><input type="file" id="f-agreement" \
            name="agreement" accept=".pdf,.docx,.png,.jpg,.jpeg">\(error("agreement"))</div></fieldset>
            <div class="field"><label for="f-plan_summary">\(t(CentreText.planSummary))</label><textarea id="f-plan_summary" \
            name="plan_summary" maxlength="\(CentreApplication.maxSummary)" rows="5">\(typed["plan_summary"] ?? "")</textarea>\
            \(error("plan_summary"))</div>
            <div class="field"><label for="f-plan">\(t(CentreText.plan))</label><input type="file" id="f-plan" name="plan" \
            accept=".pdf,.docx,.png,.jpg,.jpeg">\(error("plan"))</div><p class="muted">\(t(CentreText.fileHint))</p>
            <fieldset id="centre-commitments"><legend>\(t(CentreText.functions))</legend>\(boxes(CentreCommitment.functions))</fieldset>
            <fieldset><legend>\(t(CentreText.contents))</legend>\(boxes(CentreCommitment.contents))</fieldset>\(error("commitments"))
            \(input("site", CentreText.site, max: 200))\(input("team_size", CentreText.teamSize, max: 5, mode: "numeric"))
            <div class="field"><label for="f-division">\(t(CentreText.division))</label><select id="f-division" name="division">\
            <option value="">—</option>\(divisionOptions)</select>\(error("division"))</div>
            \(input("contact_name", CentreText.contactName, max: 50))\(input("contact_phone", CentreText.contactPhone, max: 30))
            <button type="submit">\(t(correcting ? CentreText.correctTitle : CentreText.submit))</button></form>
            """
    }
}
