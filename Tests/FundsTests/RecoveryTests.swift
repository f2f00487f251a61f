import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Termination and recovery (追回)")
struct RecoveryTests {
    let t1 = Fixture.t("p1", 1)
    let t2 = Fixture.t("p1", 2)

    /// p1 paid its first tranche (¥25,000 central + ¥25,000 local); the second is due and in open release 2.
    func paidOnce() throws -> FundsBook {
        var book = Fixture.funded()
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        try book.milestoneReached(project: "p1", .accepted)
        try book.prepareRelease([t2], preparer: Fixture.alice, at: Fixture.day)
        return book
    }

    @Test("termination cancels unpaid tranches and opens a receivable; partial repayments never exceed what is owed")
    func terminateAndRecover() throws {
        var book = try paidOnce()
        #expect(
            refusal(book) { try $0.terminate(project: "p1", toRecover: try! Fen.parseYuan("50,000.01"), at: Fixture.day) }
                == .recoveryExceedsPaid(paid: .yuan(50_000), requested: try Fen.parseYuan("50,000.01")))
        #expect(refusal(book) { try $0.terminate(project: "p1", toRecover: Fen(-1), at: Fixture.day) } == .amountInvalid(Fen(-1)))
        #expect(
            try book.terminate(project: "p1", toRecover: .yuan(30_000), at: Fixture.day) == [
                .projectTerminated(project: "p1", cancelled: [t2]),
                .recoveryOpened(project: "p1", amount: .yuan(30_000), posting: 4),
            ])
        #expect(book.tranche(t2)?.status == .cancelled)
        #expect(book.projects["p1"]?.hold == .terminated)
        #expect(book.ledger.recoveryStated(project: "p1") == .yuan(30_000))
        #expect(book.ledger.recoveryOwed(project: "p1") == .yuan(30_000))
        #expect(refusal(book) { try $0.approveRelease(2, approver: Fixture.bob, at: Fixture.day) } == .trancheCancelled(t2))

        #expect(
            try book.repayRecovery(project: "p1", amount: .yuan(10_000), into: "central", at: Fixture.day)
                == [.recoveryRepaid(project: "p1", amount: .yuan(10_000), posting: 5, stillOwed: .yuan(20_000))])
        #expect(
            refusal(book) { try $0.repayRecovery(project: "p1", amount: .yuan(25_000), into: "city", at: Fixture.day) }
                == .recoveryExceedsOwed(owed: .yuan(20_000), requested: .yuan(25_000)))
        try book.repayRecovery(project: "p1", amount: .yuan(20_000), into: "city", at: Fixture.day)
        #expect(book.ledger.recoveryOwed(project: "p1") == .zero)
        #expect(
            refusal(book) { try $0.repayRecovery(project: "p1", amount: Fen(1), into: "city", at: Fixture.day) }
                == .recoveryExceedsOwed(owed: .zero, requested: Fen(1)))
        #expect(book.ledger.cash(source: "central") == .yuan(1_000_000 - 25_000 + 10_000))
        #expect(book.ledger.cash(source: "city") == .yuan(1_000_000 - 25_000 + 20_000))
        #expect(book.ledger.paid(project: "p1", share: .central) == .yuan(25_000))
        #expect(book.check().isEmpty)
    }

    @Test("a terminated project takes no further milestones, outcomes or termination")
    func terminatedIsFinal() throws {
        var book = try paidOnce()
        #expect(
            try book.terminate(project: "p1", toRecover: .zero, at: Fixture.day) == [
                .projectTerminated(project: "p1", cancelled: [t2])
            ])
        #expect(book.ledger.postings.count == 3)
        #expect(refusal(book) { try $0.terminate(project: "p1", toRecover: .zero, at: Fixture.day) } == .projectTerminated("p1"))
        #expect(refusal(book) { try $0.milestoneReached(project: "p1", .accepted) } == .projectTerminated("p1"))
        #expect(refusal(book) { try $0.midtermOutcome(project: "p1", .passed) } == .projectTerminated("p1"))
        #expect(
            refusal(book) { try $0.repayRecovery(project: "p1", amount: Fen(1), into: "city", at: Fixture.day) }
                == .recoveryExceedsOwed(owed: .zero, requested: Fen(1)))
        #expect(try book.rejectRelease(2, by: Fixture.bob, reason: "项目终止", at: Fixture.day) == [.releaseRejected(release: 2)])
        #expect(book.check().isEmpty)
    }
}
