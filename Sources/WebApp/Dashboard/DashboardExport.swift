import Foundation
import OfficeFormats
import PilotDomain
import WorkflowEngine

/// The dashboard's tables as spreadsheets: the same figures as the page, for the office's reports.
enum DashboardExport {
    enum Table: String, CaseIterable {
        case targets
        case funnel
    }

    static func sheet(_ table: Table, data: DashboardData, definition: WorkflowDefinition?, language: UILanguage) -> Sheet {
        func t(_ text: LocalizedText) -> String { text.text(language) }
        switch table {
        case .targets:
            let header: [Cell] = [
                .text(t(DashboardText.target)), .text(t(DashboardText.current)), .text(t(DashboardText.goal)),
                .text(t(DashboardText.unit)), .text(t(DashboardText.percentOfGoal)), .text(t(DashboardText.status)),
                .text(t(DashboardText.note)),
            ]
            let rows = Targets.evaluate(data).map { result -> [Cell] in
                [
                    .text(t(result.target.label)), result.current.map { .integer(Int64($0)) } ?? .text("—"),
                    .integer(Int64(result.target.goal)), .text(t(DashboardText.unit(result.target.unit))),
                    result.percentOfGoal.map { .integer(Int64($0)) } ?? .text("—"),
                    .text(result.status.map { t(DashboardText.status($0)) } ?? "—"),
                    .text(result.target.note.map(t) ?? ""),
                ]
            }
            return Sheet(name: t(DashboardText.targetsTitle), rows: [header] + rows, headerRows: 1)
        case .funnel:
            let header: [Cell] = [.text(t(DashboardText.stateId)), .text(t(UIText.state)), .text(t(DashboardText.projects))]
            let rows = DashboardFigures.funnel(data.projects, definition: definition).map { row -> [Cell] in
                [.text(row.stateId), .text(t(row.label)), .integer(Int64(row.count))]
            }
            return Sheet(name: t(DashboardText.funnelTitle), rows: [header] + rows, headerRows: 1)
        }
    }
}
