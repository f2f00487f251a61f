import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The cases within the person's reach, filtered by kind, step and area, 50 a page; the link to
/// propose one.
struct CaseListView {
    var layout: Layout
    var divisions: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ rows: [CaseRecord], total: Int, page: Int, pageSize: Int, zones: [Division], typed: [String: String],
        canPropose: Bool, candidates: [InstanceSnapshot] = []
    ) -> HTML {
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let kinds = CaseKind.allCases.map { option($0.rawValue, t(CaseText.label($0)), typed["kind"]) }.joined()
        let statuses = CaseStatus.allCases.map { option($0.rawValue, t(CaseText.label($0)), typed["status"]) }.joined()
        let zoneOptions = zones.map { option($0.code.value, "\($0.code.value) \(t($0.name))", typed["zone"]) }.joined()
        let body = rows.map { record -> HTML in
            let zone = DivisionCode(record.divisionCode).map { divisions.label($0, layout.language) } ?? record.divisionCode
            let members = record.kind == .chain ? "（\(t(CaseText.chainMembers)) \(record.content.members.count)）" : ""
            return """
                <tr data-case="\(record.id)" data-status="\(record.status.rawValue)"><td><a href="/cases/\(record.id)">\(record.title)</a></td>\
                <td>\(t(CaseText.label(record.kind)))</td><td>\(record.subjectName)\(members)</td><td>\(zone)</td>\
                <td>\(t(CaseText.label(record.status)))</td><td>\(Shanghai.dateText(record.updatedAt))</td></tr>
                """
        }.joined()
        let pages = max(1, (total + pageSize - 1) / pageSize)
        func link(_ target: Int, _ label: String) -> HTML {
            var query = typed.filter { $0.key != "page" && !$0.value.isEmpty }
            query["page"] = String(target)
            let text = query.sorted { $0.key < $1.key }.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            return "<a href=\"/cases?\(text)\">\(label)</a>"
        }
        let pager: HTML = """
            <p class="pager">\(page > 1 ? link(page - 1, "‹") : .empty) \(t(CaseText.page(page, pages))) \
            \(page < pages ? link(page + 1, "›") : .empty)</p>
            """
        let candidateRows = candidates.map { instance -> HTML in
            let kind = instance.data["benchmark_candidate"]?.boolValue == true ? CaseKind.benchmark : .typical
            return """
                <li><a href="/cases/new?kind=\(kind.rawValue)&amp;project=\(instance.id)">\(instance.data["enterprise_name"]?.stringValue ?? instance.id)</a> \
                <span class="muted">\(t(CaseText.label(kind)))</span></li>
                """
        }
        let recommended: HTML =
            candidateRows.isEmpty
            ? .empty
            : "<section class=\"card\" id=\"case-candidates\"><h2>\(t(CaseText.candidates))</h2><ul>\(candidateRows.joined())</ul></section>"
        let propose: HTML = canPropose ? "<p><a class=\"button\" href=\"/cases/new\">\(t(CaseText.newTitle))</a></p>" : .empty
        return layout.page(
            title: t(CaseText.title),
            """
            <h1>\(t(CaseText.title))</h1><p class="muted">\(t(CaseText.intro))</p>\(propose)\(recommended)
            <form method="get" action="/cases" class="card filters" id="case-filters">
            <div class="field"><label for="f-kind">\(t(CaseText.kind))</label><select id="f-kind" name="kind">\
            <option value="">\(t(CaseText.all))</option>\(kinds)</select></div>
            <div class="field"><label for="f-status">\(t(CaseText.status))</label><select id="f-status" name="status">\
            <option value="">\(t(CaseText.all))</option>\(statuses)</select></div>
            <div class="field"><label for="f-zone">\(t(CaseText.zone))</label><select id="f-zone" name="zone">\
            <option value="">\(t(CaseText.all))</option>\(zoneOptions)</select></div>
            <button type="submit">\(t(CaseText.filter))</button></form>
            <p id="case-count">\(t(CaseText.count(total)))</p>
            <table id="cases"><thead><tr><th>\(t(CaseText.caseTitle))</th><th>\(t(CaseText.kind))</th>\
            <th>\(t(CaseText.subject))</th><th>\(t(CaseText.zone))</th><th>\(t(CaseText.status))</th>\
            <th>\(t(CaseText.updated))</th></tr></thead><tbody>\(body)</tbody></table>\(pager)
            <p><a href="/cases/public">\(t(CaseText.publicLink))</a></p>
            """)
    }
}
