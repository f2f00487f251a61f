import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import TestSupport
import Testing
import WebApp

/// Main contractors chosen from the pool on merit (issue #13; policy 004 §四(五): 在遴选出的数字化服务商
/// 资源池中…择优选定主承包服务商): applications, scores, the selection that appoints, the contracting
/// task book with its two signatures, and the demo's contractors as pool members.
@Suite("Main-contractor selection: applications, scores, selection, the contracting task book")
struct ContractorSelectionHTTPTests {
    /// The district opens a round for `subIndustryId` taking applications today; returns its id.
    static func openRound(
        _ district: inout TestBrowser, store: PilotStore, programmeId: String, subIndustryId: String
    ) async throws -> String {
        let page = String(buffer: try await district.get("/contractors").body)
        let token = try #require(TestBrowser.csrfToken(in: page))
        let today = Shanghai.dateText(Date())
        let later = Shanghai.dateText(Date().addingTimeInterval(20 * 86_400))
        let before = Set(try await store.providers.contractorRounds(programmeId: programmeId).map(\.id))
        let opened = try await district.post(
            "/contractors/rounds",
            form: [
                "csrf_token": token, "round_sub_industry": subIndustryId, "applications_from": today,
                "applications_until": later, "term_until": "2030-12-31", "requirements": "资源池在库服务商<b>均可</b>申报",
            ])
        #expect(opened.status == .seeOther)
        let round = try #require(
            try await store.providers.contractorRounds(programmeId: programmeId).first { !before.contains($0.id) })
        return round.id
    }

    static let proposal: [String: String] = [
        "service_plan": "分级分类诊断，组织资源池服务商分批实施", "team": "项目经理 1 名、工程师 10 名", "committed_enterprises": "12",
        "cases": "同行业改造 6 例", "price_commitment": "目录价九折",
    ]

    /// Posts an application as the signed-in provider.
    static func apply(
        _ browser: inout TestBrowser, round: String, _ extra: [String: String] = [:]
    ) async throws
        -> TestResponse
    {
        let page = String(buffer: try await browser.get("/contractors/calls").body)
        let token = try #require(TestBrowser.csrfToken(in: page))
        return try await browser.post(
            "/contractors/applications",
            form: proposal.merging(["csrf_token": token, "round": round]) { $1 }.merging(extra) { $1 })
    }

    @Test("bad round input is refused naming the field; a removed provider, a non-member and a second application are refused")
    func applications() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let sub = try #require(
                try await store.programmes.subIndustries(programmeId: programme.id).first { $0.code == "OEEM" })
            var district = try await TestBrowser.signedIn(client, as: "district")
            let page = String(buffer: try await district.get("/contractors").body)
            #expect(page.contains("id=\"open-round\""))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let good = [
                "csrf_token": token, "round_sub_industry": sub.id, "applications_from": "2026-01-01",
                "applications_until": "2026-01-31", "term_until": "2027-12-31", "requirements": "要求",
            ]
            let roundsBefore = try await store.providers.contractorRounds(programmeId: programme.id).count
            for (field, value) in [
                ("round_sub_industry", "nope"), ("applications_from", "2026-02-30"), ("applications_until", "2025-12-31"),
                ("term_until", "2026-01-30"), ("requirements", " "), ("applications_from", "26-1-1"),
            ] {
                let refused = try await district.post("/contractors/rounds", form: good.merging([field: value]) { $1 })
                #expect(refused.status == .unprocessableContent, "\(field)=\(value)")
                #expect(String(buffer: refused.body).contains("id=\"f-\(field)\""), "\(field)")
            }
            #expect(try await store.providers.contractorRounds(programmeId: programme.id).count == roundsBefore)

            let round = try await Self.openRound(&district, store: store, programmeId: programme.id, subIndustryId: sub.id)
            // The round page escapes what the bureau typed.
            let roundPage = String(buffer: try await district.get("/contractors/rounds/\(round)").body)
            #expect(roundPage.contains("资源池在库服务商&lt;b&gt;均可&lt;/b&gt;申报"))

            // A pool member in good standing applies once.
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            let calls = String(buffer: try await provider.get("/contractors/calls").body)
            #expect(calls.contains("id=\"round-\(round)\""))
            #expect(try await Self.apply(&provider, round: round).status == .seeOther)
            let twice = try await Self.apply(&provider, round: round)
            #expect(twice.status == .unprocessableContent)
            #expect(String(buffer: twice.body).contains("每家服务商每轮只能申报一次"))
            for (field, value) in [
                ("committed_enterprises", "0"), ("committed_enterprises", "1e3"), ("team", ""), ("round", "rnd_x"),
            ] {
                let bad = try await Self.apply(&provider, round: round, [field: value])
                #expect(bad.status == .unprocessableContent, "\(field)=\(value)")
            }
            #expect(try await store.providers.contractorApplications(roundId: round).count == 1)

            // The demo provider removed from the pool (third verified complaint) is refused, naming why.
            let providerOrg = try #require(try await store.accounts.user(username: "provider")?.organisationId)
            for index in 1...3 {
                _ = try await store.providers.changePoolMember(
                    organisationId: providerOrg, programmeId: programme.id, action: "complaint_verified", detail: "c\(index)",
                    evidence: "核查记录 \(index)", by: "district"
                ) { member throws(PoolMember.Refusal) in
                    member.fileComplaint(id: "c\(index)")
                    return try member.decideComplaint(id: "c\(index)", verified: true)
                }
            }
            let secondRound = try await Self.openRound(
                &district, store: store, programmeId: programme.id, subIndustryId: sub.id)
            let removed = try await Self.apply(&provider, round: secondRound)
            #expect(removed.status == .unprocessableContent)
            #expect(String(buffer: removed.body).contains("已被移出资源池（第八条第（4）项"))
            #expect(String(buffer: removed.body).contains("不能申报主承包服务商"))
            #expect(try await store.providers.contractorApplications(roundId: secondRound).isEmpty)

            // A provider outside the pool (an organisation never admitted) is refused too.
            let outsider = try await store.parties.addOrganisation(
                programmeId: programme.id, kind: "provider", name: "天津池外科技有限公司", uscc: nil, subIndustryId: nil,
                divisionCode: nil)
            _ = try await store.accounts.createUser(
                programmeId: programme.id, username: "outsider", displayName: "池外",
                passwordHash: try await services.passwords.hash(
                    TestApp.password), organisationId: outsider.id,
                grants: [RoleGrant(role: .digitalProvider, scope: .organisation(outsider.id))])
            var stranger = try await TestBrowser.signedIn(client, as: "outsider")
            let notMember = try await Self.apply(&stranger, round: secondRound)
            #expect(notMember.status == .unprocessableContent)
            #expect(String(buffer: notMember.body).contains("不是本试点数字化服务商资源池成员"))
            #expect(try await store.providers.contractorApplications(roundId: secondRound).isEmpty)
            // Nor can the bureau appoint it directly on /contractors.
            let direct = try await district.post(
                "/contractors",
                form: [
                    "csrf_token": token, "sub_industry": sub.id, "organisation": outsider.id, "task_book_no": "CB-X",
                    "reason": "更换",
                ])
            #expect(direct.status == .unprocessableContent)
            #expect(String(buffer: direct.body).contains("不是资源池成员"))
            #expect(
                try await store.providers.contractorAssignments(programmeId: programme.id).allSatisfy {
                    $0.organisationId != outsider.id
                })
        }
    }

    @Test(
        "scores are bounded; a lower score needs a reason; the selection appoints (the winner sees the sub-industry's projects); the task book shows both signatures only once both signed (SQLite and PostgreSQL)",
        arguments: [BackendKind.sqlite, .postgres]
    )
    func scoringSelectionTaskBook(backend: BackendKind) async throws {
        try await WebFixture.with(backend) { fixture in
            let services = fixture.services
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let subId = try #require(fixture.ownProject.subIndustryId)
            let app = try buildApplication(services: services, runTimers: false)
            try await app.test(.router) { client in
                var district = try await TestBrowser.signedIn(client, as: "district")
                let round = try await Self.openRound(&district, store: store, programmeId: programme.id, subIndustryId: subId)
                // Two pool members apply: the demo provider (not graded: 60 for the grade) and another
                // sub-industry's contractor (graded 良好 or better in 2025).
                var provider = try await TestBrowser.signedIn(client, as: "provider")
                #expect(try await Self.apply(&provider, round: round).status == .seeOther)
                let rival = ["contractor", "contractor2"].first { $0 != fixture.contractor }!
                var rivalBrowser = try await TestBrowser.signedIn(client, as: rival)
                #expect(try await Self.apply(&rivalBrowser, round: round).status == .seeOther)
                let applications = try await store.providers.contractorApplications(roundId: round)
                let providerOrg = try #require(try await store.accounts.user(username: "provider")?.organisationId)
                let mine = try #require(applications.first { $0.organisationId == providerOrg })
                let theirs = try #require(applications.first { $0.organisationId != providerOrg })

                let page = String(buffer: try await district.get("/contractors/rounds/\(round)").body)
                #expect(page.contains("资源池最近评级"))
                #expect(page.contains("2025："))
                let token = try #require(TestBrowser.csrfToken(in: page))
                let all90 = [
                    "csrf_token": token, "application": mine.id, "score_service_plan": "90", "score_team": "90",
                    "score_coverage": "90", "score_cases": "90", "score_price": "90",
                ]
                for (field, value) in [
                    ("score_team", "100.01"), ("score_team", "-1"), ("score_team", "abc"), ("score_team", "12.345"),
                    ("score_price", ""), ("score_cases", "1e2"), ("application", "cap_nope"),
                ] {
                    let refused = try await district.post(
                        "/contractors/rounds/\(round)/scores", form: all90.merging([field: value]) { $1 })
                    #expect(refused.status == .unprocessableContent, "\(field)=\(value)")
                }
                #expect(try await store.providers.contractorApplications(roundId: round).allSatisfy { $0.total == nil })
                // Nothing selectable while an application is unscored.
                #expect(try await district.post("/contractors/rounds/\(round)/scores", form: all90).status == .seeOther)
                let early = try await district.post(
                    "/contractors/rounds/\(round)/selection",
                    form: ["csrf_token": token, "selected_application": mine.id, "task_book_no": "CB-T-1"])
                #expect(early.status == .unprocessableContent)
                #expect(String(buffer: early.body).contains("未评分"))
                let all80 = all90.merging([
                    "application": theirs.id, "score_service_plan": "80", "score_team": "80", "score_coverage": "80",
                    "score_cases": "80", "score_price": "80",
                ]) { $1 }
                #expect(try await district.post("/contractors/rounds/\(round)/scores", form: all80).status == .seeOther)
                let scored = try await store.providers.contractorApplications(roundId: round)
                // 90 × 90% + 60 (ungraded) × 10% = 87.00
                #expect(scored.first { $0.id == mine.id }?.total?.hundredths == 8_700)
                let rivalTotal = try #require(scored.first { $0.id == theirs.id }?.total?.hundredths)
                #expect(rivalTotal > 8_000 && rivalTotal < 8_700)

                // The lower score without a reason is refused and changes nothing.
                let before = try await store.providers.contractorAssignments(programmeId: programme.id)
                let noReason = try await district.post(
                    "/contractors/rounds/\(round)/selection",
                    form: ["csrf_token": token, "selected_application": theirs.id, "task_book_no": "CB-T-1"])
                #expect(noReason.status == .unprocessableContent)
                #expect(String(buffer: noReason.body).contains("须书面说明理由"))
                let noNumber = try await district.post(
                    "/contractors/rounds/\(round)/selection",
                    form: ["csrf_token": token, "selected_application": mine.id, "task_book_no": " "])
                #expect(noNumber.status == .unprocessableContent)
                #expect(try await store.providers.contractorAssignments(programmeId: programme.id) == before)
                #expect(try await store.providers.contractorRound(round, programmeId: programme.id)?.isOpen == true)

                // The task book does not exist before the selection.
                #expect(try await district.get("/contractors/rounds/\(round)/task-book").status == .notFound)

                // The best is selected: appointed through the one appointment path, the round closed.
                var old = try await TestBrowser.signedIn(client, as: fixture.contractor)
                #expect(try await old.get("/instances/\(fixture.ownProject.id)").status == .ok)
                let selected = try await district.post(
                    "/contractors/rounds/\(round)/selection",
                    form: ["csrf_token": token, "selected_application": mine.id, "task_book_no": "CB-T-1"])
                #expect(selected.status == .seeOther)
                let current = try #require(
                    try await store.providers.contractorAssignments(programmeId: programme.id).first {
                        $0.subIndustryId == subId && $0.endedAt == nil
                    })
                #expect(current.organisationId == providerOrg)
                #expect(current.taskBookNo == "CB-T-1")
                let closed = try #require(try await store.providers.contractorRound(round, programmeId: programme.id))
                #expect(!closed.isOpen && closed.assignmentId == current.id && closed.selectedApplicationId == mine.id)
                // Open work changes hands at once: the winner sees the project, the predecessor no longer.
                var winner = try await TestBrowser.signedIn(client, as: "provider")
                #expect(try await winner.get("/instances/\(fixture.ownProject.id)").status == .ok)
                #expect(try await old.get("/instances/\(fixture.ownProject.id)").status == .notFound)
                let contractorsPage = String(buffer: try await district.get("/contractors").body)
                #expect(contractorsPage.contains("CB-T-1"))
                // A closed round takes no more scores or selections.
                #expect(
                    try await district.post("/contractors/rounds/\(round)/scores", form: all90).status == .unprocessableContent)

                // The contracting task book: printable, both parties with the credit code, unsigned at first.
                let providerCode = try #require(try await store.parties.organisation(providerOrg)?.uscc)
                let book = String(buffer: try await district.get("/contractors/rounds/\(round)/task-book").body)
                #expect(book.contains("承包任务书") && book.contains("data-action=\"print\""))
                #expect(book.contains(providerCode))
                #expect(book.contains("未签订完成"))
                #expect(!book.contains("id=\"signature-bureau\"") && !book.contains("id=\"signature-contractor\""))
                // A contractor of another sub-industry is no party and no reader.
                var stranger = try await TestBrowser.signedIn(client, as: "contractor3")
                #expect(try await stranger.get("/contractors/rounds/\(round)/task-book").status == .forbidden)
                let bookToken = try #require(TestBrowser.csrfToken(in: book))
                #expect(
                    try await district.post("/contractors/rounds/\(round)/signatures", form: ["csrf_token": bookToken]).status
                        == .seeOther)
                let half = String(buffer: try await district.get("/contractors/rounds/\(round)/task-book").body)
                #expect(half.contains("id=\"signature-bureau\"") && !half.contains("id=\"signature-contractor\""))
                #expect(half.contains("未签订完成"))
                let again = try await district.post("/contractors/rounds/\(round)/signatures", form: ["csrf_token": bookToken])
                #expect(again.status == .unprocessableContent)
                let winnerBook = String(buffer: try await winner.get("/contractors/rounds/\(round)/task-book").body)
                let winnerToken = try #require(TestBrowser.csrfToken(in: winnerBook))
                #expect(
                    try await winner.post("/contractors/rounds/\(round)/signatures", form: ["csrf_token": winnerToken]).status
                        == .seeOther)
                let full = String(buffer: try await winner.get("/contractors/rounds/\(round)/task-book").body)
                #expect(full.contains("id=\"signature-bureau\"") && full.contains("id=\"signature-contractor\""))
                #expect(full.contains("双方已签订") && !full.contains("未签订完成"))
                #expect(full.contains("李静（区工信局）") && full.contains("何帆（数字化服务商）"))
                // The round page keeps the periodic review beside (the enterprises' ratings).
                var leader = try await TestBrowser.signedIn(client, as: "leader")
                let review = String(buffer: try await leader.get("/contractors/rounds/\(round)").body)
                #expect(review.contains("id=\"periodic-review\""))
                #expect(review.contains("双方已签订"))
            }
        }
    }

    @Test("a lower-scored application is selected with a written reason, which is kept")
    func lowerWithReason() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            // The demo's open round: two applications waiting for scores.
            let round = try #require(try await store.providers.contractorRounds(programmeId: programme.id).first(where: \.isOpen))
            let applications = try await store.providers.contractorApplications(roundId: round.id)
            #expect(applications.count == 2 && applications.allSatisfy { $0.total == nil })
            var district = try await TestBrowser.signedIn(client, as: "district")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await district.get("/contractors/rounds/\(round.id)").body)))
            for (application, value) in zip(applications, ["95", "70"]) {
                let posted = try await district.post(
                    "/contractors/rounds/\(round.id)/scores",
                    form: [
                        "csrf_token": token, "application": application.id, "score_service_plan": value, "score_team": value,
                        "score_coverage": value, "score_cases": value, "score_price": value,
                    ])
                #expect(posted.status == .seeOther)
            }
            let chosen = applications[1]
            let selected = try await district.post(
                "/contractors/rounds/\(round.id)/selection",
                form: [
                    "csrf_token": token, "selected_application": chosen.id, "selection_reason": "价格承诺明显更优，企业评价更好",
                    "task_book_no": "BH-CB-2026-BIOM",
                ])
            #expect(selected.status == .seeOther)
            let closed = try #require(try await store.providers.contractorRound(round.id, programmeId: programme.id))
            #expect(closed.selectionReason == "价格承诺明显更优，企业评价更好")
            let current = try await store.providers.contractorAssignments(programmeId: programme.id).first {
                $0.subIndustryId == round.subIndustryId && $0.endedAt == nil
            }
            #expect(current?.organisationId == chosen.organisationId)
            #expect(String(buffer: try await district.get("/contractors/rounds/\(round.id)").body).contains("价格承诺明显更优"))
        }
    }

    @Test("the incumbent chosen again in the periodic adjustment starts a new term with the new task book and keeps its work")
    func incumbentRenewed() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let round = try #require(try await store.providers.contractorRounds(programmeId: programme.id).first(where: \.isOpen))
            let incumbent = try #require(
                try await store.providers.contractorAssignments(programmeId: programme.id).first {
                    $0.subIndustryId == round.subIndustryId && $0.endedAt == nil
                })
            let project = try #require(
                try await store.instances.projects(
                    ProjectQuery(programmeId: programme.id, scopes: [Scope.subIndustry(round.subIndustryId).description])
                ).rows.first)
            var contractor5 = try await TestBrowser.signedIn(client, as: "contractor5")
            #expect(try await Self.apply(&contractor5, round: round.id).status == .seeOther)
            let mine = try #require(
                try await store.providers.contractorApplications(roundId: round.id).first {
                    $0.organisationId == incumbent.organisationId
                })
            var district = try await TestBrowser.signedIn(client, as: "district")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await district.get("/contractors/rounds/\(round.id)").body)))
            for application in try await store.providers.contractorApplications(roundId: round.id) {
                let value = application.id == mine.id ? "96" : "75"
                let posted = try await district.post(
                    "/contractors/rounds/\(round.id)/scores",
                    form: [
                        "csrf_token": token, "application": application.id, "score_service_plan": value, "score_team": value,
                        "score_coverage": value, "score_cases": value, "score_price": value,
                    ])
                #expect(posted.status == .seeOther)
            }
            let selected = try await district.post(
                "/contractors/rounds/\(round.id)/selection",
                form: ["csrf_token": token, "selected_application": mine.id, "task_book_no": "BH-CB-2027-BIOM"])
            #expect(selected.status == .seeOther)
            let terms = try await store.providers.contractorAssignments(programmeId: programme.id).filter {
                $0.subIndustryId == round.subIndustryId
            }
            let current = try #require(terms.first { $0.endedAt == nil })
            #expect(current.organisationId == incumbent.organisationId && current.id != incumbent.id)
            #expect(current.taskBookNo == "BH-CB-2027-BIOM")
            #expect(terms.first { $0.id == incumbent.id }?.endReason?.contains("遴选续任") == true)
            #expect(try await contractor5.get("/instances/\(project.id)").status == .ok)
        }
    }

    @Test(
        "the demo's five main contractors are pool members with valid credit codes, each with its closed round and signed task book"
    )
    func demoContractors() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 5)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let rounds = try await store.providers.contractorRounds(programmeId: programme.id)
        let assignments = try await store.providers.contractorAssignments(programmeId: programme.id)
        var codes: Set<String> = []
        for username in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
            let account = try #require(try await store.accounts.user(username: username))
            let organisationId = try #require(account.organisationId)
            let organisation = try #require(try await store.parties.organisation(organisationId))
            let code = try #require(organisation.uscc, "\(username) has a credit code")
            #expect(throws: Never.self) { _ = try USCC(validating: code) }
            #expect(!code.contains { "IOSVZ".contains($0) })
            codes.insert(code)
            let member = try #require(
                try await store.providers.poolMember(organisationId: organisation.id, programmeId: programme.id))
            #expect(member.isInGoodStanding)
            #expect(member.grades[2025] != nil && member.grades[2025] != .unqualified)
            let term = try #require(assignments.first { $0.organisationId == organisation.id && $0.endedAt == nil })
            #expect(account.grants.contains(RoleGrant(role: .mainContractor, scope: .subIndustry(term.subIndustryId))))
            let round = try #require(rounds.first { $0.assignmentId == term.id }, "\(username) was selected in a round")
            #expect(!round.isOpen)
            let application = try #require(
                try await store.providers.contractorApplications(roundId: round.id).first { $0.id == round.selectedApplicationId }
            )
            #expect(application.organisationId == organisation.id && application.total != nil)
            #expect(
                Set(try await store.providers.contractorSignatures(roundId: round.id).map(\.party)) == [.bureau, .contractor])
        }
        #expect(codes.count == 5)
        let open = rounds.filter(\.isOpen)
        #expect(open.count == 1)
        #expect(try await store.providers.contractorApplications(roundId: try #require(open.first).id).count == 2)
    }

    @Test("the shipped criteria file loads; a wrong one is refused with its line")
    func criteriaFile() throws {
        let shipped = try ContractorCriteriaFile.load(
            path: TestWorkflows.shippedDirectory + "/" + ContractorCriteriaFile.relativePath)
        #expect(shipped.criteria.reduce(0) { $0 + $1.weight } == 100)
        #expect(shipped.criteria.contains { $0.fromPoolGrade != nil })
        let wrong = """
            criteria:
              - {key: plan, zh: 方案, en: Plan, weight: 60}
              - {key: team, zh: 团队, en: Team, weight: 30}
            """
        #expect(throws: ProgrammeProblems.self) { try ContractorCriteriaFile.parse(wrong, file: "c.yaml") }
        do {
            _ = try ContractorCriteriaFile.parse(wrong, file: "c.yaml")
        } catch {
            #expect(error.description.contains("add up to 90"))
        }
        let badGrade = """
            criteria:
              - key: grade
                zh: 评级
                en: Grade
                weight: 100
                from_pool_grade: {excellent: "101", good: "85", qualified: "70", ungraded: "60"}
              - {key: extra, zh: 多, en: Extra, weight: 1, colour: red}
            """
        do {
            _ = try ContractorCriteriaFile.parse(badGrade, file: "c.yaml")
            Issue.record("a score of 101 and an unknown key must be refused")
        } catch {
            #expect(error.description.contains("c.yaml:6:"))
            #expect(error.description.contains("unknown key 'colour'"))
        }
    }
}
