import Foundation
import Funds
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore

/// `GET /api/v1/dashboard`: the leadership dashboard's model as JSON, from the same
/// `DashboardService` as the page, the exports and the monthly report.
extension PilotAPIHandler {
    func getDashboard(_ input: Operations.GetDashboard.Input) async throws -> Operations.GetDashboard.Output {
        let programmeId = try identity(for: .dashboardRead).programmeId
        let model = try await DashboardService(services: services).model(programmeId, named: APIMapping.riskItemsPerList)
        return .ok(.init(body: .json(APIMapping.dashboard(model))))
    }
}

extension APIMapping {
    typealias Schemas = Components.Schemas

    /// Risk items per list in the API answer: the most urgent first; the totals say how many there are.
    static let riskItemsPerList = 100

    static func dashboard(_ model: DashboardModel) -> Schemas.Dashboard {
        // The lists the contract names (the money lists of issue 17 are on the finance pages' API).
        let risks = DashboardRisks.Kind.allCases.compactMap { kind in
            Schemas.DashboardRisk.ListPayload(rawValue: kind.rawValue).map { (kind, $0) }
        }.flatMap { kind, list in
            (model.risks[kind] ?? []).prefix(riskItemsPerList).map { item in
                Schemas.DashboardRisk(
                    list: list,
                    instanceId: item.project.instanceId, enterpriseName: item.project.enterpriseName ?? "",
                    state: item.project.state, stateLabel: text(item.state.label), since: item.since,
                    dueOn: item.due.map(Shanghai.dateText), daysOver: item.daysOver, detail: item.detail.map(text))
            }
        }
        return Schemas.Dashboard(
            asOf: model.asOf, deadline: model.settings.deadline, targetsVersion: model.settings.version,
            targets: model.targets.map { target($0, trend: model.trends[$0.target.key]) },
            funnel: model.funnel.map { .init(state: $0.stateId, label: text($0.label), terminal: $0.terminal, count: $0.count) },
            bySubIndustry: model.bySubIndustry.map(breakdown), byZone: model.byZone.map(breakdown),
            byContractor: model.byContractor.map(breakdown),
            levels: model.levels.map { .init(level: $0.level, baseline: $0.baseline, latest: $0.latest) },
            funds: funds(model.funds), risks: risks,
            riskTotals: .init(
                overdue: model.risks[.overdue]?.count ?? 0, signatures: model.risks[.signatures]?.count ?? 0,
                objections: model.risks[.objections]?.count ?? 0, rectifications: model.risks[.rectifications]?.count ?? 0),
            lowRatedContractors: model.lowRatedContractors.map {
                .init(organisationId: $0.organisationId, name: $0.name, average: $0.average, ratings: $0.ratings)
            })
    }

    static func target(_ result: TargetResult, trend: TargetTrend?) -> Schemas.DashboardTarget {
        Schemas.DashboardTarget(
            key: result.target.key, label: text(result.target.label), goal: result.goal,
            unit: result.target.unit == .percent ? .percent : .count, current: result.current,
            percentOfGoal: result.percentOfGoal,
            status: result.status.flatMap { Schemas.DashboardTarget.StatusPayload(rawValue: $0.rawValue) },
            projected: trend?.projected, onTrack: trend?.onTrack,
            trend: (trend?.points ?? []).map { .init(week: $0.week, value: $0.value) })
    }

    static func breakdown(_ row: DashboardFigures.BreakdownRow) -> Schemas.DashboardBreakdownRow {
        .init(
            id: row.id, name: text(row.name), participants: row.participants, atLevel3: row.atLevel3,
            approvedSubsidyFen: row.approvedSubsidy.value)
    }

    static func funds(_ funds: FundsSummary) -> Schemas.DashboardFunds {
        .init(
            centralPaidFen: funds.centralPaid.value, localPaidFen: funds.localPaid.value, plannedFen: funds.planned.value,
            recoveryOwedFen: funds.recoveryOwed.value, matched: funds.isMatched,
            sources: funds.sources.map {
                .init(
                    id: $0.id, name: text($0.name), local: $0.isLocal, committedFen: $0.committed.value,
                    receivedFen: $0.received.value, disbursedFen: $0.disbursed.value)
            })
    }
}
