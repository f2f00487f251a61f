import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Recovery (追回) as a workflow: demand, offset or repayment, four eyes")
struct RecoveryDemandTests {
    let t1 = Fixture.t("p1", 1)
    let t2 = Fixture.t("p1", 2)

    @Test("a demand offset against the unpaid tranche: the tranche is paid partly by what is owed, both ledgers balanced")
    func offset() throws {
        var book = try Fixture.paidOnce()
        #expect(
            refusal(book) {
                try $0.demandRecovery(
                    project: "p1", amount: try! Fen.parseYuan("50,000.01"), reason: "r", preparer: Fixture.alice, at: Fixture.day)
            } == .recoveryExceedsPaid(paid: .yuan(50_000), requested: try Fen.parseYuan("50,000.01")))
        try book.demandRecovery(
            project: "p1", amount: .yuan(20_000), reason: "审计发现超范围支出", preparer: Fixture.alice, at: Fixture.day)
        #expect(book.recoveryDemands[0].due == Fixture.day.addingTimeInterval(90 * 86_400))
        #expect(refusal(book) { try $0.approveDemand(1, approver: Fixture.aliceDelegate, at: Fixture.day) } == .sameOfficer)
        try book.approveDemand(1, approver: Fixture.bob, at: Fixture.day)
        #expect(book.ledger.recoveryOwed(project: "p1") == .yuan(20_000))
        #expect(
            refusal(book) {
                try $0.prepareSettlement(demand: 1, .offset(Fixture.t("p2", 1)), preparer: Fixture.carol, at: Fixture.day)
            }
                == .afterAward(.offsetOtherProject(Fixture.t("p2", 1), project: "p1")))
        try book.prepareSettlement(demand: 1, .offset(t2), preparer: Fixture.carol, at: Fixture.day)
        #expect(refusal(book) { try $0.approveSettlement(demand: 1, approver: Fixture.carol, at: Fixture.day) } == .sameOfficer)
        try book.approveSettlement(demand: 1, approver: Fixture.alice, at: Fixture.day)
        #expect(book.tranche(t2)?.isPaid == true)
        #expect(book.recoveryDemands[0].state == .settled)
        #expect(book.ledger.recoveryOwed(project: "p1") == .zero)
        // Central and local each count the whole tranche; the cash drawn is the tranche less the offset.
        #expect(book.ledger.paid(project: "p1", share: .central) == .yuan(50_000))
        #expect(book.ledger.paid(project: "p1", share: .local) == .yuan(50_000))
        #expect(book.ledger.cash(source: "central") == .yuan(1_000_000 - 25_000 - 15_000))
        #expect(book.ledger.cash(source: "city") == .yuan(1_000_000 - 25_000 - 15_000))
        let posting = try #require(book.ledger.postings.last)
        #expect(posting.kind == .recoveryOffset)
        #expect(posting.debits == posting.credits)
        #expect(book.check().isEmpty)
        #expect(
            refusal(book) {
                try $0.prepareSettlement(
                    demand: 1, .repayment(amount: .yuan(1), source: "city"), preparer: Fixture.carol, at: Fixture.day)
            }
                == .afterAward(.demandNotIn(1, state: .settled)))
    }

    @Test("after the project is closed a demand is settled by repayments; overdue until then")
    func repaymentAfterClosing() throws {
        var book = try Fixture.paidOnce()
        try book.terminate(project: "p1", toRecover: .zero, at: Fixture.day)
        try book.demandRecovery(project: "p1", amount: .yuan(30_000), reason: "终止后追回", preparer: Fixture.alice, at: Fixture.day)
        try book.approveDemand(1, approver: Fixture.bob, at: Fixture.day)
        #expect(
            refusal(book) { try $0.prepareSettlement(demand: 1, .offset(t2), preparer: Fixture.alice, at: Fixture.day) }
                == .afterAward(.projectClosed("p1")))
        let late = Fixture.day.addingTimeInterval(91 * 86_400)
        #expect(book.overdueDemands(at: late).map(\.number) == [1])
        #expect(book.overdueDemands(at: Fixture.day.addingTimeInterval(89 * 86_400)).isEmpty)
        try book.prepareSettlement(
            demand: 1, .repayment(amount: .yuan(10_000), source: "city"), preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) {
                try $0.prepareSettlement(
                    demand: 1, .repayment(amount: .yuan(1), source: "city"), preparer: Fixture.alice, at: Fixture.day)
            }
                == .afterAward(.settlementPending(demand: 1)))
        try book.approveSettlement(demand: 1, approver: Fixture.bob, at: Fixture.day)
        #expect(book.recoveryDemands[0].outstanding == .yuan(20_000))
        #expect(
            refusal(book) {
                try $0.prepareSettlement(
                    demand: 1, .repayment(amount: .yuan(20_001), source: "city"), preparer: Fixture.alice, at: Fixture.day)
            }
                == .recoveryExceedsOwed(owed: .yuan(20_000), requested: .yuan(20_001)))
        try book.prepareSettlement(
            demand: 1, .repayment(amount: .yuan(20_000), source: "central"), preparer: Fixture.alice, at: Fixture.day)
        try book.approveSettlement(demand: 1, approver: Fixture.carol, at: Fixture.day)
        #expect(book.recoveryDemands[0].state == .settled)
        #expect(book.overdueDemands(at: late).isEmpty)
        #expect(book.check().isEmpty)
        // A wrong repayment reversed: the demand is open again for what it no longer settles.
        let repaid = try #require(book.recoveryDemands[0].settlements.last?.posting)
        try book.prepareCorrection(posting: repaid, reason: "到账有误", preparer: Fixture.alice, at: Fixture.day)
        try book.approveCorrection(1, approver: Fixture.bob, at: Fixture.day)
        #expect(book.recoveryDemands[0].state == .open)
        #expect(book.recoveryDemands[0].outstanding == .yuan(20_000))
        #expect(book.ledger.recoveryOwed(project: "p1") == .yuan(20_000))
        #expect(book.check().isEmpty)
    }

    @Test("a demand's bad input changes nothing")
    func badInput() throws {
        let book = try Fixture.paidOnce()
        func demand(_ amount: Fen, due: Date? = nil, reason: String = "r") -> FundsRefusal? {
            refusal(book) {
                try $0.demandRecovery(
                    project: "p1", amount: amount, due: due, reason: reason, preparer: Fixture.alice, at: Fixture.day)
            }
        }
        #expect(demand(.zero) == .amountInvalid(.zero))
        #expect(demand(.yuan(1), reason: "") == .afterAward(.reasonMissing))
        #expect(demand(.yuan(1), due: Fixture.day) == .afterAward(.dueNotAhead))
        #expect(
            refusal(book) { try $0.approveDemand(1, approver: Fixture.bob, at: Fixture.day) } == .afterAward(.unknownDemand(1)))
    }
}
