import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

struct SelectionsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        accepted: [InstanceSnapshot], providers: [Organisation], selections: [Selection], canDecide: Bool, flash: Flash?
    ) -> HTML {
        func selected(_ kind: SelectionKind, _ id: String) -> Bool {
            selections.contains { $0.kind == kind && $0.subjectId == id }
        }
        func toggle(_ kind: SelectionKind, _ id: String) -> HTML {
            let on = selected(kind, id)
            guard canDecide else { return on ? "✔" : "—" }
            return """
                <form method="post" action="/selections" class="inline">\(layout.csrfField)<input type="hidden" name="kind" value="\(kind.rawValue)">
                <input type="hidden" name="subject" value="\(id)"><input type="hidden" name="selected" value="\(on ? "0" : "1")">
                <button type="submit" class="\(on ? "secondary" : "")">\(on ? "✔ " + t(SelectionText.withdraw) : t(SelectionText.select))</button></form>
                """
        }
        let projectRows = accepted.map { instance -> HTML in
            let data = instance.data
            let candidate = [
                data["benchmark_candidate"]?.boolValue == true ? t(SelectionText.benchmark) : nil,
                data["typical_case_candidate"]?.boolValue == true ? t(SelectionText.typicalCase) : nil,
            ].compactMap { $0 }.joined(separator: "、")
            return """
                <tr><td><a href="\(AppPath.instance(instance.id).url)">\(data["enterprise_name"]?.stringValue ?? instance.id)</a></td>
                <td class="num">\(data["assessed_level"]?.intValue.map(String.init) ?? "—")</td><td>\(candidate.isEmpty ? "—" : candidate)</td>
                <td>\(toggle(.benchmarkEnterprise, instance.id))</td><td>\(toggle(.typicalCase, instance.id))</td></tr>
                """
        }.joined()
        let providerRows = providers.map { provider -> HTML in
            "<tr><td>\(provider.name)</td><td>\(toggle(.excellentProvider, provider.id))</td></tr>"
        }.joined()
        let counts = SelectionKind.allCases.map { kind in
            "\(t(SelectionText.label(kind)))：\(selections.filter { $0.kind == kind }.count)"
        }
        .joined(separator: " · ")
        let body: HTML = """
            <h1>\(t(SelectionText.title))</h1><p class="muted" id="selection-counts">\(counts)</p>
            <section class="card"><h2>\(t(SelectionText.projects))</h2>
            <table id="accepted-projects"><thead><tr><th>\(t(ProjectText.enterprise))</th><th class="num">\(t(SelectionText.level))</th><th>\(t(SelectionText.recommended))</th><th>\(t(SelectionText.benchmark))</th><th>\(t(SelectionText.typicalCase))</th></tr></thead><tbody>\(projectRows)</tbody></table></section>
            <section class="card"><h2>\(t(SelectionText.excellentProvider))</h2>
            <table id="excellent-providers"><tbody>\(providerRows)</tbody></table></section>
            """
        return layout.page(title: t(SelectionText.title), flash: flash, body)
    }
}

enum SelectionText {
    static let title = LocalizedText(zh: "标杆与典型案例遴选", en: "Benchmarks and typical cases")
    static let projects = LocalizedText(zh: "已通过验收的项目", en: "Accepted projects")
    static let level = LocalizedText(zh: "评测等级", en: "Level")
    static let recommended = LocalizedText(zh: "验收推荐", en: "Recommended at acceptance")
    static let benchmark = LocalizedText(zh: "标杆企业", en: "Benchmark enterprise")
    static let typicalCase = LocalizedText(zh: "典型案例", en: "Typical case")
    static let excellentProvider = LocalizedText(zh: "优秀服务商", en: "Excellent provider")
    static let select = LocalizedText(zh: "选定", en: "Select")
    static let withdraw = LocalizedText(zh: "已选定（撤销）", en: "Selected (withdraw)")
    static let saved = LocalizedText(zh: "已保存", en: "Saved")
    static let badRequest = LocalizedText(zh: "请求不完整", en: "Incomplete request")
    static let notAccepted = LocalizedText(zh: "只有通过验收的项目可以入选", en: "Only accepted projects can be selected")
    static let notProvider = LocalizedText(zh: "只有资源池中的服务商可以入选", en: "Only providers in the pool can be selected")

    static func label(_ kind: SelectionKind) -> LocalizedText {
        switch kind {
        case .benchmarkEnterprise: benchmark
        case .typicalCase: typicalCase
        case .excellentProvider: excellentProvider
        }
    }
}
