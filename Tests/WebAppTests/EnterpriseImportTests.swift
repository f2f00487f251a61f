import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The district imports enterprises from XLSX or CSV: a per-row report, nothing written while a
/// row is bad unless "import the valid rows" is chosen.
@Suite("Enterprise import from XLSX and CSV")
struct EnterpriseImportTests {
    static let header = ["企业名称", "统一社会信用代码", "细分行业", "所在功能区", "规上企业", "联系人", "联系电话"]

    func rows(existing: String) -> [[String]] {
        [
            Self.header,
            ["天津导入一号科技有限公司", USCC.withCheckCharacter("91120116MA0TM0001")!, "SMCE", "天津经济技术开发区", "是", "李工", "13900000001"],
            ["天津导入二号科技有限公司", "91120116MA0TM00029", "MCES", "TEDA", "否", "王工", "13900000002"],  // bad check character
            ["天津导入三号科技有限公司", existing, "OEEM", "TEDA", "是", "赵工", "13900000003"],  // already registered
            ["", "", "", "", "", "", ""],  // blank line: skipped
            ["天津导入四号科技有限公司", USCC.withCheckCharacter("91120116MA0TM0004")!, "船舶", "TEDA", "是", "钱工", "139"],
        ]
    }

    func upload(
        _ client: any TestClientProtocol, _ browser: TestBrowser, token: String, file: (String, Data), validOnly: Bool
    ) async throws -> TestResponse {
        let boundary = "----import-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n".utf8)
        if validOnly { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"valid_only\"\r\n\r\n1\r\n".utf8) }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.0)\"\r\n\r\n".utf8)
        body += file.1 + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(
            uri: "/enterprises/import", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    @Test("XLSX: bad rows are reported and nothing is written; with 'valid rows only' the good row is imported")
    func xlsx() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let existing = try #require(
            try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").first)
        let before = try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").count
        let table = rows(existing: try #require(existing.uscc))
        let xlsx = try XLSXWriter.data(Workbook(sheets: [Sheet(name: "名单", rows: table.map { $0.map { Cell.text($0) } })]))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            let page = String(buffer: try await district.get("/enterprises/import").body)
            let token = try #require(TestBrowser.csrfToken(in: page))

            let strict = try await upload(client, district, token: token, file: ("名单.xlsx", xlsx), validOnly: false)
            #expect(strict.status == .unprocessableContent)
            let report = String(buffer: strict.body)
            #expect(report.contains("共 4 行，其中 3 行不合格，已导入 0 家企业"))
            #expect(report.contains("校验位错误"))
            #expect(report.contains(existing.name))
            #expect(report.contains("未知的细分行业“船舶”"))
            #expect(report.contains("联系电话格式不正确"))
            #expect(try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").count == before)

            let lenient = try await upload(client, district, token: token, file: ("名单.xlsx", xlsx), validOnly: true)
            #expect(lenient.status == .ok)
            #expect(String(buffer: lenient.body).contains("已导入 1 家企业"))
            let imported = try #require(
                try await services.store.parties.organisation(
                    uscc: USCC.withCheckCharacter("91120116MA0TM0001")!, programmeId: programme.id))
            #expect(imported.name == "天津导入一号科技有限公司")
            let project = try #require(
                try await services.store.instances.projects(
                    ProjectQuery(programmeId: programme.id, scopes: ["organisation:\(imported.id)"])
                ).rows.first)
            #expect(project.state == "registered")

            // A malformed file: the file is named, nothing written.
            let broken = try await upload(
                client, district, token: token, file: ("名单.xlsx", Data("not a zip".utf8)), validOnly: true)
            #expect(broken.status == .unprocessableContent)
            #expect(String(buffer: broken.body).contains("无法读取文件"))
            let missingColumns = CSVWriter.data(rows: [["企业名称", "联系人"], ["天津某公司", "张工"]])
            let partial = try await upload(client, district, token: token, file: ("a.csv", missingColumns), validOnly: true)
            #expect(String(buffer: partial.body).contains("缺少必需的列"))
            #expect(
                try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").count == before + 1)

            // A contractor may not import.
            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            #expect(try await contractor.get("/enterprises/import").status == .forbidden)
        }
    }

    @Test("an unreadable file is explained in the page's language: Chinese on the Chinese page, English on the English one")
    func unreadableFileMessages() async throws {
        try await WebFixture.app { _, client in
            var district = try await TestBrowser.signedIn(client, as: "district")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await district.get("/enterprises/import").body)))
            let notXLSX = ("名单.xlsx", Data("not a zip".utf8))
            let openQuote = ("名单.csv", Data("企业名称,联系人\n\"天津某公司,张工\n".utf8))
            let chinese = [
                (notXLSX, "文件不是 Excel 工作簿（.xlsx）", "The file is not"),
                (openQuote, "第 2 行的引号未闭合", "A quoted field"),
            ]
            for (file, expected, english) in chinese {
                let page = String(buffer: try await upload(client, district, token: token, file: file, validOnly: false).body)
                #expect(page.contains(expected), "\(file.0)")
                #expect(!page.contains(english), "\(file.0)")
            }
            _ = try await district.get("/language?to=en&return_to=/enterprises/import")
            let english = String(buffer: try await upload(client, district, token: token, file: notXLSX, validOnly: false).body)
            #expect(english.contains("The file is not an Excel workbook (.xlsx)"))
        }
    }

    @Test("CSV with a BOM and the same code twice: the second line is named")
    func csv() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let code = USCC.withCheckCharacter("91120116MA0TM0009")!
        let csv = CSVWriter.data(rows: [
            Self.header, ["天津甲公司", code, "SMCE", "TEDA", "是", "甲", "13900000009"],
            ["天津乙公司", code, "SMCE", "TEDA", "是", "乙", "13900000010"],
        ])
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await district.get("/enterprises/import").body)))
            let response = try await upload(client, district, token: token, file: ("list.csv", csv), validOnly: false)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("与第 2 行的统一社会信用代码重复"))
            let template = try await district.get("/enterprises/import/template.xlsx")
            #expect(template.status == .ok)
            let rows = try XLSXReader.firstSheetTextRows(Data(buffer: template.body))
            #expect(rows.first?.first == "企业名称")
        }
    }
}
