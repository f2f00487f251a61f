import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The API shows no more than the page (issue #11, defect 6): one read model for both.
@Suite("What each role reads of a project: the same on the page and through the API")
struct ProjectVisibilityTests {
    @Test("an enterprise's API read hides objectors, declarations and reviews; the bureau's shows them")
    func enterpriseReadsNoSecrets() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let project = try #require(
            try await services.store.instances.instances(programmeId: programme.id, state: "publicity").first)
        let outcome = try await services.workflows.execute(
            Command(
                instanceId: project.id, transitionId: "file_objection",
                input: [
                    "objector_name": .string("举报人赵六"), "objector_contact": .string("13912345678"), "objection": .string("预算虚高"),
                ]), actor: .publicMember(programmeId: programme.id))
        guard case .applied = outcome else { throw FixtureError("objection refused: \(outcome)") }
        let history = try await services.store.instances.history(project.id)
        let reviewed = history.filter { $0.transitionId == "submit_review" || $0.transitionId == "declare_interest" }
        #expect(!reviewed.isEmpty)
        let enterprise = try #require(
            try await services.store.accounts.users(programmeId: programme.id).first {
                $0.organisationId == project.subjectOrganisationId
            }
        )
        let district = try #require(try await services.store.accounts.user(username: "district"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            func read(_ userId: String) async throws -> String {
                let token = try await services.store.sessions.createApiToken(userId: userId, label: "test")
                let response = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            let own = try await read(enterprise.id)
            #expect(!own.contains("举报人赵六") && !own.contains("13912345678"))
            #expect(own.contains("预算虚高"), "the objection's content is not secret")
            let ownJSON = try #require(try JSONSerialization.jsonObject(with: Data(own.utf8)) as? [String: Any])
            let rows = try #require(ownJSON["history"] as? [[String: Any]])
            for row in rows where ["submit_review", "declare_interest"].contains(row["transition"] as? String) {
                #expect((row["input"] as? [String: Any])?.isEmpty == true, "review content shown to the enterprise: \(row)")
            }
            #expect((ownJSON["data"] as? [String: Any])?["reviews"] == nil)
            let bureau = try await read(district.id)
            #expect(bureau.contains("举报人赵六") && bureau.contains("13912345678"))
            // The page, for the same two people.
            var browser = TestBrowser(client)
            try await browser.signIn(enterprise.username)
            let page = String(buffer: try await browser.get("/instances/\(project.id)").body)
            #expect(!page.contains("举报人赵六") && !page.contains("13912345678"))
        }
    }
}
