import Foundation
import PilotDomain
import PropertyBased
import Testing

@testable import Funds

/// One random step as raw numbers. `Scenario.apply` reads them against the book as it is, so
/// every sequence means something, and shrinking a failing sequence keeps it meaningful.
struct Step: Sendable, CustomStringConvertible {
    var kind: Int
    var a: Int
    var b: Int
    var amount: Int64

    var description: String { "(\(kind), \(a), \(b), \(amount))" }
}

/// A programme (rules, three projects) and a sequence of 1–60 operations on it.
struct Scenario: Sendable, CustomStringConvertible {
    var share: Int
    var thirtyFortyThirty: Bool
    var hold: Bool
    var subsidies: [Int64]
    var steps: [Step]

    var description: String {
        "share \(share)%, plan \(thirtyFortyThirty ? "30/40/30" : "50/50"), hold \(hold), subsidies \(subsidies), steps "
            + steps.map(\.description).joined(separator: " ")
    }

    static let shares = [0, 30, 50, 50, 50, 60]
    static let projectIds = ["p0", "p1", "p2"]
    static let sourceIds = ["central", "city", "district", "teda"]
    static let localSources = ["city", "district", "teda"]
    /// Bureau officers, a delegate of alice, and someone of each of p0's and p1's enterprises.
    static let officers = [
        Fixture.alice, Fixture.bob, Fixture.carol, Fixture.aliceDelegate,
        Officer(userId: "e0", organisationId: "ent-p0"), Officer(userId: "e1", organisationId: "ent-p1"),
    ]

    static let step = zip(
        Gen.int(in: 0...23), Gen.int(in: 0...1_023), Gen.int(in: 0...1_023), Gen.int64(in: 1...3_000_000)
    ).map { Step(kind: $0.0, a: $0.1, b: $0.2, amount: $0.3) }

    static let generator = zip(
        Gen.int(in: 0...(shares.count - 1)), Gen.bool, Gen.bool, Gen.int64(in: 100...4_000_000).array(of: 3),
        step.array(of: 1...60)
    ).map { Scenario(share: shares[$0.0], thirtyFortyThirty: $0.1, hold: $0.2, subsidies: $0.3, steps: $0.4) }

    func start() throws -> FundsBook {
        var book = Fixture.book(
            Fixture.rules(share: share, plan: thirtyFortyThirty ? .thirtyFortyThirty : .halfAtFilingHalfAtAcceptance, hold: hold))
        for (index, id) in Self.projectIds.enumerated() {
            try book.registerProject(
                id, enterpriseOrganisationId: "ent-\(id)", approvedSubsidy: Fen(subsidies[index]),
                localSourceId: Self.localSources[index])
        }
        return book
    }

    /// Applies one step; refusals are thrown, as the book's operations throw them.
    static func apply(_ step: Step, to book: inout FundsBook, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        let project = projectIds[step.a % projectIds.count]
        let officer = officers[step.b % officers.count]
        switch step.kind {
        case 0...3:
            return try book.receive(source: sourceIds[step.b % sourceIds.count], amount: Fen(step.amount * 2), at: at)
        case 4...8:
            // Mostly the project's next milestone, sometimes any.
            let next = book.projects[project]?.tranches.first { $0.status == .planned }?.milestone
            return try book.milestoneReached(
                project: project, step.b % 4 == 0 ? Milestone.allCases[step.b % 3] : next ?? .accepted)
        case 9:
            let outcomes: [MidtermOutcome] = [.passed, .passed, .passed, .rectify, .failed]
            return try book.midtermOutcome(project: project, outcomes[step.b % outcomes.count])
        case 10:
            // A random subset of all tranches (by the bits of b), often including ones not payable.
            let all = book.projects.values.flatMap(\.tranches).map(\.id).sorted()
            let chosen = all.enumerated().filter { step.b & (1 << $0.offset) != 0 }.map(\.element)
            return try book.prepareRelease(chosen, preparer: officers[step.a % officers.count], at: at)
        case 11...13:
            // What looks payable — one project's, or everyone's as a batch — so that releases do happen.
            let payable = book.projects.values.flatMap(\.tranches)
                .filter { $0.status == .due && book.openRelease(containing: $0.id) == nil }.map(\.id).sorted()
            let first = payable.first?.project
            return try book.prepareRelease(
                payable.filter { step.b % 4 == 0 || $0.project == first }, preparer: officers[step.a % officers.count], at: at)
        case 14...18:
            return try book.approveRelease(releaseNumber(step, book), approver: officer, at: at)
        case 19:
            let reason = step.a % 4 == 0 ? " " : "退回重办"
            return try book.rejectRelease(releaseNumber(step, book), by: officer, reason: reason, at: at)
        case 20 where step.a % 2 == 0:
            // Mostly a project that was paid something, so that there is something to recover.
            let ledger = book.ledger
            let paid = { (id: String) in ledger.paid(project: id, share: .central) + ledger.paid(project: id, share: .local) }
            let target = projectIds.first { paid($0) > .zero && step.b % 3 != 0 } ?? project
            let toRecover = step.b % 4 == 0 ? paid(target) + Fen(1) : Fen(step.amount % (paid(target).value + 1))
            return try book.terminate(project: target, toRecover: toRecover, at: at)
        case 21:
            // Mostly a project that owes something.
            let owing = projectIds.first { book.ledger.recoveryOwed(project: $0) > .zero && step.b % 5 != 0 } ?? project
            let owed = book.ledger.recoveryOwed(project: owing)
            let amounts = [Fen(step.amount), owed, Fen(owed.value / 2), Fen(step.amount % (owed.value + 1))]
            return try book.repayRecovery(
                project: owing, amount: amounts[step.b % amounts.count], into: sourceIds[step.a % sourceIds.count], at: at)
        default:
            return book.retryHeld(at: at)
        }
    }

    /// Mostly the latest open release; sometimes any number, including decided and unknown ones.
    private static func releaseNumber(_ step: Step, _ book: FundsBook) -> Int {
        if step.a % 4 != 0, let open = book.releases.last(where: \.state.isOpen) { return open.number }
        return step.a % (book.releases.count + 2) + 1
    }

    /// Runs the scenario, calling `observe` with the book before and after each step and the refusal, if any.
    func run(_ observe: (Step, FundsBook, FundsBook, Result<[FundsEvent], FundsRefusal>) -> Void) throws -> FundsBook {
        var book = try start()
        for (index, step) in steps.enumerated() {
            let before = book
            let result: Result<[FundsEvent], FundsRefusal>
            do {
                result = .success(try Self.apply(step, to: &book, at: Fixture.day.addingTimeInterval(Double(index) * 60)))
            } catch {
                result = .failure(error)
            }
            observe(step, before, book, result)
        }
        return book
    }
}

/// The invariants, computed from the journal independently of `FundsBook.check()`.
func expectSound(_ book: FundsBook, after step: Step, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(book.check() == [], "after \(step)", sourceLocation: sourceLocation)
    var balances: [Account: Int64] = [:]
    var paying: [TrancheID: Set<Int>] = [:]
    for posting in book.ledger.postings {
        let debits = posting.lines.filter { $0.side == .debit }.reduce(Int64(0)) { $0 + $1.amount.value }
        let credits = posting.lines.filter { $0.side == .credit }.reduce(Int64(0)) { $0 + $1.amount.value }
        #expect(
            debits == credits && !posting.lines.isEmpty, "posting \(posting.number) unbalanced", sourceLocation: sourceLocation)
        #expect(posting.lines.allSatisfy { $0.amount.value > 0 }, sourceLocation: sourceLocation)
        for line in posting.lines {
            balances[line.account, default: 0] += line.side == .debit ? line.amount.value : -line.amount.value
            if posting.kind == .release, let tranche = line.tranche { paying[tranche, default: []].insert(posting.number) }
        }
    }
    var programme = (central: Int64(0), local: Int64(0))
    for id in book.projects.keys {
        let central = balances[.subsidyPaid(project: id, share: .central)] ?? 0
        let local = balances[.subsidyPaid(project: id, share: .local)] ?? 0
        #expect(local >= central, "project \(id) unmatched after \(step)", sourceLocation: sourceLocation)
        programme = (programme.central + central, programme.local + local)
        let stated = -(balances[.recoveries(project: id)] ?? 0)
        let owed = balances[.recoveryReceivable(project: id)] ?? 0
        #expect(owed >= 0 && owed <= stated, "project \(id) recovered more than owed", sourceLocation: sourceLocation)
        #expect(stated <= central + local, sourceLocation: sourceLocation)
    }
    #expect(programme.local >= programme.central, "programme unmatched after \(step)", sourceLocation: sourceLocation)
    #expect(paying.values.allSatisfy { $0.count == 1 }, "a tranche paid twice after \(step)", sourceLocation: sourceLocation)
    let paidTranches = Set(book.projects.values.flatMap(\.tranches).filter(\.isPaid).map(\.id))
    #expect(paidTranches == Set(paying.keys), sourceLocation: sourceLocation)
    for source in book.sources.keys {
        #expect((balances[.cash(source: source)] ?? 0) >= 0, "\(source) cash negative", sourceLocation: sourceLocation)
    }
    #expect(balances.allSatisfy { book.ledger.balance($0.key).value == $0.value }, sourceLocation: sourceLocation)
}
