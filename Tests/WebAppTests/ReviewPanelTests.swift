import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The expert panel: named by the district, declare before seeing, conflicted experts leave,
/// each expert scores once, nobody from the filing organisation sits on it.
@Suite("Review panel: assignment, conflict declaration, one review each")
struct ReviewPanelTests {
    func filedProject(_ services: AppServices) async throws -> InstanceSnapshot {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return try #require(try await services.store.instances.instances(programmeId: programme.id, state: "plan_filed").first)
    }

    func token(_ html: String) throws -> String { try #require(TestBrowser.csrfToken(in: html)) }

    @Test("the district ticks experts; an expert sees only the declaration until declaring; a conflicted expert loses sight")
    func declareBeforeSeeing() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let project = try await filedProject(services)
        let expert = try #require(try await services.store.accounts.user(username: "expert"))
        let expert2 = try #require(try await services.store.accounts.user(username: "expert2"))
        // A third expert, so the panel can be made up again after a conflict (the demo needs two).
        let expert3 = try await services.store.accounts.createUser(
            programmeId: project.programmeId, username: "expert3", displayName: "周研究员（评审专家）",
            passwordHash: try await services.passwords.hash(TestApp.password), organisationId: nil, grants: [])
        try await services.store.accounts.addGrant(userId: expert3.id, RoleGrant(role: .expertReviewer, scope: .user(expert3.id)))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            // Before the panel exists the expert cannot see the plan at all.
            var expertBrowser = TestBrowser(client)
            try await expertBrowser.signIn("expert")
            #expect(try await expertBrowser.get("/instances/\(project.id)").status == .notFound)

            var district = TestBrowser(client)
            try await district.signIn("district")
            let page = String(buffer: try await district.get("/instances/\(project.id)").body)
            #expect(page.contains("fieldset class=\"field\" id=\"f-reviewer_ids\""))
            #expect(page.contains("高教授（评审专家）"))
            // The programme needs two experts: one is refused with the reason.
            let tooFew = try await district.post(
                "/instances/\(project.id)/commands/assign_reviewers",
                form: ["csrf_token": try token(page), "reviewer_ids[]": expert.id])
            #expect(tooFew.status == .unprocessableContent)
            #expect(String(buffer: tooFew.body).contains("评审专家不足"))
            let assigned = try await district.post(
                "/instances/\(project.id)/commands/assign_reviewers",
                form: ["csrf_token": try token(page), "reviewer_ids": expert.id + "," + expert2.id])
            #expect(assigned.status == .seeOther)

            // Named: the expert sees the parties and the declaration form, not the plan.
            let restricted = String(buffer: try await expertBrowser.get("/instances/\(project.id)").body)
            #expect(restricted.contains("id=\"declare-first\""))
            #expect(restricted.contains("id=\"form-declare_interest\""))
            #expect(!restricted.contains("form-submit_review"))
            let deliverables = try #require(
                try await services.store.instances.instance(project.id)?.data["deliverables"]?.stringValue)
            #expect(!restricted.contains(deliverables))
            // The API says the same.
            let apiToken = try await services.store.sessions.createApiToken(userId: expert.id, label: "t")
            let apiRead = try await client.execute(
                uri: "/api/v1/instances/\(project.id)", method: .get, headers: [.authorization: "Bearer \(apiToken)"])
            #expect(apiRead.status == .forbidden)
            #expect(String(buffer: apiRead.body).contains("declaration_required"))

            // Scoring before declaring is refused by the engine too.
            let early = try await expertBrowser.post(
                "/instances/\(project.id)/commands/submit_review",
                form: ["csrf_token": try token(restricted), "score_need_fit": "20", "comment": "x"])
            #expect(early.status == .unprocessableContent)

            // A conflict without a description is refused; with one, the expert leaves the panel.
            let vague = try await expertBrowser.post(
                "/instances/\(project.id)/commands/declare_interest",
                form: ["csrf_token": try token(restricted), "conflict": "conflicted"])
            #expect(vague.status == .unprocessableContent)
            let declared = try await expertBrowser.post(
                "/instances/\(project.id)/commands/declare_interest",
                form: ["csrf_token": try token(restricted), "conflict": "conflicted", "conflict_detail": "曾为该企业提供咨询服务"])
            #expect(declared.status == .seeOther)
            #expect(try await expertBrowser.get("/instances/\(project.id)").status == .notFound)
            let afterConflict = try #require(try await services.store.instances.instance(project.id))
            #expect(ReviewPanel.assigned(afterConflict.data) == [expert2.id])
            #expect(afterConflict.state == "under_review")
            // Nor in the expert's list or tasks (the scope row went with the decision).
            let list = String(buffer: try await expertBrowser.get("/projects").body)
            #expect(!list.contains(project.id))
            #expect(!String(buffer: try await expertBrowser.get("/tasks").body).contains(project.id))

            // The district names a replacement; the replacement declares and scores once.
            let page2 = String(buffer: try await district.get("/instances/\(project.id)").body)
            let replaced = try await district.post(
                "/instances/\(project.id)/commands/assign_reviewers",
                form: ["csrf_token": try token(page2), "reviewer_ids[]": expert2.id + "," + expert3.id])
            #expect(replaced.status == .seeOther)
            for name in ["expert2", "expert3"] {
                var member = TestBrowser(client)
                try await member.signIn(name)
                let view = String(buffer: try await member.get("/instances/\(project.id)").body)
                let ok = try await member.post(
                    "/instances/\(project.id)/commands/declare_interest",
                    form: ["csrf_token": try token(view), "conflict": "none"])
                #expect(ok.status == .seeOther)
                let full = String(buffer: try await member.get("/instances/\(project.id)").body)
                #expect(full.contains("form-submit_review"))
                #expect(full.contains(deliverables))
                let review: [String: String] = [
                    "csrf_token": try token(full), "score_need_fit": "22", "score_feasibility": "21", "score_budget": "17",
                    "score_benefit": "16", "score_delivery": "8", "recommendation": "approve", "comment": "同意",
                ]
                let path = "/instances/\(project.id)/commands/submit_review"
                #expect(try await member.post(path, form: review).status == .seeOther)
                // A second review by the same expert is refused.
                if name == "expert2" { #expect(try await member.post(path, form: review).status == .unprocessableContent) }
            }
            let decided = try #require(try await services.store.instances.instance(project.id))
            #expect(decided.state == "awaiting_decision")
        }
    }

    @Test("unknown experts and experts of the filing organisation or of the plan's provider are refused, with the field named")
    func panelChecks() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let project = try await filedProject(services)
        let district = try #require(try await services.store.accounts.user(username: "district"))
        // An expert employed by the contractor that filed the plan.
        let filer = try #require(project.participants["file_plan"]?.last?.organisationId)
        let insider = try await services.store.accounts.createUser(
            programmeId: project.programmeId, username: "insider", displayName: "内部专家", passwordHash: "x",
            organisationId: filer, grants: [])
        try await services.store.accounts.addGrant(userId: insider.id, RoleGrant(role: .expertReviewer, scope: .user(insider.id)))
        // An expert employed by the digital provider the plan names (its work is what is judged).
        let provider = try #require(project.data["digital_provider_org_id"]?.stringValue)
        let providerExpert = try await services.store.accounts.createUser(
            programmeId: project.programmeId, username: "provider-expert", displayName: "服务商专家", passwordHash: "x",
            organisationId: provider, grants: [])
        try await services.store.accounts.addGrant(
            userId: providerExpert.id, RoleGrant(role: .expertReviewer, scope: .user(providerExpert.id)))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let apiToken = try await services.store.sessions.createApiToken(userId: district.id, label: "t")
            for (ids, expected) in [("nobody", "不是本试点的评审专家"), (insider.id, "应回避"), (providerExpert.id, "数字化服务商")] {
                let body = try JSONSerialization.data(withJSONObject: [
                    "transition": "assign_reviewers", "input": ["reviewer_ids": ids],
                ])
                let response = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post,
                    headers: [
                        .authorization: "Bearer \(apiToken)", .contentType: "application/json", .init("Idempotency-Key")!: ids,
                        .acceptLanguage: "zh",
                    ],
                    body: ByteBuffer(bytes: body))
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("reviewer_ids"))
                #expect(text.contains(expected))
            }
        }
        #expect(try await services.store.instances.instance(project.id)?.version == project.version)
    }
}
