import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("The double-entry ledger")
struct LedgerTests {
    @Test("a receipt debits the source's cash and credits its contributions")
    func receipt() throws {
        var book = Fixture.book()
        let events = try book.receive(source: "city", amount: .yuan(500), at: Fixture.day)
        #expect(events == [.received(source: "city", amount: .yuan(500), posting: 1)])
        let posting = try #require(book.ledger.postings.first)
        #expect(posting.kind == .receipt)
        #expect(
            posting.lines == [
                PostingLine(.debit, .cash(source: "city"), .yuan(500)),
                PostingLine(.credit, .contributions(source: "city"), .yuan(500)),
            ])
        #expect(posting.debits == posting.credits)
        #expect(book.ledger.cash(source: "city") == .yuan(500))
        #expect(book.ledger.received(source: "city") == .yuan(500))
        #expect(book.ledger.balance(.contributions(source: "city")) == .zero - .yuan(500))
    }

    @Test("amounts must be above zero and at most ¥100 billion; sources must exist")
    func invalidAmounts() {
        let book = Fixture.book()
        for amount in [Fen.zero, Fen(-1), Fen.maximum + Fen(1)] {
            #expect(refusal(book) { try $0.receive(source: "city", amount: amount, at: Fixture.day) } == .amountInvalid(amount))
        }
        #expect(refusal(book) { try $0.receive(source: "nowhere", amount: Fen(1), at: Fixture.day) } == .unknownSource("nowhere"))
    }

    @Test("the ledger refuses unbalanced, empty and non-positive postings, unchanged")
    func refusesBadPostings() {
        var ledger = Ledger()
        #expect(throws: PostingProblem.unbalanced(debits: Fen(2), credits: Fen(1))) {
            try ledger.post(
                .receipt, at: Fixture.day,
                lines: [
                    PostingLine(.debit, .cash(source: "a"), Fen(2)), PostingLine(.credit, .contributions(source: "a"), Fen(1)),
                ])
        }
        #expect(throws: PostingProblem.noLines) { try ledger.post(.receipt, at: Fixture.day, lines: []) }
        #expect(throws: PostingProblem.lineNotPositive) {
            try ledger.post(
                .receipt, at: Fixture.day,
                lines: [PostingLine(.debit, .cash(source: "a"), .zero), PostingLine(.credit, .contributions(source: "a"), .zero)])
        }
        #expect(ledger == Ledger())
    }

    @Test("stored as its journal; balances are rebuilt when loaded")
    func coding() throws {
        var book = Fixture.funded()
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([Fixture.t("p1", 1)], preparer: Fixture.alice, at: Fixture.day)
        try book.approveRelease(1, approver: Fixture.bob, at: Fixture.day)
        let data = try JSONEncoder().encode(book)
        let loaded = try JSONDecoder().decode(FundsBook.self, from: data)
        #expect(loaded == book)
        #expect(loaded.ledger.balances == book.ledger.balances)
    }
}
