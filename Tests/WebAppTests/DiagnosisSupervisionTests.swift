import Diagnosis
import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import Programmes
import TestSupport
import Testing

@testable import WebApp

/// Supervision of the diagnosis campaigns (issue #14): the roster import with its row report, the
/// coverage pages narrowed to the person's node with their drill-down, the quota split and
/// Shanghai's formula beside the official table, reminders, and on-site assignments.
@Suite("Diagnosis supervision: roster, coverage by level, quotas, reminders, on-site assignments")
struct DiagnosisSupervisionTests {
    // MARK: Set-up

    struct Campaign {
        var services: AppServices
        var programme: Programme
    }

    /// A campaign created from its shipped file in an empty database, with officials at the given
    /// nodes (username → division code; the campaign's own code is a programme-wide grant).
    static func campaign(
        _ services: AppServices, file: String, officials: [String: String], role: Role = .districtOfficial
    ) async throws -> Programme {
        let path = services.configuration.workflowsDirectory + "/programmes/" + file
        let (definition, source) = try ProgrammeFiles.load(path, services)
        let store = services.store
        let programme = try await store.programmes.createProgramme(from: definition, source: source, by: "setup")
        let hash = try await services.passwords.hash(TestApp.password)
        for (username, code) in officials.sorted(by: { $0.key < $1.key }) {
            let scope: Scope = code == programme.division ? .programme(programme.id) : .division(code)
            _ = try await store.accounts.createUser(
                programmeId: programme.id, username: username, displayName: "\(username) 工信局", passwordHash: hash,
                organisationId: nil, grants: [RoleGrant(role: role, scope: scope)])
        }
        return programme
    }

    static func uscc(_ division: String, _ serial: Int) -> String {
        USCC.withCheckCharacter("91\(division.prefix(6))MA" + String(format: "%07d", serial))!
    }

    static func firm(_ programme: Programme, _ division: String, _ serial: Int, group: String) -> DiagnosisFirm {
        DiagnosisFirm(
            programmeId: programme.id, uscc: uscc(division, serial), name: "测试企业\(division)-\(serial)", divisionCode: division,
            industryGroup: group, size: .medium, aboveScale: true, groupUSCC: nil, contactName: "张工", contactPhone: "0771-5000000"
        )
    }

    /// Submits a full diagnosis of a roster firm (every item answered with its best option).
    @discardableResult
    static func diagnose(
        _ services: AppServices, _ programme: Programme, _ uscc: String, questionnaire id: String, offline: String?
    ) async throws -> DiagnosisRecord {
        let firm = try #require(try await services.store.diagnoses.firm(programmeId: programme.id, uscc: uscc))
        let questionnaire = try #require(services.diagnosis.latest(id))
        let actor = ChangeActor(userId: "test", name: "测试")
        let record = try await services.store.diagnoses.startDiagnosis(
            id: services.store.ids.make("dgn"), firm: firm, questionnaire: questionnaire.key, modules: [], by: actor)
        var answers: [String: QuestionnaireAnswers.Answer] = [:]
        for item in questionnaire.items where item.appliesTo?.contains(firm.size) ?? true {
            answers[item.id] = .option(item.options.max { $0.score < $1.score }!.value)
        }
        let answered = AnsweredDiagnosis(
            base: QuestionnaireAnswers(questionnaire: questionnaire.key, size: firm.size, answers: answers))
        let scored = try answered.score(in: services.diagnosis)
        return try await services.store.diagnoses.submit(
            id: record.id, programmeId: programme.id, answers: answered, scored: scored, expectedVersion: record.version,
            offlineReason: offline, by: actor
        ).get()
    }

    /// Runs `body` against the application on an empty database.
    static func app(
        _ backend: BackendKind = .sqlite, _ body: @Sendable (AppServices, any TestClientProtocol) async throws -> Void
    ) async throws {
        let services = try await TestApp.services(backend, demo: false)
        do {
            let app = try buildApplication(services: services, runTimers: false)
            try await app.test(.router) { client in try await body(services, client) }
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }

    /// The cells of the table row for `unit` (`<tr data-unit="…">`), tags stripped.
    static func cells(_ html: String, unit: String) -> [String] {
        guard let start = html.range(of: "<tr data-unit=\"\(unit)\">"),
            let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let row = String(html[start.upperBound..<end.lowerBound])
        return row.components(separatedBy: "</td>").dropLast().map { cell in
            cell.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static func csv(_ rows: [[String]]) -> Data {
        Data(
            (RosterImport.columns.map(\.title.zh).joined(separator: ",") + "\n"
                + rows.map { $0.joined(separator: ",") }
                .joined(separator: "\n") + "\n").utf8)
    }

    static func upload(
        _ browser: inout TestBrowser, _ client: any TestClientProtocol, _ data: Data, name: String
    ) async throws
        -> TestResponse
    {
        let token = try #require(
            TestBrowser.csrfToken(in: String(buffer: try await browser.get("/diagnosis/roster/import").body)))
        var (headers, body) = multipart(["csrf_token": token], file: (name, data))
        for field in browser.cookieHeader { headers[field.name] = field.value }
        return try await client.execute(uri: "/diagnosis/roster/import", method: .post, headers: headers, body: body)
    }

    // MARK: The formula (pure)

    @Test("Shanghai's formula: (total − city) × the district's share × the phase, each figure rounded half up")
    func formula() {
        let phases = [
            QuotaFormula.Phase(year: 2023, percent: 20), QuotaFormula.Phase(year: 2024, percent: 40),
            QuotaFormula.Phase(year: 2025, percent: 40),
        ]
        let split = QuotaFormula.split(totalFirms: 9500, cityHandled: 1500, phases: phases, roster: ["A": 3, "B": 1])
        #expect(split.quotas["A"] == [2023: 1200, 2024: 2400, 2025: 2400])
        #expect(split.quotas["B"] == [2023: 400, 2024: 800, 2025: 800])
        #expect(split.yearTargets == [2023: 1600, 2024: 3200, 2025: 3200])
        #expect(split.rosterFirms == 4)
        // Three equal districts: 1,600 / 3 = 533.33 each — the rounded sum is 1,599, not hidden.
        let thirds = QuotaFormula.split(totalFirms: 9500, cityHandled: 1500, phases: phases, roster: ["A": 1, "B": 1, "C": 1])
        #expect(thirds.quotas["A"]?[2023] == 533)
        #expect(thirds.yearSums[2023] == 1599)
        #expect(thirds.yearTargets[2023] == 1600)
        // 3,200 / 3 = 1,066.67 → 1,067 (up).
        #expect(thirds.quotas["C"]?[2024] == 1067)
        #expect(QuotaFormula.roundedQuotient(5, 2) == 3)
        #expect(QuotaFormula.roundedQuotient(7, 4) == 2)
        #expect(QuotaFormula.roundedQuotient(5, 4) == 1)
        // An empty roster: zeros, no division by zero.
        #expect(QuotaFormula.split(totalFirms: 9500, cityHandled: 1500, phases: phases, roster: ["A": 0]).quotas["A"]?[2023] == 0)
    }

    @Test("the shipped Shanghai table: its rows add up to 1,540 / 3,060 / 3,430, its totals say 1,500 / 3,000 / 3,500")
    func officialTable() async throws {
        let services = try await TestApp.services(.sqlite, demo: false)
        defer { Task.detached { await services.store.shutdown() } }
        let path = services.configuration.workflowsDirectory + "/programmes/shanghai-diagnosis-2023.yaml"
        let settings = try #require(try ProgrammeFiles.load(path, services).0.diagnosis)
        #expect(settings.officialSums == [2023: 1540, 2024: 3060, 2025: 3430])
        #expect(settings.officialTotals == [2023: 1500, 2024: 3000, 2025: 3500])
    }

    @Test("milestones: met when reached, behind when past due or off the straight-line pace, unmeasured shares said so")
    func milestoneStatus() async throws {
        let services = try await TestApp.services(.sqlite, demo: false)
        defer { Task.detached { await services.store.shutdown() } }
        let path = services.configuration.workflowsDirectory + "/programmes/shanghai-diagnosis-2023.yaml"
        let settings = try #require(try ProgrammeFiles.load(path, services).0.diagnosis)
        func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
            Shanghai.calendar.date(from: DateComponents(year: year, month: month, day: day))!
        }
        let early = CoverageReport.milestones(
            settings.milestones, diagnosed: 1900, firms: 10_000, providers: 25, now: day(2024, 1, 15))
        #expect(early.map(\.status) == [.met, .onTrack, .notMeasured])
        let short = CoverageReport.milestones(
            settings.milestones, diagnosed: 1000, firms: 10_000, providers: 25, now: day(2024, 1, 15))
        #expect(short.first?.status == .behind)
        // Mid-2023, half the way: 1,000 diagnosed is on pace for 1,800, 5 providers is not for 20.
        let slow = CoverageReport.milestones(
            settings.milestones, diagnosed: 1000, firms: 10_000, providers: 5, now: day(2023, 7, 2))
        #expect(slow.first?.status == .behind)
        let steady = CoverageReport.milestones(
            settings.milestones, diagnosed: 1000, firms: 10_000, providers: 12, now: day(2023, 7, 2))
        #expect(steady.first?.status == .onTrack)
    }

    // MARK: Roster import

    @Test("a good roster file is written whole; one bad row gives the row report and writes nothing")
    func rosterImport() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-nanning": "450100"])
            var browser = try await TestBrowser.signedIn(client, as: "t-nanning")
            let good = Self.csv([
                [Self.uscc("450102", 1), "南宁甲公司", "450102", "电子信息", "中型", "是", "", "张工", "0771-1"],
                [Self.uscc("450102", 2), "南宁乙公司", "450102", "equipment", "小型", "是", "", "李工", "0771-2"],
                [Self.uscc("450103", 3), "南宁丙公司", "450103", "电子信息", "大型", "否", Self.uscc("450103", 9), "王工", "0771-3"],
            ])
            let written = try await Self.upload(&browser, client, good, name: "roster.csv")
            #expect(written.status == .ok)
            #expect(String(buffer: written.body).contains("新增 3 家"))
            var all = FirmQuery(programmeId: programme.id)
            all.limit = 100
            #expect(try await services.store.diagnoses.firms(all).total == 3)
            let stored = try #require(
                try await services.store.diagnoses.firm(programmeId: programme.id, uscc: Self.uscc("450103", 3)))
            #expect(stored.industryGroup == "electronics" && stored.size == .large && !stored.aboveScale)
            #expect(stored.groupUSCC == Self.uscc("450103", 9))

            // One good row, one in Liuzhou (outside Nanning), one with a wrong check character and an unknown group.
            let valid = Self.uscc("450102", 5)
            let broken = String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
            let bad = Self.csv([
                [Self.uscc("450102", 4), "南宁丁公司", "450102", "电子信息", "中型", "是", "", "张工", "0771-4"],
                [Self.uscc("450202", 6), "柳州公司", "450202", "电子信息", "中型", "是", "", "张工", "0772-1"],
                [broken, "坏行公司", "450102", "纺织", "巨型", "是", "", "张工", "0771-5"],
            ])
            let refused = try await Self.upload(&browser, client, bad, name: "roster.csv")
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            #expect(html.contains("未写入任何数据"))
            #expect(html.contains("<td class=\"num\">3</td><td>所在区划代码</td>"))
            #expect(html.contains("<td class=\"num\">4</td><td>统一社会信用代码</td>"))
            #expect(html.contains("<td class=\"num\">4</td><td>行业组</td>"))
            #expect(html.contains("<td class=\"num\">4</td><td>企业规模</td>"))
            #expect(try await services.store.diagnoses.firms(all).total == 3)
            #expect(try await services.store.diagnoses.firm(programmeId: programme.id, uscc: Self.uscc("450102", 4)) == nil)
        }
    }

    // MARK: Coverage

    @Test("a county official sees only its county: other units 404, lists cut to its firms")
    func countyReach() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-county": "450102", "t-region": "450000"])
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(programme, "450102", 1, group: "electronics"), Self.firm(programme, "450103", 2, group: "electronics"),
            ])
            var county = try await TestBrowser.signedIn(client, as: "t-county")
            let own = try await county.get("/diagnosis/coverage")
            #expect(own.status == .ok)
            let html = String(buffer: own.body)
            #expect(html.contains("测试企业450102-1"))
            #expect(!html.contains("测试企业450103-2"))
            #expect(html.contains("id=\"total-firms\">1<"))
            for path in [
                "/diagnosis/coverage?unit=450103", "/diagnosis/coverage?unit=450100", "/diagnosis/coverage?unit=450000",
                "/diagnosis/coverage/export.xlsx?unit=450103", "/diagnosis/quotas?unit=450103", "/diagnosis/coverage?unit=nope",
            ] {
                #expect(try await county.get(path).status == .notFound, "\(path)")
            }
            // The region sees both.
            var region = try await TestBrowser.signedIn(client, as: "t-region")
            let whole = String(buffer: try await region.get("/diagnosis/coverage?unit=450100").body)
            #expect(whole.contains("测试企业450102-1") && whole.contains("测试企业450103-2"))
        }
    }

    @Test("city → district → street: each level's rows add up to the level above, and link down")
    func drillDown() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "shanghai-diagnosis-2023.yaml", officials: ["t-city": "310000", "t-pudong": "310115"])
            var firms: [DiagnosisFirm] = []
            for serial in 1...3 { firms.append(Self.firm(programme, "310115101", serial, group: "electronics")) }
            for serial in 4...5 { firms.append(Self.firm(programme, "310115102", serial, group: "automotive")) }
            firms.append(Self.firm(programme, "310115400", 6, group: "energy"))
            for serial in 7...8 { firms.append(Self.firm(programme, "310117101", serial, group: "biomedicine")) }
            _ = try await services.store.diagnoses.importFirms(firms)
            for uscc in [firms[0].uscc, firms[3].uscc, firms[6].uscc] {
                try await Self.diagnose(services, programme, uscc, questionnaire: "shanghai-manufacturing", offline: "every_firm")
            }
            var city = try await TestBrowser.signedIn(client, as: "t-city")
            let top = String(buffer: try await city.get("/diagnosis/coverage").body)
            #expect(top.contains("id=\"total-firms\">8<") && top.contains("id=\"total-diagnosed\">3<"))
            // name, code, firms, diagnosed, filling, not started, coverage, quota, lagging
            let pudong = Self.cells(top, unit: "310115")
            #expect(Array(pudong.prefix(6)) == ["浦东新区", "310115", "6", "2", "0", "4"])
            // The city covers 3 of 8 (37.5%): Pudong (33.33%) lags; Songjiang (50%) lags too, behind the
            // pace of its official quotas (250 + 500 + 600 by the end of 2025, 1 diagnosed).
            #expect(pudong.last == "滞后")
            #expect(Self.cells(top, unit: "310117").last == "滞后")
            #expect(Array(Self.cells(top, unit: "310117").prefix(4)) == ["松江区", "310117", "2", "1"])
            #expect(top.contains("href=\"/diagnosis/coverage?unit=310115\""))
            #expect(top.contains("id=\"milestones\""))

            let district = String(buffer: try await city.get("/diagnosis/coverage?unit=310115").body)
            #expect(district.contains("id=\"total-firms\">6<") && district.contains("id=\"total-diagnosed\">2<"))
            let streets = ["310115101", "310115102", "310115400"].map { Self.cells(district, unit: $0) }
            #expect(streets.map { Int($0[2]) ?? -1 }.reduce(0, +) == 6)
            #expect(streets.map { Int($0[3]) ?? -1 }.reduce(0, +) == 2)
            #expect(Array(streets[0].prefix(4)) == ["川沙新镇（浦东新区）", "310115101", "3", "1"])
            // Pudong covers 2 of 6: 川沙 (1 of 3) and 张江 (1 of 2) keep up and have no quota; 临港 (0 of 1) lags.
            #expect(streets.map { $0.last } == ["", "", "滞后"])
            #expect(district.contains("href=\"/diagnosis/coverage?unit=310115101\""))

            let street = String(buffer: try await city.get("/diagnosis/coverage?unit=310115101").body)
            #expect(street.contains("id=\"total-firms\">3<") && street.contains("id=\"total-diagnosed\">1<"))
            #expect(street.contains(firms[1].name) && !street.contains(firms[0].name + "</a>"))

            // The district official: its own district by default, the city 404.
            var pudongOfficial = try await TestBrowser.signedIn(client, as: "t-pudong")
            #expect(String(buffer: try await pudongOfficial.get("/diagnosis/coverage").body).contains("id=\"total-firms\">6<"))
            #expect(try await pudongOfficial.get("/diagnosis/coverage?unit=310000").status == .notFound)
            #expect(try await pudongOfficial.get("/diagnosis/coverage?unit=310117").status == .notFound)

            let export = try await city.get("/diagnosis/coverage/export.xlsx?unit=310115")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.contains("spreadsheetml") == true)
        }
    }

    // MARK: Quotas

    @Test("a split over the unit's own quota is refused and nothing is written; within it, saved")
    func quotaSplit() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "shanghai-diagnosis-2023.yaml", officials: ["t-city": "310000", "t-pudong": "310115"])
            var city = try await TestBrowser.signedIn(client, as: "t-city")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await city.get("/diagnosis/quotas?year=2023").body)))
            // The city's 2023 total is the official table's stated 1,500.
            let over = try await city.post(
                "/diagnosis/quotas",
                form: ["csrf_token": token, "unit": "310000", "year": "2023", "q_310115": "1000", "q_310117": "600"])
            #expect(over.status == .unprocessableContent)
            #expect(String(buffer: over.body).contains("分解合计 1600 家，超过本单位 2023 年度指标 1500 家"))
            #expect(try await services.store.diagnoses.quotas(programmeId: programme.id).isEmpty)
            let bad = try await city.post(
                "/diagnosis/quotas", form: ["csrf_token": token, "unit": "310000", "year": "2023", "q_310115": "-5"])
            #expect(bad.status == .unprocessableContent)
            let notSub = try await city.post(
                "/diagnosis/quotas", form: ["csrf_token": token, "unit": "310000", "year": "2023", "q_310115101": "5"])
            #expect(notSub.status == .unprocessableContent)

            let saved = try await city.post(
                "/diagnosis/quotas",
                form: ["csrf_token": token, "unit": "310000", "year": "2023", "q_310115": "200", "q_310117": "100"])
            #expect(saved.status == .seeOther)
            let quotas = try await services.store.diagnoses.quotas(programmeId: programme.id)
            #expect(Set(quotas.map { "\($0.divisionCode):\($0.firms)" }) == ["310115:200", "310117:100"])

            // Pudong's own 2023 quota is now the city's split (200): splitting 250 among its towns is refused.
            var pudong = try await TestBrowser.signedIn(client, as: "t-pudong")
            let page = String(buffer: try await pudong.get("/diagnosis/quotas?year=2023").body)
            #expect(page.contains("id=\"own-quota\">200<"))
            let pudongToken = try #require(TestBrowser.csrfToken(in: page))
            let townOver = try await pudong.post(
                "/diagnosis/quotas",
                form: ["csrf_token": pudongToken, "unit": "310115", "year": "2023", "q_310115101": "150", "q_310115102": "100"])
            #expect(townOver.status == .unprocessableContent)
            // Out of reach: the city's split, or another district's.
            let foreign = try await pudong.post(
                "/diagnosis/quotas", form: ["csrf_token": pudongToken, "unit": "310117", "year": "2023", "q_310117101": "1"])
            #expect(foreign.status == .notFound)
            #expect(try await services.store.diagnoses.quotas(programmeId: programme.id).count == 2)
        }
    }

    @Test("Shanghai: the formula on the roster beside the official rows, the sums and the stated totals, the gap shown")
    func shanghaiComparisonPage() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "shanghai-diagnosis-2023.yaml", officials: ["t-city": "310000"])
            // Pudong 2 firms (plus 1 in 临港, listed on its own), Songjiang 1: 4 in all.
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(programme, "310115101", 1, group: "electronics"), Self.firm(programme, "310115102", 2, group: "energy"),
                Self.firm(programme, "310115400", 3, group: "energy"), Self.firm(programme, "310117101", 4, group: "automotive"),
            ])
            var city = try await TestBrowser.signedIn(client, as: "t-city")
            let page = String(buffer: try await city.get("/diagnosis/quotas/shanghai").body)
            // The comparison's own table (the split form above it lists the districts too).
            let start = try #require(page.range(of: "id=\"shanghai-comparison\""))
            let html = String(page[start.lowerBound...])
            // name, code, roster, then per year: formula, official, difference.
            // Pudong: 8000 × 2/4 × 20% = 800 beside 200; 临港: 400 beside 60; Songjiang 400 beside 250.
            #expect(Array(Self.cells(html, unit: "310115").prefix(6)) == ["浦东新区", "310115", "2", "800", "200", "-600"])
            #expect(Array(Self.cells(html, unit: "310115400").prefix(6)) == ["临港新片区管委会", "310115400", "1", "400", "60", "-340"])
            #expect(
                Array(Self.cells(html, unit: "310117").prefix(9)) == [
                    "松江区", "310117", "1", "400", "250", "-150", "800", "500", "-300",
                ])
            // A district with no roster firms: formula 0 beside its official row.
            #expect(Array(Self.cells(html, unit: "310101").prefix(6)) == ["黄浦区", "310101", "0", "0", "5", "+5"])
            #expect(
                html.contains("<td class=\"num\" colspan=\"3\" data-year=\"2023\"><strong class=\"field-error\">1540</strong>"))
            #expect(
                html.contains("<td class=\"num\" colspan=\"3\" data-year=\"2024\"><strong class=\"field-error\">3060</strong>"))
            #expect(
                html.contains("<td class=\"num\" colspan=\"3\" data-year=\"2025\"><strong class=\"field-error\">3430</strong>"))
            #expect(html.contains("<strong class=\"field-error\">1500</strong>"))
            #expect(html.contains("<strong class=\"field-error\">3500</strong>"))
            #expect(html.contains("id=\"official-mismatch\""))
            #expect(html.contains("2023：1540 ≠ 1500"))
            // The formula's own sums: 1,600 / 3,200 / 3,200.
            #expect(
                html.contains(
                    "<tr id=\"formula-sums\"><th colspan=\"3\">公式</th><td class=\"num\" colspan=\"3\" data-year=\"2023\">1600</td>"
                ))
        }
    }

    // MARK: Reminders

    @Test("a reminder to a sub-unit shows on that sub-unit's page for its officials, who mark it read")
    func reminders() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml",
                officials: ["t-nanning": "450100", "t-county": "450102", "t-other": "450103"])
            _ = try await services.store.diagnoses.importFirms([Self.firm(programme, "450102", 1, group: "electronics")])
            var nanning = try await TestBrowser.signedIn(client, as: "t-nanning")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await nanning.get("/diagnosis/coverage").body)))
            let sent = try await nanning.post(
                "/diagnosis/reminders",
                form: ["csrf_token": token, "division": "450102", "message": "请兴宁区加快<诊断>进度", "unit": "450100"])
            #expect(sent.status == .seeOther)
            // Outside Nanning, to itself, empty, too long, a firm not on the roster: refused, nothing written.
            for form in [
                ["division": "450202", "message": "x"], ["division": "450100", "message": "x"],
                ["division": "450102", "message": " "],
                ["division": "450102", "message": String(repeating: "长", count: 501)],
                ["uscc": Self.uscc("450202", 9), "message": "x"],
            ] {
                var fields = form
                fields["csrf_token"] = token
                #expect(try await nanning.post("/diagnosis/reminders", form: fields).status == .unprocessableContent, "\(form)")
            }
            let toFirm = try await nanning.post(
                "/diagnosis/reminders", form: ["csrf_token": token, "uscc": Self.uscc("450102", 1), "message": "请尽快填报"])
            #expect(toFirm.status == .seeOther)
            #expect(
                try await services.store.diagnoses.reminders(
                    programmeId: programme.id, targetKind: .firm, target: Self.uscc("450102", 1)
                )
                .map(\.message) == ["请尽快填报"])

            var county = try await TestBrowser.signedIn(client, as: "t-county")
            let page = String(buffer: try await county.get("/diagnosis/coverage").body)
            #expect(page.contains("请兴宁区加快&lt;诊断&gt;进度"))
            var other = try await TestBrowser.signedIn(client, as: "t-other")
            let otherPage = String(buffer: try await other.get("/diagnosis/coverage").body)
            #expect(!otherPage.contains("请兴宁区加快"))
            // Nanning's own page does not show what it sent down.
            #expect(!String(buffer: try await nanning.get("/diagnosis/coverage").body).contains("请兴宁区加快"))

            let reminder = try #require(
                try await services.store.diagnoses.reminders(programmeId: programme.id, targetKind: .division, target: "450102")
                    .first)
            let otherToken = try #require(TestBrowser.csrfToken(in: otherPage))
            #expect(
                try await other.post("/diagnosis/reminders/\(reminder.id)/read", form: ["csrf_token": otherToken]).status
                    == .notFound)
            let countyToken = try #require(TestBrowser.csrfToken(in: page))
            #expect(
                try await county.post("/diagnosis/reminders/\(reminder.id)/read", form: ["csrf_token": countyToken]).status
                    == .seeOther)
            #expect(
                try await services.store.diagnoses.reminders(programmeId: programme.id, targetKind: .division, target: "450102")
                    .first?.readAt != nil)
        }
    }

    // MARK: On-site assignments

    @Test("an on-site diagnosis goes only to a pool member in good standing, and only within reach")
    func offlineAssignment() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-county": "450102"])
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(programme, "450102", 1, group: "electronics"), Self.firm(programme, "450103", 2, group: "electronics"),
            ])
            let own = try await Self.diagnose(
                services, programme, Self.uscc("450102", 1), questionnaire: "guangxi-manufacturing", offline: "grade_at_least_3")
            let foreign = try await Self.diagnose(
                services, programme, Self.uscc("450103", 2), questionnaire: "guangxi-manufacturing", offline: "grade_at_least_3")
            let member = try await services.store.providers.addProvider(
                programmeId: programme.id, name: "广西诊断咨询有限公司", uscc: try USCC(validating: Self.uscc("450103", 50)),
                categories: ["consulting"])
            let outsider = try await services.store.parties.addOrganisation(
                programmeId: programme.id, kind: "provider", name: "非入库服务商", uscc: try USCC(validating: Self.uscc("450103", 51)),
                subIndustryId: nil, divisionCode: nil)

            var county = try await TestBrowser.signedIn(client, as: "t-county")
            let page = String(buffer: try await county.get("/diagnosis/offline").body)
            #expect(page.contains("data-diagnosis=\"\(own.id)\""))
            #expect(!page.contains("data-diagnosis=\"\(foreign.id)\""))
            #expect(page.contains("广西诊断咨询有限公司") && !page.contains("非入库服务商"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let notMember = try await county.post(
                "/diagnosis/offline/\(own.id)/assign", form: ["csrf_token": token, "provider": outsider.id])
            #expect(notMember.status == .unprocessableContent)
            let outOfReach = try await county.post(
                "/diagnosis/offline/\(foreign.id)/assign", form: ["csrf_token": token, "provider": member.id])
            #expect(outOfReach.status == .notFound)
            #expect(
                try await services.store.diagnoses.offlineCases(programmeId: programme.id, division: nil, statuses: ["assigned"])
                    .isEmpty)

            let assigned = try await county.post(
                "/diagnosis/offline/\(own.id)/assign", form: ["csrf_token": token, "provider": member.id])
            #expect(assigned.status == .seeOther)
            let cases = try await services.store.diagnoses.offlineCases(
                programmeId: programme.id, division: nil, statuses: ["assigned"])
            #expect(cases.map(\.diagnosisId) == [own.id] && cases.first?.providerOrgId == member.id)
            #expect(
                try await services.store.diagnoses.diagnosis(id: own.id, programmeId: programme.id)?.offlineStatus == .assigned)
            // Not twice.
            let again = try await county.post(
                "/diagnosis/offline/\(own.id)/assign", form: ["csrf_token": token, "provider": member.id])
            #expect(again.status == .conflict)
        }
    }

    // MARK: Liaison

    @Test("liaison: unit and firm contacts within reach only, listed beneath the node, exported in both layouts")
    func liaison() async throws {
        try await Self.app { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-nanning": "450100", "t-county": "450103"],
                role: .serviceTeam)
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(programme, "450102", 1, group: "electronics"), Self.firm(programme, "450202", 2, group: "electronics"),
            ])
            var nanning = try await TestBrowser.signedIn(client, as: "t-nanning")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await nanning.get("/diagnosis/liaison").body)))
            let contact = ["csrf_token": token, "role": "联络员", "name": "韦工", "position": "科长", "phone": "0771-1234567"]
            var unit = contact
            unit["division"] = "450102"
            #expect(try await nanning.post("/diagnosis/liaison", form: unit).status == .seeOther)
            var firm = contact
            firm["uscc"] = Self.uscc("450102", 1)
            firm["name"] = "服务员<甲>"
            #expect(try await nanning.post("/diagnosis/liaison", form: firm).status == .seeOther)
            // Out of reach (Liuzhou), a firm of Liuzhou, a bad phone, a missing name: refused, nothing written.
            var refusals: [[String: String]] = []
            var outside = contact
            outside["division"] = "450202"
            refusals.append(outside)
            var foreignFirm = contact
            foreignFirm["uscc"] = Self.uscc("450202", 2)
            refusals.append(foreignFirm)
            var badPhone = unit
            badPhone["phone"] = "call me"
            refusals.append(badPhone)
            var noName = unit
            noName["name"] = ""
            refusals.append(noName)
            for form in refusals {
                #expect(try await nanning.post("/diagnosis/liaison", form: form).status == .unprocessableContent, "\(form)")
            }
            let region = DivisionCode("450000")!
            #expect(
                try await services.store.diagnoses.contacts(programmeId: programme.id, division: region, firms: false).count == 1)
            let firms = try await services.store.diagnoses.contacts(programmeId: programme.id, division: region, firms: true)
            #expect(firms.map(\.uscc) == [Self.uscc("450102", 1)])
            let page = String(buffer: try await nanning.get("/diagnosis/liaison").body)
            #expect(page.contains("服务员&lt;甲&gt;") && page.contains("韦工"))
            for file in ["work-contacts.xlsx", "service-contacts.xlsx"] {
                let export = try await nanning.get("/diagnosis/liaison/export/\(file)")
                #expect(export.status == .ok && export.headers[.contentType]?.contains("spreadsheetml") == true)
            }
            // Another county's team sees none of them, and cannot remove them.
            var other = try await TestBrowser.signedIn(client, as: "t-county")
            let otherPage = String(buffer: try await other.get("/diagnosis/liaison").body)
            #expect(!otherPage.contains("韦工"))
            let otherToken = try #require(TestBrowser.csrfToken(in: otherPage))
            #expect(
                try await other.post("/diagnosis/liaison/\(firms[0].id)/delete", form: ["csrf_token": otherToken]).status
                    == .notFound)
            #expect(
                try await nanning.post("/diagnosis/liaison/\(firms[0].id)/delete", form: ["csrf_token": token]).status
                    == .seeOther)
            #expect(try await services.store.diagnoses.contacts(programmeId: programme.id, division: region, firms: true).isEmpty)
        }
    }

    // MARK: PostgreSQL

    @Test("coverage on PostgreSQL: the same grouped counts and reach")
    func coverageOnPostgres() async throws {
        try await Self.app(.postgres) { services, client in
            let programme = try await Self.campaign(
                services, file: "guangxi-diagnosis-2024.yaml", officials: ["t-nanning": "450100", "t-county": "450102"])
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(programme, "450102", 1, group: "electronics"), Self.firm(programme, "450102", 2, group: "equipment"),
                Self.firm(programme, "450103", 3, group: "electronics"),
            ])
            try await Self.diagnose(
                services, programme, Self.uscc("450102", 1), questionnaire: "guangxi-manufacturing", offline: nil)
            var nanning = try await TestBrowser.signedIn(client, as: "t-nanning")
            let html = String(buffer: try await nanning.get("/diagnosis/coverage").body)
            #expect(html.contains("id=\"total-firms\">3<") && html.contains("id=\"total-diagnosed\">1<"))
            #expect(Array(Self.cells(html, unit: "450102").prefix(4)) == ["兴宁区", "450102", "2", "1"])
            #expect(Array(Self.cells(html, unit: "450103").prefix(4)) == ["青秀区", "450103", "1", "0"])
            var county = try await TestBrowser.signedIn(client, as: "t-county")
            #expect(try await county.get("/diagnosis/coverage?unit=450103").status == .notFound)

            // Shanghai on the same server: the yearly counts, the formula, the split and the providers' count.
            let shanghai = try await Self.campaign(
                services, file: "shanghai-diagnosis-2023.yaml", officials: ["t-city": "310000"])
            _ = try await services.store.diagnoses.importFirms([
                Self.firm(shanghai, "310115101", 1, group: "electronics"), Self.firm(shanghai, "310117101", 2, group: "energy"),
            ])
            try await Self.diagnose(
                services, shanghai, Self.uscc("310115101", 1), questionnaire: "shanghai-manufacturing", offline: "every_firm")
            var city = try await TestBrowser.signedIn(client, as: "t-city")
            let coverage = String(buffer: try await city.get("/diagnosis/coverage").body)
            #expect(coverage.contains("id=\"quota-progress\"") && coverage.contains("id=\"milestones\""))
            let page = String(buffer: try await city.get("/diagnosis/quotas/shanghai").body)
            let start = try #require(page.range(of: "id=\"shanghai-comparison\""))
            #expect(
                Array(Self.cells(String(page[start.lowerBound...]), unit: "310115").prefix(4)) == ["浦东新区", "310115", "1", "800"])
            let token = try #require(TestBrowser.csrfToken(in: page))
            let saved = try await city.post(
                "/diagnosis/quotas", form: ["csrf_token": token, "unit": "310000", "year": "2024", "q_310115": "300"])
            #expect(saved.status == .seeOther)
            #expect(try await services.store.diagnoses.quotas(programmeId: shanghai.id).map(\.firms) == [300])
        }
    }
}
