import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `/programme`: the phases with their status and steps, and the two dossiers' state.
struct ProgrammePhasesView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    static func badge(_ status: PhaseStatus) -> HTML {
        switch status {
        case .notStarted: "<span class=\"badge\">"
        case .inProgress: "<span class=\"badge amber\">"
        case .done: "<span class=\"badge green\">"
        case .overdue: "<span class=\"badge red\">"
        }
    }

    func render(phases: [ProgrammePhase], today: String, dossiers: [Dossier]) -> HTML {
        func status(_ start: String, _ end: String, _ complete: Bool?) -> HTML {
            let value = PhaseStatus.of(start: start, end: end, today: today, complete: complete)
            return "\(Self.badge(value))\(t(value.label))</span>"
        }
        let rows = phases.map { phase -> HTML in
            let complete = phase.dossier.flatMap { key in dossiers.first { $0.kind.rawValue == key } }?.isComplete
            let value = PhaseStatus.of(start: phase.start, end: phase.end, today: today, complete: complete)
            let steps = phase.steps.map { step -> HTML in
                "<li>\(step.start) – \(step.end)：\(t(step.name)) \(status(step.start, step.end, nil))</li>"
            }.joined()
            let dossier: HTML =
                phase.dossier.flatMap(DossierKind.init(rawValue:)).map {
                    " · <a href=\"/programme/dossier/\($0.rawValue)\">\(t($0.title))</a>" as HTML
                } ?? .empty
            return """
                <tr data-phase="\(phase.id)" data-status="\(value.rawValue)"><td><strong>\(t(phase.name))</strong>\(dossier)\
                <ul class="steps">\(steps)</ul></td><td>\(phase.start) – \(phase.end)</td>\
                <td>\(Self.badge(value))\(t(value.label))</span></td></tr>
                """
        }.joined()
        let phaseTable: HTML =
            phases.isEmpty
            ? "<p class=\"muted\">\(t(DossierPageText.noPhases))</p>"
            : """
            <table id="phases"><thead><tr><th>\(t(DossierPageText.phase))</th><th>\(t(DossierPageText.window))</th>\
            <th>\(t(DossierPageText.status))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let dossierRows = dossiers.map { dossier -> HTML in
            let state: HTML =
                dossier.isComplete
                ? "<span class=\"badge green\">\(t(DossierPageText.complete))</span>"
                : "<span class=\"badge red\">\(t(DossierPageText.missingCount(dossier.missing.count)))</span>"
            return """
                <tr data-dossier="\(dossier.kind.rawValue)"><td><a href="/programme/dossier/\(dossier.kind.rawValue)">\
                \(t(dossier.kind.title))</a></td><td>\(dossier.due)</td><td>\(state)</td></tr>
                """
        }.joined()
        return layout.page(
            title: t(DossierPageText.programmeTitle),
            """
            <h1>\(t(DossierPageText.programmeTitle))</h1><p class="muted">\(t(DossierPageText.programmeIntro))</p>
            <section class="card"><h2>\(t(DossierPageText.phases))</h2>\(phaseTable)</section>
            <section class="card"><h2>\(t(DossierPageText.dossiers))</h2>
            <table id="dossiers"><thead><tr><th>\(t(DossierPageText.dossier))</th><th>\(t(DossierPageText.due))</th>\
            <th>\(t(DossierPageText.status))</th></tr></thead><tbody>\(dossierRows)</tbody></table></section>
            """)
    }
}

/// `/programme/dossier/{kind}` (and its print version): the checklist, each section's figures and the
/// office's text (a form per section for those who write), the required documents.
struct DossierView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func checklist(_ dossier: Dossier) -> HTML {
        let items = dossier.missing.map { "<li>\(t($0.message))</li>" as HTML }.joined()
        return """
            <section class="card" id="missing"><h2>\(t(DossierPageText.missingTitle))</h2>\
            \(dossier.missing.isEmpty ? "<p>\(t(DossierPageText.nothingMissing))</p>" as HTML : "<ul class=\"checklist\">\(items)</ul>")</section>
            """
    }

    func figures(_ section: DossierSection) -> HTML {
        guard !section.figures.isEmpty else { return .empty }
        let rows = section.figures.map { "<tr><td>\(t($0.label))</td><td class=\"num\">\($0.value)</td></tr>" as HTML }.joined()
        return "<table class=\"figures\"><tbody>\(rows)</tbody></table>"
    }

    /// The text kept as typed: escaped, line breaks shown.
    func paragraphs(_ text: String) -> HTML {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { "<p>\(String($0))</p>" as HTML }.joined()
    }

    func render(_ dossier: Dossier, canEdit: Bool, flash: Flash?, typed: [String: String] = [:]) -> HTML {
        let kind = dossier.kind.rawValue
        let sections = dossier.sections.map { section -> HTML in
            let latest = section.latest
            let text: HTML =
                latest.map {
                    """
                    <div class="office-text">\(paragraphs($0.text))</div>\
                    <p class="muted">v\($0.version) · \($0.byName) · \(Shanghai.dateTimeText($0.at))</p>
                    """
                } ?? "<p class=\"muted\">\(t(DossierPageText.noText))</p>"
            let history = section.versions.dropFirst().prefix(5).map {
                "<li>v\($0.version) · \($0.byName) · \(Shanghai.dateTimeText($0.at))</li>" as HTML
            }.joined()
            let form: HTML =
                canEdit
                ? """
                <form method="post" action="/programme/dossier/\(kind)/sections/\(section.key)" class="no-print">\(layout.csrfField)
                <input type="hidden" name="version" value="\(latest?.version ?? 0)">
                <textarea name="text" rows="5" maxlength="\(DossierSection.maxText)" aria-label="\(t(DossierPageText.officeText))">\
                \(typed[section.key] ?? latest?.text ?? "")</textarea>
                <button type="submit">\(t(DossierPageText.saveText))</button></form>
                """
                : .empty
            return """
                <section class="card" id="section-\(section.key)"><h2>\(t(section.title))</h2>\(figures(section))
                <h3>\(t(DossierPageText.officeText))</h3>\(text)\
                \(history.text.isEmpty ? HTML.empty : "<details class=\"no-print\"><summary>\(t(DossierPageText.versions))</summary><ul>\(history)</ul></details>")\
                \(form)</section>
                """
        }.joined()
        return layout.page(
            title: t(dossier.kind.title), flash: flash,
            """
            <p class="no-print"><a href="/programme">\(t(DossierPageText.programmeTitle))</a> · \
            <a href="/programme/dossier/\(kind)/print">\(t(DossierPageText.print))</a> · \
            <a href="/programme/dossier/\(kind)/export.xlsx">\(t(DossierPageText.export))</a></p>
            <h1>\(t(dossier.kind.title))</h1>
            <p class="muted">\(t(DossierPageText.due)) \(dossier.due) · \(t(DossierPageText.asOf)) \(Shanghai.dateTimeText(dossier.asOf))</p>
            \(checklist(dossier))\(sections)\(documents(dossier, canEdit: canEdit))
            """)
    }

    func documents(_ dossier: Dossier, canEdit: Bool) -> HTML {
        let kind = dossier.kind.rawValue
        let rows = dossier.kind.requiredDocuments.map { required -> HTML in
            let files = dossier.documents.filter { $0.kind == required.key }.map {
                "<a href=\"/programme/dossier/\(kind)/documents/\($0.id)\">\($0.fileName)</a> (\($0.uploadedBy), \(Shanghai.dateText($0.uploadedAt)))"
                    as HTML
            }
            return """
                <tr data-document="\(required.key)"><td>\(t(required.name))</td>\
                <td>\(files.isEmpty ? "<span class=\"muted\">\(t(DossierPageText.notUploaded))</span>" as HTML : files.joined(separator: "<br>"))</td></tr>
                """
        }.joined()
        let options = dossier.kind.requiredDocuments.map { "<option value=\"\($0.key)\">\(t($0.name))</option>" as HTML }.joined()
        let form: HTML =
            canEdit
            ? """
            <form method="post" enctype="multipart/form-data" action="/programme/dossier/\(kind)/documents" class="no-print">\
            \(layout.csrfField)
            <div class="field"><label for="d-kind">\(t(DossierPageText.documentKind))</label><select id="d-kind" name="kind">\
            <option value=""></option>\(options)</select></div>
            <div class="field"><label for="d-file">\(t(DossierPageText.file))</label>\
            <input type="file" id="d-file" name="file" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" required></div>
            <button type="submit">\(t(DossierPageText.upload))</button></form>
            """
            : .empty
        return """
            <section class="card" id="documents"><h2>\(t(DossierPageText.documents))</h2>
            <table><tbody>\(rows)</tbody></table>\(form)</section>
            """
    }

    static let printCSS: StaticString = """
        .dossier-print { max-width:180mm; margin:0 auto; }
        .dossier-print table { width:100%; border-collapse:collapse; break-inside:avoid; }
        .dossier-print h2 { break-after:avoid; page-break-after:avoid; }
        @page { size:A4; margin:18mm 16mm; }
        @media print {
          header.top, nav, .no-print, form, button { display:none !important; }
          body { background:#fff; font-size:10.5pt; }
          main { max-width:none; margin:0; padding:0; }
          a { color:inherit; text-decoration:none; }
        }
        """

    /// The A4 print: no forms, the print button on screen only.
    func printPage(_ dossier: Dossier) -> HTML {
        let sections = dossier.sections.map { section -> HTML in
            let text: HTML = section.latest.map { paragraphs($0.text) } ?? "<p class=\"muted\">\(t(DossierPageText.noText))</p>"
            return
                "<section class=\"print-section\" id=\"section-\(section.key)\"><h2>\(t(section.title))</h2>\(figures(section))\(text)</section>"
        }.joined()
        return layout.page(
            title: t(dossier.kind.title),
            """
            \(HTML.style(Self.printCSS))
            <div class="no-print"><a href="/programme/dossier/\(dossier.kind.rawValue)">← \(t(dossier.kind.title))</a> \
            <button type="button" data-action="print" id="print-dossier">\(t(DossierPageText.print))</button></div>
            <article class="dossier-print"><h1>\(t(dossier.kind.title))</h1>
            <p>\(t(DossierPageText.due)) \(dossier.due) · \(t(DossierPageText.asOf)) \(Shanghai.dateTimeText(dossier.asOf))</p>
            \(checklist(dossier))\(sections)</article>
            """)
    }
}
