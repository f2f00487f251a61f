import Foundation
import Funds
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// The enterprise hands in its own project's quarterly reports on the project page (issue #17):
/// summary and file together, refused before anything is stored when the summary is missing or the
/// report is no longer due; another enterprise does not find the project, the contractor may not.
@Suite("Quarterly reports handed in by the enterprise")
struct ProjectReportsTests {
    /// Posts the report form as the browser does (multipart), with an optional PDF.
    static func post(
        _ client: any TestClientProtocol, _ browser: TestBrowser, _ path: String, token: String, summary: String,
        file: Data?
    ) async throws -> TestResponse {
        let boundary = "----smepilot-report-boundary"
        func field(_ name: String, _ value: String) -> Data {
            Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        var body = field("csrf_token", token) + field("summary", summary)
        if let file {
            body +=
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2026Q3进度报告.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                        .utf8) + file + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(data: body))
    }

    @Test("the enterprise hands in a report with its file; bad input stores nothing; others are refused")
    func enterpriseReports() async throws {
        try await WebFixture.app(enterprises: 30) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let funds = FundsService(services: services)
            let book = try await funds.settled(programme.id)
            let accounts = try await store.accounts.users(programmeId: programme.id)
            // An open funded project whose enterprise has an account, without a calendar yet.
            var chosen: (InstanceSnapshot, String)?
            for id in book.projects.keys.sorted() where !book.reports.contains(where: { $0.projectId == id }) {
                guard let instance = try await store.instances.instance(id),
                    services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?
                        .state(instance.state)?.terminal == false,
                    let owner = accounts.first(where: { $0.organisationId == instance.subjectOrganisationId && $0.active })
                else { continue }
                chosen = (instance, owner.username)
                break
            }
            let (project, owner) = try #require(chosen, "a funded project with an enterprise account")

            // Finance creates the calendar: the quarter that has begun is the first report period.
            var finance = try await TestBrowser.signedIn(client, as: "finance")
            let financeToken = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await finance.get("/finance/changes").body)))
            let today = store.clock.now()
            let scheduled = try await finance.post(
                "/finance/reports",
                form: [
                    "csrf_token": financeToken, "project": project.id, "start": Shanghai.dateText(today),
                    "end": Shanghai.dateText(today.addingTimeInterval(200 * 86_400)),
                ])
            #expect(scheduled.status == .seeOther)
            let reports = try await funds.book(programme.id).reports.filter { $0.projectId == project.id }
            let first = try #require(reports.first)
            let path = "/instances/\(project.id)/reports/\(first.number)"

            var enterprise = try await TestBrowser.signedIn(client, as: owner)
            let page = String(buffer: try await enterprise.get("/instances/\(project.id)").body)
            #expect(page.contains("id=\"reports\"") && page.contains("id=\"report-form-\(first.number)\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let documents = try await store.attachments.attachments(instanceId: project.id).count
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

            // No summary: refused in Chinese, neither the report nor the file stored.
            let empty = try await Self.post(client, enterprise, path, token: token, summary: "  ", file: pdf)
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("请填写报告摘要"))
            // A file of a kind not accepted: refused, the report still due.
            let exe = try await Self.post(
                client, enterprise, path, token: token, summary: "三季度进展", file: Data("MZ\u{0}\u{0}".utf8))
            #expect(exe.status == .unprocessableContent)
            #expect(try await store.attachments.attachments(instanceId: project.id).count == documents)
            #expect(try await funds.book(programme.id).reports[first.number - 1].state == .due)

            // Handed in with its file: the report names the file, filed among the project's documents.
            let sent = try await Self.post(client, enterprise, path, token: token, summary: "完成设备联网 32 台，MES 上线", file: pdf)
            #expect(sent.status == .seeOther)
            let report = try await funds.book(programme.id).reports[first.number - 1]
            #expect(report.state == .submitted && report.submission?.summary == "完成设备联网 32 台，MES 上线")
            let files = try await store.attachments.attachments(instanceId: project.id)
            #expect(files.count == documents + 1)
            #expect(files.contains { $0.id == report.submission?.attachment && $0.purpose == ProjectReports.purpose })
            // Twice: no longer due, nothing more stored.
            let again = try await Self.post(client, enterprise, path, token: token, summary: "重复提交", file: pdf)
            #expect(again.status == .unprocessableContent)
            #expect(try await store.attachments.attachments(instanceId: project.id).count == documents + 1)

            // Another enterprise does not find the project; the contractor may read it but not report.
            let second = try #require(reports.dropFirst().first)
            let otherOwner = try #require(
                accounts.first {
                    $0.organisationId != nil && $0.organisationId != project.subjectOrganisationId
                        && $0.grants.contains { $0.role == .enterprise }
                })
            var other = try await TestBrowser.signedIn(client, as: otherOwner.username)
            let otherToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await other.get("/tasks").body)))
            let foreign = try await Self.post(
                client, other, "/instances/\(project.id)/reports/\(second.number)", token: otherToken, summary: "x", file: nil)
            #expect(foreign.status == .notFound)
            var contractor = try await TestBrowser.signedIn(client, as: "contractor")
            let contractorToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await contractor.get("/tasks").body)))
            let byContractor = try await Self.post(
                client, contractor, "/instances/\(project.id)/reports/\(second.number)", token: contractorToken, summary: "x",
                file: nil)
            #expect([.forbidden, .notFound].contains(byContractor.status))
            #expect(try await funds.book(programme.id).reports[second.number - 1].state == .due)
        }
    }
}
