import Foundation
import PilotDomain
import WorkflowEngine

/// The leadership dashboard page: targets (chart and table), the funnel (chart and table),
/// breakdowns, funds and overdue projects. Every chart has its table beside it, so the figures can
/// be read exactly, by screen readers and on paper.
struct DashboardView {
    var layout: Layout
    var training: TrainingFigures? = nil
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// Rows shown per risk list; the export has them all.
    static let riskRowsShown = 50

    func render(_ model: DashboardModel) -> HTML {
        let body: HTML = """
            \(HTML.style(Self.css))
            <h1>\(t(DashboardText.title))</h1>
            <p class="muted">\(t(DashboardText.asOf)) \(Shanghai.dateTimeText(model.asOf)) · \(t(DashboardText.deadline)) \
            \(model.settings.deadline) <span class="no-print">· <a href="/dashboard/targets">\(t(DashboardText.editTargets))</a> · \
            <a href="/dashboard/report">\(t(DashboardText.report))</a></span></p>
            <p class="muted">\(t(DashboardText.definitions))</p>
            <section class="card" id="targets"><h2>\(t(DashboardText.targetsTitle))</h2>
            \(targetsChart(model.targets))\(targetsTable(model))
            \(exports(.targets)) \(exports(.trends))</section>
            <section class="card" id="funnel"><h2>\(t(DashboardText.funnelTitle))</h2>
            <div class="dash-grid">\(funnelChart(model.funnel))\(funnelTable(model.funnel))</div>
            \(exports(.funnel))</section>
            <div class="dash-grid">
            <section class="card" id="by-sub-industry"><h2>\(t(DashboardText.bySubIndustry))</h2>\
            \(breakdown(model.bySubIndustry, heading: ListText.subIndustry, filter: "sub"))\(exports(.subIndustries))</section>
            <section class="card" id="by-zone"><h2>\(t(DashboardText.byZone))</h2>\
            \(breakdown(model.byZone, heading: ListText.zone, filter: "zone"))\(exports(.zones))</section>
            </div>
            <section class="card" id="by-contractor"><h2>\(t(DashboardText.byContractor))</h2>\
            <p class="muted">\(t(DashboardText.contractorAttribution))</p>\
            \(breakdown(model.byContractor, heading: DashboardText.contractor))\(exports(.contractors))</section>
            <section class="card" id="levels"><h2>\(t(DashboardText.levelsTitle))</h2>
            <div class="dash-grid">\(levelsChart(model.levels))\(levelsTable(model.levels))</div>\(exports(.levels))</section>
            <section class="card" id="funds"><h2>\(t(DashboardText.fundsBySource))</h2>\(funds(model))\(exports(.funds))</section>
            <section class="card" id="risks"><h2>\(t(DashboardText.risks))</h2>\(risks(model))\(exports(.risks))</section>
            \(training.map(TrainingFiguresView(language: language).dashboardSection))
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

    func targetsTable(_ model: DashboardModel) -> HTML {
        let rows = model.targets.map { result -> HTML in
            let note: HTML = [result.target.note, result.detail].compactMap { $0 }.map {
                "<div class=\"muted\">\(t($0))</div>" as HTML
            }.joined()
            let trend = model.trends[result.target.key]
            return """
                <tr data-target="\(result.target.key)"><td>\(t(result.target.label))\(note)</td>\
                <td class="num">\(figure(result.current, result.target.unit))</td>\
                <td class="num">\(figure(result.goal, result.target.unit))</td>\
                <td class="num">\(result.percentOfGoal.map { "\($0)%" } ?? "—")</td><td>\(badge(result.status))</td>\
                <td>\(sparkline(trend, result))</td><td class="num">\(projection(trend, result, model))</td></tr>
                """
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(DashboardText.target))</th><th class="num">\(t(DashboardText.current))</th>\
            <th class="num">\(t(DashboardText.goal))</th><th class="num">\(t(DashboardText.percentOfGoal))</th>\
            <th>\(t(DashboardText.status))</th><th>\(t(DashboardText.trend))</th>\
            <th class="num">\(t(DashboardText.projected))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    func sparkline(_ trend: TargetTrend?, _ result: TargetResult) -> HTML {
        guard let trend, trend.points.count >= 2 else { return "<span class=\"muted\">—</span>" }
        let values = trend.points.map(\.value)
        let title = trend.points.map { "\($0.week): \(figure($0.value, result.target.unit))" }.joined(separator: "; ")
        return DashboardChart.sparkline(
            values, title: title)
    }

    func projection(_ trend: TargetTrend?, _ result: TargetResult, _ model: DashboardModel) -> HTML {
        if let end = model.settings.deadlineEnd, end <= model.asOf {
            return "<span class=\"muted\">\(t(DashboardText.deadlinePassed))</span>"
        }
        guard let projected = trend?.projected, let onTrack = trend?.onTrack else { return "<span class=\"muted\">—</span>" }
        let label = onTrack ? DashboardText.onTrack : DashboardText.offTrack
        return """
            \(figure(projected, result.target.unit)) <span class="rag \(onTrack ? "green" : "red")">\(t(label))</span>
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
            """
            <tr data-state="\($0.stateId)"><td><a href="/projects?state=\($0.stateId)">\(t($0.label))</a></td>\
            <td class="num">\($0.count)</td></tr>
            """ as HTML
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(UIText.state))</th>\
            <th class="num">\(t(DashboardText.projects))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    /// `filter`: the project list's query parameter for the group, so each name opens its projects.
    func breakdown(_ rows: [DashboardFigures.BreakdownRow], heading: LocalizedText, filter: String? = nil) -> HTML {
        let body = rows.map { row -> HTML in
            let name: HTML =
                if let filter, !row.id.isEmpty {
                    "<a href=\"/projects?\(filter)=\(row.id)\">\(t(row.name))</a>"
                } else {
                    "\(t(row.name))"
                }
            return """
                <tr><td>\(name)</td><td class="num">\(row.participants)</td><td class="num">\(row.atLevel3)</td>\
                <td class="num" title="\(row.approvedSubsidy.yuanText) 元">\(row.approvedSubsidy.wanYuanText)</td></tr>
                """
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(heading))</th><th class="num">\(t(DashboardText.participants))</th>\
            <th class="num">\(t(DashboardText.atLevel3))</th><th class="num">\(t(DashboardText.approvedWan))</th></tr></thead>\
            <tbody>\(body)</tbody></table>
            """
    }

    func levelsChart(_ levels: [DashboardFigures.LevelRow]) -> HTML {
        DashboardChart.paired(
            levels.map { (t(DashboardText.levelName($0.level)), $0.baseline, $0.latest, ("\($0.baseline)", "\($0.latest)")) },
            legend: (t(DashboardText.baseline), t(DashboardText.latest)), title: t(DashboardText.levelsTitle))
    }

    func levelsTable(_ levels: [DashboardFigures.LevelRow]) -> HTML {
        let rows = levels.map {
            """
            <tr><td>\(t(DashboardText.levelName($0.level)))</td><td class="num">\($0.baseline)</td>\
            <td class="num">\($0.latest)</td></tr>
            """ as HTML
        }.joined()
        return """
            <table class="dash"><thead><tr><th>\(t(DashboardText.level))</th><th class="num">\(t(DashboardText.baseline))</th>\
            <th class="num">\(t(DashboardText.latest))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    func funds(_ model: DashboardModel) -> HTML {
        let funds = model.funds
        func wan(_ amount: Fen) -> HTML { "<td class=\"num\" title=\"\(amount.yuanText) 元\">\(amount.wanYuanText)</td>" }
        let rows = funds.sources.map { source -> HTML in
            """
            <tr><td>\(t(source.name))</td><td class="nowrap">\(t(source.isLocal ? DashboardText.local : DashboardText.central))</td>\
            \(wan(source.committed))\(wan(source.received))\(wan(source.disbursed))</tr>
            """
        }.joined()
        let matched = funds.isMatched
        let chart = DashboardChart.paired(
            funds.sources.map {
                (
                    t($0.name), Int($0.received.value / 100), Int($0.disbursed.value / 100),
                    ($0.received.wanYuanText, $0.disbursed.wanYuanText)
                )
            }, legend: (t(DashboardText.receivedWan), t(DashboardText.disbursedWan)), title: t(DashboardText.fundsBySource))
        return """
            <div class="dash-grid">\(chart)<div><table class="dash"><thead><tr><th>\(t(DashboardText.source))</th>\
            <th>\(t(DashboardText.share))</th><th class="num">\(t(DashboardText.committedWan))</th>\
            <th class="num">\(t(DashboardText.receivedWan))</th><th class="num">\(t(DashboardText.disbursedWan))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            <table class="dash"><tbody><tr><td>\(t(DashboardText.centralPaid))</td>\(wan(funds.centralPaid))</tr>\
            <tr><td>\(t(DashboardText.localPaid))</td>\(wan(funds.localPaid))</tr>\
            <tr><td>\(t(DashboardText.planned))</td>\(wan(funds.planned))</tr></tbody></table>
            <p id="matching"><span class="rag \(matched ? "green" : "red")">\
            \(t(matched ? DashboardText.matched : DashboardText.notMatched))</span></p></div></div>
            """
    }

    func risks(_ model: DashboardModel) -> HTML {
        let lists = DashboardRisks.Kind.allCases.map { kind -> HTML in
            let items = model.risks[kind] ?? []
            return """
                <h3 id="risk-\(kind.rawValue)">\(t(DashboardText.riskTitle(kind))) <span class="muted">(\(items.count))</span></h3>\
                \(riskTable(items))
                """
        }.joined()
        return "\(lists)\(lowRated(model.lowRatedContractors))"
    }

    func riskTable(_ items: [DashboardRisks.Item]) -> HTML {
        guard !items.isEmpty else { return "<p class=\"muted\">\(t(DashboardText.noItems))</p>" }
        let rows = items.prefix(Self.riskRowsShown).map { item -> HTML in
            let name = item.project.enterpriseName ?? item.project.instanceId
            let detail: HTML = item.detail.map { "<div class=\"muted\">\(t($0))</div>" } ?? .empty
            return """
                <tr><td><a href="\(AppPath.instance(item.project.instanceId).url)">\(name)</a>\(detail)</td>\
                <td>\(t(item.state.label))</td><td>\(Shanghai.dateText(item.since))</td>\
                <td>\(item.due.map(Shanghai.dateText) ?? "—")</td>\
                <td class="num\(item.daysOver > 0 ? " overdue" : "")">\(item.daysOver)</td></tr>
                """
        }.joined()
        let more: HTML = items.count > Self.riskRowsShown ? "<p class=\"muted\">\(t(DashboardText.more))</p>" : .empty
        return """
            <table class="dash"><thead><tr><th>\(t(DashboardText.enterprise))</th><th>\(t(UIText.state))</th>\
            <th>\(t(DashboardText.since))</th><th>\(t(DashboardText.dueBy))</th>\
            <th class="num">\(t(DashboardText.daysOver))</th></tr></thead><tbody>\(rows)</tbody></table>\(more)
            """
    }

    func lowRated(_ items: [DashboardRisks.ContractorItem]) -> HTML {
        let heading: HTML = """
            <h3 id="risk-low-rated">\(t(DashboardText.lowRated)) <span class="muted">(\(items.count))</span></h3>
            """
        guard !items.isEmpty else { return "\(heading)<p class=\"muted\">\(t(DashboardText.noItems))</p>" }
        let rows = items.map {
            """
            <tr><td><a href="/contractors">\($0.name)</a></td><td>\(t(DashboardText.ratingText($0.average, $0.ratings)))</td></tr>
            """ as HTML
        }.joined()
        return """
            \(heading)<table class="dash"><thead><tr><th>\(t(DashboardText.contractor))</th><th>\(t(DashboardText.note))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    func exports(_ table: DashboardExport.Table) -> HTML {
        let base = "/dashboard/export/\(table.rawValue)"
        return """
            <p class="exports no-print">\(t(DashboardText.tableTitle(table))) \(t(DashboardText.exports)): \
            <a href="\(base).xlsx">Excel</a> · <a href="\(base).csv">CSV</a></p>
            """
    }

    /// The dashboard's own styles (kept here, beside the markup they style). In print the two
    /// columns stay side by side, sections do not break across pages, and badges keep a border so
    /// the status reads without colour.
    static let css: StaticString = """
        .dash-grid { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:1rem; align-items:start; }
        @media (max-width: 900px) { .dash-grid { grid-template-columns:1fr; } }
        svg.chart { width:100%; max-width:640px; height:auto; font-size:12px; print-color-adjust:exact; -webkit-print-color-adjust:exact; }
        svg.chart text { fill:#1f2933; }
        svg.spark { vertical-align:middle; print-color-adjust:exact; -webkit-print-color-adjust:exact; }
        td.overdue { color:#b42318; font-weight:600; }
        table.dash td.nowrap { white-space:nowrap; }
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
