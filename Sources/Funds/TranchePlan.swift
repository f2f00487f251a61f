import PilotDomain

/// How an approved subsidy is paid out: one tranche per milestone, as a percentage of the
/// subsidy. A programme rule (e.g. 50% at task-book filing + 50% at acceptance, or 30/40/30
/// with the mid-term pass), validated once here so every project split from it is sound.
public struct TranchePlan: Sendable, Hashable {
    public struct Step: Sendable, Hashable, Codable {
        public var milestone: Milestone
        public var percent: Int

        public init(_ milestone: Milestone, _ percent: Int) {
            self.milestone = milestone
            self.percent = percent
        }
    }

    public let steps: [Step]

    /// Accepts a plan whose percentages are each 1–100 and add up to 100, with each milestone at
    /// most once and in the order milestones happen (so tranche numbers follow the calendar).
    public init(_ steps: [Step]) throws(FundingRulesProblem) {
        guard !steps.isEmpty else { throw .planEmpty }
        for step in steps where !(1...100).contains(step.percent) {
            throw .percentOutOfRange(step.milestone, percent: step.percent)
        }
        for (earlier, later) in zip(steps, steps.dropFirst()) where later.milestone <= earlier.milestone {
            throw later.milestone == earlier.milestone ? .duplicateMilestone(later.milestone) : .milestonesOutOfOrder
        }
        let sum = steps.reduce(0) { $0 + $1.percent }
        guard sum == 100 else { throw .percentsDoNotSumTo100(sum: sum) }
        self.steps = steps
    }

    private init(unchecked steps: [Step]) { self.steps = steps }

    /// 50% when the task book is signed (filed), 50% on acceptance.
    public static let halfAtFilingHalfAtAcceptance = TranchePlan(unchecked: [
        Step(.taskBookSigned, 50), Step(.accepted, 50),
    ])

    /// 30% at the task book, 40% when the mid-term evaluation is passed, 30% on acceptance.
    public static let thirtyFortyThirty = TranchePlan(unchecked: [
        Step(.taskBookSigned, 30), Step(.midtermPassed, 40), Step(.accepted, 30),
    ])

    /// The tranche amounts for `subsidy`, exact to the fen. Every tranche but the last is
    /// floor(subsidy × percent / 100); the last takes the rest (at most one fen per earlier
    /// tranche more than its percentage). So the tranches add up to the subsidy exactly and no
    /// milestone ever pays ahead of the plan: rounding fen wait for acceptance.
    public func amounts(for subsidy: Fen) -> [Fen] {
        var amounts = steps.dropLast().map { subsidy.percent($0.percent) }
        amounts.append(subsidy - amounts.reduce(.zero, +))
        return amounts
    }
}

extension TranchePlan: Codable {
    /// Decoding validates like `init(_:)`: a stored plan is trusted no more than a typed one.
    public init(from decoder: any Decoder) throws {
        let steps = try [Step](from: decoder)
        do {
            try self.init(steps)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message.en))
        }
    }

    public func encode(to encoder: any Encoder) throws { try steps.encode(to: encoder) }
}

extension Fen {
    /// floor(self × percent / 100) for a non-negative amount — the one rounding rule of this
    /// module. Integer arithmetic only; fits Int64 for any amount up to `Fen.maximum`.
    func percent(_ percent: Int) -> Fen { Fen(value * Int64(percent) / 100) }
}
