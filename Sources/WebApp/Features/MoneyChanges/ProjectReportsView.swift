import Foundation
import Funds
import PilotDomain

/// The project page's card of quarterly reports: each report's period, due day and state, and for
/// a reader who hands them in a form per report still due (summary, and the file where the reader
/// may upload project documents).
struct ProjectReportsView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func card(_ model: InstancePageModel) -> HTML {
        guard !model.reports.isEmpty else { return .empty }
        let now = model.now
        let rows = model.reports.map { report -> HTML in
            let state: HTML =
                switch report.state {
                case .submitted:
                    "<span class=\"badge\">\(t(ProjectReportsText.handedIn))</span> \(report.submission.map { "\($0.byName) · \(Shanghai.dateText($0.at))" } ?? "")"
                case .cancelled: "<span class=\"muted\">\(t(ProjectReportsText.cancelled))</span>"
                case .due:
                    report.isOverdue(at: now)
                        ? "<span class=\"badge overdue\">\(t(ProjectReportsText.overdue))</span>"
                        : "\(t(ProjectReportsText.due)) \(report.dueDay)"
                }
            let form: HTML =
                model.canReport && report.state == .due
                ? """
                <form method="post" enctype="multipart/form-data" action="/instances/\(AppPath.encode(model.instance.id))/reports/\(report.number)" id="report-form-\(report.number)">\(layout.csrfField)
                <div class="field"><label for="r-summary-\(report.number)">\(t(MoneyChangesText.summary))</label><textarea id="r-summary-\(report.number)" name="summary" maxlength="\(ProjectReports.maxSummary)" required></textarea></div>
                \(model.canUpload ? "<div class=\"field\"><label for=\"r-file-\(report.number)\">\(t(ProjectReportsText.file))</label><input type=\"file\" id=\"r-file-\(report.number)\" name=\"file\" accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx\"></div>" as HTML : .empty)
                <button type="submit">\(t(ProjectReportsText.submit))</button></form>
                """ : .empty
            return """
                <tr data-report="\(report.number)"><td>\(t(report.kind.label))</td><td>\(report.periodStart) – \(report.periodEnd)</td>
                <td>\(state)</td><td>\(form)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="reports"><h2>\(t(ProjectReportsText.title))</h2><p class="muted">\(t(ProjectReportsText.help))</p>
            <table><tbody>\(rows)</tbody></table></section>
            """
    }
}
