import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Roster import and project documents by API: the import page's formats and per-row errors, the
/// project page's upload and download checks.
@Suite("API: enterprise import and project documents")
struct APIImportUploadTests {
    @Test("CSV and XLSX: a bad row writes nothing and is reported per row; valid rows only imports the good one")
    func roster() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let good = USCC.withCheckCharacter("91120116MA0AP0001")!
        let table = [
            EnterpriseImportTests.header,
            ["天津接口导入一号有限公司", good, "SMCE", "TEDA", "是", "李工", "13900000011"],
            ["天津接口导入二号有限公司", "91120116MA0AP00029", "SMCE", "TEDA", "否", "王工", "13900000012"],
        ]
        let csv = CSVWriter.data(rows: table)
        let xlsx = try XLSXWriter.data(Workbook(sheets: [Sheet(name: "名单", rows: table.map { $0.map { Cell.text($0) } })]))
        @Sendable func count() async throws -> Int {
            try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").count
        }
        let before = try await count()
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let district = try await APITestCaller(client, services, "district")
            let contractor = try await APITestCaller(client, services, "contractor")
            let octet = "application/octet-stream"
            #expect(
                try await contractor.call(.post, "/api/v1/enterprises/import?format=csv", raw: csv, contentType: octet).status
                    == .forbidden)
            let strict = try await district.call(.post, "/api/v1/enterprises/import?format=xlsx", raw: xlsx, contentType: octet)
            #expect(strict.status == .unprocessableContent)
            let refused = try APITestCaller.object(strict)
            let rows = try #require(refused["rows"] as? [[String: Any]])
            #expect(rows.count == 2)
            let errors = try #require(rows.first { $0["line"] as? Int == 3 }?["errors"] as? [[String: Any]])
            #expect(errors.contains { ($0["message"] as? String)?.contains("校验位") == true })
            _ = try APITestCaller.error(strict)
            #expect(try await count() == before)

            let garbage = try await district.call(
                .post, "/api/v1/enterprises/import?format=xlsx", raw: Data("not a workbook".utf8), contentType: octet)
            #expect(garbage.status == .unprocessableContent)
            #expect(try await count() == before)

            let lenient = try await district.call(
                .post, "/api/v1/enterprises/import?format=csv&valid_only=true", raw: csv, contentType: octet)
            #expect(lenient.status == .ok)
            #expect(try APITestCaller.object(lenient)["written"] as? Int == 1)
            #expect(try await count() == before + 1)
            #expect(try await services.store.parties.organisation(uscc: good, programmeId: programme.id) != nil)
        }
    }

    @Test("upload to one's own project and download the same bytes; another project is not found; a renamed HTML file is refused")
    func documents() async throws {
        try await WebFixture.with(.sqlite) { fixture in
            let services = fixture.services
            let app = try buildApplication(services: services, runTimers: false)
            let pdf =
                Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8) + Data((0..<2048).map { UInt8($0 % 251) })
            let before = try await services.store.attachments.attachments(instanceId: fixture.ownProject.id).count
            try await app.test(.router) { client in
                let contractor = try await APITestCaller(client, services, fixture.contractor)
                let octet = "application/octet-stream"
                let name = "验收材料.pdf".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let own = "/api/v1/instances/\(fixture.ownProject.id)/attachments?purpose=milestone&file_name=\(name)"
                let uploaded = try await contractor.call(.post, own, raw: pdf, contentType: octet)
                #expect(uploaded.status == .created)
                let made = try APITestCaller.object(uploaded)
                #expect(made["size"] as? Int == pdf.count)
                let id = try #require(made["id"] as? String)
                let download = try await contractor.call(.get, "/api/v1/attachments/\(id)")
                #expect(download.status == .ok)
                #expect(Data(buffer: download.body) == pdf)

                let other = "/api/v1/instances/\(fixture.otherProject.id)/attachments?purpose=milestone&file_name=\(name)"
                #expect(try await contractor.call(.post, other, raw: pdf, contentType: octet).status == .notFound)
                let html = Data("<html><script>alert(1)</script></html>".utf8)
                let renamed = try await contractor.call(.post, own, raw: html, contentType: octet)
                #expect(renamed.status == .unprocessableContent)
                _ = try APITestCaller.error(renamed)
                let noPurpose = "/api/v1/instances/\(fixture.ownProject.id)/attachments?purpose=nope&file_name=\(name)"
                #expect(try await contractor.call(.post, noPurpose, raw: pdf, contentType: octet).status == .unprocessableContent)
                let stored = try await services.store.attachments.attachments(instanceId: fixture.ownProject.id)
                #expect(stored.count == before + 1)
            }
        }
    }
}
