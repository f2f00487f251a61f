import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The bulk pages (issue #17) in the demo programme: the district office refuses a cancellation
/// without a reason and a CSV with a bad line (nothing made), makes one for the registered
/// projects, dry-runs it, runs it, and the job's page shows every item moved with a full bar.
@Suite("Bulk pages: make, dry-run, run, follow")
struct BulkPagesTests {
    @Test("bad input makes no job; a cancellation runs to its end and its page shows the results")
    func cancelThroughThePages() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let registered = try await services.store.instances.instances(programmeId: programme.id, state: "registered")
        #expect(!registered.isEmpty)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await district.get("/bulk").body)))
            let noReason = try await district.post(
                "/bulk",
                form: ["csrf_token": token, "operation": "cancel", "workflow": "enterprise-project", "states": "registered"])
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("批量终止必须填写理由"))
            let badCSV = try await district.post(
                "/bulk",
                form: [
                    "csrf_token": token, "operation": "cancel", "workflow": "enterprise-project", "reason": "注销",
                    "csv": "id\n\(registered[0].id)\nprj_nosuch\n",
                ])
            #expect(badCSV.status == .unprocessableContent)
            #expect(String(buffer: badCSV.body).contains("prj_nosuch"))
            #expect(try await services.store.bulk.jobs(programmeId: programme.id).isEmpty)

            let made = try await district.post(
                "/bulk",
                form: [
                    "csrf_token": token, "operation": "cancel", "workflow": "enterprise-project", "states": "registered",
                    "reason": "企业已注销",
                ])
            #expect(made.status == .seeOther)
            let job = try #require(try await services.store.bulk.jobs(programmeId: programme.id).first)
            #expect(job.total == registered.count && job.parameters.actorRoles.contains(.districtOfficial))
            // Running before the dry run is refused.
            #expect(try await district.post("/bulk/\(job.id)/run", form: ["csrf_token": token]).status == .conflict)
            #expect(try await district.post("/bulk/\(job.id)/dry-run", form: ["csrf_token": token]).status == .seeOther)
            let planned = String(buffer: try await district.get("/bulk/\(job.id)").body)
            #expect(planned.contains("可处理 \(registered.count)"))
            #expect(try await district.post("/bulk/\(job.id)/run", form: ["csrf_token": token]).status == .seeOther)
            // The server's loop (not started in this test) is what takes the job: run one pass.
            #expect(try await BulkRunner(service: services.workflows).runAvailable() == registered.count)
            let page = String(buffer: try await district.get("/bulk/\(job.id)").body)
            #expect(page.contains("<progress id=\"bulk-progress\" max=\"\(registered.count)\" value=\"\(registered.count)\">"))
            #expect(page.components(separatedBy: "data-result=\"moved\"").count - 1 == registered.count)
            for instance in registered {
                #expect(try await services.store.instances.instance(instance.id)?.state == "terminated")
            }
        }
    }
}
