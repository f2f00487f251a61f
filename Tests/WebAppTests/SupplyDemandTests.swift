import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// The supply–demand hall (issue #15) through the real routes: a need matched to products, answered,
/// accepted into the plan draft; the public hall without private data; who sees which answers;
/// the resource push; bad input.
@Suite("Supply–demand hall: needs, matching, answers, the plan draft, resource push")
struct SupplyDemandTests {
    static func token(_ browser: inout TestBrowser, _ path: String) async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(path).body)))
    }

    static func day(_ services: AppServices, _ offset: Int) -> String {
        Shanghai.dateText(services.store.clock.now().addingTimeInterval(Double(offset) * 86_400))
    }

    static func need(
        _ token: String, _ services: AppServices, title: String, scenarios: String, max: String = "500000"
    )
        -> [String: String]
    {
        [
            "csrf_token": token, "title": title, "description": "车间设备联网，故障停机无法统计。", "scenarios": scenarios,
            "category": "", "budget_min": "50000", "budget_max": max, "deadline": day(services, 30),
        ]
    }

    /// The demo enterprise account of an organisation (ent01 … ent12).
    static func username(_ services: AppServices, of organisation: String) async throws -> String? {
        for index in 1...12 {
            let name = String(format: "ent%02d", index)
            if try await services.store.accounts.user(username: name)?.organisationId == organisation { return name }
        }
        return nil
    }

    /// Posts a need as `browser`; returns its id.
    static func post(_ browser: inout TestBrowser, _ form: [String: String]) async throws -> String {
        let response = try await browser.post("/supply-demand/needs", form: form)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        return String(try #require(location.split(separator: "/").last?.split(separator: "?").first))
    }

    @Test("need → matched product → a provider's answer → accepted → the line appears in the plan draft")
    func needToPlanLine() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            // An enterprise whose plan is being drafted, with its own account.
            var found: (InstanceSnapshot, String)?
            for project in try await store.instances.instances(programmeId: programme.id, state: "diagnosed") {
                if let organisation = project.subjectOrganisationId,
                    let name = try await Self.username(services, of: organisation)
                {
                    found = (project, name)
                    break
                }
            }
            let (project, username) = try #require(found)
            var enterprise = try await TestBrowser.signedIn(client, as: username)
            let form = String(buffer: try await enterprise.get("/supply-demand/needs/new").body)
            #expect(form.contains("id=\"need-form\""))
            let token = try #require(TestBrowser.csrfToken(in: form))
            let needId = try await Self.post(
                &enterprise, Self.need(token, services, title: "设备联网改造", scenarios: "equipment_management"))

            // The demo's 设备管家 serves equipment management within the budget: matched.
            let product = try #require(
                try await store.providers.products(programmeId: programme.id).first { $0.name.hasPrefix("瀚云设备管家") })
            let page = String(buffer: try await enterprise.get("/supply-demand/needs/\(needId)").body)
            #expect(page.contains("data-product=\"\(product.id)\""), "matched product on the need's page")

            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let answerPage = String(buffer: try await provider.get("/supply-demand/needs/\(needId)").body)
            #expect(answerPage.contains("id=\"answer-form\"") && !answerPage.contains("id=\"answers\""))
            let providerToken = try #require(TestBrowser.csrfToken(in: answerPage))
            let answered = try await provider.post(
                "/supply-demand/needs/\(needId)/answers",
                form: [
                    "csrf_token": providerToken, "proposal": "瀚云方案：网关 + SaaS，秘密报价说明", "price": "120000",
                    "product": product.id, "timeline": "60 天",
                ])
            #expect(answered.status == .seeOther)
            let answer = try #require(try await store.hall.answers(needId: needId).first)
            // A second answer by the same provider is refused.
            #expect(
                try await provider.post(
                    "/supply-demand/needs/\(needId)/answers",
                    form: ["csrf_token": providerToken, "proposal": "x", "price": "1", "timeline": "1 天"]
                ).status == .conflict)

            // Who sees the answer: the enterprise; not another enterprise, not another provider, not the public.
            #expect(String(buffer: try await enterprise.get("/supply-demand/needs/\(needId)").body).contains("秘密报价说明"))
            var other = try await TestBrowser.signedIn(client, as: username == "ent02" ? "ent03" : "ent02")
            let otherPage = String(buffer: try await other.get("/supply-demand/needs/\(needId)").body)
            #expect(!otherPage.contains("秘密报价说明") && !otherPage.contains("id=\"answers\""))
            var contractor = try await TestBrowser.signedIn(client, as: "contractor2")
            #expect(!String(buffer: try await contractor.get("/supply-demand/needs/\(needId)").body).contains("秘密报价说明"))
            var visitor = TestBrowser(client)
            #expect(!String(buffer: try await visitor.get("/supply-demand/needs/\(needId)").body).contains("秘密报价说明"))

            // A provider cannot accept; another enterprise's accept is a 404.
            let accept = ["answer": answer.id, "expected_version": "1"]
            #expect(
                try await provider.post(
                    "/supply-demand/needs/\(needId)/accept", form: accept.merging(["csrf_token": providerToken]) { $1 }
                ).status
                    == .forbidden)
            let otherToken = try await Self.token(&other, "/tasks")
            #expect(
                try await other.post(
                    "/supply-demand/needs/\(needId)/accept", form: accept.merging(["csrf_token": otherToken]) { $1 }
                ).status
                    == .notFound)

            let accepted = try await enterprise.post(
                "/supply-demand/needs/\(needId)/accept", form: accept.merging(["csrf_token": token]) { $1 })
            #expect(accepted.status == .seeOther)
            let need = try #require(try await store.hall.need(id: needId, programmeId: programme.id))
            #expect(need.status == .accepted && need.planInstanceId == project.id)

            // The line is in the plan draft of the sub-industry's main contractor, in the plan's own format.
            var drafter: String?
            for name in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
                let account = try #require(try await store.accounts.user(username: name))
                if account.grants.contains(where: { $0.scope == .subIndustry(project.subIndustryId ?? "") }) { drafter = name }
            }
            let drafterName = try #require(drafter)
            let drafterAccount = try #require(try await store.accounts.user(username: drafterName))
            let draft = try #require(
                try await store.instances.drafts(instanceId: project.id, userId: drafterAccount.id)["file_plan"])
            let lines = try #require(draft.values["budget_lines"])
            #expect(lines.contains("供需对接：设备联网改造（天津瀚云数字科技有限公司） | 120000.00"))
            #expect(try PlanLines.budget(lines).get().contains { $0.amount == Fen.yuan(120_000) })
            #expect(draft.values["products"]?.contains("瀚云设备管家") == true)
            var contractorBrowser = try await TestBrowser.signedIn(client, as: drafterName)
            #expect(String(buffer: try await contractorBrowser.get("/instances/\(project.id)").body).contains("供需对接：设备联网改造"))
            // Accepting again: the need is no longer open.
            #expect(
                try await enterprise.post(
                    "/supply-demand/needs/\(needId)/accept",
                    form: ["csrf_token": token, "answer": answer.id, "expected_version": "2"]
                ).status == .conflict)
        }
    }

    @Test("accepting while the plan is not being drafted is refused with the project's state, nothing written")
    func notDrafting() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            var found: (InstanceSnapshot, String)?
            for project in try await store.instances.instances(programmeId: programme.id)
            where !["diagnosed", "plan_revision"].contains(project.state) {
                if let organisation = project.subjectOrganisationId,
                    let name = try await Self.username(services, of: organisation)
                {
                    found = (project, name)
                    break
                }
            }
            let (project, username) = try #require(found)
            var enterprise = try await TestBrowser.signedIn(client, as: username)
            let token = try await Self.token(&enterprise, "/supply-demand/needs/new")
            let needId = try await Self.post(&enterprise, Self.need(token, services, title: "能耗监测", scenarios: "energy"))
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let providerToken = try await Self.token(&provider, "/supply-demand/needs/\(needId)")
            #expect(
                try await provider.post(
                    "/supply-demand/needs/\(needId)/answers",
                    form: ["csrf_token": providerToken, "proposal": "能耗看板", "price": "90000", "timeline": "30 天"]
                ).status == .seeOther)
            let answer = try #require(try await store.hall.answers(needId: needId).first)
            let refused = try await enterprise.post(
                "/supply-demand/needs/\(needId)/accept",
                form: ["csrf_token": token, "answer": answer.id, "expected_version": "1"])
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("不在编制改造方案阶段"))
            let need = try #require(try await store.hall.need(id: needId, programmeId: programme.id))
            #expect(need.status == .open && need.planInstanceId == nil && need.version == 1)
            #expect(try await store.hall.answers(needId: needId).allSatisfy { $0.status == .submitted })
            _ = project
        }
    }

    @Test("resource push: a new product notifies exactly the enterprises of the open needs it matches, read when seen")
    func resourcePush() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            // Budgets far above the demo's, so only these needs can match the product's price.
            let plans: [(String, String, String, Bool)] = [
                ("ent01", "energy", "9000000", true), ("ent02", "energy,finance", "9000000", true),
                ("ent03", "finance", "9000000", false), ("ent04", "energy", "100000", false),
            ]
            var needs: [String: String] = [:]
            for (username, scenarios, max, _) in plans {
                var browser = try await TestBrowser.signedIn(client, as: username)
                let token = try await Self.token(&browser, "/supply-demand/needs/new")
                needs[username] = try await Self.post(
                    &browser, Self.need(token, services, title: "推送测试", scenarios: scenarios, max: max))
            }
            let providerCode = try #require(USCC.withCheckCharacter("91120116MA05HY001"))
            let owner = try #require(try await store.parties.organisation(uscc: providerCode, programmeId: programme.id))
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let providerToken = try await Self.token(&provider, "/providers")
            let published = try await provider.post(
                "/providers/products",
                form: [
                    "csrf_token": providerToken, "provider": owner.id, "product": "瀚云能耗大师", "price": "5000000",
                    "scenarios": "energy",
                    "description": "能耗在线监测",
                ])
            #expect(published.status == .seeOther)
            let product = try #require(
                try await store.providers.products(programmeId: programme.id).first { $0.name == "瀚云能耗大师" })
            for index in 1...12 {
                let username = String(format: "ent%02d", index)
                let account = try #require(try await store.accounts.user(username: username))
                let notices = try await store.hall.notices(
                    programmeId: programme.id, organisationId: try #require(account.organisationId), unreadOnly: true
                ).filter { $0.productId == product.id }
                let expected = plans.first { $0.0 == username }?.3 ?? false
                #expect(notices.map(\.needId) == (expected ? [needs[username]!] : []), "\(username)")
            }
            var first = try await TestBrowser.signedIn(client, as: "ent01")
            #expect(String(buffer: try await first.get("/tasks").body).contains("data-notice=\"\(product.id)\""))
            let page = String(buffer: try await first.get("/supply-demand/needs/\(needs["ent01"]!)").body)
            #expect(page.contains("id=\"need-notices\"") && page.contains("瀚云能耗大师"))
            #expect(
                !String(buffer: try await first.get("/tasks").body).contains("data-notice=\"\(product.id)\""), "read when seen")
        }
    }

    @Test(
        "bad input — unknown scenario, budget out of bounds or out of order, a bad or past deadline — is a 422, nothing written")
    func badInput() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let before = try await store.hall.needs(programmeId: programme.id).count
            var enterprise = try await TestBrowser.signedIn(client, as: "ent01")
            let token = try await Self.token(&enterprise, "/supply-demand/needs/new")
            let bad: [(String, String, String)] = [
                ("scenarios", "teleportation", "未知的应用场景"), ("scenarios", "", "至少选择一个"),
                ("budget_max", "100000000000", "不超过 100 亿元"), ("budget_min", "-5", "无效"), ("budget_max", "10", "低于下限"),
                ("deadline", "2025-13-01", "不是有效日期"), ("deadline", Self.day(services, -2), "至三年内"),
                ("deadline", Self.day(services, 2000), "至三年内"), ("category", "magic", "未知的服务类别"),
            ]
            for (field, value, message) in bad {
                var form = Self.need(token, services, title: "坏输入", scenarios: "energy")
                form[field] = value
                let response = try await enterprise.post("/supply-demand/needs", form: form)
                #expect(response.status == .unprocessableContent, "\(field)=\(value)")
                #expect(String(buffer: response.body).contains(message), "\(field): \(message)")
            }
            #expect(try await store.hall.needs(programmeId: programme.id).count == before, "nothing written")
            // A provider cannot post needs; the public hall hides names unless shown and never shows contacts.
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let providerToken = try await Self.token(&provider, "/tasks")
            #expect(
                try await provider.post(
                    "/supply-demand/needs", form: Self.need(providerToken, services, title: "x", scenarios: "energy")
                )
                .status == .forbidden)
            var hidden = Self.need(token, services, title: "匿名需求<i>x</i>", scenarios: "safety")
            hidden["show_name"] = ""
            _ = try await Self.post(&enterprise, hidden)
            var shown = Self.need(token, services, title: "实名需求", scenarios: "safety")
            shown["show_name"] = "on"
            _ = try await Self.post(&enterprise, shown)
            let account = try #require(try await store.accounts.user(username: "ent01"))
            let organisationId = try #require(account.organisationId)
            let organisation = try #require(try await store.parties.organisation(organisationId))
            let profile = try await store.parties.organisationProfile(organisation.id)
            var visitor = TestBrowser(client)
            let hall = String(buffer: try await visitor.get("/supply-demand?scenario=safety").body)
            let hiddenRow = try #require(hall.components(separatedBy: "<tr").first { $0.contains("匿名需求") })
            let shownRow = try #require(hall.components(separatedBy: "<tr").first { $0.contains("实名需求") })
            #expect(!hiddenRow.contains(organisation.name) && hiddenRow.contains("某试点企业"))
            #expect(hiddenRow.contains("&lt;i&gt;x"), "escaped")
            #expect(shownRow.contains(organisation.name))
            #expect(!hall.contains(organisation.uscc ?? "-"), "no credit code")
            if let phone = profile["contact_phone"]?.stringValue, !phone.isEmpty { #expect(!hall.contains(phone), "no contact") }
            #expect(try await visitor.get("/supply-demand?scenario=nope").status == .badRequest)
        }
    }
}
