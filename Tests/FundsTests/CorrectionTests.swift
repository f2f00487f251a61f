import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Corrections by reversal, and versions of commitments")
struct CorrectionTests {
    @Test("a wrong receipt is reversed by a mirror posting approved by a second officer; the check stays green")
    func reversal() throws {
        var book = Fixture.funded()
        // Postings 1 and 2 are the fixture's receipts; 3 is typed into the wrong source.
        try book.receive(source: "teda", amount: .yuan(300_000), at: Fixture.day)
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 3, reason: " ", preparer: Fixture.alice, at: Fixture.day) }
                == .afterAward(.reasonMissing))
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 9, reason: "r", preparer: Fixture.alice, at: Fixture.day) }
                == .afterAward(.unknownPosting(9)))
        try book.prepareCorrection(posting: 3, reason: "应计入区级资金", preparer: Fixture.alice, at: Fixture.day)
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 3, reason: "again", preparer: Fixture.bob, at: Fixture.day) }
                == .afterAward(.postingAlreadyCorrected(posting: 3, correction: 1)))
        // Four eyes: the preparer is refused, and so is her delegate.
        #expect(refusal(book) { try $0.approveCorrection(1, approver: Fixture.alice, at: Fixture.day) } == .sameOfficer)
        #expect(refusal(book) { try $0.approveCorrection(1, approver: Fixture.aliceDelegate, at: Fixture.day) } == .sameOfficer)
        #expect(
            try book.approveCorrection(1, approver: Fixture.bob, at: Fixture.day)
                == [.postingReversed(correction: 1, original: 3, posting: 4)])
        let mirror = book.ledger.postings[3]
        #expect(mirror.kind == .reversal)
        #expect(mirror.reverses == 3)
        #expect(mirror.lines.map(\.side) == [.credit, .debit])
        #expect(book.ledger.postings[2].lines.count == 2)
        #expect(book.ledger.cash(source: "teda") == .zero)
        #expect(book.ledger.received(source: "teda") == .zero)
        #expect(book.check().isEmpty)
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 3, reason: "r", preparer: Fixture.carol, at: Fixture.day) }
                == .afterAward(.postingAlreadyReversed(posting: 3, by: 4)))
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 4, reason: "r", preparer: Fixture.carol, at: Fixture.day) }
                == .afterAward(.postingNotReversible(4, kind: .reversal)))
        #expect(
            refusal(book) { try $0.approveCorrection(1, approver: Fixture.carol, at: Fixture.day) }
                == .afterAward(.correctionDecided(1)))
    }

    @Test("the check reports a reversal that does not mirror its posting, or reverses one twice")
    func checkedInStoredData() throws {
        var book = Fixture.funded()
        try book.prepareCorrection(posting: 2, reason: "r", preparer: Fixture.alice, at: Fixture.day)
        try book.approveCorrection(1, approver: Fixture.bob, at: Fixture.day)
        #expect(book.check().isEmpty)
        var postings = book.ledger.postings
        // The same reversal stored twice, and one whose amounts were edited.
        postings.append(Posting(number: 4, kind: .reversal, at: Fixture.day, lines: postings[2].lines, reverses: 2))
        var edited = postings[2]
        edited.lines = edited.lines.map { PostingLine($0.side, $0.account, Fen($0.amount.value - 1)) }
        postings[2] = edited
        let broken = FundsBook(
            rules: book.rules, sources: book.sources, projects: book.projects, releases: book.releases,
            ledger: Ledger(postings: postings))
        #expect(
            broken.check().filter { if case .reversalInvalid = $0 { true } else { false } } == [
                .reversalInvalid(posting: 3, reverses: 2), .reversalInvalid(posting: 4, reverses: 2),
            ])
    }

    @Test("a payment is not reversed (it is recovered), nor a receipt whose money was spent")
    func notReversible() throws {
        var book = Fixture.funded()
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 3, reason: "r", preparer: Fixture.alice, at: Fixture.day) }
                == .afterAward(.postingNotReversible(3, kind: .release)))
        // The city's ¥1,000,000 receipt paid ¥25,000 out: reversing it would leave the till negative.
        #expect(
            refusal(book) { try $0.prepareCorrection(posting: 2, reason: "r", preparer: Fixture.alice, at: Fixture.day) }
                == .afterAward(.reversalLeavesNegative(posting: 2, account: "cash:city")))
    }

    @Test("a source's committed amount changes by versions with reasons; the earlier versions stay")
    func commitmentVersions() throws {
        var book = Fixture.funded()
        try book.reviseCommitment(
            source: "city", committed: .yuan(25_000_000), reason: "市级追加", by: Fixture.alice, at: Fixture.day)
        try book.reviseCommitment(source: "city", committed: .yuan(22_000_000), reason: "调减", by: Fixture.bob, at: Fixture.day)
        #expect(book.sources["city"]?.committed == .yuan(22_000_000))
        #expect(book.sourceRevisions.map(\.version) == [2, 3])
        #expect(book.sourceRevisions.map(\.from) == [.yuan(20_000_000), .yuan(25_000_000)])
        #expect(
            refusal(book) {
                try $0.reviseCommitment(
                    source: "city", committed: .yuan(22_000_000), reason: "r", by: Fixture.bob, at: Fixture.day)
            }
                == .afterAward(.commitmentUnchanged("city")))
        #expect(
            refusal(book) {
                try $0.reviseCommitment(source: "city", committed: Fen(-5), reason: "r", by: Fixture.bob, at: Fixture.day)
            }
                == .amountInvalid(Fen(-5)))
        #expect(
            refusal(book) {
                try $0.reviseCommitment(source: "city", committed: .yuan(1), reason: "", by: Fixture.bob, at: Fixture.day)
            }
                == .afterAward(.reasonMissing))
        #expect(book.check().isEmpty)
    }
}
