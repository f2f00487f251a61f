import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// Admission to the provider pool (issue #13, policy 002 第六条) through every path: apply to the
/// district, return and correct, recommend with the letter and the summary sheet, expert review
/// with conflict declarations, not admitted with reasons, publicity with an objection upheld, and
/// admitted by the timer in calendar and working-day counting — the member row written with the
/// decision.
@Suite("Pool admission: call, district review, experts, publicity, admission by the timer")
struct PoolAdmissionTests {
    /// A service-level actor's command through the same checks as the pages.
    static func run(
        _ services: AppServices, _ instance: String, _ transition: String, _ actor: Actor, _ input: [String: String] = [:]
    ) async throws -> WorkflowService.Outcome {
        try await ProjectCommands(services: services).execute(
            Command(instanceId: instance, transitionId: transition, input: input.mapValues { .string($0) }), actor: actor)
    }

    /// The instance's state once `days` more have passed and the due timers have fired.
    static func state(_ id: String, after days: Int, _ clock: ManualClock, _ services: AppServices) async throws -> String? {
        clock.advance(by: Double(days) * 86_400)
        _ = try await services.workflows.fireAllDueTimers()
        return try await services.store.instances.instance(id)?.state
    }

    static func actor(_ services: AppServices, _ username: String) async throws -> Actor {
        try #require(try await services.store.accounts.user(username: username)).actor
    }

    static func application(_ services: AppServices, of name: String) async throws -> InstanceSnapshot {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let all = try await services.store.instances.instances(programmeId: programme.id, definitionId: "provider-admission")
        return try #require(all.first { $0.data["provider_name"]?.stringValue == name }, "\(name)")
    }

    @Test("a provider applies to its district, is returned, corrects, is recommended; the district's letter and sheet list it")
    func applyReturnRecommend() async throws {
        try await WebFixture.app { services, client in
            var applicant = try await TestBrowser.signedIn(client, as: "applicant")
            let calls = String(buffer: try await applicant.get("/pool/calls").body)
            let token = try #require(TestBrowser.csrfToken(in: calls))
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let call = try #require(try await services.store.admissions.calls(programmeId: programme.id).first)
            #expect(calls.contains("apply-\(call.id)"))

            // A district outside the programme: refused, nothing started.
            var response = try await applicant.post(
                "/pool/applications", form: ["csrf_token": token, "call": call.id, "division": "310101"])
            #expect(response.status == .unprocessableContent)
            let account = try #require(try await services.store.accounts.user(username: "applicant"))
            let organisation = try #require(account.organisationId)
            #expect(try await services.store.admissions.application(callId: call.id, organisationId: organisation) == nil)

            response = try await applicant.post(
                "/pool/applications", form: ["csrf_token": token, "call": call.id, "division": "120116400"])
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            let id = String(location.split(separator: "/").last!)
            // Applying twice opens the same application.
            response = try await applicant.post(
                "/pool/applications", form: ["csrf_token": token, "call": call.id, "division": "120116400"])
            #expect(response.headers[.location] == location)

            // 综合 with two others: refused naming the field, still drafting.
            var form = DemoInput.application(0)
            form["categories"] = "integrated,consulting,rnd"
            form["csrf_token"] = token
            response = try await applicant.post("/instances/\(id)/commands/submit_application", form: form)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("综合"))
            form["categories"] = "consulting,rnd"
            form["tianjin_cases"] = "只有企业名称"
            response = try await applicant.post("/instances/\(id)/commands/submit_application", form: form)
            #expect(response.status == .unprocessableContent)
            #expect(try await services.store.instances.instance(id)?.state == "drafting")
            form["tianjin_cases"] = "天津海晟精密仪器有限公司 | MES上线 | 已完成"
            response = try await applicant.post("/instances/\(id)/commands/submit_application", form: form)
            #expect(response.status == .seeOther)
            #expect(try await services.store.instances.instance(id)?.state == "submitted")

            // The TEDA bureau sees it; a bureau of another zone does not.
            var teda = try await TestBrowser.signedIn(client, as: "district_teda")
            #expect(String(buffer: try await teda.get("/pool/applications").body).contains(id))
            let other = try await services.store.accounts.createUser(
                programmeId: programme.id, username: "district_ftz", displayName: "保税区经发局",
                passwordHash: try await services.passwords.hash(TestApp.password),
                organisationId: nil, grants: [RoleGrant(role: .districtOfficial, scope: .division("120116401"))])
            if case .applied = try await Self.run(services, id, "return_application", other.actor, ["correction_requests": "x"]) {
                Issue.record("another zone's bureau returned TEDA's applicant")
            }
            #expect(try await services.store.instances.instance(id)?.state == "submitted")

            let tedaToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await teda.get("/instances/\(id)").body)))
            response = try await teda.post(
                "/instances/\(id)/commands/return_application",
                form: ["csrf_token": tedaToken, "correction_requests": "请补充财务审计报告"])
            #expect(response.status == .seeOther)
            // Returned: the form opens with what was filed, to correct rather than retype.
            let returned = String(buffer: try await applicant.get("/instances/\(id)").body)
            #expect(returned.contains("请补充财务审计报告"))
            #expect(returned.contains("value=\"\(form["legal_person"]!)\""))
            response = try await applicant.post("/instances/\(id)/commands/submit_application", form: form)
            #expect(response.status == .seeOther)
            response = try await teda.post(
                "/instances/\(id)/commands/recommend_application",
                form: ["csrf_token": tedaToken, "recommendation_opinion": "同意推荐", "recommendation_letter_no": "津开推〔2026〕9号"])
            #expect(response.status == .seeOther)
            #expect(try await services.store.instances.instance(id)?.state == "recommended")

            let sheet = String(buffer: try await teda.get("/pool/summary?call=\(call.id)").body)
            #expect(sheet.contains("天津新程数智科技有限公司"))
            #expect(sheet.contains("津开推〔2026〕9号"))
            // Only TEDA's: the recommended applicant of the Hi-tech zone is not on TEDA's sheet.
            #expect(!sheet.contains("天津云帆智能科技有限公司"))
            #expect(try await teda.get("/pool/summary?division=120116402").status == .badRequest)
            let xlsx = try await teda.get("/pool/summary.xlsx?call=\(call.id)")
            #expect(xlsx.status == .ok)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let letter = String(buffer: try await teda.get("/pool/applications/\(id)/letter").body)
            #expect(letter.contains("推荐函") && letter.contains("津开推〔2026〕9号") && letter.contains("咨询"))
            // Another zone's bureau sees neither the application nor its letter.
            var ftz = try await TestBrowser.signedIn(client, as: "district_ftz")
            #expect(!String(buffer: try await ftz.get("/pool/applications").body).contains(id))
            #expect(try await ftz.get("/pool/applications/\(id)/letter").status == .notFound)
            #expect(try await ftz.get("/instances/\(id)").status == .notFound)
        }
    }

    @Test("experts declare first; a competitor in the same category may not declare no conflict; not admitted shows the reasons")
    func reviewAndReject() async throws {
        try await WebFixture.app { services, client in
            let application = try await Self.application(services, of: "天津云帆智能科技有限公司")
            #expect(application.state == "recommended")
            let city = try await Self.actor(services, "district2")
            let expert = try await Self.actor(services, "expert")
            let expert2 = try await Self.actor(services, "expert2")
            guard
                case .applied = try await Self.run(
                    services, application.id, "assign_reviewers", city, ["reviewer_ids": "\(expert.userId),\(expert2.userId)"])
            else { Issue.record("panel refused"); return }
            // An expert working for the demo provider, a pool member offering solutions — one of the
            // applicant's categories — is a competitor.
            let provider = try #require(try await services.store.accounts.user(username: "provider")?.organisationId)
            var competitor = try await services.store.accounts.createUser(
                programmeId: application.programmeId, username: "expert_rival", displayName: "竞争方专家", passwordHash: "x",
                organisationId: provider, grants: [])
            let grant = RoleGrant(role: .expertReviewer, scope: .user(competitor.id))
            try await services.store.accounts.addGrant(userId: competitor.id, grant)
            competitor.grants = [grant]
            guard
                case .applied = try await Self.run(
                    services, application.id, "assign_reviewers", city,
                    ["reviewer_ids": "\(expert.userId),\(expert2.userId),\(competitor.id)"])
            else { Issue.record("panel change refused"); return }
            guard
                case .refused(.invalidInput(let errors)) = try await Self.run(
                    services, application.id, "declare_interest", competitor.actor, ["conflict": "none"])
            else { Issue.record("a competitor declared no conflict"); return }
            #expect(errors.first?.field == "conflict")
            guard
                case .applied = try await Self.run(
                    services, application.id, "declare_interest", competitor.actor,
                    ["conflict": "conflicted", "conflict_detail": "本单位与申报单位同属解决方案类服务商"])
            else { Issue.record("the conflicted declaration was refused"); return }
            guard case .applied = try await Self.run(services, application.id, "declare_interest", expert, ["conflict": "none"])
            else { Issue.record("declaration refused"); return }
            guard
                case .applied = try await Self.run(
                    services, application.id, "submit_review", expert, DemoInput.admissionReview(strong: false))
            else { Issue.record("review refused"); return }
            // Out of range scores are refused by the rubric's bounds.
            var bad = DemoInput.admissionReview(strong: true)
            bad["score_cases"] = "31"
            if case .applied = try await Self.run(services, application.id, "submit_review", expert, bad) {
                Issue.record("a score above the rubric's 30 was taken")
            }
            #expect(try await services.store.instances.instance(application.id)?.state == "under_review")
        }
    }

    @Test(
        "publicity's end admits the provider (calendar days): member, categories and event with the decision",
        arguments: [BackendKind.sqlite, .postgres])
    func publicityCalendar(_ backend: BackendKind) async throws {
        let clock = ManualClock(Date())
        let services = try await TestApp.services(backend, enterprises: 12, clock: clock)
        defer { Task { await services.store.shutdown() } }
        let application = try await Self.application(services, of: "天津领航工业互联网有限公司")
        #expect(application.state == "publicity")
        let organisation = try #require(application.subjectOrganisationId)
        #expect(
            try await services.store.providers.poolMember(organisationId: organisation, programmeId: application.programmeId)
                == nil)
        // Not yet six days on; admitted two days later.
        #expect(try await Self.state(application.id, after: 6, clock, services) == "publicity")
        #expect(try await Self.state(application.id, after: 2, clock, services) == "admitted")
        let member = try #require(
            try await services.store.providers.poolMember(organisationId: organisation, programmeId: application.programmeId))
        #expect(member.isInGoodStanding)
        let profile = try await services.store.parties.organisationProfile(organisation)
        #expect(profile["categories"]?.arrayValue?.compactMap(\.stringValue) == ["solutions", "operations"])
        let events = try await services.store.providers.poolEvents(
            action: "admitted", programmeId: application.programmeId, organisationId: organisation)
        #expect(events.count == 1)
    }

    @Test("an objection suspends the notice; upheld, the provider is not admitted and no member row appears")
    func objectionUpheld() async throws {
        try await WebFixture.app { services, client in
            let application = try await Self.application(services, of: "天津领航工业互联网有限公司")
            guard
                case .applied = try await PublicObjections(services: services, definitionId: "provider-admission").file(
                    application, name: "张三", contact: "13800000000", objection: "该公司案例与实际不符")
            else { Issue.record("objection refused"); return }
            #expect(try await services.store.instances.instance(application.id)?.state == "suspended")
            let city = try await Self.actor(services, "district2")
            guard
                case .applied = try await Self.run(
                    services, application.id, "uphold_objection", city, ["objection_resolution": "经核实，案例材料不实"])
            else { Issue.record("uphold refused"); return }
            #expect(try await services.store.instances.instance(application.id)?.state == "rejected")
            let organisation = try #require(application.subjectOrganisationId)
            #expect(
                try await services.store.providers.poolMember(organisationId: organisation, programmeId: application.programmeId)
                    == nil)
            // The applicant reads the reason on its application's page.
            var applicant = try await TestBrowser.signedIn(client, as: "applicant8")
            let page = String(buffer: try await applicant.get("/instances/\(application.id)").body)
            #expect(page.contains("经核实，案例材料不实"))
        }
    }

    @Test("the public board lists providers in publicity, not plans; its objection form files on the admission only")
    func publicBoard() async throws {
        try await WebFixture.app { services, client in
            var visitor = TestBrowser(client)
            let board = String(buffer: try await visitor.get("/pool/publicity").body)
            #expect(board.contains("天津领航工业互联网有限公司"))
            #expect(!board.contains("联系电话") && !board.contains("022-6620"))
            let plans = String(buffer: try await visitor.get("/publicity").body)
            #expect(!plans.contains("天津领航工业互联网有限公司"))
            // A plan's id posted to the pool board is refused as not on it.
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            if let plan = try await services.store.instances.instances(programmeId: programme.id, state: "publicity").first {
                let token = try #require(TestBrowser.csrfToken(in: board))
                let response = try await visitor.post(
                    "/pool/publicity/\(plan.id)/objections",
                    form: ["csrf_token": token, "objector_name": "a", "objector_contact": "b", "objection": "c"])
                #expect(response.status == .unprocessableContent)
                #expect(try await services.store.instances.instance(plan.id)?.state == "publicity")
            }
        }
    }

    @Test("working-day counting: a notice published on a Monday closes after seven working days, not seven calendar days")
    func publicityWorkingDays() async throws {
        // Monday 2026-11-09, 10:00 in Shanghai.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_794_189_600))
        let services = try await TestApp.services(.sqlite, enterprises: 12, clock: clock)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        var rules = try await services.store.programmes.programmeRules(programme.id)
        rules["publicity_counting"] = .string("working")
        try await services.store.programmes.updateRules(
            programmeId: programme.id, rules: rules, by: "test", reason: "working days")
        services.workflows.rulesChanged(programmeId: programme.id)
        // The rejected demo applicant's sibling: take the under-review one through the second review.
        let application = try await Self.application(services, of: "天津博识数字咨询有限公司")
        let expert2 = try await Self.actor(services, "expert2")
        _ = try await Self.run(services, application.id, "declare_interest", expert2, ["conflict": "none"])
        _ = try await Self.run(services, application.id, "submit_review", expert2, DemoInput.admissionReview(strong: true))
        #expect(try await services.store.instances.instance(application.id)?.state == "reviewed")
        let city = try await Self.actor(services, "district2")
        guard case .applied = try await Self.run(services, application.id, "propose_admission", city, ["combined_opinion": "拟入库"])
        else { Issue.record("proposal refused"); return }
        // Eight calendar days on (Tuesday of the next week) seven working days have not ended.
        #expect(try await Self.state(application.id, after: 8, clock, services) == "publicity")
        #expect(try await Self.state(application.id, after: 2, clock, services) == "admitted")
    }
}
