import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The national roll-up (issue #16): its programme row gives the dashboard's own figures, read from
/// the counters the demo's every writer (imports, registrations, decisions, timers) kept, before and
/// right after a decision; who sees which programmes.
@Suite("National roll-up")
struct NationalRollupTests {
    static func expectRowMatchesDashboard(_ services: AppServices, programmeId: String) async throws {
        #expect(try await services.store.facts.checkDashboardCounts().isEmpty, "the counters equal a recount of the rows")
        #expect(try await services.store.facts.checkStateEntryCounts().isEmpty, "so do the state-entry counters")
        let rollup = try await NationalRollupService(services: services).rollup(programmeIds: [programmeId])
        let row = try #require(rollup.programmes.first)
        let model = try await DashboardService(services: services).model(programmeId)
        let data = try await DashboardService(services: services).data(programmeId)
        func current(_ key: String) -> Int? { model.targets.first { $0.target.key == key }?.current }
        func inStates(_ states: Set<String>) -> Int {
            model.funnel.filter { states.contains($0.stateId) }.reduce(0) { $0 + $1.count }
        }
        #expect(row.projects == model.funnel.reduce(0) { $0 + $1.count })
        #expect(row.completed == inStates(DashboardData.completedStates))
        #expect(
            row.ended
                == model.funnel.filter { $0.terminal && !DashboardData.completedStates.contains($0.stateId) }.reduce(0) {
                    $0 + $1.count
                })
        #expect(row.underWay == row.projects - row.completed - row.ended)
        #expect(row.participants == data.participants.count)
        #expect(row.level3 == current("level3") && row.level4 == current("level4"))
        #expect(row.level3Goal == model.targets.first { $0.target.key == "level3" }?.goal)
        #expect(row.overdue == model.risks[.overdue]?.count)
        #expect(row.approvedSubsidy == data.participants.reduce(Fen.zero) { $0 + Fen($1.facts.approvedSubsidy ?? 0) })
        #expect(row.centralPaid == model.funds.centralPaid && row.localPaid == model.funds.localPaid)
        #expect(rollup.total.projects == row.projects && rollup.total.overdue == row.overdue)
    }

    @Test("the programme's row equals its dashboard, after the demo and right after a decision", arguments: TestStores.backends)
    func equalsDashboard(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programmeId = try #require(try await services.store.accounts.user(username: "leader")).programmeId
        try await Self.expectRowMatchesDashboard(services, programmeId: programmeId)
        #expect(try await NationalRollupService(services: services).rollup(programmeIds: [programmeId]).total.projects > 0)

        // A participant in signing leaves: the counters move with the decision.
        let rows = try await services.store.facts.projectFactRows(programmeId: programmeId, definitionId: "enterprise-project")
        let leaving = try #require(rows.first { $0.state == "task_book_signing" && $0.facts.approvedSubsidy != nil })
        let before = try await NationalRollupService(services: services).rollup(programmeIds: [programmeId]).total
        var actor: Actor?
        for index in 1...60 {
            let account = try await services.store.accounts.user(username: String(format: "ent%02d", index))
            if account?.organisationId == leaving.enterpriseId { actor = account?.actor }
        }
        let outcome = try await services.workflows.execute(
            Command(instanceId: leaving.instanceId, transitionId: "withdraw", input: ["withdraw_reason": .string("经营调整")]),
            actor: try #require(actor))
        guard case .applied = outcome else {
            Issue.record("withdraw refused: \(outcome)")
            return
        }
        let after = try await NationalRollupService(services: services).rollup(programmeIds: [programmeId]).total
        #expect(after.participants == before.participants - 1 && after.ended == before.ended + 1)
        #expect(after.approvedSubsidy == before.approvedSubsidy - Fen(leaving.facts.approvedSubsidy ?? 0))
        try await Self.expectRowMatchesDashboard(services, programmeId: programmeId)
    }

    @Test("the administrator and the platform operator see every programme, leadership its own; others 403")
    func access() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        // A second programme with one project: the leader of the first does not see it.
        let other = try await services.store.programmes.createProgramme(
            code: "NATIONAL-2", name: LocalizedText(zh: "第二试点", en: "Second pilot"), division: "120116", rules: [:])
        _ = try await services.workflows.start(
            definitionId: "enterprise-project", programmeId: other.id, subjectOrganisationId: nil, subIndustryId: nil,
            divisionCode: nil, data: [:], event: nil, actor: Actor.system(programmeId: other.id))
        var tokens: [String: String] = [:]
        for username in ["admin", "platform", "leader", "contractor", "district", "finance"] {
            let user = try #require(try await services.store.accounts.user(username: username))
            tokens[username] = try await services.store.sessions.createApiToken(userId: user.id, label: "test")
        }
        let bearer = tokens.mapValues { "Bearer \($0)" }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            func programmes(_ username: String) async throws -> [String] {
                let response = try await client.execute(
                    uri: "/api/v1/dashboard/national", method: .get,
                    headers: [.authorization: bearer[username] ?? ""])
                #expect(response.status == .ok, "\(username)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                return (body["programmes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            }
            #expect(try await programmes("admin").contains("NATIONAL-2"))
            #expect(try await programmes("platform").contains("NATIONAL-2"))
            let led = try await programmes("leader")
            #expect(!led.isEmpty && !led.contains("NATIONAL-2"))
            let page = try await client.execute(
                uri: "/dashboard/national", method: .get, headers: [.authorization: bearer["admin"] ?? ""])
            #expect(page.status == .ok && String(buffer: page.body).contains("第二试点"))
            for refused in ["contractor", "district", "finance"] {
                let response = try await client.execute(
                    uri: "/api/v1/dashboard/national", method: .get,
                    headers: [.authorization: bearer[refused] ?? ""])
                #expect(response.status == .forbidden, "\(refused)")
            }
            #expect(try await client.execute(uri: "/api/v1/dashboard/national", method: .get).status == .unauthorized)
        }
    }
}
