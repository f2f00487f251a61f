import Foundation
import Funds
import PilotDomain
import PilotStore
import WorkflowEngine

/// The money risk lists (issue 17): reports overdue and recovery demands past their due date, read
/// from the funds book and shown against the projects' rows like the other lists.
extension DashboardRisks {
    /// Overdue reports, one item per project (its oldest overdue report), oldest first.
    public static func reports(
        _ book: FundsBook, _ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date
    ) -> [Item] {
        var oldest: [String: ReportDue] = [:]
        for report in book.overdueReports(at: now) where oldest[report.projectId] == nil {
            oldest[report.projectId] = report
        }
        guard !oldest.isEmpty else { return [] }
        return items(projects, definition: definition, now: now) { id in
            oldest[id].flatMap { report in
                ReportingCalendar.day(report.dueDay).map { due in
                    (
                        due,
                        LocalizedText(
                            zh: "\(report.kind.label.zh)（截至 \(report.periodEnd)）应于 \(report.dueDay) 前提交",
                            en: "\(report.kind.label.en) to \(report.periodEnd), due \(report.dueDay)")
                    )
                }
            }
        }
    }

    /// Recovery demands past their due date with money owed, one item per project (the earliest due).
    public static func recoveries(
        _ book: FundsBook, _ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date
    ) -> [Item] {
        var earliest: [String: RecoveryDemand] = [:]
        for demand in book.overdueDemands(at: now) where earliest[demand.projectId].map({ demand.due < $0.due }) ?? true {
            earliest[demand.projectId] = demand
        }
        guard !earliest.isEmpty else { return [] }
        return items(projects, definition: definition, now: now) { id in
            earliest[id].map { demand in
                (
                    demand.due,
                    LocalizedText(
                        zh: "追回单 \(demand.number) 尚欠 \(demand.outstanding.yuanText) 元",
                        en: "Recovery demand \(demand.number): ¥\(demand.outstanding.yuanText) still owed")
                )
            }
        }
    }

    /// Items for the projects `due` names, with their state, most overdue first.
    private static func items(
        _ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date,
        due: (String) -> (Date, LocalizedText)?
    ) -> [Item] {
        guard let definition else { return [] }
        var items: [Item] = []
        projects.forEachInPlace { project in
            guard let (date, detail) = due(project.instanceId), let state = definition.state(project.state) else { return }
            items.append(
                Item(
                    project: copy project, state: state, since: date, due: date, daysOver: days(from: date, to: now),
                    detail: detail))
        }
        return items.sorted { ($0.due ?? $0.since, $0.project.instanceId) < ($1.due ?? $1.since, $1.project.instanceId) }
    }
}
