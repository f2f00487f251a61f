import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import OfficeFormats
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// The finance workspace and the funds store: four eyes, scope, amounts, exports, and each
/// tranche paid exactly once under concurrent approvals on PostgreSQL.
@Suite("Funds: releases with four eyes, matching, exports, concurrency")
struct FinanceTests {
    func due(_ services: AppServices) async throws -> (programme: Programme, book: FundsBook, due: [TrancheID]) {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
        let due = book.projects.values.filter { $0.hold == .notHeld }.flatMap(\.tranches).filter {
            $0.status == .due && book.openRelease(containing: $0.id) == nil
        }.map(\.id).sorted()
        return (programme, book, due)
    }

    @Test(
        "one officer prepares, the same officer may not approve, another does; the project records it; nothing posts on refusal")
    func fourEyes() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let page = String(buffer: try await finance.get("/finance").body)
            #expect(page.contains("id=\"matching-panel\""))
            #expect(page.contains("万元"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let (programme, before, due) = try await due(services)
            let pick = try #require(due.first)
            let prepared = try await finance.post(
                "/finance/releases", form: ["csrf_token": token, "tranche[]": pick.description])
            #expect(prepared.status == .seeOther)
            let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
            let release = try #require(book.releases.last)
            #expect(release.tranches == [pick])
            // The preparer may not approve.
            let own = try await finance.post("/finance/releases/\(release.number)/approve", form: ["csrf_token": token])
            #expect(own.status == .forbidden)
            #expect(String(buffer: own.body).contains("另一名") || String(buffer: own.body).contains("同一"))
            #expect(
                try await services.store.funds.fundsBook(programmeId: programme.id)?.ledger.postings.count
                    == book.ledger.postings.count
            )
            // Wrong role: a contractor and the district bureau cannot act.
            var district = TestBrowser(client)
            try await district.signIn("district")
            let districtToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await district.get("/finance").body)))
            #expect(
                try await district.post("/finance/releases/\(release.number)/approve", form: ["csrf_token": districtToken]).status
                    == .forbidden)
            var contractor = TestBrowser(client)
            try await contractor.signIn("contractor")
            #expect(try await contractor.get("/finance").status == .forbidden)
            // A second officer approves: paid, posted, recorded on the project.
            var second = TestBrowser(client)
            try await second.signIn("finance2")
            let secondToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await second.get("/finance").body)))
            let approved = try await second.post("/finance/releases/\(release.number)/approve", form: ["csrf_token": secondToken])
            #expect(approved.status == .seeOther)
            let after = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
            #expect(after.tranche(pick)?.isPaid == true)
            #expect(after.ledger.postings.count == before.ledger.postings.count + 1)
            #expect(after.check().isEmpty)
            let history = try await services.store.instances.history(pick.project)
            #expect(history.last?.transitionId == "record_release")
            // Approving again changes nothing.
            let again = try await second.post("/finance/releases/\(release.number)/approve", form: ["csrf_token": secondToken])
            #expect(again.status == .unprocessableContent)
            #expect(
                try await services.store.funds.fundsBook(programmeId: programme.id)?.ledger.postings.count
                    == after.ledger.postings.count)
            // Nobody can record a release through the project form.
            let project = try #require(try await services.store.instances.instance(pick.project))
            let forged = try await second.post(
                "/instances/\(project.id)/commands/record_release",
                form: [
                    "csrf_token": secondToken, "release_no": "99", "tranche_no": "2", "tranche_amount": "1000",
                    "central_amount": "500",
                    "local_amount": "500", "paid_on": "2024-08-01",
                ])
            #expect(forged.status == .unprocessableContent)
            #expect(try await services.store.instances.instance(project.id)?.version == project.version)
        }
    }

    @Test("an officer of the paid enterprise may not prepare; bad amounts are named and receive nothing")
    func scopeAndAmounts() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let (programme, _, due) = try await due(services)
        let pick = try #require(due.first)
        let enterprise = try #require(try await services.store.instances.instance(pick.project)?.subjectOrganisationId)
        let insider = try await services.store.accounts.createUser(
            programmeId: programme.id, username: "insider-finance", displayName: "企业财务",
            passwordHash: try await services.passwords.hash(TestApp.password),
            organisationId: enterprise, grants: [RoleGrant(role: .financeOfficer, scope: .programme(programme.id))])
        _ = insider
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var browser = TestBrowser(client)
            try await browser.signIn("insider-finance")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get("/finance").body)))
            let refused = try await browser.post("/finance/releases", form: ["csrf_token": token, "tranche[]": pick.description])
            #expect(refused.status == .forbidden)
            let received = try #require(try await services.store.funds.fundsBook(programmeId: programme.id)).ledger.received(
                source: "city")
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let financeToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await finance.get("/finance").body)))
            for (amount, expected) in [("12.345", "两位小数"), ("-1", "负"), ("1e9", ""), ("壹万", ""), ("", "")] {
                let response = try await finance.post(
                    "/finance/receipts", form: ["csrf_token": financeToken, "source": "city", "amount": amount])
                #expect(response.status == .unprocessableContent, "amount \(amount)")
                if !expected.isEmpty { #expect(String(buffer: response.body).contains(expected), "amount \(amount)") }
            }
            #expect(
                try #require(try await services.store.funds.fundsBook(programmeId: programme.id)).ledger.received(source: "city")
                    == received)
            let ok = try await finance.post(
                "/finance/receipts", form: ["csrf_token": financeToken, "source": "city", "amount": "1,234,567.89"])
            #expect(ok.status == .seeOther)
            #expect(
                try #require(try await services.store.funds.fundsBook(programmeId: programme.id)).ledger.received(source: "city")
                    == received + Fen(123_456_789))
            let page = String(buffer: try await finance.get("/finance").body)
            #expect(page.contains("123.456789"))  // 万元, exact to the fen
        }
    }

    @Test("exports: the tranches and the ledger as XLSX (read back) and CSV")
    func exports() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var leader = TestBrowser(client)
            try await leader.signIn("leader")
            let xlsx = try await leader.get("/finance/export/tranches.xlsx")
            #expect(xlsx.status == .ok)
            let rows = try XLSXReader.firstSheetTextRows(Data(buffer: xlsx.body))
            #expect(rows.first?.contains("金额（元）") == true)
            #expect(rows.count > 10)
            let ledger = try XLSXReader.firstSheetTextRows(Data(buffer: try await leader.get("/finance/export/ledger.xlsx").body))
            #expect(ledger.count > 5)
            let csv = try await leader.get("/finance/export/balances.csv")
            #expect(String(buffer: csv.body).contains("中央资金累计拨付"))
            #expect(try await leader.get("/finance/export/secrets.xlsx").status == .notFound)
        }
    }

    @Test("PostgreSQL: concurrent preparations of overlapping batches and concurrent approvals pay each tranche once")
    func concurrency() async throws {
        let services = try await TestApp.services(.postgres, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let (programme, _, due) = try await due(services)
        try #require(due.count >= 6)
        let officers = (1...6).map { Officer(userId: "officer-\($0)", organisationId: "finance-bureau") }
        let actor = ChangeActor(userId: "test", name: "test")
        let store = services.store
        let now = Date()
        // Twelve overlapping batches prepared at once: a tranche ends up in at most one release.
        let batches = (0..<12).map { index in Array(due.dropFirst(index % 4).prefix(3)) }
        await withTaskGroup(of: Void.self) { group in
            for (index, batch) in batches.enumerated() {
                group.addTask {
                    _ = try? await store.funds.changeFunds(programmeId: programme.id, action: "prepare", detail: "", actor: actor)
                    {
                        book throws(FundsRefusal) in try book.prepareRelease(batch, preparer: officers[index % 3], at: now)
                    }
                }
            }
        }
        let prepared = try #require(try await store.funds.fundsBook(programmeId: programme.id)).releases.filter {
            $0.state == .prepared
        }
        try #require(!prepared.isEmpty)
        // Every prepared release approved by several officers at once.
        await withTaskGroup(of: Void.self) { group in
            for release in prepared {
                for approver in officers.suffix(3) {
                    group.addTask {
                        _ = try? await store.funds.changeFunds(
                            programmeId: programme.id, action: "approve", detail: "", actor: actor
                        ) {
                            book throws(FundsRefusal) in try book.approveRelease(release.number, approver: approver, at: now)
                        }
                    }
                }
            }
        }
        let book = try #require(try await store.funds.fundsBook(programmeId: programme.id))
        #expect(book.check().isEmpty)
        var paidIn: [TrancheID: Int] = [:]
        for posting in book.ledger.postings where posting.kind == .release {
            for id in Set(posting.tranches) { paidIn[id, default: 0] += 1 }
        }
        #expect(paidIn.values.allSatisfy { $0 == 1 })
        #expect(book.ledger.paid(share: .local) >= book.ledger.paid(share: .central))
        let paidNow = Set(prepared.flatMap(\.tranches)).filter { book.tranche($0)?.isPaid == true }
        #expect(paidNow.count == Set(prepared.flatMap(\.tranches)).count)
    }

    @Test("ledger check finds a tampered book and a release missing from its project")
    func ledgerCheck() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        #expect(try await LedgerCheck(services: services).run().findings.isEmpty)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
        let paid = try #require(book.projects.values.flatMap(\.tranches).first { $0.isPaid })
        // Someone deletes the project's record of the release.
        try await services.store.backend.transaction { database in
            try await database.raw(
                "DELETE FROM workflow_history WHERE instance_id = \(bind: paid.projectId) AND transition_id = 'record_release'"
            ).run()
        }
        let findings = try await LedgerCheck(services: services).run().findings
        #expect(findings.contains { $0.message.en.contains(paid.id.description) })
    }

    @Test("termination: recovering more than paid is refused; a recovery is tracked to settlement, never over-repaid")
    func recovery() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
        var target: (InstanceSnapshot, Fen)?
        for project in book.projects.values where project.tranches.contains(where: \.isPaid) {
            if let instance = try await services.store.instances.instance(project.id), instance.state == "implementation" {
                target = (instance, project.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount })
                break
            }
        }
        let (instance, paid) = try #require(target)
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            var district = TestBrowser(client)
            try await district.signIn("district")
            let page = String(buffer: try await district.get("/instances/\(instance.id)").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            let tooMuch = try await district.post(
                "/instances/\(instance.id)/commands/terminate",
                form: ["csrf_token": token, "termination_reason": "骗取补助", "funds_to_recover": (paid + Fen(1)).yuanText])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(String(buffer: tooMuch.body).contains("不能超过已拨付"))
            let terminated = try await district.post(
                "/instances/\(instance.id)/commands/terminate",
                form: ["csrf_token": token, "termination_reason": "骗取补助", "funds_to_recover": paid.yuanText])
            #expect(terminated.status == .seeOther)
            let outbox = try await services.store.backend.read { database in
                try await database.raw(
                    "SELECT COUNT(*) AS n FROM outbox WHERE instance_id = \(bind: instance.id) AND event_type = 'project_terminated'"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            #expect(outbox == 1)
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let financePage = String(buffer: try await finance.get("/finance").body)
            #expect(financePage.contains("id=\"recoveries\""))
            let financeToken = try #require(TestBrowser.csrfToken(in: financePage))
            let over = try await finance.post(
                "/finance/recoveries",
                form: [
                    "csrf_token": financeToken, "project": instance.id, "source": "central", "amount": (paid + Fen(1)).yuanText,
                ])
            #expect(over.status == .unprocessableContent)
            let part = try await finance.post(
                "/finance/recoveries",
                form: ["csrf_token": financeToken, "project": instance.id, "source": "central", "amount": "1000"])
            #expect(part.status == .seeOther)
        }
        let after = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
        #expect(after.ledger.recoveryOwed(project: instance.id) == paid - Fen.yuan(1000))
        #expect(after.projects[instance.id]?.tranches.filter { !$0.isPaid }.allSatisfy { $0.status == .cancelled } == true)
        #expect(after.check().isEmpty)
    }
}
