import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Milestones and mid-term outcomes")
struct MidtermTests {
    let t1 = Fixture.t("p1", 1)
    let t2 = Fixture.t("p1", 2)
    let t3 = Fixture.t("p1", 3)

    func book() throws -> FundsBook {
        var book = Fixture.funded(Fixture.rules(plan: .thirtyFortyThirty))
        try book.milestoneReached(project: "p1", .taskBookSigned)
        return book
    }

    @Test("reaching a milestone twice changes nothing")
    func idempotent() throws {
        var book = try book()
        let before = book
        #expect(try book.milestoneReached(project: "p1", .taskBookSigned).isEmpty)
        #expect(book == before)
        #expect(refusal(book) { try $0.milestoneReached(project: "p9", .accepted) } == .unknownProject("p9"))
    }

    @Test("rectify holds the project's tranches until the mid-term is passed; then they are released again")
    func rectifyThenPass() throws {
        var book = try book()
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        #expect(try book.midtermOutcome(project: "p1", .rectify) == [.projectHeld(project: "p1", hold: .rectify)])
        #expect(try book.midtermOutcome(project: "p1", .rectify).isEmpty)
        #expect(
            refusal(book) { try $0.approveRelease(1, approver: Fixture.bob, at: Fixture.day) } == .trancheHeld(t1, hold: .rectify)
        )
        try book.rejectRelease(1, by: Fixture.bob, reason: "中期整改", at: Fixture.day)
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day) }
                == .trancheHeld(t1, hold: .rectify))

        #expect(
            try book.midtermOutcome(project: "p1", .passed) == [.projectHoldLifted(project: "p1"), .tranchesDue([t2])])
        try book.prepareRelease([t1, t2], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(2, approver: Fixture.bob, at: Fixture.day)
        #expect(book.tranche(t1)?.isPaid == true)
        #expect(book.tranche(t2)?.isPaid == true)
        #expect(book.tranche(t3)?.status == .planned)
        #expect(book.check().isEmpty)
    }

    @Test("the midterm_passed milestone is the same as a pass")
    func milestoneIsPass() throws {
        var book = try book()
        try book.midtermOutcome(project: "p1", .rectify)
        #expect(
            try book.milestoneReached(project: "p1", .midtermPassed) == [.projectHoldLifted(project: "p1"), .tranchesDue([t2])])
        #expect(book.projects["p1"]?.hold == .notHeld)
    }

    @Test("fail holds for good")
    func failed() throws {
        var book = try book()
        #expect(try book.midtermOutcome(project: "p1", .failed) == [.projectHeld(project: "p1", hold: .failed)])
        #expect(try book.midtermOutcome(project: "p1", .failed).isEmpty)
        #expect(refusal(book) { try $0.midtermOutcome(project: "p1", .passed) } == .projectFailedMidterm("p1"))
        #expect(refusal(book) { try $0.midtermOutcome(project: "p1", .rectify) } == .projectFailedMidterm("p1"))
        #expect(refusal(book) { try $0.milestoneReached(project: "p1", .midtermPassed) } == .projectFailedMidterm("p1"))
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day) }
                == .trancheHeld(t1, hold: .failed))
        #expect(try book.milestoneReached(project: "p1", .accepted) == [.tranchesDue([t3])])
        #expect(
            refusal(book) { try $0.prepareRelease([t3], preparer: Fixture.alice, at: Fixture.day) }
                == .trancheHeld(t3, hold: .failed))
    }
}
