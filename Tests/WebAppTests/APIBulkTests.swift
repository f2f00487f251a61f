import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WebApp

/// Bulk jobs by API (issue #17): made from a JSON body through the same store call as `/bulk`,
/// with its refusals as 422 in Chinese and nothing written; the operations the page offers come
/// back as themselves; a revert is only for a finished migration; others may not touch jobs.
@Suite("API: bulk jobs made, refused, dry-run and reverted")
struct APIBulkTests {
    @Test("district makes a retry job by ids; bad bodies are 422 and write nothing; finance is refused")
    func createAndRefuse() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 20)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let projects = try await services.store.backend.read { database in
            try await database.raw(
                """
                SELECT id FROM workflow_instances WHERE programme_id = \(bind: programme.id)
                AND definition_id = 'enterprise-project' ORDER BY id LIMIT 2
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        #expect(projects.count == 2)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            // No reason to cancel, an unknown workflow, an id of no project: 422, nothing made.
            for body: [String: Any] in [
                ["operation": "cancel", "workflow": "enterprise-project", "instanceIds": projects],
                ["operation": "retry", "workflow": "no-such-flow"],
                ["operation": "retry", "workflow": "enterprise-project", "instanceIds": ["prj_nosuch"]],
                ["operation": "restart", "workflow": "enterprise-project", "reason": "误批", "restartState": "nowhere"],
            ] {
                let refused = try await district.call(.post, "/api/v1/bulk/jobs", json: body)
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(try APITestCaller.error(refused).code == "invalid_input")
            }
            // Beyond the contract's bounds: 400.
            let tooLong = try await district.call(
                .post, "/api/v1/bulk/jobs",
                json: ["operation": "retry", "workflow": "enterprise-project", "reason": String(repeating: "长", count: 501)])
            #expect(tooLong.status == .badRequest)
            #expect(try await services.store.bulk.jobs(programmeId: programme.id).isEmpty)

            let made = try await district.call(
                .post, "/api/v1/bulk/jobs",
                json: ["operation": "retry", "workflow": "enterprise-project", "instanceIds": projects, "reason": "网络恢复"])
            #expect(made.status == .created)
            let job = try APITestCaller.object(made)
            #expect(job["operation"] as? String == "retry" && job["total"] as? Int == 2)
            let id = try #require(job["id"] as? String)
            let planned = try await district.call(.post, "/api/v1/bulk/jobs/\(id)/dry-run")
            #expect(try APITestCaller.object(planned)["status"] as? String == "dry_run_done")
            // Only a finished migration can be reverted.
            let revert = try await district.call(.post, "/api/v1/bulk/jobs/\(id)/revert")
            #expect(revert.status == .conflict)

            let finance = try await APITestCaller(client, services, "finance")
            let forbidden = try await finance.call(
                .post, "/api/v1/bulk/jobs", json: ["operation": "retry", "workflow": "enterprise-project"])
            #expect(forbidden.status == .forbidden)
            #expect(try await services.store.bulk.jobs(programmeId: programme.id).count == 1)
        }
    }
}
