import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The recommendation letter and the summary sheet, laid out to print on A4 (the official form
/// is in Chinese whatever the page language; the controls follow the page language).
struct DistrictPapersView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// The summary sheet's columns, as the bureaus' 推荐信息汇总表 names them.
    static let columns = [
        "序号", "单位名称", "统一社会信用代码", "所在区", "申报类别", "法定代表人", "本地服务人员（人）", "联系电话", "推荐函文号", "当前状态",
    ]

    static func categories(_ data: [String: JSONValue]) -> String {
        AdmissionChecks.categories(data["categories"]?.stringValue).map { ProviderCategory(rawValue: $0)?.label.zh ?? $0 }
            .joined(separator: "、")
    }

    static func cells(_ instance: InstanceSnapshot, number: Int, stateLabel: String? = nil) -> [String] {
        let data = instance.data
        func text(_ key: String) -> String {
            if let value = data[key]?.stringValue { return value }
            return data[key]?.intValue.map(String.init) ?? ""
        }
        return [
            String(number), text("provider_name"), text("uscc"), text("division_name"), categories(data), text("legal_person"),
            text("staff_count"), text("contact_phone"), text("recommendation_letter_no"), stateLabel ?? instance.state,
        ]
    }

    func summary(_ papers: DistrictPapersHandlers.Papers, definition: WorkflowDefinition?) -> HTML {
        let rows = papers.rows.enumerated().map { index, instance -> HTML in
            let cells = Self.cells(instance, number: index + 1, stateLabel: definition?.state(instance.state)?.label.zh)
            let tds = cells.map { "<td>\($0)</td>" as HTML }.joined()
            return """
                <tr data-instance="\(instance.id)">\(tds)<td class="no-print"><a href="\(AppPath.poolLetter(instance.id).url)">\
                \(t(AdmissionText.letterTitle))</a></td></tr>
                """
        }.joined()
        let header = Self.columns.map { "<th>\($0)</th>" as HTML }.joined()
        var query = "call=" + (papers.call?.id ?? "")
        if let division = papers.division { query += "&division=" + division.value }
        let callLinks = papers.calls.map { call -> HTML in
            var link = "call=" + call.id
            if let division = papers.division { link += "&division=" + division.value }
            return "<a href=\"\(AppPath.poolSummary.url)?\(link)\">\(call.title)</a>"
        }.joined(separator: " · ")
        let table: HTML =
            papers.rows.isEmpty
            ? "<p class=\"muted\">\(t(AdmissionText.noRecommended))</p>"
            : "<table id=\"summary-sheet\"><thead><tr>\(header)<th class=\"no-print\"></th></tr></thead><tbody>\(rows)</tbody></table>"
        let body: HTML = """
            <p class="no-print">\(callLinks)</p>
            <p class="no-print"><a href="\(AppPath.poolSummarySheet.url)?\(query)" id="summary-xlsx">\(t(AdmissionText.download))</a> · \
            <button type="button" data-action="print">\(t(AdmissionText.print))</button></p>
            <article class="taskbook sheet" id="summary">
            <h1>\(papers.call?.title ?? "")</h1><h2>推荐信息汇总表</h2>
            <p>推荐单位：\(papers.divisionName)工业和信息化主管部门（盖章）</p>
            \(table)
            <p class="muted no-print">\(t(AdmissionText.sealHint))</p></article>
            """
        return layout.page(title: t(AdmissionText.summaryTitle), body)
    }

    func letter(_ instance: InstanceSnapshot, recommendedOn: Date?) -> HTML {
        let data = instance.data
        func text(_ key: String) -> String {
            if let value = data[key]?.stringValue { return value }
            return data[key]?.intValue.map(String.init) ?? "—"
        }
        let body: HTML = """
            <p class="no-print"><a href="\(AppPath.instance(instance.id).url)">← \(t(AdmissionText.applicant))</a> · \
            <button type="button" data-action="print">\(t(AdmissionText.print))</button></p>
            <article class="taskbook" id="letter">
            <p>\(text("recommendation_letter_no"))</p>
            <h1>推荐函</h1>
            <p>市工业和信息化局：</p>
            <p>根据《\(text("call_title"))》要求，经初审，我区推荐\(text("provider_name"))（统一社会信用代码 \(text("uscc"))）\
            申报天津市制造业数字化转型服务商资源池，申报类别：\(Self.categories(data))。</p>
            <p class="pre">推荐意见：\(text("recommendation_opinion"))</p>
            <p>经核查，该单位申报材料真实、完整，符合《天津市制造业数字化转型服务商及促进中心管理规范》第五条规定的基本条件。特此推荐。</p>
            <p style="text-align:right">\(text("division_name"))工业和信息化主管部门（盖章）<br>\
            \(recommendedOn.map { Shanghai.dateText($0) } ?? "")</p></article>
            """
        return layout.page(title: t(AdmissionText.letterTitle), body)
    }
}
