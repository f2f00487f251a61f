import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// `/finance/changes` on the demo programme: finance drafts an amendment, the district approves it
/// and records the three signatures, and only then is the next tranche payable; a wrong receipt is
/// reversed by a second officer; `ledger check` stays green throughout; bad input writes nothing.
@Suite("Money after the award: the pages")
struct MoneyChangesPageTests {
    @Test(
        "an amendment through the pages, then a reversal; four eyes; ledger check green; bad input writes nothing",
        arguments: TestStores.backends)
    func amendmentAndReversal(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let funds = FundsService(services: services)
        try await app.test(.router) { client in
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let page = String(buffer: try await finance.get("/finance/changes").body)
            #expect(page.contains("任务书变更"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let book = try await funds.settled(programme.id)
            // A project paid at least once with an unpaid tranche free to carry the change.
            let project = try #require(
                book.projects.values.sorted { $0.id < $1.id }.first { project in
                    project.hold == .notHeld && project.tranches.contains(where: \.isPaid)
                        && !book.amendments.contains { $0.projectId == project.id }
                        && project.tranches.contains {
                            !$0.isPaid && $0.status != .cancelled && book.openRelease(containing: $0.id) == nil
                        }
                }, "the demo has a project paid once")
            let unpaid = project.tranches.filter { !$0.isPaid }
            let cut = Fen(unpaid.reduce(Int64(0)) { $0 + min($1.central.value, $1.local.value) } / 2)
            let central = project.tranches.reduce(Fen.zero) { $0 + $1.central } - cut
            let local = project.tranches.reduce(Fen.zero) { $0 + $1.local } - cut

            // Bad input: refused with its reason, nothing written.
            let bad = try await finance.post(
                "/finance/amendments",
                form: ["csrf_token": token, "project": project.id, "central": "十万", "reason": "x"])
            #expect(bad.status == .unprocessableContent)
            #expect(try await funds.book(programme.id).amendments.count == book.amendments.count)
            // The demo's own amendment waits for the district; ours is the next number.
            let number = book.amendments.count + 1
            let corrections = book.corrections.count + 1

            #expect(
                try await finance.post(
                    "/finance/amendments",
                    form: [
                        "csrf_token": token, "project": project.id, "central": central.plainYuanText,
                        "local": local.plainYuanText,
                        "reason": "项目规模缩减",
                    ]
                ).status == .seeOther)
            #expect(
                try await finance.post("/finance/amendments/\(number)/submit", form: ["csrf_token": token]).status == .seeOther)
            let blocked = try await funds.book(programme.id)
            #expect(blocked.amendmentBlocking(project: project.id)?.number == number)
            // A due tranche of the project shows why it waits on the finance page.
            if project.tranches.contains(where: { $0.status == .due }) {
                #expect(String(buffer: try await finance.get("/finance").body).contains("三方重新签字"))
            }
            // Finance may not decide it; the district does, and records the three signatures.
            #expect(
                try await finance.post("/finance/amendments/\(number)/approve", form: ["csrf_token": token]).status == .forbidden)
            var district = TestBrowser(client)
            try await district.signIn("district")
            let districtPage = String(buffer: try await district.get("/finance/changes").body)
            #expect(districtPage.contains("approve-amendment-\(number)"))
            let districtToken = try #require(TestBrowser.csrfToken(in: districtPage))
            #expect(
                try await district.post("/finance/amendments/\(number)/approve", form: ["csrf_token": districtToken]).status
                    == .seeOther)
            for party in SigningParty.allCases {
                let signed = try await district.post(
                    "/finance/amendments/\(number)/sign",
                    form: ["csrf_token": districtToken, "party": party.rawValue, "signer": "签字人"])
                #expect(signed.status == .seeOther)
            }
            let amended = try await funds.book(programme.id)
            #expect(amended.amendments.last?.status == .effective)
            #expect(amended.amendmentBlocking(project: project.id) == nil)
            #expect(amended.projects[project.id]?.approvedSubsidy == central + local)
            let check = try await LedgerCheck(services: services).run()
            #expect(check.findings.isEmpty, "\(check.findings)")

            // A wrong receipt, reversed: not by whoever prepared the correction, by a second officer.
            #expect(
                try await finance.post("/finance/receipts", form: ["csrf_token": token, "source": "city", "amount": "1234.56"])
                    .status
                    == .seeOther)
            let receipt = try #require(try await funds.book(programme.id).ledger.postings.last?.number)
            #expect(
                try await finance.post(
                    "/finance/corrections", form: ["csrf_token": token, "posting": String(receipt), "reason": "重复登记"]
                ).status == .seeOther)
            #expect(
                try await finance.post("/finance/corrections/\(corrections)/approve", form: ["csrf_token": token]).status
                    == .forbidden)
            var second = TestBrowser(client)
            try await second.signIn("finance2")
            let secondToken = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await second.get("/finance/changes").body)))
            #expect(
                try await second.post("/finance/corrections/\(corrections)/approve", form: ["csrf_token": secondToken]).status
                    == .seeOther)
            let reversed = try await funds.book(programme.id)
            #expect(reversed.ledger.postings.last?.reverses == receipt)
            let after = try await LedgerCheck(services: services).run()
            #expect(after.findings.isEmpty, "\(after.findings)")
        }
    }

    @Test(
        "a recovery through the pages: demanded, approved by a second officer, offset against the project's due tranche",
        arguments: TestStores.backends)
    func recoveryOffset(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let funds = FundsService(services: services)
        try await app.test(.router) { client in
            let book = try await funds.settled(programme.id)
            // The demo leaves one project paid its first tranche with the next one due.
            let (project, due) = try #require(
                book.projects.values.sorted { $0.id < $1.id }.lazy.compactMap { project -> (ProjectFunding, Tranche)? in
                    guard project.tranches.contains(where: \.isPaid),
                        let due = project.tranches.first(where: {
                            $0.status == .due && book.openRelease(containing: $0.id) == nil
                        })
                    else { return nil }
                    return (project, due)
                }.first, "the demo has a project paid once with a tranche due")
            let paid = project.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount }
            // Even, so the offset splits into equal central and local parts.
            let amount = Fen(min(paid.value, due.amount.value) / 4 * 2)
            var finance = TestBrowser(client)
            try await finance.signIn("finance")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await finance.get("/finance/changes").body)))
            // More than was paid is refused, nothing written.
            let tooMuch = try await finance.post(
                "/finance/demands",
                form: ["csrf_token": token, "project": project.id, "amount": (paid + Fen(100)).plainYuanText, "reason": "超额"])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(try await funds.book(programme.id).recoveryDemands.count == book.recoveryDemands.count)
            #expect(
                try await finance.post(
                    "/finance/demands",
                    form: ["csrf_token": token, "project": project.id, "amount": amount.plainYuanText, "reason": "验收核减"]
                ).status == .seeOther)
            let number = book.recoveryDemands.count + 1
            // Four eyes: the officer who demanded it may not approve it; a second officer does.
            #expect(
                try await finance.post("/finance/demands/\(number)/approve", form: ["csrf_token": token]).status == .forbidden)
            var second = TestBrowser(client)
            try await second.signIn("finance2")
            let secondToken = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await second.get("/finance/changes").body)))
            #expect(
                try await second.post("/finance/demands/\(number)/approve", form: ["csrf_token": secondToken]).status
                    == .seeOther)
            // The page offers the due tranche to offset; finance proposes it, finance2 approves.
            let page = String(buffer: try await finance.get("/finance/changes").body)
            #expect(page.contains("<option value=\"\(due.id.description)\">"))
            #expect(
                try await finance.post(
                    "/finance/demands/\(number)/settlements",
                    form: ["csrf_token": token, "kind": "offset", "tranche": due.id.description]
                ).status == .seeOther)
            #expect(
                try await finance.post("/finance/demands/\(number)/settlements/approve", form: ["csrf_token": token]).status
                    == .forbidden)
            #expect(
                try await second.post("/finance/demands/\(number)/settlements/approve", form: ["csrf_token": secondToken])
                    .status == .seeOther)
            let after = try await funds.book(programme.id)
            let demand = try #require(after.recoveryDemands.last)
            #expect(demand.state == .settled && demand.outstanding == .zero)
            #expect(after.projects[project.id]?.tranche(number: due.number)?.isPaid == true)
            // Both ledgers balance: the tranche's central and local parts were paid less the offset.
            #expect(
                after.ledger.paid(project: project.id, share: .central) == after.ledger.paid(project: project.id, share: .local))
            let check = try await LedgerCheck(services: services).run()
            #expect(check.findings.isEmpty, "\(check.findings)")
        }
    }
}
