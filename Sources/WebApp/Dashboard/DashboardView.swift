import Foundation
import PilotDomain
import WorkflowEngine

/// The leadership dashboard page: targets (chart and table), the funnel (chart and table),
/// breakdowns, funds and overdue projects. Every chart has its table beside it, so the figures can
/// be read exactly, by screen readers and on paper.
struct DashboardView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var targets: [TargetResult]
        var funnel: [DashboardFigures.FunnelRow]
        var bySubIndustry: [DashboardFigures.BreakdownRow]
        var byZone: [DashboardFigures.BreakdownRow]
        var centralPaid: Fen
        var localPaid: Fen
        var planned: Fen
        var risks: [DashboardFigures.Risk]
    }

    func render(_ model: Model) -> HTML {
        let body: HTML = """
            <style>\(HTML(raw: Self.css))</style>
            <h1>\(t(DashboardText.title))</h1>
            <p class="muted">\(t(DashboardText.definitions))</p>
            <section class="card" id="targets"><h2>\(t(DashboardText.targetsTitle))</h2>
            <div class="dash-grid">\(targetsChart(model.targets))\(targetsTable(model.targets))</div>
            \(exports(.targets))</section>
            <section class="card" id="funnel"><h2>\(t(DashboardText.funnelTitle))</h2>
            <div class="dash-grid">\(funnelChart(model.funnel))\(funnelTable(model.funnel))</div>
            \(exports(.funnel))</section>
            <div class="dash-grid">
            <section class="card" id="by-sub-industry"><h2>\(t(DashboardText.bySubIndustry))</h2>\
            \(breakdown(model.bySubIndustry, heading: ListText.subIndustry))</section>
            <section class="card" id="by-zone"><h2>\(t(DashboardText.byZone))</h2>\
            \(breakdown(model.byZone, heading: ListText.zone))</section>
            </div>
            <section class="card" id="funds"><h2>\(t(DashboardText.funds))</h2>\(funds(model))</section>
            <section class="card" id="risks"><h2>\(t(DashboardText.risks)) <span class="muted">(\(model.risks.count))</span></h2>
            \(risks(model.risks))</section>
            """
        return layout.page(title: t(DashboardText.title), body)
    }

    func badge(_ status: TargetStatus?) -> HTML {
        guard let status else { return "<span class=\"muted\">—</span>" }
        return "<span class=\"rag \(status.rawValue)\">\(t(DashboardText.status(status)))</span>"
    }

    func figure(_ value: Int?, _ unit: TargetUnit) -> String {
        guard let value else { return "—" }
        return unit == .percent ? "\(value)%" : "\(value)"
    }

    func targetsChart(_ targets: [TargetResult]) -> HTML {
        let bars = targets.map { result in
            DashboardChart.Bar(
                label: t(result.target.label), value: result.percentOfGoal ?? 0,
                caption: result.percentOfGoal.map { "\($0)%" } ?? "—", colour: Self.colour(result.status))
        }
        return DashboardChart.horizontal(bars, title: t(DashboardText.chartTargets), scale: 100, reference: 100)
    }

    static func colour(_ status: TargetStatus?) -> String {
        switch status {
        case .green: DashboardChart.green
        case .amber: DashboardChart.amber
        case .red: DashboardChart.red
        case nil: DashboardChart.grey
        }
    }

    func targetsTable(_ targets: [TargetResult]) -> HTML {
        let rows = targets.map { result -> HTML in
            let note: HTML = result.target.note.map { "<div class=\"muted\">\(t($0))</div>" } ?? .empty
            return """
                <tr data-target="\(result.target.key)"><td>\(t(result.target.label))\(note)</td>\
                <td class="num">\(figure(result.current, result.target.unit))</td>\
                <td class="num">\(figure(result.target.goal, result.target.unit))</td>\
                <td class="num">\(result.percentOfGoal.map { "\($0)%" } ?? "—")</td><td>\(badge(result.status))</td></tr>
                """
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(DashboardText.target))</th><th class="num">\(t(DashboardText.current))</th>\
            <th class="num">\(t(DashboardText.goal))</th><th class="num">\(t(DashboardText.percentOfGoal))</th>\
            <th>\(t(DashboardText.status))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    func funnelChart(_ funnel: [DashboardFigures.FunnelRow]) -> HTML {
        let bars = funnel.map {
            DashboardChart.Bar(
                label: t($0.label), value: $0.count, caption: "\($0.count)",
                colour: $0.terminal ? DashboardChart.grey : DashboardChart.blue)
        }
        return DashboardChart.horizontal(bars, title: t(DashboardText.chartFunnel))
    }

    func funnelTable(_ funnel: [DashboardFigures.FunnelRow]) -> HTML {
        let rows = funnel.map {
            "<tr data-state=\"\($0.stateId)\"><td>\(t($0.label))</td><td class=\"num\">\($0.count)</td></tr>" as HTML
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(UIText.state))</th>\
            <th class="num">\(t(DashboardText.projects))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    func breakdown(_ rows: [DashboardFigures.BreakdownRow], heading: LocalizedText) -> HTML {
        let body = rows.map {
            """
            <tr><td>\(t($0.name))</td><td class="num">\($0.participants)</td>\
            <td class="num">\($0.approvedSubsidy.wanYuanText)</td></tr>
            """ as HTML
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(heading))</th><th class="num">\(t(DashboardText.participants))</th>\
            <th class="num">\(t(DashboardText.approvedWan))</th></tr></thead><tbody>\(body)</tbody></table>
            """
    }

    func funds(_ model: Model) -> HTML {
        func row(_ label: LocalizedText, _ amount: Fen) -> HTML {
            "<tr><td>\(t(label))</td><td class=\"num\" title=\"\(amount.yuanText) 元\">\(amount.wanYuanText)</td></tr>"
        }
        return """
            <table class="dash"><thead><tr><th></th><th class="num">\(t(DashboardText.amountWan))</th></tr></thead><tbody>\
            \(row(DashboardText.centralPaid, model.centralPaid))\(row(DashboardText.localPaid, model.localPaid))\
            \(row(DashboardText.planned, model.planned))</tbody></table>
            """
    }

    func risks(_ risks: [DashboardFigures.Risk]) -> HTML {
        guard !risks.isEmpty else { return "<p class=\"muted\">\(t(DashboardText.noRisks))</p>" }
        let rows = risks.map { risk -> HTML in
            let name = risk.project.data["enterprise_name"]?.stringValue ?? risk.project.id
            return """
                <tr><td><a href="\(AppPath.instance(risk.project.id).url)">\(name)</a></td><td>\(t(risk.state.label))</td>\
                <td>\(Shanghai.dateText(risk.due))</td><td class="num overdue">\(risk.daysOver)</td></tr>
                """
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(DashboardText.enterprise))</th><th>\(t(UIText.state))</th>\
            <th>\(t(DashboardText.dueBy))</th><th class="num">\(t(DashboardText.daysOver))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    func exports(_ table: DashboardExport.Table) -> HTML {
        let base = "/dashboard/export/\(table.rawValue)"
        return """
            <p class="exports no-print">\(t(DashboardText.exports)): \
            <a href="\(base).xlsx">Excel</a> · <a href="\(base).csv">CSV</a></p>
            """
    }

    /// The dashboard's own styles (kept here, beside the markup they style). In print the two
    /// columns stay side by side, sections do not break across pages, and badges keep a border so
    /// the status reads without colour.
    static let css = """
        .dash-grid { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:1rem; align-items:start; }
        @media (max-width: 900px) { .dash-grid { grid-template-columns:1fr; } }
        svg.chart { width:100%; height:auto; font-size:12px; print-color-adjust:exact; -webkit-print-color-adjust:exact; }
        svg.chart text { fill:#1f2933; }
        table.dash td.num, table.dash th.num { text-align:right; font-variant-numeric:tabular-nums; }
        .rag { display:inline-block; padding:.05rem .55rem; border-radius:999px; font-size:.85rem;
          border:1px solid currentColor; }
        .rag.green { color:#0f7b3f; background:#e8f5ee; } .rag.amber { color:#8a5a00; background:#fff4e0; }
        .rag.red { color:#b42318; background:#fdecea; }
        @media print {
          .dash-grid { grid-template-columns:minmax(0,1fr) minmax(0,1fr); }
          section.card { break-inside:avoid; page-break-inside:avoid; }
          .exports { display:none; } table.dash { font-size:10pt; } a { color:inherit; text-decoration:none; }
        }
        """
}
