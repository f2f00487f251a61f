import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// The policy library (issue #15) through the real routes: the office publishes; the public list
/// shows it; each enterprise sees it as relevant exactly when its profile matches, with the
/// reasons, and on `/tasks` until it opens the list; revisions are versions; bad input writes nothing.
@Suite("Policies: publishing, precise matching, versions, the public list")
struct PolicyTests {
    static func token(_ browser: inout TestBrowser, _ path: String) async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(path).body)))
    }

    /// A complete policy form: 专精特新, level 2–3, in one sub-industry.
    static func form(_ token: String, subIndustry: String) -> [String: String] {
        [
            "csrf_token": token, "title": "专精特新企业数字化提升专项<b>措施</b>", "issuer": "天津市滨海新区工业和信息化局",
            "document_number": "津滨工信〔2025〕99号", "issued_on": "2025-01-02", "valid_from": "2025-01-02", "valid_to": "2099-12-31",
            "body": "对符合条件的专精特新企业给予数字化改造支持。", "sub_industries": subIndustry, "min_level": "2", "max_level": "3",
            "flags": "specialised",
        ]
    }

    /// Adds an enterprise with an account (the demo password) and the given profile.
    static func enterprise(
        _ services: AppServices, programmeId: String, index: Int, subIndustry: String, level: Int, specialised: Bool
    ) async throws -> String {
        let store = services.store
        let organisation = try await store.parties.addEnterprise(
            programmeId: programmeId, name: "天津测试匹配\(index)科技有限公司",
            uscc: try USCC(validating: USCC.withCheckCharacter(String(format: "91120116MA0PM%04d", index))!),
            subIndustryId: subIndustry, divisionCode: "120116400",
            profile: [
                "baseline_level": .int(Int64(level)), "specialised": .bool(specialised), "contact_phone": .string("13900001111"),
            ])
        let hash = try #require(try await store.accounts.user(username: "ent01")).passwordHash
        let username = "pm\(index)"
        _ = try await store.accounts.createUser(
            programmeId: programmeId, username: username, displayName: "匹配测试\(index)", passwordHash: hash,
            organisationId: organisation.id, grants: [RoleGrant(role: .enterprise, scope: .organisation(organisation.id))])
        return username
    }

    /// Posts one file as the browser does (multipart).
    static func upload(
        _ client: any TestClientProtocol, _ browser: TestBrowser, _ path: String, token: String, name: String, data: Data
    ) async throws -> TestResponse {
        let boundary = "----smepilot-policy-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n"
                .utf8)
        body += data + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(data: body))
    }

    @Test("a policy for 专精特新 level 2–3 in one sub-industry reaches exactly the matching enterprises, with the reasons")
    func precise() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let subs = try await store.programmes.subIndustries(programmeId: programme.id)
            let smce = try #require(subs.first { $0.code == "SMCE" }).id
            let mces = try #require(subs.first { $0.code == "MCES" }).id
            // Five enterprises, each criterion varied once from the first.
            let cases: [(sub: String, level: Int, specialised: Bool, matches: Bool)] = [
                (smce, 2, true, true), (smce, 3, true, true), (mces, 2, true, false), (smce, 1, true, false),
                (smce, 4, true, false), (smce, 2, false, false),
            ]
            var users: [(String, Bool)] = []
            for (index, item) in cases.enumerated() {
                users.append(
                    (
                        try await Self.enterprise(
                            services, programmeId: programme.id, index: index + 1, subIndustry: item.sub, level: item.level,
                            specialised: item.specialised), item.matches
                    ))
            }
            var office = try await TestBrowser.signedIn(client, as: "district")
            let token = try await Self.token(&office, "/policies/new")
            let published = try await office.post("/policies", form: Self.form(token, subIndustry: smce))
            #expect(published.status == .seeOther)
            let location = try #require(published.headers[.location])
            let id = String(try #require(location.split(separator: "/").last?.split(separator: "?").first))

            for (username, matches) in users {
                var browser = try await TestBrowser.signedIn(client, as: username)
                let tasks = String(buffer: try await browser.get("/tasks").body)
                #expect(tasks.contains("data-policy=\"\(id)\"") == matches, "\(username) tasks")
                let page = String(buffer: try await browser.get("/policies").body)
                let relevant = try #require(page.range(of: "id=\"relevant\""))
                let others = try #require(page.range(of: "id=\"other-policies\""))
                let position = try #require(page.range(of: "data-policy=\"\(id)\""), "\(username) sees the policy")
                #expect(
                    (position.lowerBound > relevant.lowerBound && position.lowerBound < others.lowerBound) == matches,
                    "\(username)")
                if matches {
                    let item = String(page[position.lowerBound...]).components(separatedBy: "</ul></div></li>")[0]
                    #expect(item.contains("专精特新") && item.contains("当前等级") && item.contains("细分行业："), "\(username) reasons")
                    #expect(item.contains("class=\"badge\""), "new on the first visit")
                    // Seen: no longer new on /tasks, nor marked new on the list.
                    #expect(!String(buffer: try await browser.get("/tasks").body).contains("data-policy=\"\(id)\""))
                    let again = String(buffer: try await browser.get("/policies").body)
                    let second = try #require(again.range(of: "data-policy=\"\(id)\""))
                    #expect(
                        !String(again[second.lowerBound...]).components(separatedBy: "</ul></div></li>")[0].contains(
                            "class=\"badge\""))
                }
            }
        }
    }

    @Test(
        "the public list and page: no sign-in, text escaped, withdrawn policies gone; revisions are versions; a stale one is refused"
    )
    func publicAndVersions() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let smce = try #require(
                try await store.programmes.subIndustries(programmeId: programme.id).first { $0.code == "SMCE" }
            ).id
            var office = try await TestBrowser.signedIn(client, as: "platform")
            let token = try await Self.token(&office, "/policies/new")
            let published = try await office.post("/policies", form: Self.form(token, subIndustry: smce))
            #expect(published.status == .seeOther)
            let record = try #require(
                try await store.policies.policies(programmeId: programme.id).first {
                    $0.content.documentNumber == "津滨工信〔2025〕99号"
                })

            var visitor = TestBrowser(client)
            let list = String(buffer: try await visitor.get("/policies?q=专精特新企业").body)
            #expect(list.contains("data-policy=\"\(record.id)\""))
            #expect(list.contains("&lt;b&gt;措施") && !list.contains("<b>措施"), "escaped")
            #expect(!list.contains("id=\"relevant\""), "the public has no profile")
            let page = try await visitor.get("/policies/\(record.id)")
            #expect(page.status == .ok)
            #expect(!String(buffer: page.body).contains("withdraw-policy"), "no office form for the public")
            #expect(try await visitor.get("/policies?sub_industry=nope").status == .badRequest)

            // An attachment: uploaded by the office (a disguised file refused), downloaded by anyone.
            let pdf = Data("%PDF-1.4\n% policy\n%%EOF\n".utf8)
            let upload = try await Self.upload(
                client, office, "/policies/\(record.id)/documents", token: token, name: "政策原文.pdf", data: pdf)
            #expect(upload.status == .seeOther)
            let fake = try await Self.upload(
                client, office, "/policies/\(record.id)/documents", token: token, name: "伪装.pdf", data: Data("<html>".utf8))
            #expect(fake.status == .unprocessableContent)
            let documents = try await store.policies.documents(policyId: record.id)
            #expect(documents.map(\.fileName) == ["政策原文.pdf"])
            let download = try await visitor.get("/policies/\(record.id)/documents/\(try #require(documents.first).id)")
            #expect(download.status == .ok && Data(buffer: download.body) == pdf)

            // Revise on version 1; then a form still on version 1 is a conflict.
            var form = Self.form(token, subIndustry: smce)
            form["expected_version"] = "1"
            form["max_level"] = "4"
            form["reason"] = "扩大至四级企业"
            #expect(try await office.post("/policies/\(record.id)", form: form).status == .seeOther)
            #expect(try await office.post("/policies/\(record.id)", form: form).status == .conflict)
            let versions = try await store.policies.versions(policyId: record.id)
            #expect(versions.map(\.version) == [1, 2] && versions[1].reason == "扩大至四级企业")
            #expect(versions[0].content.criteria.maxLevel == 3 && versions[1].content.criteria.maxLevel == 4)
            // Withdrawn: gone from the list, its page says so.
            #expect(
                try await office.post(
                    "/policies/\(record.id)/withdraw", form: ["csrf_token": token, "expected_version": "2", "reason": "已被新政策替代"]
                ).status == .seeOther)
            #expect(!String(buffer: try await visitor.get("/policies").body).contains("data-policy=\"\(record.id)\""))
            #expect(String(buffer: try await visitor.get("/policies/\(record.id)").body).contains("已废止"))
            // Enterprises cannot publish.
            var enterprise = try await TestBrowser.signedIn(client, as: "ent01")
            let entToken = try await Self.token(&enterprise, "/tasks")
            #expect(try await enterprise.post("/policies", form: Self.form(entToken, subIndustry: smce)).status == .forbidden)
        }
    }

    @Test(
        "bad input — dates out of order or unreal, a level beyond 4, an unknown sub-industry or area — is a 422 and writes nothing"
    )
    func badInput() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let smce = try #require(
                try await store.programmes.subIndustries(programmeId: programme.id).first { $0.code == "SMCE" }
            ).id
            let before = try await store.policies.policies(programmeId: programme.id).count
            var office = try await TestBrowser.signedIn(client, as: "district")
            let token = try await Self.token(&office, "/policies/new")
            let bad: [(String, String, String)] = [
                ("valid_to", "2024-12-31", "早于起始日"), ("issued_on", "2025-02-30", "不是有效日期"), ("max_level", "5", "0–4"),
                ("min_level", "3", "低于最低等级"), ("sub_industries", "nope", "未知的细分行业"), ("divisions", "110101", "不在本试点范围内"),
                ("valid_from", "1899-01-01", "不是有效日期"), ("title", "", "请填写政策名称"),
            ]
            for (field, value, message) in bad {
                var form = Self.form(token, subIndustry: smce)
                form[field] = value
                if field == "min_level" { form["max_level"] = "2" }
                let response = try await office.post("/policies", form: form)
                #expect(response.status == .unprocessableContent, "\(field)")
                #expect(String(buffer: response.body).contains(message), "\(field): \(message)")
            }
            #expect(try await store.policies.policies(programmeId: programme.id).count == before, "nothing written")
        }
    }
}
