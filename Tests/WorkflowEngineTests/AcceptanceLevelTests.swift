import Foundation
import PilotDomain
import Testing

@testable import WorkflowEngine

/// Policy 004: every participant reaches level 2 or above (全部达到二级以上) — a programme may ask
/// for more at acceptance, never less.
@Suite("Acceptance level")
struct AcceptanceLevelTests {
    func check(level: Int64, rules: [String: JSONValue]) -> GuardOutcome {
        let instance = InstanceSnapshot(
            id: "i", programmeId: "p", definitionId: "d", definitionVersion: 1, state: "acceptance_review", version: 1,
            stateEnteredAt: Date(), createdAt: Date())
        let context = GuardContext(
            instance: instance, input: ["assessed_level": .int(level)], data: [:], actor: .system(programmeId: "p"),
            now: Date(), rules: RuleBook(rules))
        return StandardGuards.acceptanceLevelPasses(context)
    }

    @Test("level 2 passes by default, level 1 does not; a programme may demand level 3")
    func bounds() {
        #expect(check(level: 2, rules: [:]) == .pass)
        #expect(check(level: 1, rules: [:]) != .pass)
        #expect(check(level: 2, rules: ["acceptance_min_level": .int(3)]) != .pass)
        #expect(check(level: 3, rules: ["acceptance_min_level": .int(3)]) == .pass)
    }

    @Test("a rule version stored below 2, from before the bound, still needs level 2")
    func neverBelowTwo() {
        guard case .fail(let message) = check(level: 1, rules: ["acceptance_min_level": .int(1)]) else {
            Issue.record("level 1 must not pass acceptance")
            return
        }
        #expect(message.zh.contains("需达到 2 级及以上"))
        #expect(check(level: 2, rules: ["acceptance_min_level": .int(1)]) == .pass)
    }
}
