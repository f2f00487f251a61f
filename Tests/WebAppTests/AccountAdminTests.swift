import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Accounts: an administrator makes them (with one-time passwords), switches them off and on and
/// resets passwords; people change their own. Pages on SQLite, the store on both backends.
@Suite("Accounts: administration and own passwords")
struct AccountAdminTests {
    static func issuedPassword(_ html: String) -> String? {
        guard let range = html.range(of: "id=\"issued-password\">") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    static func count(_ store: PilotStore, _ programmeId: String) async throws -> (accounts: Int, log: Int) {
        (
            try await store.accounts.users(programmeId: programmeId).count,
            try await store.accounts.accountLog(programmeId: programmeId).count
        )
    }

    @Test("an imported enterprise gets an account; the one-time password must be replaced before anything else")
    func enterpriseAccount() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let code = try #require(USCC.withCheckCharacter("91120116MA0XY0001"))
        let sample = try #require(try await store.parties.organisations(programmeId: programme.id, kind: "enterprise").first)
        let imported = try await store.parties.addOrganisation(
            programmeId: programme.id, kind: "enterprise", name: "天津导入示例科技有限公司", uscc: try USCC(validating: code),
            subIndustryId: sample.subIndustryId, divisionCode: sample.divisionCode)
        let stranger = try #require(USCC.withCheckCharacter("91120116MA0XY0002"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let page = String(buffer: try await admin.get("/admin/users").body)
            #expect(page.contains("天津导入示例科技有限公司") && page.contains("ent01") && page.contains("尚无账号的企业（1）"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let before = try await Self.count(store, programme.id)
            let good = ["csrf_token": token, "username": "daoru", "display_name": "导入企业联系人", "role": "enterprise", "uscc": code]
            let refusals: [([String: String], String)] = [
                (["username": "Bad Name"], "用户名为 3–32 位"),
                (["username": "leader"], "该用户名已被使用"),
                (["display_name": ""], "请填写姓名"),
                (["role": "system"], "请选择角色"),
                (["uscc": "123"], "18"),
                (["uscc": stranger], "本试点没有该信用代码的企业"),
                (["role": "main_contractor"], "请选择一家主承包服务商"),
                (["role": "digital_provider", "organisation": sample.id], "请选择一家数字化服务商"),
                (["role": "zone_task_force"], "请选择本试点内的区划"),
            ]
            for (change, message) in refusals {
                let refused = try await admin.post("/admin/users", form: good.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                #expect(String(buffer: refused.body).contains(message), "\(change): \(message)")
            }
            #expect(try await Self.count(store, programme.id) == before, "refused forms create nothing")

            let created = try await admin.post("/admin/users", form: good)
            #expect(created.status == .ok)
            let oneTime = try #require(Self.issuedPassword(String(buffer: created.body)))
            #expect(oneTime.count == 14 && !String(buffer: created.body).contains("尚无账号的企业（1）"))
            let account = try #require(try await store.accounts.user(username: "daoru"))
            #expect(account.grants == [RoleGrant(role: .enterprise, scope: .organisation(imported.id))])
            #expect(account.mustChangePassword && account.organisationId == imported.id)
            #expect(try await store.accounts.accountLog(programmeId: programme.id).first?.action == "create")

            // The person signs in and is held on the password page until choosing their own.
            var person = TestBrowser(client)
            #expect(try await person.signIn("daoru", password: oneTime).status == .seeOther)
            let held = try await person.get("/tasks")
            #expect(held.status == .seeOther && held.headers[.location] == "/account/password")
            #expect(try await person.get("/api/v1/projects").status == .seeOther)
            let form = String(buffer: try await person.get("/account/password").body)
            #expect(form.contains("一次性密码") && form.contains("请先设置自己的密码"))
            let own = try #require(TestBrowser.csrfToken(in: form))
            let choice = [
                "csrf_token": own, "current_password": oneTime, "new_password": "Binhai2025x", "repeat_password": "Binhai2025x",
            ]
            let ownRefusals: [([String: String], String)] = [
                (["current_password": "wrong-one"], "当前密码不正确"),
                (["new_password": "short1", "repeat_password": "short1"], "至少 10 位"),
                (["new_password": "onlyletterslong", "repeat_password": "onlyletterslong"], "字母和数字"),
                (["new_password": "daoru12345x", "repeat_password": "daoru12345x"], "不能包含用户名"),
                (["new_password": oneTime, "repeat_password": oneTime], "不能与当前密码相同"),
                (["repeat_password": "Binhai2025y"], "两次输入的新密码不一致"),
            ]
            for (change, message) in ownRefusals {
                let refused = try await person.post("/account/password", form: choice.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                #expect(String(buffer: refused.body).contains(message), "\(change): \(message)")
            }
            #expect(
                try await store.accounts.user(username: "daoru")?.passwordHash == account.passwordHash, "refusals change nothing")
            let changed = try await person.post("/account/password", form: choice)
            #expect(changed.status == .seeOther && changed.headers[.location] == "/account/password?changed=1")
            #expect(try await person.get("/tasks").status == .ok, "the same session goes on")
            #expect(try await store.accounts.user(username: "daoru")?.mustChangePassword == false)

            var later = TestBrowser(client)
            #expect(try await later.signIn("daoru", password: oneTime).status == .unauthorized)
            #expect(try await later.signIn("daoru", password: "Binhai2025x").status == .seeOther)
            let projects = String(buffer: try await later.get("/projects").body)
            #expect(!projects.contains(sample.name), "an enterprise sees its own projects only")
        }
    }

    @Test("scopes follow the role: a contractor's current sub-industries, an expert's own panels, a task force's zone")
    func scopes() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let term = try #require(
            try await store.providers.contractorAssignments(programmeId: programme.id).first { $0.endedAt == nil })
        let zone = "120116400"  // 天津经济技术开发区, a node beneath the programme's 滨海新区
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await admin.get("/admin/users").body)))
            let cases: [(String, [String: String], (String) -> [RoleGrant])] = [
                (
                    "zhongbao2", ["role": "main_contractor", "organisation": term.organisationId],
                    { _ in [RoleGrant(role: .mainContractor, scope: .subIndustry(term.subIndustryId))] }
                ),
                ("zhuanjia3", ["role": "expert_reviewer"], { id in [RoleGrant(role: .expertReviewer, scope: .user(id))] }),
                (
                    "gongjian2", ["role": "zone_task_force", "zone": zone],
                    { _ in [RoleGrant(role: .zoneTaskForce, scope: .division(zone))] }
                ),
                (
                    "quju3", ["role": "district_official"],
                    { _ in [RoleGrant(role: .districtOfficial, scope: .programme(programme.id))] }
                ),
            ]
            for (username, fields, expected) in cases {
                let form = ["csrf_token": token, "username": username, "display_name": "测试 \(username)"].merging(fields) { $1 }
                let response = try await admin.post("/admin/users", form: form)
                #expect(response.status == .ok, "\(username)")
                let account = try #require(try await store.accounts.user(username: username))
                #expect(Set(account.grants) == Set(expected(account.id)), "\(username)")
            }
        }
    }

    @Test("switching off ends sessions and API tokens at once; a reset ends sign-ins; never one's own account")
    func switchOffAndReset() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let contractor = try #require(try await store.accounts.user(username: "contractor"))
        let adminAccount = try #require(try await store.accounts.user(username: "admin"))
        let apiToken = try await store.sessions.createApiToken(userId: contractor.id, label: "test")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await admin.get("/admin/users").body)))
            var person = TestBrowser(client)
            try await person.signIn("contractor")
            #expect(try await person.get("/tasks").status == .ok)
            let api = {
                try await client.execute(uri: "/api/v1/projects", method: .get, headers: [.authorization: "Bearer \(apiToken)"])
            }
            #expect(try await api().status == .ok)

            let off = try await admin.post("/admin/users/\(contractor.id)/active", form: ["csrf_token": token, "active": "0"])
            #expect(off.status == .seeOther)
            #expect(String(buffer: try await admin.get(try #require(off.headers[.location])).body).contains("账号已停用"))
            #expect(try await person.get("/tasks").headers[.location]?.hasPrefix("/login") == true, "the session ended")
            #expect(try await api().status == .unauthorized, "the API token is revoked")
            var refusedBrowser = TestBrowser(client)
            #expect(try await refusedBrowser.signIn("contractor").status == .unauthorized)

            #expect(
                try await admin.post("/admin/users/\(contractor.id)/active", form: ["csrf_token": token, "active": "1"]).status
                    == .seeOther)
            var again = TestBrowser(client)
            #expect(try await again.signIn("contractor").status == .seeOther)
            #expect(try await again.get("/tasks").status == .ok)
            #expect(try await api().status == .unauthorized, "a revoked token stays revoked")

            let reset = try await admin.post("/admin/users/\(contractor.id)/password", form: ["csrf_token": token])
            let oneTime = try #require(Self.issuedPassword(String(buffer: reset.body)))
            #expect(try await again.get("/tasks").headers[.location]?.hasPrefix("/login") == true, "a reset ends sign-ins")
            var oldPassword = TestBrowser(client)
            #expect(try await oldPassword.signIn("contractor").status == .unauthorized)
            var fresh = TestBrowser(client)
            #expect(try await fresh.signIn("contractor", password: oneTime).status == .seeOther)
            #expect(try await fresh.get("/tasks").headers[.location] == "/account/password")

            let before = try await Self.count(store, programme.id)
            for action in ["active", "password"] {
                let own = try await admin.post(
                    "/admin/users/\(adminAccount.id)/\(action)", form: ["csrf_token": token, "active": "0"])
                #expect(own.status == .unprocessableContent && String(buffer: own.body).contains("不能停用或重置自己的账号"))
            }
            #expect(try await store.accounts.user(username: "admin")?.active == true)
            #expect(try await Self.count(store, programme.id) == before)
            let log = try await store.accounts.accountLog(programmeId: programme.id).map(\.action)
            #expect(log == ["reset_password", "reactivate", "deactivate"])
        }
    }

    @Test("only administrators, and only for their own programme's accounts: 403 and 404 change nothing")
    func onlyAdministrators() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let other = try await store.programmes.createProgramme(
            code: "OTHER-2025", name: LocalizedText(zh: "另一试点", en: "Another pilot"), division: "120000", rules: [:])
        let outsider = try await store.accounts.createUser(
            programmeId: other.id, username: "outsider", displayName: "外部", passwordHash: "!", organisationId: nil,
            grants: [RoleGrant(role: .admin, scope: .programme(other.id))])
        let target = try #require(try await store.accounts.user(username: "ent02"))
        let before = try await Self.count(store, programme.id)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            for username in [
                "leader", "district", "finance", "manager", "platform", "contractor", "provider", "expert", "taskforce", "ent01",
            ] {
                var browser = TestBrowser(client)
                try await browser.signIn(username)
                #expect(try await browser.get("/admin/users").status == .forbidden, "\(username)")
                let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get("/tasks").body)))
                let create = try await browser.post(
                    "/admin/users",
                    form: ["csrf_token": token, "username": "sneaky", "display_name": "x", "role": "admin"])
                #expect(create.status == .forbidden, "\(username)")
                for action in ["active", "password"] {
                    let response = try await browser.post(
                        "/admin/users/\(target.id)/\(action)", form: ["csrf_token": token, "active": "0"])
                    #expect(response.status == .forbidden, "\(username) \(action)")
                }
            }
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await admin.get("/admin/users").body)))
            let foreign = try await admin.post("/admin/users/\(outsider.id)/active", form: ["csrf_token": token, "active": "0"])
            #expect(foreign.status == .notFound)
            let forged = try await admin.post("/admin/users/\(target.id)/active", form: ["csrf_token": "forged", "active": "0"])
            #expect(forged.status == .forbidden)
        }
        #expect(try await Self.count(store, programme.id) == before)
        #expect(try await store.accounts.user(username: "ent02")?.active == true)
        #expect(try await store.accounts.user(username: "outsider")?.active == true)
    }

    @Test(
        "the store: accounts listed with grants; switching off revokes; a change keeps only the current session",
        arguments: TestStores.backends)
    func store(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let person = try #require(try await store.accounts.user(username: "ent01"))
        let listed = try await store.accounts.users(programmeId: person.programmeId)
        #expect(listed.first { $0.username == "ent01" }?.grants == person.grants)
        #expect(listed.allSatisfy { $0.passwordHash.isEmpty }, "no hashes in the list")
        let actor = ChangeActor(userId: "test", name: "测试")
        let (kept, _) = try await store.sessions.createSession(userId: person.id, lifetime: 3600)
        let (other, _) = try await store.sessions.createSession(userId: person.id, lifetime: 3600)
        try await store.accounts.setPassword(
            userId: person.id, programmeId: person.programmeId, hash: "new-hash", mustChange: false, keepingSession: kept,
            by: actor)
        #expect(try await store.sessions.session(token: kept) != nil)
        #expect(try await store.sessions.session(token: other) == nil)
        let token = try await store.sessions.createApiToken(userId: person.id, label: "t")
        try await store.accounts.setAccountActive(userId: person.id, programmeId: person.programmeId, active: false, by: actor)
        #expect(try await store.sessions.session(token: kept) == nil)
        #expect(try await store.sessions.userId(apiToken: token) == nil)
        await #expect(throws: StoreError.notFound("user \(person.id)")) {
            try await store.accounts.setAccountActive(userId: person.id, programmeId: "elsewhere", active: true, by: actor)
        }
        #expect(
            try await store.accounts.accountLog(programmeId: person.programmeId).map(\.action) == [
                "deactivate", "change_password",
            ])
        let missing = try await store.accounts.enterprisesWithoutAccount(programmeId: person.programmeId)
        #expect(missing.count == 0 && missing.first.isEmpty)
    }
}
