import PilotDomain
import ProviderPool
import Testing

/// Choosing main contractors on merit (policy 004 §四(五)): the criteria's rules and arithmetic, who
/// may apply and which application may be selected.
@Suite("Main-contractor selection rules: criteria, totals, eligibility, selection")
struct ContractorSelectionTests {
    func score(_ text: String) throws -> EvaluationScore { try #require(EvaluationScore(text)) }

    func criteria() throws -> ContractorCriteria {
        try ContractorCriteria([
            .init(key: "plan", name: LocalizedText(zh: "服务方案", en: "Plan"), weight: 60),
            .init(key: "team", name: LocalizedText(zh: "团队", en: "Team"), weight: 30),
            .init(
                key: "grade", name: LocalizedText(zh: "评级", en: "Grade"), weight: 10,
                fromPoolGrade: [
                    .excellent: try score("100"), .good: try score("85"), .qualified: try score("70"), .ungraded: try score("60"),
                ]),
        ])
    }

    @Test("criteria: weights add up to 100, keys well formed and unique, a grade table for every grade")
    func criteriaRules() throws {
        let name = LocalizedText(zh: "项", en: "Item")
        #expect(throws: ContractorCriteria.Problem.noCriteria) { try ContractorCriteria([]) }
        #expect(throws: ContractorCriteria.Problem.weightsDoNotAddUp(90)) {
            try ContractorCriteria([.init(key: "a", name: name, weight: 60), .init(key: "b", name: name, weight: 30)])
        }
        #expect(throws: ContractorCriteria.Problem.duplicateKey("a")) {
            try ContractorCriteria([.init(key: "a", name: name, weight: 50), .init(key: "a", name: name, weight: 50)])
        }
        #expect(throws: ContractorCriteria.Problem.badWeight(key: "a", weight: 0)) {
            try ContractorCriteria([.init(key: "a", name: name, weight: 0), .init(key: "b", name: name, weight: 100)])
        }
        #expect(throws: ContractorCriteria.Problem.badWeight(key: "a", weight: 101)) {
            try ContractorCriteria([.init(key: "a", name: name, weight: 101)])
        }
        #expect(throws: ContractorCriteria.Problem.badKey("Bad Key")) {
            try ContractorCriteria([.init(key: "Bad Key", name: name, weight: 100)])
        }
        #expect(throws: ContractorCriteria.Problem.missingGradeInput(key: "g", input: "ungraded")) {
            try ContractorCriteria([
                .init(
                    key: "g", name: name, weight: 100,
                    fromPoolGrade: [.excellent: try score("1"), .good: try score("1"), .qualified: try score("1")])
            ])
        }
    }

    @Test("the total is the weighted mean in hundredths, the grade criterion from the latest grade; a missing score gives none")
    func totals() throws {
        let criteria = try criteria()
        #expect(criteria.typed.map(\.key) == ["plan", "team"])
        let typed = ["plan": try score("90"), "team": try score("80.55")]
        let good = try #require(criteria.scores(typed: typed, grade: .good))
        #expect(good["grade"] == (try score("85")))
        // 90×60 + 80.55×30 + 85×10 = 5400 + 2416.5 + 850 = 8666.5 → 86.67 (half up)
        #expect(criteria.total(good)?.hundredths == 8667)
        let ungraded = try #require(criteria.scores(typed: typed, grade: nil))
        #expect(criteria.total(ungraded)?.hundredths == 8417)
        #expect(criteria.scores(typed: ["plan": try score("90")], grade: .good) == nil)
        #expect(criteria.total(["plan": try score("90")]) == nil)
        // The bounds: every criterion at 100 gives exactly 100, at 0 exactly 0.
        let full = try #require(criteria.scores(typed: ["plan": try score("100"), "team": try score("100")], grade: .excellent))
        #expect(criteria.total(full)?.hundredths == 10_000)
        let empty = ["plan": try score("0"), "team": try score("0"), "grade": try score("0")]
        #expect(criteria.total(empty)?.hundredths == 0)
    }

    @Test("only a pool member in good standing may apply; the window is inclusive")
    func eligibility() {
        #expect(ContractorSelection.eligibility(nil) == .notInPool)
        var member = PoolMember()
        #expect(ContractorSelection.eligibility(member) == nil)
        member.standing = .removed(.verifiedComplaints)
        #expect(ContractorSelection.eligibility(member) == .removed(.verifiedComplaints))
        #expect(ContractorRoundRefusal.removed(.verifiedComplaints).message.zh.contains("已被移出资源池"))
        #expect(ContractorSelection.within(day: "2024-02-01", from: "2024-02-01", until: "2024-02-29") == nil)
        #expect(ContractorSelection.within(day: "2024-02-29", from: "2024-02-01", until: "2024-02-29") == nil)
        #expect(
            ContractorSelection.within(day: "2024-03-01", from: "2024-02-01", until: "2024-02-29")
                == .outsideWindow(from: "2024-02-01", until: "2024-02-29"))
    }

    @Test("selection: every application scored; the best (or a tie) freely, a lower one only with a reason")
    func selection() throws {
        let totals: [String: EvaluationScore?] = ["a": try score("87"), "b": try score("80.5"), "c": try score("87")]
        #expect(ContractorSelection.check(totals: totals, chosen: "a", reason: "") == nil)
        #expect(ContractorSelection.check(totals: totals, chosen: "c", reason: "") == nil)
        #expect(ContractorSelection.check(totals: totals, chosen: "b", reason: "  ") == .reasonNeeded)
        #expect(ContractorSelection.check(totals: totals, chosen: "b", reason: "价格承诺更优") == nil)
        #expect(ContractorSelection.check(totals: totals, chosen: "x", reason: "") == .unknownApplication)
        let partly: [String: EvaluationScore?] = ["a": try score("87"), "b": nil]
        #expect(ContractorSelection.check(totals: partly, chosen: "a", reason: "") == .unscored(1))
    }
}
