import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// `/api/v1/funds/{amendments,corrections,demands,reports,recoveries}`: the money after the award
/// by API, with the page's rules — an amendment to effective (its project's tranche blocked on
/// the way), four eyes on corrections and demands (the preparer's own token refused), an offset
/// settlement, a reporting calendar; bad input a 4xx in Chinese with nothing written.
@Suite("API: money after the award — amendments, corrections, demands, settlements, reports")
struct APIMoneyChangesTests {
    static func book(_ services: AppServices) async throws -> FundsBook {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return try await FundsService(services: services).settled(programme.id)
    }

    /// The demo programme with 60 enterprises, served to `body`.
    static func serve(
        _ backend: BackendKind = .sqlite, _ body: @Sendable (AppServices, any TestClientProtocol) async throws -> Void
    ) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in try await body(services, client) }
    }

    /// A project paid at least once, with an unpaid tranche and nothing open on it; with `due`, one
    /// whose unpaid tranche is (true) or is not (false) due. The demo leaves one paid project's next
    /// tranche due, and ids are random, so a test that needs either kind says which.
    static func paidOnce(_ book: FundsBook, due: Bool? = nil) -> ProjectFunding? {
        book.projects.values.sorted { $0.id < $1.id }.first { project in
            project.hold == .notHeld && project.tranches.contains(where: \.isPaid)
                && !book.amendments.contains { $0.projectId == project.id }
                && project.tranches.contains { tranche in
                    !tranche.isPaid && tranche.status != .cancelled && book.openRelease(containing: tranche.id) == nil
                        && (due.map { wanted in (tranche.status == .due) == wanted } ?? true)
                }
        }
    }

    @Test(
        "an amendment proposed, submitted (the tranche blocked), approved and signed by API to effective",
        arguments: TestStores.backends)
    func amendmentLifecycle(backend: BackendKind) async throws {
        try await Self.serve(backend) { services, client in
            let finance = try await APITestCaller(client, services, "finance")
            let district = try await APITestCaller(client, services, "district")
            let book = try await Self.book(services)
            let project = try #require(Self.paidOnce(book), "the demo has a project paid once")
            let unpaid = project.tranches.filter { !$0.isPaid }
            let cut = Fen(unpaid.reduce(Int64(0)) { $0 + min($1.central.value, $1.local.value) } / 2)
            let central = project.tranches.reduce(Fen.zero) { $0 + $1.central } - cut
            let local = project.tranches.reduce(Fen.zero) { $0 + $1.local } - cut

            // Bad input: refused in Chinese, nothing written; the district may not propose.
            let bad = try await finance.call(
                .post, "/api/v1/funds/amendments", json: ["project": project.id, "central": "十万", "reason": "x"] as [String: Any])
            #expect(bad.status == .unprocessableContent)
            #expect(try APITestCaller.error(bad).code == "invalid_input")
            let tooLong = try await finance.call(
                .post, "/api/v1/funds/amendments",
                json: ["project": project.id, "central": "1", "reason": String(repeating: "长", count: 1001)] as [String: Any])
            #expect(tooLong.status == .badRequest)
            let byDistrict = try await district.call(
                .post, "/api/v1/funds/amendments", json: ["project": project.id, "central": "1", "reason": "x"] as [String: Any])
            #expect(byDistrict.status == .forbidden)
            #expect(try await Self.book(services).amendments.count == book.amendments.count)

            let proposed = try await finance.call(
                .post, "/api/v1/funds/amendments",
                json: [
                    "project": project.id, "central": central.plainYuanText, "local": local.plainYuanText, "reason": "项目规模缩减",
                ] as [String: Any])
            #expect(proposed.status == .created)
            let number = try #require(try APITestCaller.object(proposed)["number"] as? Int)
            #expect(try APITestCaller.object(proposed)["status"] as? String == "draft")
            #expect(try APITestCaller.object(proposed)["central_fen"] as? Int == Int(central.value))

            let submitted = try await finance.call(.post, "/api/v1/funds/amendments/\(number)/submit")
            #expect(submitted.status == .ok)
            #expect(try APITestCaller.object(submitted)["blocks_tranches"] as? Bool == true)
            #expect(try await Self.book(services).amendmentBlocking(project: project.id)?.number == number)

            // Finance may not decide; the district approves and records the three signatures.
            #expect(try await finance.call(.post, "/api/v1/funds/amendments/\(number)/approve").status == .forbidden)
            let approved = try await district.call(.post, "/api/v1/funds/amendments/\(number)/approve")
            #expect(approved.status == .ok)
            #expect(try APITestCaller.object(approved)["status"] as? String == "district_approved")
            let noSigner = try await district.call(
                .post, "/api/v1/funds/amendments/\(number)/sign", json: ["party": "authority", "signer": "   "] as [String: Any])
            #expect(noSigner.status == .unprocessableContent)
            _ = try APITestCaller.error(noSigner)
            var last: [String: Any] = [:]
            for party in SigningParty.allCases {
                let signed = try await district.call(
                    .post, "/api/v1/funds/amendments/\(number)/sign",
                    json: ["party": party.rawValue, "signer": "签字人"] as [String: Any])
                #expect(signed.status == .ok)
                last = try APITestCaller.object(signed)
            }
            #expect(last["status"] as? String == "effective")
            #expect((last["missing_signatures"] as? [String])?.isEmpty == true)
            let amended = try await Self.book(services)
            #expect(amended.amendmentBlocking(project: project.id) == nil)
            #expect(amended.projects[project.id]?.approvedSubsidy == central + local)
            #expect(amended.check().isEmpty)

            let list = try await district.call(.get, "/api/v1/funds/amendments")
            #expect(list.status == .ok)
            let first = try #require((try APITestCaller.object(list)["items"] as? [[String: Any]])?.first)
            #expect(first["number"] as? Int == number)
            // An unknown amendment is refused by the book, in Chinese; the path number is bounded.
            let unknown = try await district.call(.post, "/api/v1/funds/amendments/999999/approve")
            #expect(unknown.status == .unprocessableContent)
            #expect(try APITestCaller.error(unknown).message.contains("999999"))
        }
    }

    @Test("a correction by reversal: the preparer's own token refused, a second officer approves")
    func correctionFourEyes() async throws {
        try await Self.serve(.sqlite) { services, client in
            let finance = try await APITestCaller(client, services, "finance")
            let finance2 = try await APITestCaller(client, services, "finance2")
            let contractor = try await APITestCaller(client, services, "contractor")
            let receipt = try await finance.call(
                .post, "/api/v1/funds/receipts", json: ["source": "city", "amount": "1234.56"] as [String: Any], key: "receipt-1")
            #expect(receipt.status == .created)
            let before = try await Self.book(services)
            let posting = try #require(before.ledger.postings.last?.number)

            let noReason = try await finance.call(
                .post, "/api/v1/funds/corrections", json: ["posting": posting, "reason": " "] as [String: Any])
            #expect(noReason.status == .unprocessableContent)
            _ = try APITestCaller.error(noReason)
            let byContractor = try await contractor.call(
                .post, "/api/v1/funds/corrections", json: ["posting": posting, "reason": "重复登记"] as [String: Any])
            #expect(byContractor.status == .forbidden)
            #expect(try await Self.book(services).corrections.count == before.corrections.count)

            let prepared = try await finance.call(
                .post, "/api/v1/funds/corrections", json: ["posting": posting, "reason": "重复登记"] as [String: Any])
            #expect(prepared.status == .created)
            let number = try #require(try APITestCaller.object(prepared)["number"] as? Int)

            let own = try await finance.call(.post, "/api/v1/funds/corrections/\(number)/approve")
            #expect(own.status == .forbidden)
            #expect(try APITestCaller.error(own).code == "separation_of_duties")
            #expect(try await Self.book(services).ledger.postings.count == before.ledger.postings.count)

            let approved = try await finance2.call(.post, "/api/v1/funds/corrections/\(number)/approve")
            #expect(approved.status == .ok)
            let view = try APITestCaller.object(approved)
            #expect(view["state"] as? String == "approved")
            let after = try await Self.book(services)
            #expect(after.ledger.postings.last?.reverses == posting)
            #expect(view["reversal_posting"] as? Int == after.ledger.postings.last?.number)
            #expect(after.check().isEmpty)

            let list = try await finance.call(.get, "/api/v1/funds/corrections")
            #expect((try APITestCaller.object(list)["items"] as? [[String: Any]])?.first?["number"] as? Int == number)
        }
    }

    @Test("a recovery demand with four eyes; an offset of a tranche not due refused; settled by a repayment")
    func demandAndSettlement() async throws {
        try await Self.serve(.sqlite) { services, client in
            let finance = try await APITestCaller(client, services, "finance")
            let finance2 = try await APITestCaller(client, services, "finance2")
            let book = try await Self.book(services)
            let project = try #require(Self.paidOnce(book, due: false), "the demo has a project paid once")
            let tranche = try #require(project.tranches.first { !$0.isPaid && $0.status != .due })

            let badDue = try await finance.call(
                .post, "/api/v1/funds/demands",
                json: ["project": project.id, "amount": "100.00", "due": "2025-02-30", "reason": "违规使用"] as [String: Any])
            #expect(badDue.status == .unprocessableContent)
            _ = try APITestCaller.error(badDue)
            #expect(try await Self.book(services).recoveryDemands.count == book.recoveryDemands.count)

            let demanded = try await finance.call(
                .post, "/api/v1/funds/demands",
                json: ["project": project.id, "amount": "100.00", "reason": "违规使用"] as [String: Any], key: "demand-1")
            #expect(demanded.status == .created)
            let number = try #require(try APITestCaller.object(demanded)["number"] as? Int)
            #expect(try APITestCaller.object(demanded)["state"] as? String == "prepared")
            // Retried under its key: the same demand, not a second; the key for another amount is 409.
            let retried = try await finance.call(
                .post, "/api/v1/funds/demands",
                json: ["project": project.id, "amount": "100.00", "reason": "违规使用"] as [String: Any], key: "demand-1")
            #expect(retried.status == .created)
            #expect(try APITestCaller.object(retried)["number"] as? Int == number)
            let reused = try await finance.call(
                .post, "/api/v1/funds/demands",
                json: ["project": project.id, "amount": "200.00", "reason": "违规使用"] as [String: Any], key: "demand-1")
            #expect(reused.status == .conflict)
            #expect(try APITestCaller.error(reused).code == "idempotency_key_reused")
            #expect(try await Self.book(services).recoveryDemands.count == book.recoveryDemands.count + 1)

            let own = try await finance.call(.post, "/api/v1/funds/demands/\(number)/approve")
            #expect(own.status == .forbidden)
            #expect(try APITestCaller.error(own).code == "separation_of_duties")
            let approved = try await finance2.call(.post, "/api/v1/funds/demands/\(number)/approve")
            #expect(approved.status == .ok)
            #expect(try APITestCaller.object(approved)["state"] as? String == "open")

            let badTranche = try await finance.call(
                .post, "/api/v1/funds/demands/\(number)/settlements",
                json: ["kind": "offset", "tranche": "nothing"] as [String: Any])
            #expect(badTranche.status == .unprocessableContent)
            _ = try APITestCaller.error(badTranche)
            // The demo has no project paid once with a tranche due: an offset of one not due is refused.
            let offset = try await finance.call(
                .post, "/api/v1/funds/demands/\(number)/settlements",
                json: ["kind": "offset", "tranche": tranche.id.description] as [String: Any])
            #expect(offset.status == .unprocessableContent)
            _ = try APITestCaller.error(offset)
            let repayment = try await finance.call(
                .post, "/api/v1/funds/demands/\(number)/settlements",
                json: ["kind": "repayment", "amount": "100.00", "source": "city"] as [String: Any])
            #expect(repayment.status == .ok)
            let ownSettlement = try await finance.call(.post, "/api/v1/funds/demands/\(number)/settlements/approve")
            #expect(ownSettlement.status == .forbidden)
            let settled = try await finance2.call(.post, "/api/v1/funds/demands/\(number)/settlements/approve")
            #expect(settled.status == .ok)
            let view = try APITestCaller.object(settled)
            #expect(view["state"] as? String == "settled")
            #expect(view["outstanding_fen"] as? Int == 0)
            #expect((view["settlements"] as? [[String: Any]])?.first?["kind"] as? String == "repayment")
            let after = try await Self.book(services)
            #expect(after.recoveryDemands.last?.state == .settled)
            #expect(after.check().isEmpty)

            // A repayment of a project that owes nothing now is refused, in Chinese.
            let repay = try await finance.call(
                .post, "/api/v1/funds/recoveries",
                json: ["project": project.id, "amount": "1.00", "source": "city"] as [String: Any], key: "repay-1")
            #expect(repay.status == .unprocessableContent)
            _ = try APITestCaller.error(repay)
        }
    }

    @Test("a reporting calendar scheduled and a report submitted by API")
    func reports() async throws {
        try await Self.serve(.sqlite) { services, client in
            let finance = try await APITestCaller(client, services, "finance")
            let provider = try await APITestCaller(client, services, "provider")
            let book = try await Self.book(services)
            let project = try #require(
                book.projects.values.sorted { $0.id < $1.id }.first { project in
                    project.hold == .notHeld && !book.reports.contains { $0.projectId == project.id }
                        && project.tranches.contains { !$0.isPaid && $0.status != .cancelled }
                })
            let start = ReportingCalendar.format(services.store.clock.now().addingTimeInterval(-200 * 86_400))
            let end = ReportingCalendar.format(services.store.clock.now().addingTimeInterval(200 * 86_400))

            let backwards = try await finance.call(
                .post, "/api/v1/funds/reports", json: ["project": project.id, "start": end, "end": start] as [String: Any])
            #expect(backwards.status == .unprocessableContent)
            _ = try APITestCaller.error(backwards)
            let byProvider = try await provider.call(
                .post, "/api/v1/funds/reports", json: ["project": project.id, "start": start, "end": end] as [String: Any])
            #expect(byProvider.status == .forbidden)
            #expect(try await Self.book(services).reports.count == book.reports.count)

            let scheduled = try await finance.call(
                .post, "/api/v1/funds/reports", json: ["project": project.id, "start": start, "end": end] as [String: Any])
            #expect(scheduled.status == .created)
            let reports = try APITestCaller.list(scheduled)
            #expect(!reports.isEmpty)
            #expect(reports.allSatisfy { $0["project_id"] as? String == project.id && $0["state"] as? String == "due" })
            let number = try #require(reports.first?["number"] as? Int)

            let empty = try await finance.call(
                .post, "/api/v1/funds/reports/\(number)/submit", json: ["summary": "  "] as [String: Any])
            #expect(empty.status == .unprocessableContent)
            _ = try APITestCaller.error(empty)
            let submitted = try await finance.call(
                .post, "/api/v1/funds/reports/\(number)/submit", json: ["summary": "进度正常"] as [String: Any])
            #expect(submitted.status == .ok)
            #expect(try APITestCaller.object(submitted)["state"] as? String == "submitted")
            #expect(try APITestCaller.object(submitted)["summary"] as? String == "进度正常")
            #expect(try await Self.book(services).reports.first { $0.number == number }?.state == .submitted)

            let list = try await finance.call(.get, "/api/v1/funds/reports?page=1")
            #expect(list.status == .ok)
            #expect((try APITestCaller.object(list)["total"] as? Int) == book.reports.count + reports.count)
            #expect(try await finance.call(.get, "/api/v1/funds/reports?page=0").status == .badRequest)
        }
    }
}
