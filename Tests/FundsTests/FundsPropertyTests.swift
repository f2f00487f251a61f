import Foundation
import PilotDomain
import PropertyBased
import Testing

@testable import Funds

@Suite("Funds invariants hold after any sequence of operations")
struct FundsPropertyTests {
    /// What the random scenarios reached, so a generator that stopped exercising the rules shows.
    struct Coverage {
        var paid = 0
        var held = 0
        var recoveries = 0
        var refusals: [String: Int] = [:]
    }

    @Test("after every step: check() empty, balanced, matched, paid once, no negative cash, recovered ≤ owed")
    func invariants() async throws {
        var coverage = Coverage()
        await propertyCheck(count: 1_000, input: Scenario.generator) { scenario in
            let book = try scenario.run { step, _, after, result in
                expectSound(after, after: step)
                switch result {
                case .success(let events):
                    for event in events {
                        switch event {
                        case .releasePaid: coverage.paid += 1
                        case .releaseHeld: coverage.held += 1
                        case .recoveryRepaid: coverage.recoveries += 1
                        default: break
                        }
                    }
                case .failure(let refusal):
                    coverage.refusals[String(String(describing: refusal).prefix { $0 != "(" }), default: 0] += 1
                }
            }
            let reloaded = try JSONDecoder().decode(FundsBook.self, from: JSONEncoder().encode(book))
            #expect(reloaded == book, "the book does not survive storage")
        }
        #expect(coverage.paid > 100, "\(coverage)")
        #expect(coverage.held > 20, "\(coverage)")
        #expect(coverage.recoveries > 2, "\(coverage)")
        let expected: Set<String> = [
            "sameOfficer", "officerOfPaidOrganisation", "trancheNotDue", "tranchePaid", "trancheHeld", "trancheCancelled",
            "trancheInOpenRelease", "matchingShortfall", "insufficientCash", "recoveryExceedsOwed", "recoveryExceedsPaid",
            "alreadyDecided", "reasonMissing", "projectTerminated", "projectFailedMidterm", "noTranches", "unknownRelease",
        ]
        #expect(
            expected.subtracting(coverage.refusals.keys).isEmpty, "never reached: \(expected.subtracting(coverage.refusals.keys))"
        )
    }

    @Test("a refused operation leaves the book unchanged; an accepted one changes it exactly when it reports events")
    func refusalsChangeNothing() async throws {
        await propertyCheck(count: 1_000, input: Scenario.generator) { scenario in
            _ = try scenario.run { step, before, after, result in
                switch result {
                case .failure(let refusal):
                    #expect(after == before, "\(refusal) changed the book at \(step)")
                case .success(let events):
                    #expect(events.isEmpty == (after == before), "events \(events) at \(step)")
                }
            }
        }
    }

    @Test("tranches add up to the subsidy and splits to the tranche; with a share ≤ 50% each tranche is matched")
    func splits() async {
        let plans: [TranchePlan] = [
            .halfAtFilingHalfAtAcceptance, .thirtyFortyThirty,
            try! TranchePlan([.init(.taskBookSigned, 33), .init(.midtermPassed, 33), .init(.accepted, 34)]),
            try! TranchePlan([.init(.accepted, 100)]),
        ]
        await propertyCheck(
            count: 500, input: Gen.int64(in: 1...Fen.maximum.value), Gen.int(in: 0...(plans.count - 1)), Gen.int(in: 0...100)
        ) { subsidy, planIndex, share in
            let plan = plans[planIndex]
            let amounts = plan.amounts(for: Fen(subsidy))
            #expect(amounts.reduce(Fen.zero, +) == Fen(subsidy))
            for (step, amount) in zip(plan.steps, amounts).dropLast() {
                #expect(amount.value == subsidy * Int64(step.percent) / 100)
            }
            for (index, amount) in amounts.enumerated() {
                let tranche = Tranche(
                    id: TrancheID(project: "p", number: index + 1), milestone: .accepted, amount: amount,
                    centralSharePercent: share)
                #expect(tranche.central + tranche.local == amount)
                #expect(tranche.central.value == amount.value * Int64(share) / 100)
                if share <= 50 { #expect(tranche.local >= tranche.central) }
            }
        }
    }
}
