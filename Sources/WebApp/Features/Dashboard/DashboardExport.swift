import Foundation
import OfficeFormats
import PilotDomain
import WorkflowEngine

/// The dashboard's tables as spreadsheets: the same figures as the page, for the office's
/// reports. Money is exact yuan (a number with two decimals), as the finance exports.
enum DashboardExport {
    enum Table: String, CaseIterable {
        case targets
        case trends
        case funnel
        case subIndustries = "sub_industries"
        case zones
        case contractors
        case levels
        case funds
        case risks
    }

    static func sheet(_ table: Table, model: DashboardModel, language: UILanguage) -> Sheet {
        func t(_ text: LocalizedText) -> String { text.text(language) }
        func number(_ value: Int?) -> Cell { value.map { .integer(Int64($0)) } ?? .text("—") }
        func yuan(_ amount: Fen) -> Cell { .yuan(fen: amount.value) }
        let rows: [[Cell]]
        switch table {
        case .targets:
            rows =
                [
                    [
                        .text(t(DashboardText.target)), .text(t(DashboardText.current)), .text(t(DashboardText.goal)),
                        .text(t(DashboardText.unit)), .text(t(DashboardText.percentOfGoal)), .text(t(DashboardText.status)),
                        .text(t(DashboardText.projected)), .text(t(DashboardText.note)),
                    ]
                ]
                + model.targets.map { result in
                    [
                        .text(t(result.target.label)), number(result.current), .integer(Int64(result.goal)),
                        .text(t(DashboardText.unit(result.target.unit))), number(result.percentOfGoal),
                        .text(result.status.map { t(DashboardText.status($0)) } ?? "—"),
                        number(model.trends[result.target.key]?.projected), .text(result.target.note.map(t) ?? ""),
                    ]
                }
        case .trends:
            let weeks = Array(Set(model.trends.values.flatMap { $0.points.map(\.week) })).sorted()
            rows =
                [[.text(t(DashboardText.target))] + weeks.map { .text($0) }]
                + model.targets.map { result in
                    let values = Dictionary(
                        (model.trends[result.target.key]?.points ?? []).map { ($0.week, $0.value) }, uniquingKeysWith: { $1 })
                    return [.text(t(result.target.label))] + weeks.map { number(values[$0]) }
                }
        case .funnel:
            rows =
                [[.text(t(DashboardText.stateId)), .text(t(UIText.state)), .text(t(DashboardText.projects))]]
                + model.funnel.map { [.text($0.stateId), .text(t($0.label)), .integer(Int64($0.count))] }
        case .subIndustries, .zones, .contractors:
            let (heading, breakdown): (LocalizedText, [DashboardFigures.BreakdownRow]) =
                switch table {
                case .subIndustries: (ListText.subIndustry, model.bySubIndustry)
                case .zones: (ListText.zone, model.byZone)
                default: (DashboardText.contractor, model.byContractor)
                }
            rows =
                [
                    [
                        .text(t(heading)), .text(t(DashboardText.participants)), .text(t(DashboardText.atLevel3)),
                        .text(t(DashboardText.approvedYuan)),
                    ]
                ]
                + breakdown.map {
                    [.text(t($0.name)), .integer(Int64($0.participants)), .integer(Int64($0.atLevel3)), yuan($0.approvedSubsidy)]
                }
        case .levels:
            rows =
                [[.text(t(DashboardText.level)), .text(t(DashboardText.baseline)), .text(t(DashboardText.latest))]]
                + model.levels.map {
                    [.text(t(DashboardText.levelName($0.level))), .integer(Int64($0.baseline)), .integer(Int64($0.latest))]
                }
        case .funds:
            rows =
                [
                    [
                        .text(t(DashboardText.source)), .text(t(DashboardText.share)), .text(t(DashboardText.committedYuan)),
                        .text(t(DashboardText.receivedYuan)), .text(t(DashboardText.disbursedYuan)),
                    ]
                ]
                + model.funds.sources.map { source in
                    [
                        .text(t(source.name)), .text(t(source.isLocal ? DashboardText.local : DashboardText.central)),
                        yuan(source.committed), yuan(source.received), yuan(source.disbursed),
                    ]
                }
        case .risks:
            rows =
                [
                    [
                        .text(t(DashboardText.riskList)), .text(t(DashboardText.enterprise)), .text(t(UIText.state)),
                        .text(t(DashboardText.since)), .text(t(DashboardText.dueBy)), .text(t(DashboardText.daysOver)),
                        .text(t(DashboardText.note)),
                    ]
                ]
                + DashboardRisks.Kind.allCases.flatMap { kind in
                    (model.risks[kind] ?? []).map { item -> [Cell] in
                        [
                            .text(t(DashboardText.riskTitle(kind))),
                            .text(item.project.enterpriseName ?? item.project.instanceId),
                            .text(t(item.state.label)), .text(Shanghai.dateText(item.since)),
                            .text(item.due.map(Shanghai.dateText) ?? ""), .integer(Int64(item.daysOver)),
                            .text(item.detail.map(t) ?? ""),
                        ]
                    }
                }
                + model.lowRatedContractors.map { item -> [Cell] in
                    [
                        .text(t(DashboardText.lowRated)), .text(item.name), .text(""), .text(""), .text(""), .text(""),
                        .text(t(DashboardText.ratingText(item.average, item.ratings))),
                    ]
                }
        }
        return Sheet(name: t(DashboardText.tableTitle(table)), rows: rows, headerRows: 1)
    }
}
