import Foundation
import PilotDomain
import PilotStore

/// The coverage page of one unit: totals, quotas per year, grades, sub-units (each a link to its
/// own page), firms not started, milestones on the campaign's node, reminders to the unit.
struct CoverageView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Extras {
        var notStarted: [DiagnosisFirm]
        var notStartedTotal: Int
        var page: Int
        var pageSize: Int
        var reminders: [DiagnosisReminder]
        var canRemind: Bool
        var canSetQuotas: Bool
        var canAssign: Bool
        var canImport: Bool
    }

    static func pct(_ part: Int, _ whole: Int) -> String { CoverageReport.percentText(CoverageReport.percent(part, whole)) }

    func link(_ code: String) -> String { "/diagnosis/coverage?unit=\(code)" }

    func render(_ report: CoverageReport, _ extras: Extras, flash: Flash?) -> HTML {
        let totals = report.totals
        let up: HTML = report.parent.map { "<a href=\"\(link($0.value))\">\(t(SupervisionText.up))</a> · " } ?? .empty
        let actions: HTML = """
            <p>\(up)<a href="/diagnosis/coverage/export.xlsx?unit=\(report.unit.value)">\(t(SupervisionText.exportXLSX))</a>\
            \(extras.canSetQuotas ? " · <a href=\"/diagnosis/quotas?unit=\(report.unit.value)\">\(t(SupervisionText.quotasLink))</a>" as HTML : .empty)\
            \(extras.canAssign ? " · <a href=\"/diagnosis/offline\">\(t(SupervisionText.offlineLink))</a>" as HTML : .empty)\
            \(extras.canImport ? " · <a href=\"/diagnosis/roster/import\">\(t(SupervisionText.importLink))</a>" as HTML : .empty)</p>
            """
        let summary: HTML = """
            <section class="card" id="coverage-totals"><dl class="data">
            <dt>\(t(SupervisionText.rosterFirms))</dt><dd id="total-firms">\(totals.firms)</dd>
            <dt>\(t(SupervisionText.diagnosed))</dt><dd id="total-diagnosed">\(totals.diagnosed)</dd>
            <dt>\(t(SupervisionText.filling))</dt><dd id="total-filling">\(totals.filling)</dd>
            <dt>\(t(SupervisionText.notStarted))</dt><dd id="total-not-started">\(totals.notStarted)</dd>
            <dt>\(t(SupervisionText.coverage))</dt><dd id="total-coverage">\(Self.pct(totals.diagnosed, totals.firms))</dd>
            </dl></section>
            """
        let body: HTML = """
            <h1>\(t(SupervisionText.coverageTitle)) · \(report.unitName)</h1>
            \(actions)\(remindersHTML(extras.reminders))\(summary)\(milestonesHTML(report))\(yearsHTML(report))\(gradesHTML(report))
            \(linesHTML(report))\(notStartedHTML(report, extras))\(extras.canRemind ? remindForm(report) : .empty)
            """
        return layout.page(title: t(SupervisionText.coverageTitle), flash: flash, body)
    }

    func remindersHTML(_ reminders: [DiagnosisReminder]) -> HTML {
        guard !reminders.isEmpty else { return .empty }
        let items = reminders.map { reminder -> HTML in
            let state: HTML =
                reminder.readAt == nil
                ? """
                <form method="post" class="inline" action="/diagnosis/reminders/\(reminder.id)/read">\(layout.csrfField)\
                <button type="submit" class="secondary">\(t(SupervisionText.markRead))</button></form>
                """
                : "<span class=\"badge final\">\(t(SupervisionText.read))</span>"
            return """
                <li><span class="muted">\(Shanghai.dateTimeText(reminder.at)) · \(reminder.byName)</span> \
                <span class="pre">\(reminder.message)</span> \(state)</li>
                """
        }.joined()
        return
            "<section class=\"card notice\" id=\"reminders\"><h2>\(t(SupervisionText.reminders))</h2><ul>\(items)</ul></section>"
    }

    func milestonesHTML(_ report: CoverageReport) -> HTML {
        guard !report.milestones.isEmpty else { return .empty }
        let rows = report.milestones.map { line -> HTML in
            let status: HTML =
                switch line.status {
                case .met: "<span class=\"badge final\">\(t(SupervisionText.met))</span>"
                case .onTrack: "<span class=\"badge\">\(t(SupervisionText.onTrack))</span>"
                case .behind: "<strong class=\"field-error\">\(t(SupervisionText.behind))</strong>"
                case .notMeasured: "<span class=\"muted\">\(t(SupervisionText.notMeasured))</span>"
                }
            let measures = line.measures.map { measure -> HTML in
                "<li>\(t(measure.label))：\(measure.target)（\(t(SupervisionText.actual)) \(measure.actual)）</li>"
            }.joined()
            return """
                <tr><td>\(line.milestone.date)</td><td><ul>\(measures)</ul>\
                \(line.milestone.note.map { "<p class=\"muted\">\(t($0))</p>" as HTML } ?? .empty)</td><td>\(status)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="milestones"><h2>\(t(SupervisionText.milestones))</h2><table><thead><tr>\
            <th>\(t(SupervisionText.date))</th><th>\(t(SupervisionText.target))</th><th>\(t(SupervisionText.status))</th>\
            </tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func yearsHTML(_ report: CoverageReport) -> HTML {
        guard !report.years.isEmpty else { return .empty }
        let rows = report.years.map { line -> HTML in
            let quota: HTML = line.quota.map { "\($0)" as HTML } ?? "<span class=\"muted\">\(t(SupervisionText.noQuota))</span>"
            let completion: String = line.quota.map { Self.pct(line.diagnosed, $0) } ?? "—"
            return
                "<tr><td>\(line.year)</td><td class=\"num\">\(quota)</td><td class=\"num\">\(line.diagnosed)</td><td class=\"num\">\(completion)</td></tr>"
        }.joined()
        return """
            <section class="card" id="quota-progress"><h2>\(t(SupervisionText.quotaProgress))</h2><table><thead><tr>\
            <th>\(t(SupervisionText.year))</th><th class="num">\(t(SupervisionText.quota))</th>\
            <th class="num">\(t(SupervisionText.diagnosedInYear))</th><th class="num">\(t(SupervisionText.completion))</th>\
            </tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func gradesHTML(_ report: CoverageReport) -> HTML {
        let rows = (1...10).map { grade -> HTML in
            "<tr><td>\(grade)</td><td class=\"num\">\(report.grades[grade] ?? 0)</td></tr>"
        }.joined()
        return """
            <section class="card" id="grades"><h2>\(t(SupervisionText.grades))</h2><table><thead><tr>\
            <th>\(t(SupervisionText.grade))</th><th class="num">\(t(SupervisionText.firms))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></section>
            """
    }

    func linesHTML(_ report: CoverageReport) -> HTML {
        guard report.hasChildLevel else {
            return "<section class=\"card\" id=\"sub-units\"><p class=\"muted\">\(t(SupervisionText.noSubUnits))</p></section>"
        }
        let rows = report.lines.map { line -> HTML in
            let name: HTML =
                line.atUnit
                ? "\(line.name) <span class=\"muted\">\(t(SupervisionText.registeredAtUnit))</span>"
                : "<a href=\"\(link(line.code))\">\(line.name)</a>"
            let flag: HTML =
                line.lagging ? "<strong class=\"field-error lagging\">\(t(SupervisionText.lagging))</strong>" : .empty
            return """
                <tr data-unit="\(line.code)"><td>\(name)</td><td>\(line.code)</td><td class="num">\(line.firms)</td>\
                <td class="num">\(line.diagnosed)</td><td class="num">\(line.filling)</td><td class="num">\(line.notStarted)</td>\
                <td class="num">\(Self.pct(line.diagnosed, line.firms))</td><td class="num">\(line.quota.map { "\($0)" } ?? "—")</td>\
                <td>\(flag)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="sub-units"><h2>\(t(SupervisionText.subUnits))</h2><p class="muted">\(t(SupervisionText.laggingHint))</p>
            <table><thead><tr><th>\(t(SupervisionText.name))</th><th>\(t(SupervisionText.code))</th>\
            <th class="num">\(t(SupervisionText.rosterFirms))</th><th class="num">\(t(SupervisionText.diagnosed))</th>\
            <th class="num">\(t(SupervisionText.filling))</th><th class="num">\(t(SupervisionText.notStarted))</th>\
            <th class="num">\(t(SupervisionText.coverage))</th><th class="num">\(t(SupervisionText.quota))</th>\
            <th>\(t(SupervisionText.lagging))</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func notStartedHTML(_ report: CoverageReport, _ extras: Extras) -> HTML {
        let rows = extras.notStarted.map { firm -> HTML in
            """
            <tr><td><a href="/diagnosis/firms/\(firm.uscc)">\(firm.name)</a></td><td>\(firm.uscc)</td><td>\(firm.divisionCode)</td>\
            <td>\(firm.contactName) \(firm.contactPhone)</td></tr>
            """
        }.joined()
        let base = "/diagnosis/coverage?unit=\(report.unit.value)&page="
        let previous: HTML =
            extras.page > 1 ? "<a href=\"\(base)\(extras.page - 1)\">\(t(SupervisionText.previous))</a> " : .empty
        let next: HTML =
            extras.page * extras.pageSize < extras.notStartedTotal
            ? "<a href=\"\(base)\(extras.page + 1)\">\(t(SupervisionText.next))</a>" : .empty
        return """
            <section class="card" id="not-started"><h2>\(t(SupervisionText.notStartedFirms))（\(extras.notStartedTotal)）</h2>
            \(rows.text.isEmpty ? "<p class=\"muted\">\(t(SupervisionText.none))</p>" as HTML : "<table><tbody>\(rows)</tbody></table>" as HTML)
            <p>\(previous)\(next)</p></section>
            """
    }

    func remindForm(_ report: CoverageReport) -> HTML {
        let options = report.lines.filter { !$0.atUnit }.map { line -> HTML in
            "<option value=\"\(line.code)\">\(line.name)\(line.lagging ? "（\(t(SupervisionText.lagging))）" : "")</option>"
        }.joined()
        return """
            <section class="card narrow" id="remind"><h2>\(t(SupervisionText.remindTitle))</h2>
            <form method="post" action="/diagnosis/reminders">\(layout.csrfField)
            <input type="hidden" name="unit" value="\(report.unit.value)">
            <label for="f-division">\(t(SupervisionText.remindTarget))</label>
            <select id="f-division" name="division"><option value=""></option>\(options)</select>
            <input type="text" name="uscc" maxlength="18" placeholder="91…">
            <label for="f-message">\(t(SupervisionText.message))</label>
            <textarea id="f-message" name="message" maxlength="500" required></textarea>
            <button type="submit">\(t(SupervisionText.send))</button></form></section>
            """
    }
}
