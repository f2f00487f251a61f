import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain

/// `GET /api/v1/dashboard/national`: the national roll-up as JSON, from the same
/// `NationalRollupService` as `/dashboard/national`.
extension PilotAPIHandler {
    func getNationalRollup(_ input: Operations.GetNationalRollup.Input) async throws -> Operations.GetNationalRollup.Output {
        let identity = try identity(for: .dashboardNational)
        let rollup = try await NationalRollupService(services: services).rollup(
            programmeIds: NationalRollupService.programmeIds(for: identity))
        return .ok(
            .init(
                body: .json(
                    .init(
                        asOf: rollup.asOf, programmes: rollup.programmes.map(APIMapping.rollupRow),
                        total: APIMapping.rollupRow(rollup.total)))))
    }
}

extension APIMapping {
    static func rollupRow(_ row: NationalRollup.Row) -> Components.Schemas.NationalRollupRow {
        .init(
            programmeId: row.programme?.id, code: row.programme?.code, name: row.programme?.name.zh, projects: row.projects,
            underWay: row.underWay, completed: row.completed, ended: row.ended, participants: row.participants,
            level3: row.level3, level3Goal: row.level3Goal, level4: row.level4, level4Goal: row.level4Goal,
            overdue: row.overdue, approvedSubsidy: row.approvedSubsidy.value, centralPaid: row.centralPaid.value,
            localPaid: row.localPaid.value, recoveryOwed: row.recoveryOwed.value)
    }
}
