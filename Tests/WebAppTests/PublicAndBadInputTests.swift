import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The public pages (publicity with objections, self-registration) and bad input on uploads:
/// each refusal says what is wrong in the user's language and changes nothing.
@Suite("Public pages and bad input")
struct PublicAndBadInputTests {
    func project(_ services: AppServices, in state: String) async throws -> InstanceSnapshot {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return try #require(try await services.store.instances.instances(programmeId: programme.id, state: state).first)
    }

    @Test("publicity: the page lists plans without sign-in; objections need a human pace, suspend the plan, and are rate limited")
    func objections() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let published = try await project(services, in: "publicity")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var visitor = TestBrowser(client)
            let page = String(buffer: try await visitor.get("/publicity").body)
            #expect(page.contains("id=\"notice-\(published.id)\""))
            #expect(page.contains("公示截止"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let objection = [
                "csrf_token": token, "objector_name": "张三", "objector_contact": "13800000000", "objection": "申报的上云情况与实际不符",
            ]
            let path = "/publicity/\(published.id)/objections"
            // Posted the instant the page was served: refused, nothing changes.
            let fast = try await visitor.post(path, form: objection)
            #expect(fast.status == .unprocessableContent)
            #expect(String(buffer: fast.body).contains("提交过快"))
            try await Task.sleep(for: .milliseconds(1100))
            // The honeypot field is filled only by robots.
            var robot = objection
            robot["website"] = "http://spam.example"
            #expect(try await visitor.post(path, form: robot).status == .unprocessableContent)
            // Without the cookie the token is worthless (another site cannot post for a visitor).
            var stranger = TestBrowser(client)
            #expect(try await stranger.post(path, form: objection).status == .forbidden)
            // A missing reason is named.
            var empty = objection
            empty["objection"] = ""
            let missing = try await visitor.post(path, form: empty)
            #expect(missing.status == .unprocessableContent)
            #expect(try await services.store.instances.instance(published.id)?.version == published.version)
            // A proper objection suspends the plan.
            let filed = try await visitor.post(path, form: objection)
            #expect(filed.status == .ok)
            #expect(String(buffer: filed.body).contains("异议已受理"))
            let suspended = try #require(try await services.store.instances.instance(published.id))
            #expect(suspended.state == "suspended")
            #expect(suspended.data["objections"]?.arrayValue?.count == 1)
            // Objecting again to a suspended plan is refused.
            let again = try await visitor.post(path, form: objection)
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test("publicity: at most five objections per client per hour")
    func rateLimit() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        for _ in 0..<5 {
            #expect(
                try await services.store.attachments.admitPublicSubmission(
                    programmeId: programme.id, clientHash: "c1", limit: 5, window: 3600))
        }
        #expect(
            !(try await services.store.attachments.admitPublicSubmission(
                programmeId: programme.id, clientHash: "c1", limit: 5, window: 3600))
        )
        #expect(
            try await services.store.attachments.admitPublicSubmission(
                programmeId: programme.id, clientHash: "c2", limit: 5, window: 3600))
    }

    @Test("registration: a bad check character, a duplicate code and a weak password are refused; a good one creates all three")
    func registration() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let existing = try #require(
            try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").first)
        let app = try buildApplication(services: services, runTimers: false)
        let good = try #require(USCC.withCheckCharacter("91120116MA0RG0001"))
        try await app.test(.router) { client in
            var visitor = TestBrowser(client)
            let page = String(buffer: try await visitor.get("/register").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            var form = [
                "csrf_token": token, "name": "天津新测试精密制造有限公司", "uscc": good, "sub_industry": "SMCE", "zone": "TEDA",
                "street": "塘沽街道", "above_scale": "是", "contact_name": "王工", "contact_phone": "022-25201234",
                "username": "newfirm",
                "password": "Secure2024pass",
            ]
            var badCode = form
            badCode["uscc"] = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
            let refused = try await visitor.post("/register", form: badCode)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("校验位错误"))
            var duplicate = form
            duplicate["uscc"] = existing.uscc
            let dup = try await visitor.post("/register", form: duplicate)
            #expect(dup.status == .conflict)
            // Named to nobody: the form is public (issue #11).
            #expect(String(buffer: dup.body).contains("该统一社会信用代码已登记"))
            #expect(!String(buffer: dup.body).contains(existing.name))
            var weak = form
            weak["password"] = "short"
            weak["contact_phone"] = "abc"
            let weakResponse = String(buffer: try await visitor.post("/register", form: weak).body)
            #expect(weakResponse.contains("密码至少 10 位"))
            #expect(weakResponse.contains("联系电话格式不正确"))
            #expect(try await services.store.parties.organisation(uscc: good, programmeId: programme.id) == nil)
            #expect(try await services.store.accounts.user(username: "newfirm") == nil)

            form["csrf_token"] = token
            let created = try await visitor.post("/register", form: form)
            #expect(created.status == .seeOther)
            let organisation = try #require(try await services.store.parties.organisation(uscc: good, programmeId: programme.id))
            #expect(try await services.store.parties.organisationProfile(organisation.id)["above_scale"] == .bool(true))
            let account = try #require(try await services.store.accounts.user(username: "newfirm"))
            #expect(account.organisationId == organisation.id)
            var firm = TestBrowser(client)
            try await firm.signIn("newfirm", password: "Secure2024pass")
            let list = String(buffer: try await firm.get("/projects").body)
            #expect(list.contains("天津新测试精密制造有限公司"))
            #expect(list.contains("已注册"))
        }
    }

    @Test("uploads: wrong type, disguised type, oversize and no purpose are refused; a PDF is kept and served only in scope")
    func uploads() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        var configuration = services.configuration
        configuration.attachmentsDirectory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "att-\(UUID().uuidString)"
            ).path
        var scoped = services
        scoped.configuration = configuration
        let running = try await project(services, in: "implementation")
        let contractorName = try await contractor(for: running, services)
        let otherContractor = contractorName == "contractor" ? "contractor2" : "contractor"
        let app = try buildApplication(services: scoped, runTimers: false)
        try await app.test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn(contractorName)
            let page = String(buffer: try await browser.get("/instances/\(running.id)").body)
            #expect(page.contains("id=\"upload-form\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            func upload(_ name: String, _ data: Data, purpose: String = "milestone") async throws -> TestResponse {
                var (headers, body) = multipart(["csrf_token": token, "purpose": purpose], file: (name, data))
                for field in browser.cookieHeader { headers[field.name] = field.value }
                return try await client.execute(
                    uri: "/instances/\(running.id)/attachments", method: .post, headers: headers, body: body)
            }
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            let exe = try await upload("tool.exe", Data([0x4D, 0x5A, 0x90, 0x00]))
            #expect(exe.status == .unprocessableContent)
            #expect(String(buffer: exe.body).contains("不支持的文件类型"))
            let disguised = try await upload("report.pdf", Data("<html><script>alert(1)</script>".utf8))
            #expect(disguised.status == .unprocessableContent)
            #expect(String(buffer: disguised.body).contains("文件内容与扩展名"))
            let huge = try await upload("big.pdf", Data("%PDF".utf8) + Data(count: 10 * 1024 * 1024 + 10))
            #expect(huge.status == .contentTooLarge || huge.status == .unprocessableContent)
            #expect(try await upload("report.pdf", pdf, purpose: "nonsense").status == .unprocessableContent)
            #expect(try await services.store.attachments.attachments(instanceId: running.id).isEmpty)

            let stored = try await upload("进展报告.pdf", pdf)
            #expect(stored.status == .seeOther)
            let attachment = try #require(try await services.store.attachments.attachments(instanceId: running.id).first)
            #expect(attachment.fileName == "进展报告.pdf")
            #expect(attachment.contentType == "application/pdf")
            let download = try await browser.get("/attachments/\(attachment.id)")
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == pdf)
            #expect(download.headers[.contentDisposition]?.contains("attachment") == true)

            var outsider = TestBrowser(client)
            try await outsider.signIn(otherContractor)
            #expect(try await outsider.get("/attachments/\(attachment.id)").status == .notFound)
            #expect(try await outsider.get("/attachments/att-does-not-exist").status == .notFound)
            #expect(try await outsider.get("/instances/no-such-project").status == .notFound)
        }
    }

    func contractor(for project: InstanceSnapshot, _ services: AppServices) async throws -> String {
        for name in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
            let account = try #require(try await services.store.accounts.user(username: name))
            if account.grants.contains(where: { $0.scope == .subIndustry(project.subIndustryId ?? "") }) { return name }
        }
        throw FixtureError("no contractor for the project's sub-industry")
    }
}
