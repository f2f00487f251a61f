import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// Mobilisation (policy 004 §四(七), issue #15): the zones' above-scale firms not yet taking part, the
/// rate per zone against the 90% goal, a firm leaving the list once it registers a project, and a task
/// force reaching only its zone.
@Suite("Mobilisation: the roster, the rate per zone, a firm that registers leaves the list, a task force's zone")
struct MobilisationTests {
    static func row(_ enterprise: String, state: String, approved: Bool) -> ProjectFactRow {
        ProjectFactRow(
            instanceId: "ins_\(enterprise)", state: state, stateEnteredAt: Date(), createdAt: Date(), enterpriseId: enterprise,
            subIndustryId: "s", divisionCode: "120116400", facts: ProjectFacts(approvedSubsidy: approved ? 100_000 : nil))
    }

    @Test("the rate per zone and for the whole programme (known answer); registered firms leave the list")
    func ratesKnownAnswer() {
        let firms = (1...10).map { index in
            MobilisationFirm(
                uscc: "U\(index)", name: "F\(index)", subIndustryId: "s", divisionCode: index <= 4 ? "120116400" : "120116401",
                size: "中型")
        }
        // TEDA (1–4): 1 and 2 take part, 3 registered only, 4 nothing. FTZ (5–10): 5 takes part, 6 withdrew.
        let organisations = ["U1": "o1", "U2": "o2", "U3": "o3", "U5": "o5", "U6": "o6"]
        let projects = [
            Self.row("o1", state: "implementing", approved: true), Self.row("o2", state: "accepted", approved: true),
            Self.row("o3", state: "diagnosing", approved: false), Self.row("o5", state: "implementing", approved: true),
            Self.row("o6", state: "withdrawn", approved: true),
        ]
        let status = MobilisationStatus(firms: firms, organisations: organisations, projects: projects)
        let rates = status.rates(firms) { $0 }
        #expect(rates.map(\.zone) == ["120116400", "120116401", ""])
        #expect(rates.map(\.roster) == [4, 6, 10])
        #expect(rates.map(\.registered) == [3, 1, 4])
        #expect(rates.map(\.participating) == [2, 1, 3])
        #expect(rates.map(\.percent) == [50, 16, 30])
        #expect(!rates[0].meets(90) && MobilisationStatus.Rate(zone: "", roster: 10, registered: 9, participating: 9).meets(90))
        #expect(status.toMobilise(firms).map(\.uscc) == ["U4", "U6", "U7", "U8", "U9", "U10"])
    }

    @Test("the task force sees its zone only (another zone's firm is 404); a firm that registers a project leaves its list")
    func taskForceAndRegistration() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let sub = try #require(try await store.programmes.subIndustries(programmeId: programme.id).first)
            let teda = try #require(USCC.withCheckCharacter("91120116MA09TF001"))
            let ftz = try #require(USCC.withCheckCharacter("91120116MA09TF002"))
            _ = try await store.mobilisation.importFirms(
                programmeId: programme.id,
                [
                    MobilisationFirm(
                        uscc: teda, name: "天津泰达测试<i>精工</i>有限公司", subIndustryId: sub.id, divisionCode: "120116400", size: "中型"),
                    MobilisationFirm(
                        uscc: ftz, name: "天津保税测试装备有限公司", subIndustryId: sub.id, divisionCode: "120116401", size: "小型"),
                ], by: ChangeActor(userId: "t", name: "测试"))
            var taskforce = try await TestBrowser.signedIn(client, as: "taskforce")
            let page = String(buffer: try await taskforce.get("/mobilisation").body)
            #expect(page.contains(teda) && !page.contains(ftz))
            #expect(page.contains("天津泰达测试&lt;i&gt;精工&lt;/i&gt;有限公司"))
            #expect(
                page.contains("data-zone=\"120116400\"") && !page.contains("data-zone=\"120116401\"")
                    && !page.contains("data-zone=\"city\""))
            #expect(try await taskforce.get("/mobilisation/firms/\(ftz)").status == .notFound)
            let firmPage = String(buffer: try await taskforce.get("/mobilisation/firms/\(teda)").body)
            let token = try #require(TestBrowser.csrfToken(in: firmPage))
            let noReason = try await taskforce.post(
                "/mobilisation/firms/\(teda)/visits",
                form: ["csrf_token": token, "visited_on": "2026-11-02", "visitor": "钱进", "contact": "王经理", "outcome": "declined"])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await store.mobilisation.visits(programmeId: programme.id)[teda] == nil)
            let visited = try await taskforce.post(
                "/mobilisation/firms/\(teda)/visits",
                form: [
                    "csrf_token": token, "visited_on": "2026-11-02", "visitor": "钱进", "contact": "王经理", "outcome": "follow_up",
                    "follow_up_on": "2026-12-20",
                ])
            #expect(visited.status == .ok)
            #expect(try await store.mobilisation.visits(programmeId: programme.id)[teda]?.first?.followUpOn == "2026-12-20")
            let forbiddenVisit = try await taskforce.post(
                "/mobilisation/firms/\(ftz)/visits",
                form: ["csrf_token": token, "visited_on": "2026-11-02", "visitor": "钱进", "contact": "王", "outcome": "interested"])
            #expect(forbiddenVisit.status == .notFound)

            // The district sees both zones and the city's row.
            var district = try await TestBrowser.signedIn(client, as: "district")
            let all = String(buffer: try await district.get("/mobilisation").body)
            #expect(all.contains(teda) && all.contains(ftz) && all.contains("data-zone=\"city\""))

            // The TEDA firm registers a project under its credit code: it leaves the list by itself.
            let enterprise = try await store.parties.addEnterprise(
                programmeId: programme.id, name: "天津泰达测试精工有限公司", uscc: try USCC(validating: teda), subIndustryId: sub.id,
                divisionCode: "120116400", profile: [:])
            _ = try await services.workflows.start(
                definitionId: "enterprise-project", programmeId: programme.id, subjectOrganisationId: enterprise.id,
                subIndustryId: sub.id, divisionCode: "120116400",
                data: ["enterprise_name": .string(enterprise.name), "uscc": .string(teda), "baseline_level": .int(1)],
                event: "enterprise_registered", actor: try #require(try await store.accounts.user(username: "district")).actor)
            let after = String(buffer: try await taskforce.get("/mobilisation").body)
            #expect(!after.contains("data-firm=\"\(teda)\""))
            let overview = try await MobilisationService(services: services).overview(
                programmeId: programme.id, divisions: [DivisionCode("120116400")!])
            #expect(overview.status.state(teda) == .registered)
            #expect(try await taskforce.get("/mobilisation/export.xlsx").status == .ok)
        }
    }

    @Test("a roster file with bad rows is refused with a row report and writes nothing; the task force imports only its zone")
    func rosterImport() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let before = try await store.mobilisation.firms(programmeId: programme.id, divisions: nil).count
            var taskforce = try await TestBrowser.signedIn(client, as: "taskforce")
            let token = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await taskforce.get("/mobilisation/import").body)))
            let good = try #require(USCC.withCheckCharacter("91120116MA09TF010"))
            let rows: [[String]] = [
                ["统一社会信用代码", "企业名称", "细分行业", "所在区划代码", "企业规模"],
                [good, "天津泰达导入测试有限公司", "SMCE", "120116400", "中型"],
                ["91120116MA09TF01X", "坏代码公司", "SMCE", "120116400", "中型"],
                [try #require(USCC.withCheckCharacter("91120116MA09TF011")), "保税区公司", "SMCE", "120116401", "小型"],
                [try #require(USCC.withCheckCharacter("91120116MA09TF012")), "大型公司", "不存在", "120116400", "大型"],
            ]
            let data = try XLSXWriter.data(Workbook(sheets: [Sheet(name: "名单", rows: rows.map { $0.map { Cell.text($0) } })]))
            var (headers, body) = multipart(["csrf_token": token], file: ("roster.xlsx", data))
            for field in taskforce.cookieHeader { headers[field.name] = field.value }
            let refused = try await client.execute(uri: "/mobilisation/import", method: .post, headers: headers, body: body)
            #expect(refused.status == .unprocessableContent)
            let report = String(buffer: refused.body)
            #expect(report.contains("统一社会信用代码无效") && report.contains("区划 120116401 不在您的辖区内"))
            #expect(report.contains("不是本试点的细分行业") && report.contains("大型企业不属于中小企业"))
            #expect(try await store.mobilisation.firms(programmeId: programme.id, divisions: nil).count == before)
            let fine = try XLSXWriter.data(
                Workbook(sheets: [Sheet(name: "名单", rows: Array(rows.prefix(2)).map { $0.map { Cell.text($0) } })]))
            var (okHeaders, okBody) = multipart(["csrf_token": token], file: ("roster.xlsx", fine))
            for field in taskforce.cookieHeader { okHeaders[field.name] = field.value }
            let accepted = try await client.execute(uri: "/mobilisation/import", method: .post, headers: okHeaders, body: okBody)
            #expect(accepted.status == .ok)
            #expect(try await store.mobilisation.firm(programmeId: programme.id, uscc: good)?.divisionCode == "120116400")
        }
    }
}
