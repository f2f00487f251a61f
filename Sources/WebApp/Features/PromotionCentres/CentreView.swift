import Foundation
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// One centre: its application, documents, the district's and the city's notes, the self-assessments
/// and the history; then the forms of whoever may act on it now (the district's screening, the
/// city's decision, the lead's correction or yearly self-assessment).
struct CentreView {
    struct Model {
        var record: CentreRecord
        var events: [CentreEvent]
        var documents: [CentreDocument]
        var divisions: DivisionTree
        var programmeDivisions: [Division]
        var screens: Bool
        var decides: Bool
        var isLead: Bool
        var currentYear: Int
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        /// Which form the typed values and errors belong to.
        var form: String? = nil
    }

    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func error(_ model: Model, _ key: String) -> HTML {
        model.errors.filter { $0.field == key }.map {
            "<div class=\"field-error\">\($0.message.text(layout.language))</div>" as HTML
        }.joined()
    }

    func typed(_ model: Model, _ form: String, _ key: String) -> String {
        model.form == form ? model.typed[key] ?? "" : ""
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let centre = model.record.centre
        let application = centre.application
        return layout.page(
            title: application.name, flash: flash,
            """
            <p><a href="/centres">\(t(CentreText.title))</a></p>
            <h1>\(application.name)</h1>
            <p><span class="status" id="centre-status" data-status="\(centre.status.rawValue)">\(t(centre.status.label))</span></p>
            \(details(model))\(notes(centre))\(documents(model))\(assessments(centre))
            \(model.screens && centre.status == .submitted ? screenForm(model) : .empty)\
            \(model.decides && centre.status == .recommended ? decideForm(model) : .empty)\
            \(model.isLead && centre.status == .confirmed ? assessForm(model) : .empty)\
            \(model.isLead && centre.status == .returned ? correctForm(model) : .empty)
            \(history(model))
            """)
    }

    func details(_ model: Model) -> HTML {
        let application = model.record.centre.application
        let members =
            application.members.isEmpty
            ? "<p>\(t(CentreText.alone))</p>" as HTML
            : """
            <table id="members"><thead><tr><th>\(t(CentreText.memberName))</th><th>\(t(CentreText.memberUSCC))</th>\
            <th>\(t(CentreText.memberKind))</th></tr></thead><tbody>\(application.members.map { member -> HTML in
                "<tr><td>\(member.name)</td><td>\(member.uscc)</td><td>\(t(member.kind.label))</td></tr>"
            })</tbody></table>
            """
        let division = DivisionCode(application.divisionCode).map { model.divisions.label($0, layout.language) }
        return """
            <section class="card" id="centre-application"><dl>
            <dt>\(t(CentreText.industry))</dt><dd>\(application.industry)</dd>
            <dt>\(t(CentreText.lead))</dt><dd>\(application.leadName)（\(application.leadUSCC)）</dd>
            <dt>\(t(CentreText.consortium))</dt><dd>\(members)</dd>
            <dt>\(t(CentreText.planSummary))</dt><dd class="pre">\(application.planSummary)</dd>
            <dt>\(t(CentreText.commitments))</dt><dd><ul>\(application.commitments.map { "<li>\(t($0.citation))</li>" as HTML })</ul></dd>
            <dt>\(t(CentreText.site))</dt><dd>\(application.site)</dd>
            <dt>\(t(CentreText.teamSize))</dt><dd>\(application.teamSize)</dd>
            <dt>\(t(CentreText.division))</dt><dd>\(division ?? application.divisionCode)</dd>
            <dt>\(t(CentreText.contactName))</dt><dd>\(application.contactName) \(application.contactPhone)</dd>
            </dl></section>
            """
    }

    func notes(_ centre: PromotionCentre) -> HTML {
        let rows: [(LocalizedText, String?)] = [
            (CentreText.returnReason, centre.returnReason), (CentreText.recommendation, centre.recommendation),
            (CentreText.decisionNote, centre.decisionNote),
        ]
        let shown = rows.compactMap { label, text in text.map { "<dt>\(t(label))</dt><dd>\($0)</dd>" as HTML } }
        guard !shown.isEmpty else { return .empty }
        return "<section class=\"card\" id=\"centre-notes\"><dl>\(shown)</dl></section>"
    }

    func documents(_ model: Model) -> HTML {
        let application = model.record.centre.application
        let inForce = [application.planDocumentId, application.agreementDocumentId].compactMap { $0 }
        let rows = model.documents.filter { inForce.contains($0.id) }.map { document -> HTML in
            """
            <li>\(t(CentreText.purpose(document.purpose)))：<a href="/centres/\(model.record.id)/documents/\(document.id)">\
            \(document.fileName)</a> <span class="muted">\(Self.size(document.size)) · \(Shanghai.dateText(document.uploadedAt))</span></li>
            """
        }
        return "<section class=\"card\" id=\"centre-documents\"><h2>\(t(CentreText.documents))</h2><ul>\(rows)</ul></section>"
    }

    /// "820 B", "14 KB", "2.5 MB".
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes * 10 / (1024 * 1024) / 10).\(bytes * 10 / (1024 * 1024) % 10) MB"
    }

    func assessments(_ centre: PromotionCentre) -> HTML {
        guard centre.status == .confirmed else { return .empty }
        let years = centre.assessments.keys.sorted(by: >)
        guard !years.isEmpty else {
            return
                "<section class=\"card\" id=\"centre-assessments\"><h2>\(t(CentreText.assessments))</h2><p class=\"muted\">\(t(CentreText.noAssessments))</p></section>"
        }
        let tables = years.compactMap { centre.assessments[$0] }.map { assessment -> HTML in
            """
            <h3>\(assessment.year)（\(t(CentreText.average))：\(assessment.average)）</h3><table data-year="\(assessment.year)">\
            <thead><tr><th>\(t(CentreText.commitment))</th><th>\(t(CentreText.score))</th><th>\(t(CentreText.evidence))</th></tr></thead>\
            <tbody>\(assessment.ratings.map { rating -> HTML in
                "<tr><td>\(t(rating.commitment.citation))</td><td class=\"num\">\(rating.score)</td><td>\(rating.evidence)</td></tr>"
            })</tbody></table>
            """
        }
        return "<section class=\"card\" id=\"centre-assessments\"><h2>\(t(CentreText.assessments))</h2>\(tables)</section>"
    }

    func choice(_ model: Model, _ form: String, _ options: [(String, LocalizedText)]) -> HTML {
        options.map { value, label -> HTML in
            let id = "\(form)-\(value)"
            return """
                <div class="checkbox"><input type="radio" id="\(id)" name="decision" value="\(value)"\
                \(HTML.attribute(" checked", if: typed(model, form, "decision") == value))><label for="\(id)">\(t(label))</label></div>
                """
        }.joined()
    }

    func screenForm(_ model: Model) -> HTML {
        """
        <form method="post" action="/centres/\(model.record.id)/screening" class="card" id="centre-screening">\
        <h2>\(t(CentreText.screenTitle))</h2>\(layout.csrfField)<p class="muted">\(t(CentreText.screenHint))</p>\
        \(choice(model, "screening", [("recommend", CentreText.recommend), ("return", CentreText.returnIt)]))\(error(model, "decision"))\
        <div class="field"><label for="screening-note">\(t(CentreText.opinion))</label><textarea id="screening-note" name="note" \
        maxlength="\(PromotionCentre.maxNote)">\(typed(model, "screening", "note"))</textarea>\(error(model, "note"))</div>\
        <button type="submit">\(t(CentreText.save))</button></form>
        """
    }

    func decideForm(_ model: Model) -> HTML {
        """
        <form method="post" action="/centres/\(model.record.id)/decision" class="card" id="centre-decision">\
        <h2>\(t(CentreText.decideTitle))</h2>\(layout.csrfField)\
        \(choice(model, "decision", [("confirm", CentreText.confirm), ("decline", CentreText.decline)]))\(error(model, "decision"))\
        <div class="field"><label for="decision-note">\(t(CentreText.decisionLabel))</label><textarea id="decision-note" name="note" \
        maxlength="\(PromotionCentre.maxNote)">\(typed(model, "decision", "note"))</textarea>\(error(model, "note"))</div>\
        <button type="submit">\(t(CentreText.save))</button></form>
        """
    }

    func assessForm(_ model: Model) -> HTML {
        let rows = model.record.centre.application.commitments.map { commitment -> HTML in
            let key = commitment.rawValue
            return """
                <tr><td>\(t(commitment.citation))</td><td><input type="text" name="score_\(key)" inputmode="numeric" maxlength="3" \
                aria-label="\(t(CentreText.score))" value="\(typed(model, "assessment", "score_\(key)"))">\(error(model, "score_\(key)"))</td>\
                <td><textarea name="evidence_\(key)" maxlength="\(CentreSelfAssessment.maxEvidence)" aria-label="\(t(CentreText.evidence))">\
                \(typed(model, "assessment", "evidence_\(key)"))</textarea>\(error(model, "evidence_\(key)"))</td></tr>
                """
        }.joined()
        let year = typed(model, "assessment", "year")
        return """
            <form method="post" action="/centres/\(model.record.id)/assessments" class="card" id="centre-assessment">\
            <h2>\(t(CentreText.assessTitle))</h2>\(layout.csrfField)<p class="muted">\(t(CentreText.assessHint))</p>\
            <div class="field"><label for="assessment-year">\(t(CentreText.year))</label><input type="text" id="assessment-year" \
            name="year" inputmode="numeric" maxlength="4" value="\(year.isEmpty ? String(model.currentYear) : year)">\
            \(error(model, "year"))</div><table><thead><tr><th>\(t(CentreText.commitment))</th><th>\(t(CentreText.score))</th>\
            <th>\(t(CentreText.evidence))</th></tr></thead><tbody>\(rows)</tbody></table>\
            <button type="submit">\(t(CentreText.save))</button></form>
            """
    }

    func correctForm(_ model: Model) -> HTML {
        let values = model.form == "correction" ? model.typed : CentreFormView.values(model.record.centre.application)
        let view = CentreFormView(
            layout: layout, divisions: model.programmeDivisions, typed: values,
            errors: model.form == "correction" ? model.errors : [])
        return view.render(
            action: "/centres/\(model.record.id)/correction", leadName: model.record.centre.application.leadName,
            heading: CentreText.correctTitle, correcting: true)
    }

    func history(_ model: Model) -> HTML {
        let rows = model.events.map { event -> HTML in
            """
            <tr><td>\(Shanghai.dateTimeText(event.at))</td><td>\(t(CentreText.action(event.action)))</td>\
            <td>\(event.byName)</td><td>\(t(event.toStatus.label))</td><td>\(event.detail)</td></tr>
            """
        }.joined()
        return """
            <section class="card" id="centre-history"><h2>\(t(CentreText.history))</h2><table><thead><tr><th>\(t(CentreText.updated))</th>\
            <th></th><th></th><th>\(t(CentreText.status))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }
}
