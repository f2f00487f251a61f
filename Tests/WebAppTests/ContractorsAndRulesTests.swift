import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

@Suite("Main contractors, ratings and programme rules")
struct ContractorsAndRulesTests {
    @Test("replacing a main contractor keeps the history and hands open projects to the successor at once")
    func replacement() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let contractor = try #require(try await services.store.accounts.user(username: "contractor"))
        let sub = try #require(contractor.grants.first { $0.role == .mainContractor }?.scope)
        guard case .subIndustry(let subId) = sub else { throw FixtureError("contractor has no sub-industry") }
        let open = try #require(
            try await services.store.instances.projects(ProjectQuery(programmeId: programme.id, scopes: [sub.description])).rows
                .first)
        let successor = try #require(
            try await services.store.parties.organisations(programmeId: programme.id, kind: "contractor").first {
                $0.id != contractor.organisationId
            })
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var old = TestBrowser(client)
            try await old.signIn("contractor")
            #expect(try await old.get("/instances/\(open.id)").status == .ok)

            var district = TestBrowser(client)
            try await district.signIn("district")
            let page = String(buffer: try await district.get("/contractors").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            // Replacing without a reason is refused and changes nothing.
            let noReason = try await district.post(
                "/contractors",
                form: ["csrf_token": token, "sub_industry": subId, "organisation": successor.id, "task_book_no": "CB-2"])
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("须说明原因"))
            let replaced = try await district.post(
                "/contractors",
                form: [
                    "csrf_token": token, "sub_industry": subId, "organisation": successor.id, "task_book_no": "CB-2",
                    "reason": "企业评价连续两季度不合格",
                ])
            #expect(replaced.status == .seeOther)
            // The predecessor's people lose sight at once; the successor's see the open work.
            #expect(try await old.get("/instances/\(open.id)").status == .notFound)
            let successorUser = try #require(
                try await services.store.parties.people(programmeId: programme.id, role: .mainContractor).first {
                    $0.organisationId == successor.id
                })
            let account = try #require(try await services.store.accounts.user(id: successorUser.id))
            #expect(account.grants.contains(RoleGrant(role: .mainContractor, scope: sub)))
            let history = String(buffer: try await district.get("/contractors").body)
            #expect(history.contains("企业评价连续两季度不合格"))
            // Someone without the role may not change it.
            var outsider = TestBrowser(client)
            try await outsider.signIn("finance")
            #expect(try await outsider.get("/contractors").status == .forbidden)
        }
        let terms = try await services.store.providers.contractorAssignments(programmeId: programme.id).filter {
            $0.subIndustryId == subId
        }
        #expect(terms.count == 2)
        #expect(terms.filter { $0.endedAt == nil }.count == 1)
    }

    @Test("an enterprise rates the contractor answerable for its project: the filer once finished, else the current one")
    func ratings() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let definition = try #require(services.catalog.latest("enterprise-project"))
        let terminal = Set(definition.states.filter(\.terminal).map(\.id))
        let rows = try await store.facts.projectFactRows(programmeId: programme.id, definitionId: "enterprise-project")
        // A finished project with a filed plan, and a project under way in the same sub-industry.
        let finished = try #require(
            rows.first { row in
                terminal.contains(row.state) && row.planFiledBy != nil
                    && rows.contains { !terminal.contains($0.state) && $0.subIndustryId == row.subIndustryId }
            })
        let open = try #require(rows.first { !terminal.contains($0.state) && $0.subIndustryId == finished.subIndustryId })
        let filer = try #require(finished.planFiledBy)
        var usernames: [String: String] = [:]
        for index in 1...60 {
            let username = String(format: "ent%02d", index)
            if let organisation = try await store.accounts.user(username: username)?.organisationId {
                usernames[organisation] = username
            }
        }
        let finishedUser = try #require(finished.enterpriseId.flatMap { usernames[$0] })
        let openUser = try #require(open.enterpriseId.flatMap { usernames[$0] })
        let successor = try #require(
            try await store.parties.organisations(programmeId: programme.id, kind: "contractor").first { $0.id != filer })
        try await store.providers.assignMainContractor(
            programmeId: programme.id, subIndustryId: try #require(finished.subIndustryId), organisationId: successor.id,
            taskBookNo: "CB-3", by: "test", reason: "考核不合格")

        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var openEnterprise = TestBrowser(client)
            try await openEnterprise.signIn(openUser)
            let page = String(buffer: try await openEnterprise.get("/instances/\(open.instanceId)").body)
            #expect(page.contains("id=\"rating-form\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            for bad in ["6", "0", "4.5", ""] {
                let refused = try await openEnterprise.post(
                    "/instances/\(open.instanceId)/rating", form: ["csrf_token": token, "score": bad])
                #expect(refused.status == .unprocessableContent, "score \(bad)")
            }
            #expect(try await store.providers.contractorRatings(programmeId: programme.id).isEmpty)
            let rated = try await openEnterprise.post(
                "/instances/\(open.instanceId)/rating", form: ["csrf_token": token, "score": "4", "comment": "响应及时"])
            #expect(rated.status == .seeOther)
            // Another enterprise may not rate for this project.
            var finishedEnterprise = TestBrowser(client)
            try await finishedEnterprise.signIn(finishedUser)
            let ownPage = String(buffer: try await finishedEnterprise.get("/instances/\(finished.instanceId)").body)
            let ownToken = try #require(TestBrowser.csrfToken(in: ownPage))
            let foreign = try await finishedEnterprise.post(
                "/instances/\(open.instanceId)/rating", form: ["csrf_token": ownToken, "score": "1"])
            #expect(foreign.status == .notFound || foreign.status == .forbidden)
            let own = try await finishedEnterprise.post(
                "/instances/\(finished.instanceId)/rating", form: ["csrf_token": ownToken, "score": "2"])
            #expect(own.status == .seeOther)
        }
        let ratings = try await store.providers.contractorRatings(programmeId: programme.id)
        #expect(ratings.count == 2)
        #expect(ratings.contains { $0.contractorOrgId == successor.id && $0.score == 4 && $0.comment == "响应及时" })
        #expect(ratings.contains { $0.contractorOrgId == filer && $0.score == 2 })
    }

    @Test("rules: a new version with a reason; bad values are named; a stale form is a conflict; decisions read the new values")
    func rules() async throws {
        let services = try await TestApp.services(.sqlite)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let page = String(buffer: try await admin.get("/programme/rules").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            var form: [String: String] = ["csrf_token": token, "reason": "改为5个工作日公示"]
            for field in ProgrammeRuleFieldsProbe.keys { form[field] = "" }
            form["publicity_days"] = "0"
            form["subsidy_cap_level_2"] = "-1"
            // Policy 004: every participant reaches level 2 — acceptance can never ask for less.
            form["acceptance_min_level"] = "1"
            form["matching_scope"] = "everywhere"
            let bad = try await admin.post("/programme/rules", form: form)
            #expect(bad.status == .unprocessableContent)
            let badText = String(buffer: bad.body)
            #expect(badText.contains("1–30 的整数"))
            #expect(badText.contains("2–4 的整数"))
            #expect(badText.contains("请选择有效的选项"))
            #expect(try await services.store.programmes.ruleVersions(programmeId: programme.id).count == 1)

            form["publicity_days"] = "5"
            form["publicity_counting"] = "working"
            form["reviewers_required"] = "2"
            form["subsidy_cap_level_2"] = "300000.00"
            form["acceptance_min_level"] = "2"
            form["matching_scope"] = "project"
            let saved = try await admin.post("/programme/rules", form: form)
            #expect(saved.status == .seeOther)
            var district = TestBrowser(client)
            try await district.signIn("district")
            #expect(try await district.post("/programme/rules", form: form).status == .forbidden)

            // A second administrator's form drawn from version 1, saved after version 2: refused as a
            // conflict, not a silent overwrite (a lost update).
            form["based_on"] = "1"
            form["publicity_days"] = "9"
            let stale = try await admin.post("/programme/rules", form: form)
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("规则已被他人修改"))
        }
        let versions = try await services.store.programmes.ruleVersions(programmeId: programme.id)
        #expect(versions.count == 2)
        #expect(versions.first?.rules["publicity_counting"] == .string("working"))
        #expect(versions.first?.rules["subsidy_cap_level_2"] == .int(30_000_000))
        let current = try await services.store.programmes.programmeRules(programme.id)
        #expect(current["publicity_days"] == .int(5))
        // The funds book reads the scope at the next approval (FundsService.change).
        #expect(FundsService.rules(current).matching == .eachProject)
        #expect(FundsService.rules(versions.last?.rules ?? [:]).matching == .programme)
    }
}

/// The rule keys the form posts (kept in step with ProgrammeRuleFields by the test above).
enum ProgrammeRuleFieldsProbe {
    static let keys = [
        "programme_start", "programme_end", "publicity_days", "publicity_counting", "reviewers_required", "acceptance_min_level",
        "matching_scope", "subsidy_cap_level_2", "subsidy_cap_level_3", "subsidy_cap_level_4",
    ]
}
