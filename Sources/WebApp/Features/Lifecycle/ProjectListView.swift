import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// "My projects": every project the viewer's grants cover — a contractor's sub-industry, a zone
/// task force's zone, an enterprise's own project, the whole programme for the bureau — with
/// filters, sorting, paging and the SLA deadline of the current step.
struct ProjectListView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var query: ProjectQuery
        var rows: [InstanceSnapshot]
        var total: Int
        var definition: WorkflowDefinition?
        var subIndustries: [SubIndustry]
        var zones: [Division]
        var now: Date
    }

    func render(_ model: Model) -> HTML {
        let query = model.query
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let states = (model.definition?.states ?? []).map { option($0.id, t($0.label), query.state) }.joined()
        let subs = model.subIndustries.map { option($0.id, t($0.name), query.subIndustryId) }.joined()
        let zones = model.zones.map { option($0.code.value, t($0.name), query.divisionCode) }.joined()
        let sorts = ProjectQuery.Sort.allCases.map { option($0.rawValue, t(ListText.sortLabel($0)), query.sort.rawValue) }
            .joined()
        let subName = Dictionary(model.subIndustries.map { ($0.id, t($0.name)) }, uniquingKeysWith: { first, _ in first })
        let zoneName = Dictionary(model.zones.map { ($0.code.value, t($0.name)) }, uniquingKeysWith: { first, _ in first })
        let rows = model.rows.map { instance -> HTML in
            let state = model.definition?.state(instance.state)
            let due = state?.slaDays.map {
                Shanghai.calendar.date(byAdding: .day, value: $0, to: instance.stateEnteredAt) ?? instance.stateEnteredAt
            }
            let overdue = due.map { $0 < model.now } ?? false
            let dueText: HTML =
                due.map {
                    "<span class=\"\(overdue ? "overdue" : "muted")\">\(Shanghai.dateText($0))\(overdue ? " " + t(ListText.overdue) : "")</span>"
                } ?? "<span class=\"muted\">—</span>"
            return """
                <tr><td><a href="\(AppPath.instance(instance.id).url)">\(instance.data["enterprise_name"]?.stringValue ?? instance.id)</a></td>
                <td>\(instance.subIndustryId.flatMap { subName[$0] } ?? "—")</td><td>\(instance.divisionCode.flatMap { zoneName[$0] } ?? "—")</td>
                <td><span class="badge\(HTML.attribute(" final", if: state?.terminal == true))">\(state.map { t($0.label) } ?? instance.state)</span></td>
                <td class="muted">\(Shanghai.dateText(instance.stateEnteredAt))</td><td>\(dueText)</td></tr>
                """
        }.joined()
        let page = query.offset / max(1, query.limit) + 1
        let pages = max(1, (model.total + query.limit - 1) / max(1, query.limit))
        func link(_ target: Int) -> String {
            var parts: [String] = ["page=\(target)", "sort=\(query.sort.rawValue)"]
            if let state = query.state { parts.append("state=\(AppPath.encode(state))") }
            if let sub = query.subIndustryId { parts.append("sub=\(AppPath.encode(sub))") }
            if let zone = query.divisionCode { parts.append("zone=\(AppPath.encode(zone))") }
            if let text = query.text {
                parts.append("q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
            return AppPath.projects.url + "?" + parts.joined(separator: "&")
        }
        let previous: HTML = page > 1 ? "<a href=\"\(link(page - 1))\" rel=\"prev\">‹ \(t(ListText.previous))</a>" : .empty
        let next: HTML = page < pages ? "<a href=\"\(link(page + 1))\" rel=\"next\">\(t(ListText.next)) ›</a>" : .empty
        let body: HTML = """
            <h1>\(t(ListText.title)) <span class="muted">(\(model.total))</span></h1>
            <form class="filters card" method="get" action="\(AppPath.projects.url)" id="project-filters">
            <div class="field"><label for="q">\(t(ListText.search))</label><input type="text" id="q" name="q" value="\(query.text ?? "")"></div>
            <div class="field"><label for="state">\(t(UIText.state))</label><select id="state" name="state"><option value="">\(t(ListText.all))</option>\(states)</select></div>
            <div class="field"><label for="sub">\(t(ListText.subIndustry))</label><select id="sub" name="sub"><option value="">\(t(ListText.all))</option>\(subs)</select></div>
            <div class="field"><label for="zone">\(t(ListText.zone))</label><select id="zone" name="zone"><option value="">\(t(ListText.all))</option>\(zones)</select></div>
            <div class="field"><label for="sort">\(t(ListText.sort))</label><select id="sort" name="sort">\(sorts)</select></div>
            <button type="submit">\(t(ListText.apply))</button></form>
            <table id="projects"><thead><tr><th>\(t(ProjectText.enterprise))</th><th>\(t(ListText.subIndustry))</th><th>\(t(ListText.zone))</th><th>\(t(UIText.state))</th><th>\(t(UIText.since))</th><th>\(t(ListText.due))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <div class="pager">\(previous)<span class="muted">\(String(format: t(ListText.pageOf), page, pages))</span>\(next)</div>
            """
        return layout.page(title: t(ListText.title), body)
    }
}

enum ListText {
    static let title = LocalizedText(zh: "项目一览", en: "Projects")
    static let search = LocalizedText(zh: "企业名称或信用代码", en: "Enterprise name or credit code")
    static let all = LocalizedText(zh: "全部", en: "All")
    static let subIndustry = LocalizedText(zh: "细分行业", en: "Sub-industry")
    static let zone = LocalizedText(zh: "功能区", en: "Zone")
    static let sort = LocalizedText(zh: "排序", en: "Sort by")
    static let apply = LocalizedText(zh: "筛选", en: "Filter")
    static let due = LocalizedText(zh: "本环节办理时限", en: "Step due by")
    static let overdue = LocalizedText(zh: "已超期", en: "overdue")
    static let previous = LocalizedText(zh: "上一页", en: "Previous")
    static let next = LocalizedText(zh: "下一页", en: "Next")
    static let pageOf = LocalizedText(zh: "第 %d / %d 页", en: "Page %d of %d")

    static func sortLabel(_ sort: ProjectQuery.Sort) -> LocalizedText {
        switch sort {
        case .updated: LocalizedText(zh: "最近办理", en: "Recently updated")
        case .name: LocalizedText(zh: "企业名称", en: "Enterprise name")
        case .state: LocalizedText(zh: "所处环节", en: "State")
        case .waiting: LocalizedText(zh: "等待最久", en: "Waiting longest")
        }
    }
}
