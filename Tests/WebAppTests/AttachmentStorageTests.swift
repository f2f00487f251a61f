import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Uploads live in the database (issue #11, defect 7): on the shipped Kubernetes manifests (read-only
/// root filesystem, two replicas) a file written to local disk could not be written, nor read by the
/// other replica, nor was it in the backup.
@Suite("Attachments are kept in the database, shared by every server process")
struct AttachmentStorageTests {
    @Test("uploaded through one server process, downloaded through another on the same PostgreSQL; no disk needed")
    func twoProcesses() async throws {
        let first = try await TestApp.services(.postgres, enterprises: 30)
        var configuration = first.configuration
        // A directory nobody can write: an upload that touched the disk would fail.
        configuration.attachmentsDirectory = "/proc/smepilot-no-disk"
        var uploader = first
        uploader.configuration = configuration
        let address = try #require((first.store.backend as? PostgresBackend)?.address)
        let secondStore = PilotStore(backend: PostgresBackend(address, logger: Logger(label: "test.second")))
        let second = AppServices(
            configuration: configuration, store: secondStore, catalog: try TestWorkflows.shipped(),
            divisions: try TestWorkflows.divisions(), logger: Logger(label: "test.second"))
        defer {
            Task {
                await secondStore.shutdown()
                await first.store.shutdown()
            }
        }
        let programme = try #require(try await first.store.programmes.programme(code: "BINHAI-2024"))
        let running = try #require(
            try await first.store.instances.instances(programmeId: programme.id, state: "implementation").first)
        let contractor = try #require(
            try await first.store.accounts.users(programmeId: programme.id).first {
                $0.grants.contains { $0.role == .mainContractor && $0.scope == .subIndustry(running.subIndustryId ?? "") }
            })
        let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8) + Data((0..<4096).map { UInt8($0 % 251) })
        try await buildApplication(services: uploader, runTimers: false).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn(contractor.username)
            let page = String(buffer: try await browser.get("/instances/\(running.id)").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            var (headers, body) = multipart(["csrf_token": token, "purpose": "milestone"], file: ("验收材料.pdf", pdf))
            for field in browser.cookieHeader { headers[field.name] = field.value }
            let response = try await client.execute(
                uri: "/instances/\(running.id)/attachments", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther)
        }
        let attachment = try #require(try await secondStore.attachments.attachments(instanceId: running.id).first)
        try await buildApplication(services: second, runTimers: false).test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn(contractor.username)
            let download = try await browser.get("/attachments/\(attachment.id)")
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == pdf)
        }
        #expect(!FileManager.default.fileExists(atPath: "/proc/smepilot-no-disk/\(attachment.id)"))
    }
}
