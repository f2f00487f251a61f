import Foundation
import Funds
import PilotDomain

/// `/finance/changes`: one section per kind of change, each a list with the buttons the person may
/// use (by `AccessPolicy`, and never on their own record where four eyes apply) and a form.
struct MoneyChangesView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var book: FundsBook
        /// Project id → enterprise name; officer id → name.
        var names: [String: String]
        var officer: Officer
        var now: Date
        var canPropose: Bool
        var canDecide: Bool
        var canCorrect: Bool
        var canReport: Bool

        /// Whether `other` is the person looking (or the one they act for): their own record.
        func mine(_ other: Officer) -> Bool {
            !Set([officer.userId, officer.principalUserId].compactMap { $0 })
                .isDisjoint(with: [other.userId, other.principalUserId].compactMap { $0 })
        }

        var openProjects: [ProjectFunding] {
            book.projects.values.filter { $0.hold != .terminated && $0.hold != .cancelled }.sorted { $0.id < $1.id }
        }
    }

    func money(_ fen: Fen) -> HTML { FinanceView(layout: layout).money(fen) }

    func name(_ model: Model, _ id: String) -> String { model.names[id] ?? id }

    func button(_ action: String, _ label: LocalizedText, id: String, secondary: Bool = false) -> HTML {
        """
        <form method="post" action="\(action)" class="inline">\(layout.csrfField)\
        <button type="submit" id="\(id)"\(HTML.attribute(" class=\"secondary\"", if: secondary))>\(t(label))</button></form>
        """
    }

    func withReason(_ action: String, _ label: LocalizedText, id: String) -> HTML {
        """
        <form method="post" action="\(action)" class="inline">\(layout.csrfField)\
        <input type="text" name="reason" placeholder="\(t(MoneyChangesText.reason))" required> \
        <button type="submit" class="secondary" id="\(id)">\(t(label))</button></form>
        """
    }

    func projectOptions(_ model: Model, _ projects: [ProjectFunding]) -> HTML {
        projects.map { "<option value=\"\($0.id)\">\(name(model, $0.id))（\($0.id)）</option>" as HTML }.joined()
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let body: HTML = """
            <h1>\(t(MoneyChangesText.title))</h1><p class="muted">\(t(MoneyChangesText.help)) \
            <a href="/finance">\(t(MoneyChangesText.back))</a></p>
            \(amendments(model))\(corrections(model))\(commitments(model))\(recoveries(model))\(reports(model))
            """
        return layout.page(title: t(MoneyChangesText.title), flash: flash, body)
    }

    func table(_ id: String, _ headings: [LocalizedText], _ rows: [HTML]) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"muted\">\(t(MoneyChangesText.none))</p>" }
        let heads = headings.map { "<th>\(t($0))</th>" as HTML }.joined()
        return "<table class=\"report\" id=\"\(id)\"><thead><tr>\(heads)</tr></thead><tbody>\(rows.joined())</tbody></table>"
    }
}
