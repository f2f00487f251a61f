import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing
import WebApp

/// Promotion centres (policy 002 chapter 3) through the real routes: the lead's application, the
/// district's screening within its division, the city's list and the public register, the yearly
/// self-assessment.
@Suite("Promotion centres: filing, district screening, the city's list, the register, self-assessment")
struct PromotionCentreTests {
    static let pdf = Data("%PDF-1.4\n% test\n%%EOF\n".utf8)
    static let member = USCC.withCheckCharacter("12120000MB0PC0009")!

    /// A complete application of the demo provider at TEDA, as a consortium with one university.
    static func application(_ token: String) -> [String: String] {
        [
            "csrf_token": token, "name": "泰达<b>工业</b>数字化转型促进中心", "industry": "智能测控装备制造业",
            "lead_uscc": USCC.withCheckCharacter("91120116MA05HY001")!, "legal_person": "on",
            "plan_summary": "面向开发区装备企业开展诊断评估与人才培训。", "commitment_resource_integration": "on",
            "commitment_assessment_consulting": "on", "commitment_talent_training": "on", "site": "天津经济技术开发区第二大街 9 号",
            "team_size": "18", "division": "120116400", "contact_name": "孙工", "contact_phone": "13800001111",
            "member_name_1": "天津某理工大学", "member_uscc_1": member, "member_kind_1": "university",
        ]
    }

    /// Posts the application form as the browser does (multipart, with its documents).
    static func post(
        _ client: any TestClientProtocol, _ browser: TestBrowser, _ path: String, _ fields: [String: String],
        files: [(field: String, name: String, data: Data)]
    ) async throws -> TestResponse {
        let boundary = "----smepilot-centre-boundary"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/pdf\r\n\r\n"
                    .utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(data: body))
    }

    static func token(_ browser: inout TestBrowser, _ path: String) async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(path).body)))
    }

    @Test("filing refuses a consortium without its agreement and a bad credit code, writing nothing; a complete one is filed")
    func filing() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let before = try await store.centres.centres(CentreQuery(programmeId: programme.id))
            #expect(before.count == 2, "the demo's two centres")
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let page = String(buffer: try await provider.get("/centres/new").body)
            #expect(page.contains("id=\"centre-application\"") && page.contains("天津瀚云数字科技有限公司"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let plan = (field: "plan", name: "建设方案.pdf", data: Self.pdf)
            let agreement = (field: "agreement", name: "联合建设协议.pdf", data: Self.pdf)

            let noAgreement = try await Self.post(client, provider, "/centres", Self.application(token), files: [plan])
            #expect(noAgreement.status == .unprocessableContent)
            #expect(String(buffer: noAgreement.body).contains("联合建设协议（第十二条（一））"))
            var badCode = Self.application(token)
            badCode["member_uscc_1"] = "12120000MB0PC000"
            let refused = try await Self.post(client, provider, "/centres", badCode, files: [plan, agreement])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("第 1 个成员单位：统一社会信用代码应为 18 位"))
            var badLead = Self.application(token)
            badLead["lead_uscc"] = USCC.withCheckCharacter("91120116MA0PC0777")!
            let wrongLead = try await Self.post(client, provider, "/centres", badLead, files: [plan, agreement])
            #expect(wrongLead.status == .unprocessableContent)
            #expect(String(buffer: wrongLead.body).contains("与本单位登记的代码"))
            var fake = Self.application(token)
            fake.removeValue(forKey: "member_name_1")
            let renamed = try await Self.post(
                client, provider, "/centres", fake, files: [(field: "plan", name: "方案.pdf", data: Data("<html>".utf8))])
            #expect(renamed.status == .unprocessableContent)
            #expect(String(buffer: renamed.body).contains("文件内容与扩展名"))
            #expect(try await store.centres.centres(CentreQuery(programmeId: programme.id)).count == 2, "nothing written")

            let filed = try await Self.post(client, provider, "/centres", Self.application(token), files: [plan, agreement])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers[.location])
            let id = String(location.dropFirst("/centres/".count).prefix { $0 != "?" })
            let record = try #require(try await store.centres.centre(id: id, programmeId: programme.id))
            #expect(record.centre.status == .submitted)
            #expect(record.centre.application.members.map(\.uscc) == [Self.member])
            let documents = try await store.centres.documents(centreId: id)
            #expect(Set(documents.map(\.purpose)) == [.plan, .agreement])
            let download = try await provider.get("/centres/\(id)/documents/\(documents[0].id)")
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == Self.pdf)
            let shown = String(buffer: try await provider.get(location).body)
            #expect(shown.contains("泰达&lt;b&gt;工业&lt;/b&gt;数字化转型促进中心"))
            #expect(!shown.contains("<b>工业</b>"))
        }
    }

    @Test(
        "a district screens its own division only (404 elsewhere); return, correct, recommend; the city confirms; the register shows it"
    )
    func procedure() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let hash = try await services.passwords.hash(TestApp.password)
            for (username, node) in [("teda_official", "120116400"), ("hitech_official", "120116402")] {
                _ = try await store.accounts.createUser(
                    programmeId: programme.id, username: username, displayName: "区工信局 \(node)", passwordHash: hash,
                    organisationId: nil, grants: [RoleGrant(role: .districtOfficial, scope: .division(node))])
            }
            let demo = try await store.centres.centres(CentreQuery(programmeId: programme.id))
            let waiting = try #require(demo.first { $0.centre.status == .recommended })
            #expect(waiting.centre.application.divisionCode == "120116402")

            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let token = try await Self.token(&provider, "/centres/new")
            var fields = Self.application(token)
            for key in ["member_name_1", "member_uscc_1", "member_kind_1"] { fields.removeValue(forKey: key) }
            let filed = try await Self.post(
                client, provider, "/centres", fields, files: [(field: "plan", name: "建设方案.pdf", data: Self.pdf)])
            #expect(filed.status == .seeOther)
            let path = String(try #require(filed.headers[.location]).prefix { $0 != "?" })
            let id = String(path.dropFirst("/centres/".count))

            // Each district sees the centres of its division, and nothing of the other's.
            var teda = try await TestBrowser.signedIn(client, as: "teda_official")
            let tedaList = String(buffer: try await teda.get("/centres").body)
            #expect(tedaList.contains("data-centre=\"\(id)\""))
            #expect(!tedaList.contains("data-centre=\"\(waiting.id)\""))
            #expect(try await teda.get("/centres/\(waiting.id)").status == .notFound)
            var hitech = try await TestBrowser.signedIn(client, as: "hitech_official")
            let hitechToken = try await Self.token(&hitech, "/centres")
            #expect(try await hitech.get(path).status == .notFound)
            let foreign = try await hitech.post(
                "\(path)/screening", form: ["csrf_token": hitechToken, "decision": "recommend", "note": "同意"])
            #expect(foreign.status == .notFound)
            #expect(try await store.centres.centre(id: id, programmeId: programme.id)?.centre.status == .submitted)

            // Return for correction: the reason is required.
            let tedaToken = try await Self.token(&teda, path)
            let noReason = try await teda.post("\(path)/screening", form: ["csrf_token": tedaToken, "decision": "return"])
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("请填写意见或理由"))
            let returned = try await teda.post(
                "\(path)/screening", form: ["csrf_token": tedaToken, "decision": "return", "note": "缺少场所产权证明"])
            #expect(returned.status == .seeOther)
            let recommendTooSoon = try await teda.post(
                "\(path)/screening", form: ["csrf_token": tedaToken, "decision": "recommend", "note": "同意"])
            #expect(recommendTooSoon.status == .unprocessableContent)
            #expect(String(buffer: recommendTooSoon.body).contains("退回补正"))

            // The lead corrects; the documents not uploaded again stay.
            let correction = String(buffer: try await provider.get(path).body)
            #expect(correction.contains("缺少场所产权证明") && correction.contains("/correction"))
            fields["site"] = "天津经济技术开发区第二大街 9 号（附产权证明）"
            let corrected = try await Self.post(client, provider, "\(path)/correction", fields, files: [])
            #expect(corrected.status == .seeOther)
            let afterCorrection = try #require(try await store.centres.centre(id: id, programmeId: programme.id))
            #expect(afterCorrection.centre.status == .submitted)
            #expect(afterCorrection.centre.application.site.hasSuffix("（附产权证明）"))
            #expect(try await store.centres.documents(centreId: id).count == 1)

            // Recommended by the district; a district grant cannot decide the city's list.
            let recommended = try await teda.post(
                "\(path)/screening", form: ["csrf_token": tedaToken, "decision": "recommend", "note": "材料真实完整，同意推荐"])
            #expect(recommended.status == .seeOther)
            #expect(
                try await teda.post("\(path)/decision", form: ["csrf_token": tedaToken, "decision": "confirm"]).status
                    == .forbidden)
            var early = TestBrowser(client)
            #expect(!String(buffer: try await early.get("/centres/register").body).contains("泰达&lt;b&gt;"), "not yet")

            var city = try await TestBrowser.signedIn(client, as: "district")
            let cityToken = try await Self.token(&city, path)
            let noChoice = try await city.post("\(path)/decision", form: ["csrf_token": cityToken, "note": "x"])
            #expect(noChoice.status == .unprocessableContent)
            #expect(String(buffer: noChoice.body).contains("请选择办理结果"))
            let confirmed = try await city.post(
                "\(path)/decision", form: ["csrf_token": cityToken, "decision": "confirm", "note": "列入市级名单"])
            #expect(confirmed.status == .seeOther)
            let events = try await store.centres.events(centreId: id).map(\.action)
            #expect(events == ["filed", "returned", "corrected", "recommended", "confirmed"])

            // The public register: the centre, escaped; no contacts.
            var visitor = TestBrowser(client)
            let register = String(buffer: try await visitor.get("/centres/register").body)
            #expect(register.contains("泰达&lt;b&gt;工业&lt;/b&gt;数字化转型促进中心"))
            #expect(register.contains("滨海新区智能测控装备数字化转型促进中心"), "the demo's confirmed centre")
            #expect(!register.contains("滨海高新区海洋工程装备数字化转型促进中心"), "recommended, not yet on the list")
            #expect(!register.contains("13800001111") && !register.contains("孙工"))
            _ = try await visitor.get("/language?to=en&return_to=%2Fcentres%2Fregister")
            let english = String(buffer: try await visitor.get("/centres/register").body)
            #expect(english.contains("Register of manufacturing digital-transformation promotion centres"))
            #expect(english.contains("Art. 11 (7) Talent training") && english.contains("Talent training"))
            _ = try await visitor.get("/language?to=zh&return_to=%2Fcentres%2Fregister")
            let filtered = String(buffer: try await visitor.get("/centres/register?division=120116402").body)
            #expect(!filtered.contains("泰达&lt;b&gt;"))
            let byContent = String(buffer: try await visitor.get("/centres/register?commitment=talent_training").body)
            #expect(byContent.contains("泰达&lt;b&gt;"))
            for bad in ["commitment=bogus", "division=99", "programme=NOPE", "division=110101001"] {
                let response = try await visitor.get("/centres/register?\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
            }
            let badStatus = try await city.get("/centres?status=bogus")
            #expect(badStatus.status == .badRequest)
            #expect(String(buffer: badStatus.body).contains("status"))
            #expect(try await city.get("/centres?division=120116401").status == .ok)
            #expect(try await city.get("/centres?division=120110001").status == .badRequest)
        }
    }

    @Test("a confirmed centre files one self-assessment a year; a second for the year is refused and writes nothing")
    func selfAssessment() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let confirmed = try #require(
                try await store.centres.centres(CentreQuery(programmeId: programme.id)).first { $0.centre.status == .confirmed })
            #expect(confirmed.centre.assessments[2025] != nil, "the demo's 2025 self-assessment")
            let path = "/centres/\(confirmed.id)"
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let page = String(buffer: try await provider.get(path).body)
            #expect(page.contains("id=\"centre-assessment\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            var form = ["csrf_token": token, "year": "2025"]
            for commitment in confirmed.centre.application.commitments {
                form["score_\(commitment.rawValue)"] = "88"
                form["evidence_\(commitment.rawValue)"] = "年度服务台账"
            }
            let events = try await store.centres.events(centreId: confirmed.id).count
            let again = try await provider.post("\(path)/assessments", form: form)
            #expect(again.status == .unprocessableContent)
            #expect(String(buffer: again.body).contains("2025 年度自评已提交，每个年度只能提交一次"))
            #expect(try await store.centres.events(centreId: confirmed.id).count == events)

            var bad = form
            bad["year"] = "2024"
            bad["score_\(confirmed.centre.application.commitments[0].rawValue)"] = "101"
            let badScore = try await provider.post("\(path)/assessments", form: bad)
            #expect(badScore.status == .unprocessableContent)
            #expect(String(buffer: badScore.body).contains("0–100"))
            bad["year"] = "2999"
            #expect(try await provider.post("\(path)/assessments", form: bad).status == .unprocessableContent)

            form["year"] = "2024"
            let filed = try await provider.post("\(path)/assessments", form: form)
            #expect(filed.status == .seeOther)
            let after = try #require(try await store.centres.centre(id: confirmed.id, programmeId: programme.id))
            #expect(after.centre.assessments.keys.sorted() == [2024, 2025])
            #expect(after.centre.assessments[2024]?.average == 88)

            // The bureau reads them; another provider does not reach the centre at all.
            var city = try await TestBrowser.signedIn(client, as: "district")
            let read = String(buffer: try await city.get(path).body)
            #expect(read.contains("data-year=\"2024\"") && read.contains("data-year=\"2025\""))
            #expect(!read.contains("id=\"centre-assessment\""))
            let list = String(buffer: try await city.get("/centres").body)
            #expect(list.contains("data-centre=\"\(confirmed.id)\"") && list.contains("2025：84"), "the latest, with its average")
            var contractor = try await TestBrowser.signedIn(client, as: "contractor")
            #expect(try await contractor.get(path).status == .notFound)
            let contractorToken = try await Self.token(&contractor, "/centres")
            #expect(
                try await contractor.post("\(path)/assessments", form: form.merging(["csrf_token": contractorToken]) { $1 })
                    .status == .notFound)
        }
    }
}
