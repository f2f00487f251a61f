import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("check() finds what is wrong with a stored book")
struct CheckTests {
    let t1 = Fixture.t("p1", 1)

    /// p1's first tranche paid by posting 3 (¥25,000 + ¥25,000).
    func paid() throws -> FundsBook {
        var book = Fixture.funded()
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        return book
    }

    /// The book with extra postings appended to its journal, unchecked.
    func with(_ book: FundsBook, _ lines: [[PostingLine]], kind: PostingKind = .release) -> FundsBook {
        var postings = book.ledger.postings
        for lines in lines {
            postings.append(Posting(number: postings.count + 1, kind: kind, at: Fixture.day, lines: lines))
        }
        return FundsBook(
            rules: book.rules, sources: book.sources, projects: book.projects, releases: book.releases,
            ledger: Ledger(postings: postings))
    }

    @Test("a sound book has nothing wrong")
    func sound() throws { #expect(try paid().check().isEmpty) }

    @Test("an unbalanced or non-positive posting")
    func postings() throws {
        let book = with(
            try paid(),
            [
                [
                    PostingLine(.debit, .cash(source: "city"), Fen(2)),
                    PostingLine(.credit, .contributions(source: "city"), Fen(1)),
                ],
                [PostingLine(.debit, .cash(source: "city"), .zero), PostingLine(.credit, .contributions(source: "city"), .zero)],
            ], kind: .receipt)
        #expect(
            book.check() == [
                .postingInvalid(posting: 4, .unbalanced(debits: Fen(2), credits: Fen(1))),
                .postingInvalid(posting: 5, .lineNotPositive),
            ])
    }

    @Test("a tranche paid twice, and ledger lines that disagree with the tranche")
    func paidTwice() throws {
        let original = try paid()
        let again = original.ledger.postings[2].lines
        let book = with(original, [again])
        #expect(
            book.check() == [
                .tranchePaidTwice(t1, postings: [3, 4]),
                .trancheLedgerMismatch(t1, share: .central, ledger: .yuan(50_000), expected: .yuan(25_000)),
                .trancheLedgerMismatch(t1, share: .local, ledger: .yuan(50_000), expected: .yuan(25_000)),
            ])
    }

    @Test("a tranche marked paid that the ledger never paid, and a payment of an unknown tranche")
    func paidWithoutLedger() throws {
        var original = try paid()
        try original.milestoneReached(project: "p1", .accepted)
        var projects = original.projects
        projects["p1"]?.tranches[1].status = .paid(release: 7)
        let ghost = Fixture.t("p9", 1)
        let tampered = FundsBook(
            rules: original.rules, sources: original.sources, projects: projects, releases: original.releases,
            ledger: original.ledger)
        let book = with(
            tampered,
            [
                [
                    PostingLine(.debit, .subsidyPaid(project: "p9", share: .local), Fen(5), tranche: ghost),
                    PostingLine(.credit, .cash(source: "city"), Fen(5)),
                ]
            ])
        #expect(
            book.check() == [
                .unknownTrancheInLedger(ghost, posting: 4),
                .trancheLedgerMismatch(Fixture.t("p1", 2), share: .central, ledger: .zero, expected: .yuan(25_000)),
                .trancheLedgerMismatch(Fixture.t("p1", 2), share: .local, ledger: .zero, expected: .yuan(25_000)),
            ])
    }

    @Test("broken matching, negative cash and an overpaid recovery")
    func money() throws {
        let book = with(
            try paid(),
            [
                [
                    PostingLine(.debit, .subsidyPaid(project: "p1", share: .central), Fen(1)),
                    PostingLine(.credit, .cash(source: "central"), Fen(1)),
                ],
                [
                    PostingLine(.debit, .contributions(source: "teda"), Fen(3)),
                    PostingLine(.credit, .cash(source: "teda"), Fen(3)),
                ],
                [
                    PostingLine(.debit, .cash(source: "city"), Fen(4)),
                    PostingLine(.credit, .recoveryReceivable(project: "p1"), Fen(4)),
                ],
            ])
        let violations = book.check()
        #expect(
            violations == [
                .matchingBroken(scope: .project("p1"), shortfall: Fen(1)),
                .matchingBroken(scope: .programme, shortfall: Fen(1)),
                .negativeCash(source: "teda", balance: Fen(-3)),
                .recoveryOverpaid(project: "p1", by: Fen(4)),
            ])
        for violation in violations {
            #expect(!violation.message.zh.isEmpty && !violation.message.en.isEmpty)
        }
        #expect(violations[2].message.en == "Funding source teda has negative cash: ¥-0.03")
    }
}
