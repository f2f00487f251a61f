import Diagnosis
import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import Programmes
import SQLKit
import TestSupport
import Testing
import WebApp

/// The enterprise's diagnosis journey (issue #14): a roster firm registers, fills in its
/// questionnaire (drafts kept in the database), submits, reads its report with benchmarking and the
/// change since its last round, asks for an on-site diagnosis where the campaign lets it, gives
/// feedback; officials read the firm's report and file within their node; the assigned provider
/// files the on-site report.
@Suite("Diagnosis campaigns: the enterprise's journey")
struct DiagnosisJourneyTests {
    /// A campaign created from its shipped file, with an empty roster.
    struct Campaign {
        var services: AppServices
        var programme: Programme

        var settings: DiagnosisSettings { programme.definition!.diagnosis! }

        static func make(_ file: String, backend: BackendKind = .sqlite) async throws -> Campaign {
            let services = try await TestApp.services(backend, demo: false)
            do {
                let (definition, source) = try ProgrammeFiles.load(ProgrammeFiles.shipped(file, services), services)
                let programme = try await services.store.programmes.createProgramme(
                    from: definition, source: source, by: "setup")
                return Campaign(services: services, programme: programme)
            } catch {
                await services.store.shutdown()
                throw error
            }
        }

        func close() async { await services.store.shutdown() }

        static func uscc(_ number: Int, region: String = "450102") -> String {
            USCC.withCheckCharacter("91\(region)MA" + String(format: "%07d", number))!
        }

        /// Roster rows, small firms of `group`.
        func importFirms(
            _ firms: [(uscc: String, name: String, division: String)], group: String, hq: String? = nil
        )
            async throws
        {
            _ = try await services.store.diagnoses.importFirms(
                firms.map {
                    DiagnosisFirm(
                        programmeId: programme.id, uscc: $0.uscc, name: $0.name, divisionCode: $0.division, industryGroup: group,
                        size: .small, aboveScale: true, groupUSCC: hq, contactName: "李工", contactPhone: "0771-5550000")
                })
        }

        func user(_ username: String, _ grant: RoleGrant, organisationId: String? = nil) async throws {
            _ = try await services.store.accounts.createUser(
                programmeId: programme.id, username: username, displayName: username,
                passwordHash: try await services.passwords.hash(TestApp.password), organisationId: organisationId,
                grants: [grant])
        }

        /// Registers a roster firm through the store (the HTTP form has its own test).
        @discardableResult
        func register(_ uscc: String, name: String, username: String) async throws -> String {
            let outcome = try await services.store.diagnoses.registerFirm(
                FirmRegistration(
                    programmeId: programme.id, uscc: uscc, name: name, contactName: "王工", contactPhone: "13800000000",
                    username: username, passwordHash: try await services.passwords.hash(TestApp.password), language: .zh),
                organisationId: services.store.ids.make("org"), userId: services.store.ids.make("usr"))
            guard case .registered(let organisation, _) = outcome else { throw FixtureError("not registered: \(outcome)") }
            return organisation
        }

        func questionnaire(_ group: String) throws -> Questionnaire {
            try #require(settings.group(group).flatMap { services.diagnosis.latest($0.questionnaire) })
        }

        /// Form fields answering every item asked of a small firm with the option at `index` (clamped).
        func answers(_ group: String, index: (Questionnaire.Item) -> Int) throws -> [String: String] {
            var form: [String: String] = [:]
            for item in try questionnaire(group).items where item.applies(to: .small) {
                form["a0.\(item.id)"] = item.options[min(index(item), item.options.count - 1)].value
            }
            return form
        }

        /// Starts and submits a diagnosis in the store directly, every item at option `index`.
        func submitDirectly(_ uscc: String, index: Int) async throws -> DiagnosisRecord {
            let store = services.store.diagnoses
            let firm = try #require(try await store.firm(programmeId: programme.id, uscc: uscc))
            let questionnaire = try questionnaire(firm.industryGroup)
            let actor = ChangeActor(userId: "test", name: "test")
            let draft = try await store.startDiagnosis(
                id: services.store.ids.make("dia"), firm: firm, questionnaire: questionnaire.key, modules: [], by: actor)
            var answered = draft.answers
            for item in questionnaire.items where item.applies(to: .small) {
                answered.base.answers[item.id] = .option(item.options[min(index, item.options.count - 1)].value)
            }
            let scored = try answered.score(in: services.diagnosis)
            let reason = settings.offline.sendsOffline(grade: scored.base.grade) ? "rule" : nil
            guard
                case .success(let record) = try await store.submit(
                    id: draft.id, programmeId: programme.id, answers: answered, scored: scored,
                    expectedVersion: draft.version, offlineReason: reason, by: actor)
            else { throw FixtureError("not submitted") }
            return record
        }

        func count(_ sql: String) async throws -> Int {
            let query = SQLQueryString(stringLiteral: sql)
            return try await services.store.backend.read { database in
                try await database.raw(query).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
            }
        }
    }

    /// Guangxi answers: option 1 everywhere reaches 26.72 (grade 3: strategy 27, capability 26.67,
    /// solution 25, governance 25, innovation 30); option 1 only in solution, governance and
    /// innovation reaches 16.00 (grade 2).
    static let gradeThree: @Sendable (Questionnaire.Item) -> Int = { _ in 1 }
    static let gradeTwo: @Sendable (Questionnaire.Item) -> Int = {
        ["solution", "governance", "innovation"].contains($0.dimension) ? 1 : 0
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func diagnosisId(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        return String(location.dropFirst("/diagnosis/".count).prefix { $0 != "/" && $0 != "?" })
    }

    @Test("registration: refused off the roster and when registered already; accepted on it, one transaction")
    func registration() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let onRoster = Campaign.uscc(1)
        try await campaign.importFirms([(onRoster, "南宁样本机械有限公司", "450102")], group: "equipment")
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            func register(_ uscc: String, name: String, username: String) async throws -> TestResponse {
                var visitor = TestBrowser(client)
                let page = try await visitor.get("/diagnosis/register")
                #expect(page.status == .ok)
                let token = try #require(TestBrowser.csrfToken(in: Self.text(page)))
                return try await visitor.post(
                    "/diagnosis/register",
                    form: [
                        "csrf_token": token, "programme": "GX-DIAG-2024", "uscc": uscc, "name": name, "contact_name": "王工",
                        "contact_phone": "13800000000", "username": username, "password": "Secure2024pass",
                    ])
            }
            let off = try await register(Campaign.uscc(99), name: "名单外公司", username: "off_roster")
            #expect(off.status == .unprocessableContent)
            #expect(Self.text(off).contains("不在本次诊断的规上企业名单中"))
            let wrongName = try await register(onRoster, name: "别的名字有限公司", username: "wrong_name")
            #expect(wrongName.status == .unprocessableContent)
            #expect(try await campaign.services.store.accounts.user(username: "off_roster") == nil)
            #expect(try await campaign.services.store.accounts.user(username: "wrong_name") == nil)

            let accepted = try await register(onRoster, name: "南宁样本机械有限公司", username: "nn_firm")
            #expect(accepted.status == .seeOther)
            let account = try #require(try await campaign.services.store.accounts.user(username: "nn_firm"))
            let firm = try #require(
                try await campaign.services.store.diagnoses.firm(programmeId: campaign.programme.id, uscc: onRoster))
            #expect(firm.organisationId == account.organisationId && firm.organisationId != nil)
            #expect(account.grants == [RoleGrant(role: .enterprise, scope: .organisation(firm.organisationId!))])
            let organisation = try #require(try await campaign.services.store.parties.organisation(firm.organisationId!))
            #expect(organisation.uscc == onRoster && organisation.divisionCode == "450102" && organisation.kind == "enterprise")

            let again = try await register(onRoster, name: "南宁样本机械有限公司", username: "nn_firm2")
            #expect(again.status == .conflict)
            #expect(Self.text(again).contains("已注册"))
            #expect(try await campaign.services.store.accounts.user(username: "nn_firm2") == nil)

            // Signed in, the firm's page shows its roster record and the start button.
            var browser = TestBrowser(client)
            try await browser.signIn("nn_firm", password: "Secure2024pass")
            let page = Self.text(try await browser.get("/diagnosis"))
            #expect(page.contains("南宁样本机械有限公司") && page.contains("action=\"/diagnosis/start\""))
        }
    }

    @Test("a draft survives signing out; a stale save is refused; a missing answer is 422 and writes nothing; submit grades")
    func fillAndSubmit() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let uscc = Campaign.uscc(1)
        try await campaign.importFirms([(uscc, "南宁样本机械有限公司", "450102")], group: "equipment")
        try await campaign.register(uscc, name: "南宁样本机械有限公司", username: "nn_firm")
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            var browser = try await TestBrowser.signedIn(client, as: "nn_firm")
            var token = try #require(TestBrowser.csrfToken(in: Self.text(try await browser.get("/diagnosis"))))
            let started = try await browser.post("/diagnosis/start", form: ["csrf_token": token])
            #expect(started.status == .seeOther)
            let id = try Self.diagnosisId(started)
            let page = Self.text(try await browser.get("/diagnosis/\(id)"))
            // Items not asked of a small firm are hidden; 不适用 only where allowed.
            #expect(page.contains("name=\"a0.strategy_planning\"") && !page.contains("a0.new_business"))
            #expect(page.contains("a0.remote_service-na") && !page.contains("a0.strategy_planning-na"))

            var answers = try campaign.answers("equipment", index: Self.gradeThree)
            let partial = ["a0.strategy_planning": answers["a0.strategy_planning"]!, "a0.data_collection": "most"]
            let saved = try await browser.post(
                "/diagnosis/\(id)", form: partial.merging(["csrf_token": token, "version": "1", "action": "save"]) { a, _ in a })
            #expect(saved.status == .seeOther)
            // A page still at version 1 is stale now: refused, the saved answers stay.
            let stale = try await browser.post(
                "/diagnosis/\(id)",
                form: ["csrf_token": token, "version": "1", "action": "save", "a0.data_collection": "manual"])
            #expect(stale.status == .conflict)
            #expect(Self.text(stale).contains("已过期"))

            // Sign out, sign in again (a new session): the draft resumes with the saved answers.
            _ = try await browser.post("/logout", form: ["csrf_token": token])
            browser = try await TestBrowser.signedIn(client, as: "nn_firm")
            let home = Self.text(try await browser.get("/diagnosis"))
            #expect(home.contains("href=\"/diagnosis/\(id)\" id=\"resume\""))
            let resumed = Self.text(try await browser.get("/diagnosis/\(id)"))
            token = try #require(TestBrowser.csrfToken(in: resumed))
            #expect(resumed.contains("id=\"a0.data_collection-most\" name=\"a0.data_collection\" value=\"most\" checked"))
            #expect(!resumed.contains("value=\"manual\" checked"))
            #expect(resumed.contains("name=\"version\" value=\"2\""))

            // Evidence for an item: a real PNG is kept and read back; a renamed file is refused.
            func upload(_ name: String, _ data: Data) async throws -> TestResponse {
                let (headers, body) = multipart(["csrf_token": token, "item": "strategy_planning"], file: (name, data))
                var all = browser.cookieHeader
                all.append(contentsOf: headers)
                return try await client.execute(uri: "/diagnosis/\(id)/evidence", method: .post, headers: all, body: body)
            }
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            #expect(try await upload("规划.png", png).status == .seeOther)
            #expect(try await upload("规划.png", Data("MZ not a picture".utf8)).status == .unprocessableContent)
            let withFile = Self.text(try await browser.get("/diagnosis/\(id)"))
            let link = try #require(withFile.range(of: "href=\"/diagnosis/evidence/"))
            let evidenceId = String(withFile[link.upperBound...].prefix { $0 != "\"" })
            let download = try await browser.get("/diagnosis/evidence/\(evidenceId)")
            #expect(download.status == .ok && Data(buffer: download.body) == png)

            // Submit with one answer missing: 422 naming the question, nothing written.
            let missing = answers.removeValue(forKey: "a0.security")!
            let refused = try await browser.post(
                "/diagnosis/\(id)",
                form: answers.merging(["csrf_token": token, "version": "2", "action": "submit"]) { a, _ in a })
            #expect(refused.status == .unprocessableContent)
            #expect(Self.text(refused).contains("尚未作答") && Self.text(refused).contains("网络安全"))
            let record = try #require(
                try await campaign.services.store.diagnoses.diagnosis(id: id, programmeId: campaign.programme.id))
            #expect(record.status == .draft && record.version == 2)
            #expect(try await campaign.count("SELECT COUNT(*) AS n FROM offline_diagnoses") == 0)

            answers["a0.security"] = missing
            let submitted = try await browser.post(
                "/diagnosis/\(id)",
                form: answers.merging(["csrf_token": token, "version": "2", "action": "submit"]) { a, _ in a })
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers[.location] == "/diagnosis/\(id)/report")
            let result = try #require(
                try await campaign.services.store.diagnoses.diagnosis(id: id, programmeId: campaign.programme.id))
            #expect(result.scored?.base.total == 2672 && result.scored?.base.grade == 3)
            // Guangxi sends grade 3 and above offline: the rule opened its case.
            #expect(result.offlineStatus == .pending)
            #expect(try await campaign.count("SELECT COUNT(*) AS n FROM offline_diagnoses WHERE reason = 'rule'") == 1)
            let report = Self.text(try await browser.get("/diagnosis/\(id)/report"))
            #expect(report.contains("<strong id=\"grade\">3</strong>") && report.contains("26.72"))
            #expect(report.contains("dt-maturity v1") && report.contains("guangxi-manufacturing v1"))
            // The radar has five points, one per dimension.
            #expect(report.components(separatedBy: "class=\"radar-point\"").count - 1 == 5)
            let polygon = try #require(report.range(of: "class=\"radar-score\" points=\""))
            #expect(report[polygon.upperBound...].prefix { $0 != "\"" }.split(separator: " ").count == 5)
            // Guangxi takes no requests: no button.
            #expect(!report.contains("offline-request"))
            // A submitted diagnosis cannot be saved again.
            let late = try await browser.post("/diagnosis/\(id)", form: ["csrf_token": token, "version": "3", "action": "save"])
            #expect(late.status == .conflict)
        }
    }

    @Test("Guangxi: grade 2 opens no on-site case; a re-diagnosis is a second round and the report shows the change")
    func reDiagnosis() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let uscc = Campaign.uscc(1)
        try await campaign.importFirms([(uscc, "南宁样本机械有限公司", "450102")], group: "equipment")
        try await campaign.register(uscc, name: "南宁样本机械有限公司", username: "nn_firm")
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            var browser = try await TestBrowser.signedIn(client, as: "nn_firm")
            var ids: [String] = []
            for pick in [Self.gradeTwo, Self.gradeThree] {
                let token = try #require(TestBrowser.csrfToken(in: Self.text(try await browser.get("/diagnosis"))))
                let id = try Self.diagnosisId(try await browser.post("/diagnosis/start", form: ["csrf_token": token]))
                let answers = try campaign.answers("equipment", index: pick)
                let submitted = try await browser.post(
                    "/diagnosis/\(id)",
                    form: answers.merging(["csrf_token": token, "version": "1", "action": "submit"]) { a, _ in a })
                #expect(submitted.status == .seeOther)
                ids.append(id)
                if ids.count == 1 {
                    let first = try #require(
                        try await campaign.services.store.diagnoses.diagnosis(id: id, programmeId: campaign.programme.id))
                    #expect(first.scored?.base.grade == 2 && first.offlineStatus == DiagnosisRecord.OfflineStatus.none)
                    #expect(try await campaign.count("SELECT COUNT(*) AS n FROM offline_diagnoses") == 0)
                }
            }
            let rounds = try await campaign.services.store.diagnoses.diagnoses(programmeId: campaign.programme.id, uscc: uscc)
            #expect(rounds.map(\.round) == [2, 1] && rounds.map(\.latest) == [true, false])
            #expect(rounds.map { $0.scored?.base.grade } == [3, 2])
            let report = Self.text(try await browser.get("/diagnosis/\(ids[1])/report"))
            #expect(report.contains("id=\"change\""))
            let gradeRow = try #require(report.range(of: "<tr id=\"grade-change\">"))
            #expect(report[gradeRow.upperBound...].prefix(200).contains("↑"))
            // The first report stays, without a previous round.
            let first = Self.text(try await browser.get("/diagnosis/\(ids[0])/report"))
            #expect(first.contains("<strong id=\"grade\">2</strong>") && !first.contains("id=\"change\""))
            let home = Self.text(try await browser.get("/diagnosis"))
            #expect(home.contains("/diagnosis/\(ids[0])/report") && home.contains("/diagnosis/\(ids[1])/report"))
        }
    }

    @Test("the report and the file: 404 for another firm and another district, 200 for the covering official")
    func reach() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let own = Campaign.uscc(1)
        let other = Campaign.uscc(2)
        let liuzhou = Campaign.uscc(3, region: "450202")
        try await campaign.importFirms(
            [(own, "南宁样本机械有限公司", "450102"), (other, "南宁另一公司", "450102"), (liuzhou, "柳州样本公司", "450202")],
            group: "equipment")
        try await campaign.register(own, name: "南宁样本机械有限公司", username: "nn_firm")
        try await campaign.register(other, name: "南宁另一公司", username: "nn_other")
        try await campaign.user("gx_nanning", RoleGrant(role: .districtOfficial, scope: .division("450100")))
        try await campaign.user("gx_liuzhou", RoleGrant(role: .districtOfficial, scope: .division("450200")))
        try await campaign.user("gx_team", RoleGrant(role: .serviceTeam, scope: .division("450102")))
        let record = try await campaign.submitDirectly(own, index: 1)
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            let paths = ["/diagnosis/\(record.id)/report", "/diagnosis/firms/\(own)"]
            for (username, status) in [
                ("nn_firm", HTTPResponse.Status.ok), ("gx_nanning", .ok), ("gx_team", .ok), ("nn_other", .notFound),
                ("gx_liuzhou", .notFound),
            ] {
                var browser = try await TestBrowser.signedIn(client, as: username)
                for path in paths {
                    #expect(try await browser.get(path).status == status, "\(username) \(path)")
                }
            }
            // The other firm cannot fill in, request or rate the firm's diagnosis either.
            var intruder = try await TestBrowser.signedIn(client, as: "nn_other")
            let token = try #require(TestBrowser.csrfToken(in: Self.text(try await intruder.get("/diagnosis"))))
            #expect(try await intruder.get("/diagnosis/\(record.id)").status == .notFound)
            #expect(
                try await intruder.post("/diagnosis/\(record.id)/feedback", form: ["csrf_token": token, "rating": "5"]).status
                    == .notFound)
            var nanning = try await TestBrowser.signedIn(client, as: "gx_nanning")
            let official = Self.text(try await nanning.get("/diagnosis/firms/\(own)"))
            #expect(official.contains("南宁样本机械有限公司") && official.contains("/diagnosis/\(record.id)/report"))
        }
    }

    @Test("benchmarking: four firms with known totals give the percentile in every peer set, and feedback is saved")
    func benchmarkAndFeedback() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml")
        defer { Task { await campaign.close() } }
        let firms = (1...4).map { (Campaign.uscc($0), "南宁样本\($0)号公司", "450102") }
        try await campaign.importFirms(firms, group: "equipment")
        try await campaign.register(firms[2].0, name: firms[2].1, username: "nn_firm")
        // Totals 0, 26.72 and 100; a fourth firm at 0 joins below.
        _ = try await campaign.submitDirectly(firms[0].0, index: 0)
        _ = try await campaign.submitDirectly(firms[3].0, index: 9)
        let target = try await campaign.submitDirectly(firms[2].0, index: 1)
        #expect(target.scored?.base.total == 2672)
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            var browser = try await TestBrowser.signedIn(client, as: "nn_firm")
            // Three peers: below 1, level 1 (itself), 3 in all: (2 × 1 + 1) / 6 = 50.
            var report = Self.text(try await browser.get("/diagnosis/\(target.id)/report"))
            for set in PeerSet.allCases {
                let row = try #require(report.range(of: "<tr id=\"peer-\(set.rawValue)\">"))
                let text = report[row.upperBound...].prefix(400)
                #expect(text.contains("<td class=\"num percentile\">50</td><td class=\"num\">3</td>"), "\(set)")
            }
            // The fourth firm (total 0) joins: below 2 of 4 → (2 × 2 + 1) / 8 = 62.5 → 63.
            let fourth = try await campaign.submitDirectly(firms[1].0, index: 0)
            #expect(fourth.scored?.base.total == 0)
            report = Self.text(try await browser.get("/diagnosis/\(target.id)/report"))
            let row = try #require(report.range(of: "<tr id=\"peer-region\">"))
            #expect(
                report[row.upperBound...].prefix(400).contains("<td class=\"num percentile\">63</td><td class=\"num\">4</td>"))
            // The grade distribution marks the firm's grade.
            #expect(report.contains("class=\"grade-mark\""))

            let token = try #require(TestBrowser.csrfToken(in: report))
            let bad = try await browser.post("/diagnosis/\(target.id)/feedback", form: ["csrf_token": token, "rating": "9"])
            #expect(bad.status == .unprocessableContent)
            let saved = try await browser.post(
                "/diagnosis/\(target.id)/feedback", form: ["csrf_token": token, "rating": "4", "comment": "报告很有帮助<b>"])
            #expect(saved.status == .seeOther)
            let feedback = try await campaign.services.store.diagnoses.feedback(
                programmeId: campaign.programme.id, uscc: firms[2].0)
            #expect(feedback.map(\.rating) == [4] && feedback.first?.comment == "报告很有帮助<b>")
            let shown = Self.text(try await browser.get("/diagnosis/\(target.id)/report"))
            #expect(shown.contains("报告很有帮助&lt;b&gt;"))
        }
    }

    @Test("Tianjin: the firm asks for an on-site diagnosis; the assigned provider files the report, others get 404")
    func offlineRequestAndOnSite() async throws {
        let campaign = try await Campaign.make("tianjin-diagnosis-2026.yaml")
        defer { Task { await campaign.close() } }
        let uscc = Campaign.uscc(1, region: "120116")
        let group = try #require(campaign.settings.industryGroups.first).id
        try await campaign.importFirms([(uscc, "滨海样本电子有限公司", "120116001")], group: group)
        try await campaign.register(uscc, name: "滨海样本电子有限公司", username: "tj_firm")
        let provider = try await campaign.services.store.parties.addOrganisation(
            programmeId: campaign.programme.id, kind: "provider", name: "样本诊断服务商", uscc: nil, subIndustryId: nil,
            divisionCode: "120116")
        let stranger = try await campaign.services.store.parties.addOrganisation(
            programmeId: campaign.programme.id, kind: "provider", name: "别的服务商", uscc: nil, subIndustryId: nil,
            divisionCode: "120116")
        try await campaign.user(
            "dx_provider", RoleGrant(role: .digitalProvider, scope: .programme(campaign.programme.id)),
            organisationId: provider.id)
        try await campaign.user(
            "dx_other", RoleGrant(role: .digitalProvider, scope: .programme(campaign.programme.id)), organisationId: stranger.id)
        let record = try await campaign.submitDirectly(uscc, index: 1)
        #expect(record.offlineStatus == DiagnosisRecord.OfflineStatus.none)
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            var browser = try await TestBrowser.signedIn(client, as: "tj_firm")
            let report = Self.text(try await browser.get("/diagnosis/\(record.id)/report"))
            #expect(report.contains("申请线下诊断"))
            let token = try #require(TestBrowser.csrfToken(in: report))
            let asked = try await browser.post("/diagnosis/\(record.id)/offline-request", form: ["csrf_token": token])
            #expect(asked.status == .seeOther)
            let pending = try #require(
                try await campaign.services.store.diagnoses.diagnosis(id: record.id, programmeId: campaign.programme.id))
            #expect(pending.offlineStatus == .pending)
            let offline = try #require(
                try await campaign.services.store.diagnoses.offline(diagnosisId: record.id, programmeId: campaign.programme.id))
            #expect(offline.reason == "request" && offline.status == "pending")
            let twice = try await browser.post("/diagnosis/\(record.id)/offline-request", form: ["csrf_token": token])
            #expect(twice.status == .conflict)

            // Not yet assigned: 404 for the provider too. Then assigned as the supervision page does.
            var assigned = try await TestBrowser.signedIn(client, as: "dx_provider")
            #expect(try await assigned.get("/diagnosis/offline/\(record.id)").status == .notFound)
            let providerId = provider.id
            let diagnosisId = record.id
            #expect(
                try await campaign.services.store.diagnoses.assignOffline(
                    diagnosisId: diagnosisId, programmeId: campaign.programme.id, providerOrgId: providerId, by: "u_district"))
            var other = try await TestBrowser.signedIn(client, as: "dx_other")
            #expect(try await other.get("/diagnosis/offline/\(record.id)").status == .notFound)
            #expect(try await other.get("/diagnosis/\(record.id)/report").status == .notFound)
            let form = Self.text(try await assigned.get("/diagnosis/offline/\(record.id)"))
            #expect(form.contains("规划设计") && form.contains("网络安全"))
            #expect(try await assigned.get("/diagnosis/\(record.id)/report").status == .ok)
            let providerToken = try #require(TestBrowser.csrfToken(in: form))
            var fields = ["csrf_token": providerToken, "visited_on": "2026-02-30", "verified_grade": "4", "opinion": "建议先上MES"]
            for key in ["planning", "product_process", "automation", "networking", "systems", "data", "supply_chain", "security"]
            {
                fields["finding_" + key] = "现场核查：\(key)"
            }
            #expect(try await assigned.post("/diagnosis/offline/\(record.id)", form: fields).status == .unprocessableContent)
            fields["visited_on"] = "2026-01-15"
            fields["verified_grade"] = "11"
            #expect(try await assigned.post("/diagnosis/offline/\(record.id)", form: fields).status == .unprocessableContent)
            fields["verified_grade"] = "4"
            #expect(try await assigned.post("/diagnosis/offline/\(record.id)", form: fields).status == .seeOther)
            let filed = try #require(
                try await campaign.services.store.diagnoses.offline(diagnosisId: record.id, programmeId: campaign.programme.id))
            #expect(filed.status == "filed" && filed.verifiedGrade == 4 && filed.findings["security"] == "现场核查：security")
            let after = try #require(
                try await campaign.services.store.diagnoses.diagnosis(id: record.id, programmeId: campaign.programme.id))
            #expect(after.offlineStatus == .filed)
            #expect(try await assigned.post("/diagnosis/offline/\(record.id)", form: fields).status == .conflict)
            // The firm file shows the verified grade beside the self-assessed one.
            let file = Self.text(try await browser.get("/diagnosis/firms/\(uscc)"))
            let selfGrade = try #require(record.scored?.base.grade)
            #expect(file.contains("<td class=\"num self-grade\">\(selfGrade)</td>"))
            #expect(file.contains("<td class=\"num verified-grade\">4</td>"))
        }
    }

    @Test("Shanghai: reminders on the firm's page; modules scored beside the grade; a group HQ sees its members")
    func shanghaiGroup() async throws {
        let campaign = try await Campaign.make("shanghai-diagnosis-2023.yaml")
        defer { Task { await campaign.close() } }
        let hq = Campaign.uscc(1, region: "310115")
        let member = Campaign.uscc(2, region: "310115")
        let elsewhere = Campaign.uscc(3, region: "310104")
        let stranger = Campaign.uscc(4, region: "310115")
        try await campaign.importFirms([(hq, "上海样本集团有限公司", "310115")], group: "group_hq")
        try await campaign.importFirms(
            [(member, "上海样本制造有限公司", "310115"), (elsewhere, "上海徐汇样本有限公司", "310104")], group: "automotive", hq: hq)
        try await campaign.importFirms([(stranger, "无关样本有限公司", "310115")], group: "automotive")
        try await campaign.register(hq, name: "上海样本集团有限公司", username: "sh_group")
        try await campaign.register(member, name: "上海样本制造有限公司", username: "sh_member")
        let programmeId = campaign.programme.id
        try await campaign.services.store.diagnoses.addReminder(
            programmeId: programmeId, targetKind: .firm, target: member, message: "请于本月底前完成诊断<填报>", byUser: "u",
            byName: "浦东新区经信委", byDivision: "310115")
        let strangerRecord = try await campaign.submitDirectly(stranger, index: 1)
        let app = try buildApplication(services: campaign.services, runTimers: false)
        try await app.test(.router) { client in
            var browser = try await TestBrowser.signedIn(client, as: "sh_member")
            let home = Self.text(try await browser.get("/diagnosis"))
            #expect(home.contains("请于本月底前完成诊断&lt;填报&gt;") && home.contains("浦东新区经信委"))
            #expect(home.contains("value=\"shanghai-dcmm\""))
            let token = try #require(TestBrowser.csrfToken(in: home))
            let unknown = try await browser.post("/diagnosis/start", form: ["csrf_token": token, "modules[]": "no-such-module"])
            #expect(unknown.status == .unprocessableContent)
            let started = try await browser.post("/diagnosis/start", form: ["csrf_token": token, "modules[]": "shanghai-dcmm"])
            let id = try Self.diagnosisId(started)
            let page = Self.text(try await browser.get("/diagnosis/\(id)"))
            #expect(page.contains("id=\"sheet-1\""))
            var form = try campaign.answers("automotive", index: { _ in 1 })
            let module = try #require(campaign.services.diagnosis.latest("shanghai-dcmm"))
            for item in module.items where item.applies(to: .small) { form["a1.\(item.id)"] = item.options.last!.value }
            let submitted = try await browser.post(
                "/diagnosis/\(id)", form: form.merging(["csrf_token": token, "version": "1", "action": "submit"]) { a, _ in a })
            #expect(submitted.status == .seeOther)
            let record = try #require(try await campaign.services.store.diagnoses.diagnosis(id: id, programmeId: programmeId))
            #expect(record.scored?.modules.map(\.total) == [10_000])
            // The module never changes the grade: the same base answers grade as the stranger's did.
            #expect(record.scored?.base.grade == strangerRecord.scored?.base.grade)
            // Shanghai: 线上+线下 for every firm.
            #expect(record.offlineStatus == .pending)
            let report = Self.text(try await browser.get("/diagnosis/\(id)/report"))
            #expect(report.contains("id=\"modules\"") && report.contains("<td class=\"num\">100</td>"))

            var group = try await TestBrowser.signedIn(client, as: "sh_group")
            let hqPage = Self.text(try await group.get("/diagnosis"))
            #expect(hqPage.contains("id=\"members\"") && hqPage.contains("上海样本制造有限公司") && hqPage.contains("上海徐汇样本有限公司"))
            #expect(!hqPage.contains("无关样本有限公司"))
            #expect(try await group.get("/diagnosis/\(id)/report").status == .ok)
            #expect(try await group.get("/diagnosis/firms/\(elsewhere)").status == .ok)
            #expect(try await group.get("/diagnosis/firms/\(stranger)").status == .notFound)
            #expect(try await group.get("/diagnosis/\(strangerRecord.id)/report").status == .notFound)
            // The HQ reads, but does not fill in or rate, a member's diagnosis.
            let hqToken = try #require(TestBrowser.csrfToken(in: hqPage))
            #expect(
                try await group.post("/diagnosis/\(id)/feedback", form: ["csrf_token": hqToken, "rating": "5"]).status
                    == .notFound)
        }
    }

    @Test("PostgreSQL: submit and benchmark")
    func postgresSubmitAndBenchmark() async throws {
        let campaign = try await Campaign.make("guangxi-diagnosis-2024.yaml", backend: .postgres)
        defer { Task { await campaign.close() } }
        let firms = (1...3).map { (Campaign.uscc($0), "南宁样本\($0)号公司", "450102") }
        try await campaign.importFirms(firms, group: "equipment")
        _ = try await campaign.submitDirectly(firms[0].0, index: 0)
        _ = try await campaign.submitDirectly(firms[1].0, index: 9)
        let target = try await campaign.submitDirectly(firms[2].0, index: 1)
        #expect(target.scored?.base.grade == 3 && target.offlineStatus == .pending)
        let standings = try await campaign.services.store.diagnoses.benchmark(target)
        for set in PeerSet.allCases {
            #expect(standings[set]?.count == 3 && standings[set]?.percentile == 50, "\(set)")
            #expect(standings[set]?.grades == [1: 1, 3: 1, 10: 1], "\(set)")
        }
        // Grades 3 and 10 go offline by Guangxi's rule, grade 1 does not.
        #expect(try await campaign.count("SELECT COUNT(*) AS n FROM offline_diagnoses WHERE reason = 'rule'") == 2)
    }
}
