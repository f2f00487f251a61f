import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// Contracts, project records and application windows (issue #15) through the real routes: the
/// register cut to each person's reach, bad input refused with nothing written, acceptance refused
/// while the invoices, vouchers, investment list and slots do not agree and allowed once they do,
/// only final slot versions queued for the national platform, and plans filed only inside an open
/// window with room.
@Suite("Contracts and project records: scope, the check before acceptance, final-only sync, application windows")
struct ContractsAndRecordsTests {
    static let pdf = Data("%PDF-1.4\n% scan\n%%EOF\n".utf8)

    static func post(
        _ client: any TestClientProtocol, _ browser: TestBrowser, _ path: String, _ fields: [String: String],
        file: (field: String, name: String)? = nil
    ) async throws -> TestResponse {
        try await PromotionCentreTests.post(
            client, browser, path, fields, files: file.map { [(field: $0.field, name: $0.name, data: Self.pdf)] } ?? [])
    }

    static func token(_ browser: inout TestBrowser, _ path: String) async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(path).body)))
    }

    static func count(_ services: AppServices, _ sql: String) async throws -> Int {
        try await services.store.backend.read { database in
            try await database.raw("\(unsafeRaw: sql)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    /// The user name of the enterprise account of a project.
    static func enterpriseUser(_ services: AppServices, _ project: InstanceSnapshot) async throws -> String {
        try #require(
            try await services.store.accounts.users(programmeId: project.programmeId).first {
                $0.organisationId == project.subjectOrganisationId
            }?.username)
    }

    static let acceptance: [String: String] = [
        "summary_report": "系统已上线运行", "results_evidence": "设备联网率 95%", "contract_no": "BH-FW", "invoiced_total": "1",
        "paid_total": "1", "completed_on": "2025-06-30", "self_assessed_level": "3",
    ]

    @Test(
        "the register by reach; 422 writes nothing; acceptance refused with each mismatch, allowed once all agree; finals synced")
    func contractsAndAcceptance() async throws {
        try await WebFixture.app(enterprises: 21) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let project = try #require(
                try await store.instances.instances(programmeId: programme.id, state: "implementation").first)
            let contract = try #require(try await store.records.contracts(instanceId: project.id).first)
            #expect(contract.isEffective, "the demo registers the signed contract before the task book is filed")
            let owner = try await Self.enterpriseUser(services, project)
            var enterprise = try await TestBrowser.signedIn(client, as: owner)

            // The project page and the records page show the check with each mismatch.
            let projectPage = String(buffer: try await enterprise.get("/instances/\(project.id)").body)
            #expect(projectPage.contains("id=\"records\"") && projectPage.contains("id=\"check-problems\""))
            let records = String(buffer: try await enterprise.get("/instances/\(project.id)/records").body)
            #expect(records.contains("发票合计 0.00 元") && records.contains(contract.contractNo))

            // Acceptance is refused, naming the invoices, the vouchers and the missing slots.
            var token = try await Self.token(&enterprise, "/instances/\(project.id)")
            var form = Self.acceptance
            form["csrf_token"] = token
            let refused = try await enterprise.post("/instances/\(project.id)/commands/apply_acceptance", form: form)
            #expect(refused.status == .unprocessableContent)
            let message = String(buffer: refused.body)
            #expect(message.contains("发票合计 0.00 元") && message.contains("付款凭证合计 0.00 元"))
            #expect(message.contains("改造后自评报告 尚无定稿文件"))
            #expect(try await store.instances.instance(project.id)?.state == "implementation")

            // Bad input is 422 and writes nothing: not a number; more than the contract.
            token = try await Self.token(&enterprise, "/contracts/\(contract.id)")
            let payments = "SELECT COUNT(*) AS n FROM contract_payments"
            let before = try await Self.count(services, payments)
            for amount in ["一万", "-5", (contract.amount + Fen(1)).yuanText.replacingOccurrences(of: ",", with: "")] {
                let bad = try await Self.post(
                    client, enterprise, "/contracts/\(contract.id)/payments",
                    [
                        "csrf_token": token, "kind": "invoice", "number": "X-\(amount)", "issued_on": "2025-06-01",
                        "amount": amount,
                    ],
                    file: ("scan", "发票.pdf"))
                #expect(bad.status == .unprocessableContent, "\(amount)")
            }
            let badDates = try await Self.post(
                client, enterprise, "/contracts",
                [
                    "csrf_token": token, "instance": project.id, "contract_no": "BH-BAD-1", "amount": "1000",
                    "provider_uscc": USCC.withCheckCharacter("91120116MA05HY001")!, "signed_on": "2025-02-30",
                    "starts_on": "2025-09-01", "ends_on": "2025-01-01", "scope": "x",
                ])
            #expect(badDates.status == .unprocessableContent)
            #expect(try await Self.count(services, payments) == before)
            #expect(
                try await Self.count(services, "SELECT COUNT(*) AS n FROM project_contracts WHERE contract_no = 'BH-BAD-1'") == 0)

            // The invoices and vouchers, each adding up to the contract.
            for kind in ["invoice", "voucher"] {
                let recorded = try await Self.post(
                    client, enterprise, "/contracts/\(contract.id)/payments",
                    [
                        "csrf_token": token, "kind": kind, "number": "\(kind)-1", "issued_on": "2025-06-01",
                        "amount": contract.amount.yuanText.replacingOccurrences(of: ",", with: ""),
                    ], file: ("scan", "票据.pdf"))
                #expect(recorded.status == .seeOther, "\(kind)")
            }
            // The acceptance slots: a draft is not synced; marked final, it is.
            for slot in RecordSlot.required(for: "apply_acceptance") {
                let uploaded = try await Self.post(
                    client, enterprise, "/instances/\(project.id)/slots/\(slot.id)", ["csrf_token": token],
                    file: ("file", "\(slot.id).pdf"))
                #expect(uploaded.status == .seeOther)
                let draft = try #require(
                    try await store.records.slotDocuments(instanceId: project.id).last {
                        $0.slot == slot.id && $0.status == .draft
                    })
                let synced = try await store.outbox.outboxEvents(instanceId: project.id).filter {
                    $0.type == "record_filed" && $0.payload["slot"] == .string(slot.id)
                }
                #expect(synced.isEmpty, "a draft is never sent")
                let final = try await enterprise.post(
                    "/instances/\(project.id)/slots/\(slot.id)/\(draft.id)/final", form: ["csrf_token": token])
                #expect(final.status == .seeOther)
                let sent = try await store.outbox.outboxEvents(instanceId: project.id).filter {
                    $0.type == "record_filed" && $0.payload["slot"] == .string(slot.id)
                }
                #expect(sent.count == 1 && sent.first?.payload["version"] == .int(Int64(draft.version)))
            }
            let passes = String(buffer: try await enterprise.get("/instances/\(project.id)/records").body)
            #expect(passes.contains("id=\"check-passes\""))
            token = try await Self.token(&enterprise, "/instances/\(project.id)")
            form["csrf_token"] = token
            let applied = try await enterprise.post("/instances/\(project.id)/commands/apply_acceptance", form: form)
            #expect(applied.status == .seeOther)
            #expect(try await store.instances.instance(project.id)?.state == "acceptance_review")

            // Reach: the demo provider reads its contract; another enterprise and another sub-industry's
            // contractor get 404.
            var provider = try await TestBrowser.signedIn(client, as: "provider")
            #expect(try await provider.get("/contracts/\(contract.id)").status == .ok)
            let other = try #require(
                try await store.accounts.users(programmeId: programme.id).first {
                    $0.username.hasPrefix("ent") && $0.organisationId != project.subjectOrganisationId
                })
            var stranger = try await TestBrowser.signedIn(client, as: other.username)
            #expect(try await stranger.get("/contracts/\(contract.id)").status == .notFound)
            #expect(try await stranger.get("/instances/\(project.id)/records").status == .notFound)
            let strangerList = String(buffer: try await stranger.get("/contracts").body)
            #expect(!strangerList.contains(contract.contractNo))
            for name in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
                let account = try #require(try await store.accounts.user(username: name))
                var browser = try await TestBrowser.signedIn(client, as: name)
                let own = account.grants.contains { $0.scope == .subIndustry(project.subIndustryId ?? "") }
                #expect(try await browser.get("/contracts/\(contract.id)").status == (own ? .ok : .notFound), "\(name)")
            }

            // A second provider of the pool reads only the contract naming it.
            let second = try await store.providers.addProvider(
                programmeId: programme.id, name: "天津第二数字科技有限公司",
                uscc: try USCC(validating: USCC.withCheckCharacter("91120116MA0RC0002")!), categories: ["solutions"])
            _ = try await store.accounts.createUser(
                programmeId: programme.id, username: "provider-second", displayName: "第二服务商",
                passwordHash: try await services.passwords.hash(TestApp.password), organisationId: second.id,
                grants: [RoleGrant(role: .digitalProvider, scope: .organisation(second.id))])
            let publicity = try await store.instances.instances(programmeId: programme.id, state: "publicity")
            let approved = try await store.instances.instances(programmeId: programme.id, state: "approved")
            let planned = try #require((publicity + approved).first)
            var plannedOwner = try await TestBrowser.signedIn(client, as: try await Self.enterpriseUser(services, planned))
            let plannedToken = try await Self.token(&plannedOwner, "/instances/\(planned.id)/records")
            let registered = try await Self.post(
                client, plannedOwner, "/contracts",
                [
                    "csrf_token": plannedToken, "instance": planned.id, "contract_no": "BH-SECOND-1", "amount": "120000",
                    "provider_uscc": second.uscc ?? "", "signed_on": "2025-05-01", "starts_on": "2025-05-01",
                    "ends_on": "2025-12-31", "scope": "数据采集", "plan_line_1": "on",
                ], file: ("scan", "合同.pdf"))
            #expect(registered.status == .seeOther)
            let secondContract = try #require(
                try await store.records.contracts(instanceId: planned.id).first { $0.contractNo == "BH-SECOND-1" })
            #expect(secondContract.isEffective && secondContract.planLines.count == 1)
            var secondBrowser = try await TestBrowser.signedIn(client, as: "provider-second")
            let secondList = String(buffer: try await secondBrowser.get("/contracts").body)
            #expect(secondList.contains("BH-SECOND-1") && !secondList.contains(contract.contractNo))
            #expect(try await secondBrowser.get("/contracts/\(contract.id)").status == .notFound)
            #expect(try await provider.get("/contracts/\(secondContract.id)").status == .notFound)
            // The same number twice is refused.
            let again = try await Self.post(
                client, plannedOwner, "/contracts",
                [
                    "csrf_token": plannedToken, "instance": planned.id, "contract_no": "BH-SECOND-1", "amount": "1",
                    "provider_uscc": second.uscc ?? "", "signed_on": "2025-05-01", "starts_on": "2025-05-01",
                    "ends_on": "2025-12-31", "scope": "x",
                ])
            #expect(again.status == .unprocessableContent)
            // Oversight reads all, with the XLSX.
            var district = try await TestBrowser.signedIn(client, as: "district")
            let all = String(buffer: try await district.get("/contracts?number=BH-SECOND").body)
            #expect(all.contains("BH-SECOND-1") && !all.contains(contract.contractNo))
            let sheet = try await district.get("/contracts/export.xlsx")
            #expect(sheet.status == .ok && sheet.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(try await district.get("/contracts?page=0").status == .badRequest)
        }
    }

    @Test("a plan filed outside every open window is refused naming it; a window's cap holds; counts per window")
    func windows() async throws {
        let clock = ManualClock(Date())
        let services = try await TestApp.services(.sqlite, enterprises: 12, clock: clock)
        do {
            let app = try buildApplication(services: services, runTimers: false)
            try await app.test(.router) { client in
                let store = services.store
                let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
                let windows = try await store.records.windows(programmeId: programme.id)
                #expect(
                    windows.count == 2 && windows.reduce(0) { $0 + $1.filed } > 0, "the demo's plans went into its open window")
                // 200 days on: past the demo's open window, none planned.
                clock.advance(by: 200 * 86_400)
                let diagnosed = try await store.instances.instances(programmeId: programme.id, state: "diagnosed")
                let project = try #require(diagnosed.first)
                let second = try #require(diagnosed.first { $0.id != project.id })
                func contractor(_ instance: InstanceSnapshot) async throws -> String {
                    for name in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
                        let account = try await store.accounts.user(username: name)
                        if account?.grants.contains(where: { $0.scope == .subIndustry(instance.subIndustryId ?? "") }) == true {
                            return name
                        }
                    }
                    throw FixtureError("no contractor for \(instance.id)")
                }
                func file(_ instance: InstanceSnapshot) async throws -> TestResponse {
                    var filer = try await TestBrowser.signedIn(client, as: try await contractor(instance))
                    var form = WebFixture.plan
                    form["csrf_token"] = try await Self.token(&filer, "/instances/\(instance.id)")
                    return try await filer.post("/instances/\(instance.id)/commands/file_plan", form: form)
                }
                let filings = "SELECT COUNT(*) AS n FROM fund_window_filings"
                let filed = try await Self.count(services, filings)
                let refused = try await file(project)
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains("不在任何开放的申报批次内"))
                #expect(try await store.instances.instance(project.id)?.state == "diagnosed")
                #expect(try await Self.count(services, filings) == filed)

                // The bureau opens a window around today with room for one plan; bad dates are 422.
                var district = try await TestBrowser.signedIn(client, as: "district")
                let token = try await Self.token(&district, "/funds/windows")
                let today = Shanghai.dateText(clock.now())
                let later = Shanghai.dateText(clock.now().addingTimeInterval(30 * 86_400))
                let backwards = try await district.post(
                    "/funds/windows", form: ["csrf_token": token, "name": "第三批", "opens_on": later, "closes_on": today])
                #expect(backwards.status == .unprocessableContent)
                #expect(try await store.records.windows(programmeId: programme.id).count == 2)
                let opened = try await district.post(
                    "/funds/windows",
                    form: ["csrf_token": token, "name": "第三批", "opens_on": today, "closes_on": later, "plan_cap": "1"])
                #expect(opened.status == .seeOther)
                #expect(try await file(project).status == .seeOther)
                let window = try #require(try await store.records.windows(programmeId: programme.id).first { $0.name == "第三批" })
                #expect(window.filed == 1)
                #expect(try await store.records.filedWindowId(instanceId: project.id) == window.id)
                let full = try await file(second)
                #expect(full.status == .unprocessableContent)
                #expect(String(buffer: full.body).contains("已达 1 个方案的上限"))
                let page = String(buffer: try await district.get("/funds/windows").body)
                #expect(page.contains("第三批") && page.contains("1 / 1"))
            }
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }
}
