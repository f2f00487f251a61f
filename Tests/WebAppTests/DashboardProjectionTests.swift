import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The dashboard reads projections (`project_facts`, the enterprise flags, the funds summary)
/// instead of the projects' documents: these tests hold them to the documents on the demo, on both
/// backends (PostgreSQL writes a decision as one statement, SQLite as several), and check the
/// figures follow an enterprise leaving, a renamed sub-industry and the API.
@Suite("Dashboard projections and API")
struct DashboardProjectionTests {
    static func programme(_ services: AppServices) async throws -> String {
        try #require(try await services.store.accounts.user(username: "leader")).programmeId
    }

    /// Every project's facts row says what its data document says; every enterprise's flags what its profile says.
    static func expectProjectionsMatch(_ services: AppServices) async throws {
        let programmeId = try await programme(services)
        let rows = try await services.store.facts.projectFactRows(programmeId: programmeId, definitionId: "enterprise-project")
        let instances = try await services.store.instances.instances(programmeId: programmeId, limit: 10_000)
            .filter { $0.definitionId == "enterprise-project" }
        #expect(rows.count == instances.count)
        let byId = Dictionary(uniqueKeysWithValues: rows.map { ($0.instanceId, $0) })
        for instance in instances {
            let row = try #require(byId[instance.id])
            #expect(row.facts == ProjectFacts(data: instance.data), "\(instance.id) in \(instance.state)")
            #expect(row.state == instance.state)
            #expect(row.stateEnteredAt == instance.stateEnteredAt)
            #expect(row.createdAt == instance.createdAt)
            #expect(row.enterpriseId == instance.subjectOrganisationId)
            #expect(row.subIndustryId == instance.subIndustryId && row.divisionCode == instance.divisionCode)
            let filing = try await services.store.instances.history(instance.id).last {
                $0.transitionId == ProjectFactRow.planFiling
            }
            #expect(row.planFiledBy == filing?.actorOrganisationId, "\(instance.id): the plan's filer")
        }
        let flags = try await services.store.facts.enterpriseFlags(programmeId: programmeId)
        for organisation in try await services.store.parties.organisations(programmeId: programmeId, kind: "enterprise") {
            let profile = EnterpriseFlags(profile: try await services.store.parties.organisationProfile(organisation.id))
            #expect(flags.aboveScale.contains(organisation.id) == profile.aboveScale)
            #expect(flags.cloud.contains(organisation.id) == profile.cloud)
        }
    }

    @Test("projections equal the documents after the demo, and after an enterprise leaves", arguments: TestStores.backends)
    func projections(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        try await Self.expectProjectionsMatch(services)
        let programmeId = try await Self.programme(services)
        let dashboard = DashboardService(services: services)

        // Two enterprises rate a main contractor 1 and 2: a low-rated contractor (counted in SQL).
        let assignment = try #require(try await services.store.providers.contractorAssignments(programmeId: programmeId).first)
        let raters = try await services.store.parties.organisations(programmeId: programmeId, kind: "enterprise").prefix(2)
        for (score, rater) in zip([1, 2], raters) {
            try await services.store.providers.rateContractor(
                programmeId: programmeId, contractorOrgId: assignment.organisationId, enterpriseOrgId: rater.id, score: score,
                comment: "", by: "test")
        }
        let before = try await dashboard.model(programmeId)
        let listed = before.risks.values.flatMap { $0 }
        #expect(!listed.isEmpty && listed.allSatisfy { $0.project.enterpriseName != nil }, "risk rows name their enterprise")
        let low = try #require(before.lowRatedContractors.first { $0.organisationId == assignment.organisationId })
        #expect(low.average == 1.5 && low.ratings == 2)

        // A participant (approved, in signing) leaves the pilot.
        let rows = try await services.store.facts.projectFactRows(programmeId: programmeId, definitionId: "enterprise-project")
        let leaving = try #require(rows.first { $0.state == "task_book_signing" && $0.facts.approvedSubsidy != nil })
        var enterprise: UserAccount?
        for index in 1...60 {
            let account = try await services.store.accounts.user(username: String(format: "ent%02d", index))
            if account?.organisationId == leaving.enterpriseId { enterprise = account }
        }
        let actor = try #require(enterprise).actor
        let outcome = try await services.workflows.execute(
            Command(instanceId: leaving.instanceId, transitionId: "withdraw", input: ["withdraw_reason": .string("经营调整")]),
            actor: actor)
        guard case .applied = outcome else {
            Issue.record("withdraw refused: \(outcome)")
            return
        }
        try await Self.expectProjectionsMatch(services)
        let after = try await dashboard.model(programmeId)
        func current(_ model: DashboardModel, _ key: String) -> Int? { model.targets.first { $0.target.key == key }?.current }
        func count(_ model: DashboardModel, _ state: String) -> Int { model.funnel.first { $0.stateId == state }?.count ?? 0 }
        // It was taking part but not accepted: it leaves the participants, never counted as a completed transformation.
        #expect(current(after, "transformations") == current(before, "transformations"))
        #expect(count(after, "withdrawn") == count(before, "withdrawn") + 1)
        #expect(count(after, "task_book_signing") == count(before, "task_book_signing") - 1)
        let participantsBySubIndustry = { (model: DashboardModel) in model.bySubIndustry.reduce(0) { $0 + $1.participants } }
        #expect(participantsBySubIndustry(after) == participantsBySubIndustry(before) - 1)
        #expect(!(after.risks[.signatures] ?? []).contains { $0.project.instanceId == leaving.instanceId })
    }

    @Test("the enterprise flags kept between views follow a profile's change at the next read", arguments: TestStores.backends)
    func flagsFollowProfiles(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programmeId = try await Self.programme(services)
        let facts = services.store.facts
        let before = try await facts.enterpriseFlags(programmeId: programmeId)
        #expect(try await facts.enterpriseFlags(programmeId: programmeId) == before, "read twice, the same sets")
        let organisation = try #require(
            try await services.store.parties.organisations(programmeId: programmeId, kind: "enterprise").first {
                !before.aboveScale.contains($0.id) && !before.cloud.contains($0.id)
            })
        var profile = try await services.store.parties.organisationProfile(organisation.id)
        profile["above_scale"] = .bool(true)
        try await services.store.parties.setOrganisationProfile(organisation.id, profile)
        let after = try await facts.enterpriseFlags(programmeId: programmeId)
        #expect(after.aboveScale == before.aboveScale.union([organisation.id]))
        #expect(after.cloud == before.cloud)
        profile["above_scale"] = .bool(false)
        try await services.store.parties.setOrganisationProfile(organisation.id, profile)
        #expect(try await facts.enterpriseFlags(programmeId: programmeId) == before)
    }

    @Test("a renamed sub-industry keeps its projects and shows its new name")
    func renamedSubIndustry() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programmeId = try await Self.programme(services)
        let dashboard = DashboardService(services: services)
        let before = try await dashboard.model(programmeId)
        let row = try #require(before.bySubIndustry.first { $0.participants > 0 })
        try await services.store.programmes.renameSubIndustry(
            row.id, to: LocalizedText(zh: "高端装备（更名）", en: "High-end equipment (renamed)"))
        let after = try await dashboard.model(programmeId)
        let renamed = try #require(after.bySubIndustry.first { $0.id == row.id })
        #expect(renamed.name.zh == "高端装备（更名）")
        #expect(renamed.participants == row.participants)
        #expect(renamed.approvedSubsidy == row.approvedSubsidy)
        #expect(after.bySubIndustry.count == before.bySubIndustry.count)
        #expect(after.targets.map(\.current) == before.targets.map(\.current))
    }

    @Test("a replaced contractor keeps its finished projects; its open ones count for the successor")
    func replacedContractor() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programmeId = try await Self.programme(services)
        let dashboard = DashboardService(services: services)
        let store = services.store
        let definition = try #require(services.catalog.latest("enterprise-project"))
        let finishedStates = Set(definition.states.filter(\.terminal).map(\.id))
        let assignments = try await store.providers.contractorAssignments(programmeId: programmeId)
        let participants = try await dashboard.data(programmeId).participants
        // The sub-industry with the most finished participants (preferring one with open ones too:
        // which projects the demo closes depends on its random ids), and another organisation to take it over.
        func split(_ assignment: ContractorAssignment) -> (finished: Int, open: Int) {
            let own = participants.filter { $0.subIndustryId == assignment.subIndustryId }
            let finished = own.count { finishedStates.contains($0.state) }
            return (finished, own.count - finished)
        }
        let replaced = try #require(
            assignments.filter { $0.endedAt == nil }.max { first, second in
                let (a, b) = (split(first), split(second))
                return (a.finished > 0 && a.open > 0 ? 1 : 0, a.finished) < (b.finished > 0 && b.open > 0 ? 1 : 0, b.finished)
            })
        try #require(
            split(replaced).finished > 0,
            "participants by sub-industry: \(participants.map { "\($0.subIndustryId ?? "-"):\($0.state)" }.sorted())")
        let successor = try #require(assignments.first { $0.organisationId != replaced.organisationId })
        let own = participants.filter { $0.subIndustryId == replaced.subIndustryId }
        let finished = own.filter { finishedStates.contains($0.state) }
        #expect(finished.allSatisfy { $0.planFiledBy == replaced.organisationId })
        let before = try await dashboard.model(programmeId)
        func row(_ model: DashboardModel, _ id: String) -> DashboardFigures.BreakdownRow? {
            model.byContractor.first { $0.id == id }
        }
        let oldBefore = try #require(row(before, replaced.organisationId))
        let newBefore = try #require(row(before, successor.organisationId))

        try await store.providers.assignMainContractor(
            programmeId: programmeId, subIndustryId: replaced.subIndustryId, organisationId: successor.organisationId,
            taskBookNo: "RW-2", by: "test", reason: "考核不合格")
        let after = try await dashboard.model(programmeId)
        let oldAfter = try #require(row(after, replaced.organisationId), "the replaced contractor keeps a row")
        #expect(oldAfter.name.zh == replaced.organisationName + "（已更换）")
        let newAfter = try #require(row(after, successor.organisationId))
        let moved = own.count - finished.count
        #expect(oldAfter.participants == oldBefore.participants - moved)
        #expect(oldAfter.participants >= finished.count)
        #expect(newAfter.participants == newBefore.participants + moved)
        #expect(after.byContractor.reduce(0) { $0 + $1.participants } == before.byContractor.reduce(0) { $0 + $1.participants })
    }

    @Test("the API gives the page's figures to leadership; 403 for a contractor, 401 without a token")
    func api() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programmeId = try await Self.programme(services)
        let model = try await DashboardService(services: services).model(programmeId)
        func token(_ username: String) async throws -> String {
            let user = try #require(try await services.store.accounts.user(username: username))
            return try await services.store.sessions.createApiToken(userId: user.id, label: "test")
        }
        let leader = try await token("leader")
        let contractor = try await token("contractor")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/dashboard", method: .get, headers: [.authorization: "Bearer \(leader)"])
            #expect(response.status == .ok)
            // Compact JSON: no line breaks or padded colons in the largest answer of the API.
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("{\"") && !text.contains("\n") && !text.contains("\" : "))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let targets = try #require(body["targets"] as? [[String: Any]])
            #expect(targets.count == 12)
            for result in model.targets {
                let target = try #require(targets.first { $0["key"] as? String == result.target.key })
                #expect(target["current"] as? Int == result.current, "\(result.target.key)")
                #expect(target["goal"] as? Int == result.goal)
            }
            let funnel = try #require(body["funnel"] as? [[String: Any]])
            #expect(funnel.map { $0["count"] as? Int ?? -1 } == model.funnel.map(\.count))
            let funds = try #require(body["funds"] as? [String: Any])
            #expect((funds["central_paid_fen"] as? NSNumber)?.int64Value == model.funds.centralPaid.value)
            #expect(funds["matched"] as? Bool == true)
            let risks = try #require(body["risks"] as? [[String: Any]])
            #expect(risks.count == model.risks.values.reduce(0) { $0 + min($1.count, 100) })
            let totals = try #require(body["risk_totals"] as? [String: Int])
            #expect(totals["overdue"] == model.risks[.overdue]?.count)
            #expect(totals["rectifications"] == model.risks[.rectifications]?.count)
            #expect(body["by_contractor"] as? [[String: Any]] != nil)

            let refused = try await client.execute(
                uri: "/api/v1/dashboard", method: .get, headers: [.authorization: "Bearer \(contractor)"])
            #expect(refused.status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/dashboard", method: .get).status == .unauthorized)
        }
    }
}
