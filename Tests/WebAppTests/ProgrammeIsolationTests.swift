import Foundation
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// One deployment, two city pilots (issue #12): Binhai from its shipped file and Dongli (another
/// district, other sub-industries and funds) from a file written here. Nothing of one programme
/// shows in any page, API call, export or count of the other; grants at city, district and street
/// level see exactly their subtree; a person with grants in both switches in the header.
@Suite("Programmes are isolated; grants cover their subtree; the header switches programme")
struct ProgrammeIsolationTests {
    static let dongliFile = """
        code: DONGLI-2025
        kind: city_pilot
        name: {zh: 东丽区中小企业数字化转型城市试点, en: Dongli SME digital-transformation city pilot}
        division: "120110"
        workflows: [enterprise-project]
        sub_industries:
          - {code: AUTO, zh: 汽车零部件制造业, en: Automotive parts}
          - {code: NEWM, zh: 新材料制造业, en: New materials}
        funding_sources:
          - {id: central, kind: central, zh: 中央财政奖补资金, en: Central award, committed_yuan: 100000000}
          - {id: district, kind: district_street, zh: 东丽区级资金, en: Dongli district fund, committed_yuan: 100000000}
          - {id: dongli_zone, kind: zone, division: "120110400", zh: 东丽经开区资金, en: Dongli zone fund, committed_yuan: 5000000}
        targets:
          deadline: "2026-12-31"
          goals: {level3: 10, level4: 3}
        rules:
          publicity_days: 5
          subsidy_cap_level_3_yuan: 500000
        """
    static let dongliFirm = "天津东丽样本新材料有限公司"

    struct Dongli {
        var programme: Programme
        var project: InstanceSnapshot
    }

    /// Dongli created from its file, with an administrator, a district official, and one enterprise's
    /// project in 张贵庄街道.
    static func dongli(_ services: AppServices) async throws -> Dongli {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dongli-\(UUID().uuidString).yaml").path
        try dongliFile.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (definition, source) = try ProgrammeFiles.load(path, services)
        let store = services.store
        let programme = try await store.programmes.createProgramme(from: definition, source: source, by: "setup")
        let hash = try await services.passwords.hash(TestApp.password)
        let bureau = try await store.parties.addOrganisation(
            programmeId: programme.id, kind: "bureau", name: "天津市东丽区工业和信息化局", uscc: nil, subIndustryId: nil,
            divisionCode: "120110")
        _ = try await store.accounts.createUser(
            programmeId: programme.id, username: "dl_admin", displayName: "东丽管理员", passwordHash: hash,
            organisationId: bureau.id, grants: [RoleGrant(role: .admin, scope: .programme(programme.id))])
        let district = try await store.accounts.createUser(
            programmeId: programme.id, username: "dl_district", displayName: "东丽区工信局", passwordHash: hash,
            organisationId: bureau.id, grants: [RoleGrant(role: .districtOfficial, scope: .programme(programme.id))])
        let newMaterials = try #require(
            try await store.programmes.subIndustries(programmeId: programme.id).first { $0.code == "NEWM" })
        let uscc = try USCC(validating: USCC.withCheckCharacter("91120110MA0DL0001")!)
        let firm = try await store.parties.addOrganisation(
            programmeId: programme.id, kind: "enterprise", name: dongliFirm, uscc: uscc, subIndustryId: newMaterials.id,
            divisionCode: "120110001")
        let project = try await services.workflows.start(
            definitionId: "enterprise-project", programmeId: programme.id, subjectOrganisationId: firm.id,
            subIndustryId: newMaterials.id, divisionCode: "120110001",
            data: ["enterprise_name": .string(dongliFirm), "uscc": .string(uscc.value), "baseline_level": .int(1)],
            event: "enterprise_registered", actor: district.actor)
        return Dongli(programme: programme, project: project)
    }

    func token(_ services: AppServices, _ username: String) async throws -> String {
        let user = try #require(try await services.store.accounts.user(username: username))
        return try await services.store.sessions.createApiToken(userId: user.id, label: "test")
    }

    func api(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
        return (response.status, String(buffer: response.body))
    }

    @Test("every page, API call, export and count of one programme shows nothing of the other")
    func isolation() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let dongli = try await Self.dongli(services)
        let binhai = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        #expect(dongli.programme.definition?.fundingSources.map(\.id) == ["central", "district", "dongli_zone"])
        let binhaiFirms = try await store.parties.organisations(programmeId: binhai.id, kind: "enterprise").map(\.name)
        let binhaiProject = try #require(try await store.instances.instances(programmeId: binhai.id).first)
        #expect(binhaiFirms.count == 12)
        @Sendable func nothingOfBinhai(_ text: String, _ what: String) {
            for name in binhaiFirms { #expect(!text.contains(name), "\(what) shows \(name)") }
            #expect(!text.contains("智能测控装备制造业"), "\(what) shows a Binhai sub-industry")
            #expect(!text.contains(binhaiProject.id), "\(what) shows a Binhai project id")
        }
        @Sendable func nothingOfDongli(_ text: String, _ what: String) {
            #expect(!text.contains(Self.dongliFirm), "\(what) shows the Dongli firm")
            #expect(!text.contains("新材料制造业"), "\(what) shows a Dongli sub-industry")
            #expect(!text.contains(dongli.project.id), "\(what) shows the Dongli project id")
        }

        // A Tianjin city official of the Binhai pilot: 天津市 covers Dongli's streets too, but not
        // Dongli's programme.
        _ = try await store.accounts.createUser(
            programmeId: binhai.id, username: "tj_city", displayName: "天津市工信局",
            passwordHash: try await services.passwords.hash(TestApp.password),
            organisationId: nil, grants: [RoleGrant(role: .districtOfficial, scope: .division("120000"))])
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let cityToken = try await token(services, "tj_city")
            let (_, cityList) = try await api(client, "/api/v1/projects?limit=200", cityToken)
            #expect(cityList.contains(binhaiProject.id))
            nothingOfDongli(cityList, "a Binhai grant at 天津市")
            #expect(try await api(client, "/api/v1/projects/\(dongli.project.id)", cityToken).0 == .notFound)
            var city = TestBrowser(client)
            try await city.signIn("tj_city")
            nothingOfDongli(String(buffer: try await city.get("/tasks").body), "tasks of a Binhai grant at 天津市")
            #expect(try await city.get("/instances/\(dongli.project.id)").status == .notFound)

            var official = TestBrowser(client)
            try await official.signIn("dl_district")
            let projects = String(buffer: try await official.get("/projects").body)
            #expect(projects.contains(Self.dongliFirm))
            nothingOfBinhai(projects, "Dongli's project list")
            for page in ["/tasks", "/dashboard", "/finance", "/contractors", "/providers", "/programme/rules"] {
                let response = try await official.get(page)
                #expect(response.status == .ok, "\(page)")
                nothingOfBinhai(String(buffer: response.body), page)
            }
            let finance = String(buffer: try await official.get("/finance").body)
            #expect(finance.contains("东丽区级资金") && !finance.contains("天津经济技术开发区资金"))
            let dashboard = String(buffer: try await official.get("/dashboard").body)
            #expect(dashboard.contains("新材料制造业"))
            for export in [
                "/dashboard/export/risks.csv", "/dashboard/export/sub_industries.csv", "/dashboard/export/zones.csv",
                "/finance/export/tranches.csv", "/finance/export/ledger.csv", "/finance/export/balances.csv",
            ] {
                nothingOfBinhai(String(buffer: try await official.get(export).body), export)
            }
            #expect(try await official.get("/instances/\(binhaiProject.id)").status == .notFound)
            var admin = TestBrowser(client)
            try await admin.signIn("dl_admin")
            let accounts = String(buffer: try await admin.get("/admin/users").body)
            #expect(accounts.contains("dl_district") && !accounts.contains("contractor2") && !accounts.contains("ent01"))

            let dongliToken = try await token(services, "dl_district")
            let (status, list) = try await api(client, "/api/v1/projects?limit=200", dongliToken)
            #expect(status == .ok && list.contains(dongli.project.id))
            nothingOfBinhai(list, "GET /api/v1/projects (Dongli)")
            let (_, board) = try await api(client, "/api/v1/dashboard", dongliToken)
            nothingOfBinhai(board, "GET /api/v1/dashboard (Dongli)")
            #expect(try await api(client, "/api/v1/projects/\(binhaiProject.id)", dongliToken).0 == .notFound)

            // And the other way round: Binhai sees nothing of Dongli, and its counts are its own.
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            for page in ["/projects", "/tasks", "/dashboard", "/finance", "/projects?zone=120110001"] {
                nothingOfDongli(String(buffer: try await leader.get(page).body), page)
            }
            #expect(try await leader.get("/instances/\(dongli.project.id)").status == .notFound)
            let leaderToken = try await token(services, "leader")
            let (_, binhaiList) = try await api(client, "/api/v1/projects?limit=200", leaderToken)
            nothingOfDongli(binhaiList, "GET /api/v1/projects (Binhai)")
            let (_, binhaiBoard) = try await api(client, "/api/v1/dashboard", leaderToken)
            nothingOfDongli(binhaiBoard, "GET /api/v1/dashboard (Binhai)")
            let funnel = try #require(
                (try JSONSerialization.jsonObject(with: Data(binhaiBoard.utf8)) as? [String: Any])?["funnel"] as? [[String: Any]])
            #expect(funnel.compactMap { $0["count"] as? Int }.reduce(0, +) == 12, "Binhai's funnel counts its 12 projects only")
        }
    }

    @Test("a district official held at the city, the district or one zone sees exactly that subtree")
    func subtreeGrants() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let binhai = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let all = try await store.instances.instances(programmeId: binhai.id)
        let hash = try await services.passwords.hash(TestApp.password)
        // Who is beneath whom, written out by hand: 天津市 (12…), 滨海新区 (120116…), TEDA alone.
        let beneath: [String: @Sendable (String) -> Bool] = [
            "120000": { $0.hasPrefix("12") }, "120116": { $0.hasPrefix("120116") },
            "120116400": { $0 == "120116400" }, "120116001": { $0 == "120116001" },
        ]
        let nodes = beneath.keys.sorted().map { code in (code, all.filter { beneath[code]!($0.divisionCode ?? "") }.map(\.id)) }
        for (index, node) in nodes.enumerated() {
            _ = try await store.accounts.createUser(
                programmeId: binhai.id, username: "node\(index)", displayName: "区划\(node.0)", passwordHash: hash,
                organisationId: nil, grants: [RoleGrant(role: .districtOfficial, scope: .division(node.0))])
        }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            for (index, node) in nodes.enumerated() {
                let token = try await token(services, "node\(index)")
                let (status, body) = try await api(client, "/api/v1/projects?limit=200", token)
                #expect(status == .ok)
                let expected = Set(node.1)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let listed = Set(((object["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
                #expect(listed == expected, "grant at \(node.0)")
                #expect((object["total"] as? Int) == expected.count, "grant at \(node.0)")
                if let outside = all.first(where: { !expected.contains($0.id) }) {
                    #expect(
                        try await api(client, "/api/v1/projects/\(outside.id)", token).0 == .notFound, "\(node.0) reads outside")
                }
            }
            // A node covering the programme's whole division (天津市, 滨海新区) is programme-wide for the
            // oversight pages; a zone's or a street's is not.
            for (index, node) in nodes.enumerated() {
                var browser = TestBrowser(client)
                try await browser.signIn("node\(index)")
                let wide = ["120000", "120116"].contains(node.0)
                #expect(try await browser.get("/dashboard").status == (wide ? .ok : .forbidden), "dashboard for \(node.0)")
            }
            // The TEDA node sees some but not all, the street none of the demo's zone projects.
            #expect(all.contains { $0.divisionCode == "120116400" } && all.contains { $0.divisionCode != "120116400" })
        }
    }

    @Test("a person with grants in two programmes switches in the header; a programme they hold nothing in is refused")
    func programmeSwitch() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let dongli = try await Self.dongli(services)
        let binhai = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let person = try #require(try await store.accounts.user(username: "dl_district"))
        try await store.accounts.addGrant(
            userId: person.id, RoleGrant(role: .leadership, scope: .programme(binhai.id)), programmeId: binhai.id)
        let binhaiFirm = try #require(try await store.parties.organisations(programmeId: binhai.id, kind: "enterprise").first)
            .name
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("dl_district")
            let home = String(buffer: try await browser.get("/projects").body)
            #expect(home.contains("id=\"programme-choice\""))
            #expect(home.contains(Self.dongliFirm) && !home.contains(binhaiFirm))
            #expect(try await browser.get("/dashboard").status == .ok)  // district official of Dongli
            let token = try #require(TestBrowser.csrfToken(in: home))

            let refused = try await browser.post("/programme", form: ["csrf_token": token, "programme": "NOPE-1"])
            #expect(refused.status == .badRequest)
            #expect(String(buffer: try await browser.get("/projects").body).contains(Self.dongliFirm))
            #expect(try await browser.post("/programme", form: ["programme": "BINHAI-2024"]).status == .forbidden)

            let switched = try await browser.post("/programme", form: ["csrf_token": token, "programme": "BINHAI-2024"])
            #expect(switched.status == .seeOther)
            let there = String(buffer: try await browser.get("/projects").body)
            #expect(there.contains(binhaiFirm) && !there.contains(Self.dongliFirm))
            #expect(try await browser.get("/instances/\(dongli.project.id)").status == .notFound)
            // Leadership in Binhai: the dashboard; its grants of Dongli (district official) are not held here.
            #expect(try await browser.get("/dashboard").status == .ok)
            #expect(try await browser.get("/admin/users").status == .forbidden)

            // The Binhai grant is taken away: the session falls back to the home programme, whose
            // switch still works, instead of a programme where the person holds nothing.
            try await store.accounts.removeGrants(userId: person.id, programmeId: binhai.id)
            let back = String(buffer: try await browser.get("/projects").body)
            #expect(back.contains(Self.dongliFirm) && !back.contains(binhaiFirm))
        }
    }
}
