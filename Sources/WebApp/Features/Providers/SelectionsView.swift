import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

struct SelectionsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        providers: [Organisation], selections: [Selection], canDecide: Bool, canReadCases: Bool, flash: Flash?
    ) -> HTML {
        func toggle(_ kind: SelectionKind, _ id: String) -> HTML {
            let on = selections.contains { $0.kind == kind && $0.subjectId == id }
            guard canDecide else { return on ? "✔" : "—" }
            return """
                <form method="post" action="/selections" class="inline">\(layout.csrfField)<input type="hidden" name="kind" value="\(kind.rawValue)">
                <input type="hidden" name="subject" value="\(id)"><input type="hidden" name="selected" value="\(on ? "0" : "1")">
                <button type="submit" class="\(on ? "secondary" : "")">\(on ? "✔ " + t(SelectionText.withdraw) : t(SelectionText.select))</button></form>
                """
        }
        let providerRows = providers.map { provider -> HTML in
            "<tr><td>\(provider.name)</td><td>\(toggle(.excellentProvider, provider.id))</td></tr>"
        }.joined()
        let chosen = selections.filter { $0.kind == .excellentProvider }.count
        let cases: HTML =
            canReadCases ? "<p id=\"selection-cases\"><a href=\"/cases\">\(t(SelectionText.casesMoved))</a></p>" : .empty
        let body: HTML = """
            <h1>\(t(SelectionText.title))</h1><p class="muted" id="selection-counts">\(t(SelectionText.excellentProvider))：\(chosen)</p>\(cases)
            <section class="card"><h2>\(t(SelectionText.excellentProvider))</h2>
            <table id="excellent-providers"><tbody>\(providerRows)</tbody></table></section>
            """
        return layout.page(title: t(SelectionText.title), flash: flash, body)
    }
}

enum SelectionText {
    static let title = LocalizedText(zh: "优秀服务商遴选", en: "Excellent providers")
    static let excellentProvider = LocalizedText(zh: "优秀服务商", en: "Excellent provider")
    static let casesMoved = LocalizedText(
        zh: "标杆企业、典型案例等的遴选已移至案例库", en: "Benchmarks and typical cases are selected in the case register")
    static let select = LocalizedText(zh: "选定", en: "Select")
    static let withdraw = LocalizedText(zh: "已选定（撤销）", en: "Selected (withdraw)")
    static let saved = LocalizedText(zh: "已保存", en: "Saved")
    static let badRequest = LocalizedText(zh: "请求不完整", en: "Incomplete request")
    static let useCases = LocalizedText(
        zh: "此处只遴选优秀服务商；标杆企业与典型案例请在案例库申报和遴选",
        en: "Only excellent providers are selected here; propose and select benchmarks and typical cases in the case register")
    static let notProvider = LocalizedText(zh: "只有资源池中的服务商可以入选", en: "Only providers in the pool can be selected")
}
