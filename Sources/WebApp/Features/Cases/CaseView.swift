import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// One case: its content, the district's and the selection's opinions, photos and documents, then
/// the forms of whoever may act on it now (the district's review, the selection, publishing,
/// withdrawing, adding a document), and its history.
struct CaseView {
    struct Model {
        var record: CaseRecord
        var events: [CaseEvent]
        var documents: [CaseDocument]
        var divisions: DivisionTree
        var reviews: Bool
        var decides: Bool
        var isProposer: Bool
        var form: String?
        var typed: [String: String]
        var errors: [FieldError]
    }

    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func typed(_ model: Model, _ form: String, _ key: String) -> String { model.form == form ? model.typed[key] ?? "" : "" }

    func error(_ model: Model, _ form: String, _ key: String) -> HTML {
        guard model.form == form else { return .empty }
        return model.errors.filter { $0.field == key }.map {
            "<div class=\"field-error\">\($0.message.text(layout.language))</div>" as HTML
        }.joined()
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let record = model.record
        let status = record.status
        return layout.page(
            title: record.title, flash: flash,
            """
            <p><a href="/cases">\(t(CaseText.title))</a></p><h1>\(record.title)</h1>
            <p><span class="status" id="case-status" data-status="\(status.rawValue)">\(t(CaseText.label(status)))</span> \
            · \(t(CaseText.label(record.kind)))</p>
            \(CaseContentView(layout: layout, divisions: model.divisions).render(record, showPrivate: true))\(notes(record))\
            \(documents(model))
            \(model.reviews && status == .proposed ? noteForm(model, "review", "/review", CaseText.reviewTitle, CaseText.reviewButton, CaseText.opinion) : .empty)\
            \(model.decides && status == .underReview ? decideForm(model) : .empty)\
            \(model.decides && status == .selected ? noteForm(model, "publication", "/publication", CaseText.publishTitle, CaseText.publishButton, CaseText.opinion) : .empty)\
            \((model.isProposer || model.decides) && !status.isFinal ? noteForm(model, "withdrawal", "/withdrawal", CaseText.withdrawTitle, CaseText.withdrawTitle, CaseText.reason) : .empty)
            \(history(model))
            """)
    }

    func notes(_ record: CaseRecord) -> HTML {
        let rows: [(LocalizedText, String)] = [
            (CaseText.reviewNote, record.reviewNote), (CaseText.decisionNote, record.decisionNote),
        ]
        let shown = rows.filter { !$0.1.isEmpty }.map { "<dt>\(t($0.0))</dt><dd class=\"pre\">\($0.1)</dd>" as HTML }
        guard !shown.isEmpty else { return .empty }
        return "<section class=\"card\" id=\"case-notes\"><dl>\(shown)</dl></section>"
    }

    func documents(_ model: Model) -> HTML {
        let items = model.documents.map { document -> HTML in
            """
            <li><a href="/cases/\(model.record.id)/documents/\(document.id)">\(document.fileName)</a> \
            <span class="muted">\(document.uploadedBy) · \(Shanghai.dateText(document.uploadedAt))</span></li>
            """
        }
        let form: HTML =
            model.isProposer && !model.record.status.isFinal
            ? """
            <form method="post" action="/cases/\(model.record.id)/documents" enctype="multipart/form-data" id="case-upload">\
            \(layout.csrfField)<div class="field"><label for="case-file">\(t(CaseText.file))</label>\
            <input type="file" id="case-file" name="file"></div><button type="submit">\(t(CaseText.upload))</button></form>
            """ : .empty
        return """
            <section class="card" id="case-documents"><h2>\(t(CaseText.documents))</h2>\
            \(items.isEmpty ? "<p class=\"muted\">\(t(CaseText.none))</p>" as HTML : "<ul>\(items.joined())</ul>")\(form)</section>
            """
    }

    func noteForm(
        _ model: Model, _ name: String, _ path: String, _ heading: LocalizedText, _ button: LocalizedText, _ label: LocalizedText
    ) -> HTML {
        """
        <form method="post" action="/cases/\(model.record.id)\(path)" class="card" id="case-\(name)">\(layout.csrfField)\
        <h2>\(t(heading))</h2><div class="field"><label for="\(name)-note">\(t(label))</label><textarea id="\(name)-note" \
        name="note" maxlength="2000">\(typed(model, name, "note"))</textarea>\(error(model, name, "note"))</div>\
        <button type="submit">\(t(button))</button></form>
        """
    }

    func decideForm(_ model: Model) -> HTML {
        let choices = [("select", CaseText.select), ("not_select", CaseText.notSelect)].map { value, label -> HTML in
            """
            <div class="checkbox"><input type="radio" id="decision-\(value)" name="decision" value="\(value)"\
            \(HTML.attribute(" checked", if: typed(model, "decision", "decision") == value))><label for="decision-\(value)">\(t(label))</label></div>
            """
        }.joined()
        let fourEyes: HTML = model.isProposer ? "<p class=\"muted\">\(t(CaseText.fourEyes))</p>" : .empty
        return """
            <form method="post" action="/cases/\(model.record.id)/decision" class="card" id="case-decision">\(layout.csrfField)\
            <h2>\(t(CaseText.decideTitle))</h2>\(fourEyes)\(choices)\(error(model, "decision", "decision"))\
            <div class="field"><label for="decision-note">\(t(CaseText.opinion))</label><textarea id="decision-note" name="note" \
            maxlength="2000">\(typed(model, "decision", "note"))</textarea>\(error(model, "decision", "note"))</div>\
            <button type="submit">\(t(CaseText.save))</button></form>
            """
    }

    func history(_ model: Model) -> HTML {
        let rows = model.events.map { event -> HTML in
            """
            <tr><td>\(Shanghai.dateTimeText(event.at))</td><td>\(t(CaseText.action(event.action)))</td>\
            <td>\(event.byName)</td><td>\(event.fromStatus.map { t(CaseText.label($0)) } ?? "—") → \(t(CaseText.label(event.toStatus)))</td>\
            <td class="pre">\(event.note)</td></tr>
            """
        }.joined()
        return """
            <section class="card" id="case-history"><h2>\(t(CaseText.history))</h2><table><tbody>\(rows)</tbody></table></section>
            """
    }
}

/// A case's content, for the register page and (without what is private) the public page.
struct CaseContentView {
    var layout: Layout
    var divisions: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    /// `showPrivate`: the investment, the proposer and the linked projects (the register only).
    func render(_ record: CaseRecord, showPrivate: Bool) -> HTML {
        let content = record.content
        let zone = DivisionCode(record.divisionCode).map { divisions.label($0, layout.language) } ?? record.divisionCode
        let members: HTML =
            record.kind == .chain
            ? "<dt>\(t(CaseText.chainMembers))（\(content.members.count)）</dt><dd id=\"case-members\">\(content.members.map(\.name).joined(separator: "、"))</dd>"
            : .empty
        let results: HTML =
            content.results.isEmpty
            ? .empty
            : """
            <table id="case-results-table"><thead><tr><th>\(t(CaseText.indicator))</th><th class="num">\(t(CaseText.before))</th>\
            <th class="num">\(t(CaseText.after))</th></tr></thead><tbody>\(content.results.map { result -> HTML in
                "<tr><td>\(result.indicator)</td><td class=\"num\">\(result.before) \(result.unit)</td><td class=\"num\">\(result.after) \(result.unit)</td></tr>"
            })</tbody></table>
            """
        let products: HTML =
            content.products.isEmpty
            ? .empty : "<dt>\(t(CaseText.products))</dt><dd>\(content.products.map(\.name).joined(separator: "、"))</dd>"
        let privateRows: HTML =
            showPrivate
            ? """
            <dt>\(t(CaseText.investmentShown))</dt><dd>\(content.investmentFen.map { "¥" + Fen($0).yuanText } ?? "—")</dd>\
            <dt>\(t(CaseText.proposer))</dt><dd>\(record.proposerName)</dd>\
            <dt>\(t(CaseText.projects))</dt><dd>\(content.projects.isEmpty ? "—" : content.projects.map { "<a href=\"\(AppPath.instance($0).url)\">\($0)</a>" as HTML }.joined(separator: "、"))</dd>
            """ : .empty
        return """
            <section class="card" id="case-content"><dl>
            <dt>\(t(CaseText.subject))</dt><dd id="case-subject">\(record.subjectName)（\(t(CaseText.label(record.subjectKind)))）</dd>
            <dt>\(t(CaseText.zone))</dt><dd>\(zone)</dd>\(members)
            <dt>\(t(CaseText.problem))</dt><dd class="pre">\(content.problem)</dd>
            <dt>\(t(CaseText.solution))</dt><dd class="pre">\(content.solution)</dd>\(products)\(privateRows)
            </dl>\(results)</section>
            """
    }
}
