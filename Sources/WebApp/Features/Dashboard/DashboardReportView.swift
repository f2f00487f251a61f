import Foundation
import Funds
import PilotDomain

/// The monthly report, laid out for A4 paper first: numbered sections, tables that do not break
/// across pages, charts whose bars carry their figures as text (legible in black and white), and
/// no navigation, forms or buttons in print. The tables and charts are the dashboard's own
/// (`DashboardView`), so the report and the screen never disagree.
struct DashboardReportView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }
    var dashboard: DashboardView { DashboardView(layout: layout) }

    func render(_ report: DashboardReport) -> HTML {
        let model = report.model
        let title = "\(t(report.programmeName)) · \(t(report.month.label)) \(t(ReportText.title))"
        let version =
            model.settings.version == 0 ? t(TargetsText.policyDefaults) : t(TargetsText.versionName(model.settings.version))
        let body: HTML = """
            \(HTML.style(DashboardView.css, Self.css))
            \(toolbar(report))
            <article class="monthly-report" id="monthly-report">
            <header class="report-head"><p class="muted">\(t(ReportText.kicker))</p>
            <h1>\(t(report.programmeName))<br>\(t(report.month.label)) \(t(ReportText.title))</h1>
            <p id="figures-taken">\(t(ReportText.figuresTaken))：\(Shanghai.dateTimeText(model.asOf))（\(t(ReportText.beijingTime))）\
             · \(t(DashboardText.deadline)) \(model.settings.deadline) · \(t(ReportText.targetsVersion)) \(version)</p>
            \(report.isCurrent ? .empty : "<p class=\"muted\">\(t(ReportText.pastMonthNote))</p>" as HTML)
            </header>
            <section id="report-targets"><h2>\(t(ReportText.section1))</h2>
            \(targetsTable(model))\(targetsChart(model))</section>
            <section id="report-month"><h2>\(t(ReportText.section2(report.month.label)))</h2>
            <p class="muted">\(t(ReportText.monthNote(report.isCurrent)))</p>\(monthTable(report))</section>
            <section id="report-funnel"><h2>\(t(ReportText.section3))</h2>
            \(funnel(model.funnel))</section>
            <section id="report-sub-industry"><h2>\(t(ReportText.section4))</h2>
            \(dashboard.breakdown(model.bySubIndustry, heading: ListText.subIndustry))</section>
            <section id="report-funds"><h2>\(t(ReportText.section5))</h2>\(dashboard.funds(model))</section>
            <section id="report-risks"><h2>\(t(ReportText.section6))</h2>\(risks(model))</section>
            </article>
            """
        return layout.page(title: title, body)
    }

    /// On screen only: back to the dashboard, another month, print.
    func toolbar(_ report: DashboardReport) -> HTML {
        """
        <div class="report-toolbar no-print"><a href="/dashboard">← \(t(TargetsText.backToDashboard))</a>
        <form method="get" action="\(DashboardReportHandlers.path)" class="inline"><label for="f-month">\(t(ReportText.month))</label>\
        <input type="month" id="f-month" name="month" value="\(report.month.text)" pattern="[0-9]{4}-[0-9]{2}">\
        <button type="submit" class="secondary">\(t(ReportText.show))</button></form>
        <button type="button" data-action="print" id="print-report">\(t(ReportText.print))</button></div>
        """
    }

    /// The states that hold projects, in workflow order, in two columns (the dashboard lists every
    /// state with its chart; on paper the empty ones only take room).
    func funnel(_ rows: [DashboardFigures.FunnelRow]) -> HTML {
        let present = rows.filter { $0.count > 0 }
        let half = (present.count + 1) / 2
        let columns = [Array(present.prefix(half)), Array(present.dropFirst(half))].filter { !$0.isEmpty }
        let total = present.reduce(0) { $0 + $1.count }
        return """
            <p id="report-funnel-total">\(t(ReportText.funnelTotal(total)))</p>
            <div class="report-columns">\(columns.map(dashboard.funnelTable))</div>
            """
    }

    func targetsTable(_ model: DashboardModel) -> HTML {
        let rows = model.targets.map { result -> HTML in
            let trend = model.trends[result.target.key]
            let note: HTML = [result.target.note, result.detail].compactMap { $0 }.map {
                "<div class=\"muted\">\(t($0))</div>" as HTML
            }.joined()
            return """
                <tr data-target="\(result.target.key)"><td>\(t(result.target.label))\(note)</td>\
                <td class="num">\(dashboard.figure(result.current, result.target.unit))</td>\
                <td class="num">\(dashboard.figure(result.goal, result.target.unit))</td>\
                <td class="num">\(result.percentOfGoal.map { "\($0)%" } ?? "—")</td><td>\(dashboard.badge(result.status))</td>\
                <td class="num">\(dashboard.projection(trend, result, model))</td></tr>
                """
        }.joined()
        return """
            <table class="dash report-table" id="report-targets-table"><thead><tr><th>\(t(DashboardText.target))</th>\
            <th class="num">\(t(DashboardText.current))</th><th class="num">\(t(DashboardText.goal))</th>\
            <th class="num">\(t(DashboardText.percentOfGoal))</th><th>\(t(DashboardText.status))</th>\
            <th class="num">\(t(DashboardText.projected))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// Progress towards each goal in one ink: the bar's length and its printed figure carry the
    /// meaning, the status is the table's text badge, so nothing depends on telling colours apart.
    func targetsChart(_ model: DashboardModel) -> HTML {
        let bars = model.targets.map { result in
            DashboardChart.Bar(
                label: t(result.target.label), value: result.percentOfGoal ?? 0,
                caption: result.percentOfGoal.map { "\($0)%" } ?? "—", colour: DashboardChart.blue)
        }
        return DashboardChart.horizontal(bars, title: t(DashboardText.chartTargets), scale: 100, reference: 100)
    }

    func monthTable(_ report: DashboardReport) -> HTML {
        func figure(_ value: Int?, _ unit: TargetUnit) -> String { dashboard.figure(value, unit) }
        let rows = report.model.targets.map { result -> HTML in
            let change = report.changes[result.target.key] ?? DashboardReport.Change()
            let unit = result.target.unit
            let start: HTML = change.start.map { "\(figure($0.value, unit)) <span class=\"muted\">(\($0.week))</span>" } ?? "—"
            let end: HTML =
                change.end.map { end in
                    let when = end.week.map { " <span class=\"muted\">(\($0))</span>" as HTML } ?? .empty
                    return "\(figure(end.value, unit))\(when)"
                } ?? "—"
            return """
                <tr data-target="\(result.target.key)"><td>\(t(result.target.label))</td><td class="num">\(start)</td>\
                <td class="num">\(end)</td><td class="num change">\(ReportText.delta(change.delta, unit).text(language))</td></tr>
                """
        }.joined()
        return """
            <table class="dash report-table" id="report-month-table"><thead><tr><th>\(t(DashboardText.target))</th>\
            <th class="num">\(t(ReportText.monthStart))</th><th class="num">\(t(ReportText.monthEnd(report.isCurrent)))</th>\
            <th class="num">\(t(ReportText.change))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    func risks(_ model: DashboardModel) -> HTML {
        let counts = DashboardRisks.Kind.allCases.map { kind -> HTML in
            """
            <tr data-risk="\(kind.rawValue)"><td>\(t(DashboardText.riskTitle(kind)))</td>\
            <td class="num">\((model.risks[kind] ?? []).count)</td></tr>
            """
        }.joined()
        let overdue = model.risks[.overdue] ?? []
        let shown = Array(overdue.prefix(DashboardReport.overdueShown))
        return """
            <table class="dash report-table" id="report-risk-counts"><thead><tr><th>\(t(DashboardText.riskList))</th>\
            <th class="num">\(t(DashboardText.projects))</th></tr></thead><tbody>\(counts)\
            <tr data-risk="low-rated"><td>\(t(DashboardText.lowRated))</td>\
            <td class="num">\(model.lowRatedContractors.count)</td></tr></tbody></table>
            <h3 id="report-overdue">\(t(ReportText.topOverdue(shown.count, of: overdue.count)))</h3>\(dashboard.riskTable(shown))
            \(dashboard.lowRated(model.lowRatedContractors))
            """
    }

    /// Print first: A4 with 15 mm margins, the page chrome and controls hidden, no table split
    /// across pages (a table longer than a page repeats its header), badges as outlined text.
    static let css: StaticString = """
        @page { size: A4; margin: 15mm; }
        .monthly-report { background:#fff; max-width:210mm; margin:0 auto; padding:12mm; border:1px solid var(--line); }
        .monthly-report h1 { font-size:1.35rem; text-align:center; line-height:1.4; }
        .monthly-report h2 { font-size:1.05rem; border-bottom:2px solid #1f2933; padding-bottom:.15rem; }
        .monthly-report h3 { font-size:.95rem; }
        .report-head { text-align:center; }
        .report-toolbar { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; margin-bottom:1rem; }
        .report-toolbar label { display:inline; margin:0 .4rem 0 0; }
        .report-toolbar input[type=month] { width:auto; }
        .report-toolbar button { margin-top:0; }
        .monthly-report table { break-inside:avoid; page-break-inside:avoid; }
        .monthly-report thead { display:table-header-group; }
        .monthly-report tr, .monthly-report svg { break-inside:avoid; page-break-inside:avoid; }
        .monthly-report h2, .monthly-report h3 { break-after:avoid; page-break-after:avoid; }
        .monthly-report td.change { font-weight:600; }
        .monthly-report .rag { white-space:nowrap; }
        .monthly-report .dash-grid { grid-template-columns:minmax(0,1fr); }
        .report-columns { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:1rem; align-items:start; }
        @media print {
          header.top, nav, .no-print, form, button { display:none !important; }
          body { background:#fff; font-size:10pt; }
          main { max-width:none; margin:0; padding:0; }
          .monthly-report { border:none; padding:0; max-width:none; }
          .monthly-report table.dash { font-size:9pt; }
          .monthly-report th { background:#fff; border-bottom:1.5px solid #1f2933; }
          .rag { background:#fff !important; color:#1f2933 !important; }
          svg.chart { max-height:95mm; }
          a { color:inherit; text-decoration:none; }
        }
        """
}
