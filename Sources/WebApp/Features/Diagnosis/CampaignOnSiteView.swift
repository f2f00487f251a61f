import Diagnosis
import PilotDomain
import PilotStore
import WorkflowEngine

/// The assigned provider's on-site report form (and, once filed, the report as filed).
struct CampaignOnSiteView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        offline: OfflineDiagnosis, record: DiagnosisRecord, firm: DiagnosisFirm, typed: [String: String], errors: [FieldError],
        flash: Flash?
    ) -> HTML {
        func error(_ key: String) -> HTML {
            errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
        }
        func invalid(_ key: String) -> HTML {
            HTML.attribute(" class=\"invalid\" aria-invalid=\"true\"", if: errors.contains { $0.field == key })
        }
        let filed = offline.status == "filed"
        let disabled = HTML.attribute(" disabled", if: filed)
        let areas = OnSiteAreas.all.map { area -> HTML in
            let key = "finding_" + area.key
            return """
                <div class="field"><label for="f-\(key)">\(t(area.name))</label><textarea id="f-\(key)" name="\(key)" \
                maxlength="\(OnSiteAreas.findingsLimit)"\(invalid(key))\(disabled)>\(typed[key] ?? "")</textarea>\(error(key))</div>
                """
        }.joined()
        let submit: HTML = filed ? .empty : "<button type=\"submit\">\(t(CampaignText.fileReport))</button>"
        let body: HTML = """
            <h1>\(t(CampaignText.onSiteTitle))</h1>
            <p class="muted">\(firm.name)（\(firm.uscc)） · \(t(CampaignText.selfGrade)) \(record.scored?.base.grade ?? 0) · \
            \(t(CampaignText.offlineStatus(offline.status)))</p>
            <form method="post" action="/diagnosis/offline/\(record.id)" class="card" id="onsite-form">\(layout.csrfField)
            <div class="field"><label for="f-visited_on">\(t(CampaignText.visitDate))</label><input type="date" id="f-visited_on" \
            name="visited_on" value="\(typed["visited_on"] ?? "")"\(invalid("visited_on"))\(disabled)>\(error("visited_on"))</div>
            <h2>\(t(CampaignText.findings))</h2>\(areas)
            <div class="field"><label for="f-verified_grade">\(t(CampaignText.verifiedGrade))</label><input type="number" min="1" \
            max="10" id="f-verified_grade" name="verified_grade" value="\(typed["verified_grade"] ?? "")"\(invalid("verified_grade"))\(disabled)>\
            \(error("verified_grade"))</div>
            <div class="field"><label for="f-opinion">\(t(CampaignText.opinion))</label><textarea id="f-opinion" name="opinion" \
            maxlength="2000"\(invalid("opinion"))\(disabled)>\(typed["opinion"] ?? "")</textarea>\(error("opinion"))</div>
            \(submit)</form>
            """
        return layout.page(title: t(CampaignText.onSiteTitle), flash: flash, body)
    }
}
