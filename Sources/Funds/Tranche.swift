import PilotDomain

/// A tranche is named by its project and its number in the plan (1, 2, …), which is how
/// officials refer to it (项目 X 第 2 期).
public struct TrancheID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var project: String
    public var number: Int

    public init(project: String, number: Int) {
        self.project = project
        self.number = number
    }

    public static func < (lhs: TrancheID, rhs: TrancheID) -> Bool {
        (lhs.project, lhs.number) < (rhs.project, rhs.number)
    }

    public var description: String { "\(project)#\(number)" }
}

/// Where a tranche stands. `due` tranches of a project on hold (mid-term rectify or fail) are
/// not payable; the hold lives on the project (`ProjectFunding.hold`), not copied here, so lifting
/// it cannot miss a tranche.
public enum TrancheStatus: Sendable, Hashable, Codable {
    case planned
    case due
    case paid(release: Int)
    case cancelled
}

/// One instalment of a project's subsidy, split into central and local parts.
public struct Tranche: Sendable, Hashable, Codable, Identifiable {
    public let id: TrancheID
    public let milestone: Milestone
    public let amount: Fen
    public let central: Fen
    public let local: Fen
    public internal(set) var status: TrancheStatus

    /// Splits `amount` by the central share: central = floor(amount × share / 100), local = the
    /// rest. Exact to the fen, and rounding always favours the local part, so with a share of
    /// 50% or less every tranche is matched on its own — whichever tranches are paid, in
    /// whatever order, local ≥ central holds.
    init(id: TrancheID, milestone: Milestone, amount: Fen, centralSharePercent: Int) {
        self.id = id
        self.milestone = milestone
        self.amount = amount
        central = amount.percent(centralSharePercent)
        local = amount - central
        status = .planned
    }

    /// Every field as stored (`restored`): the split is the one registered, not computed again.
    init(id: TrancheID, milestone: Milestone, amount: Fen, central: Fen, local: Fen, status: TrancheStatus) {
        self.id = id
        self.milestone = milestone
        self.amount = amount
        self.central = central
        self.local = local
        self.status = status
    }

    public var projectId: String { id.project }
    public var number: Int { id.number }

    public func share(_ share: FundShare) -> Fen { share == .central ? central : local }

    public var isPaid: Bool {
        if case .paid = status { true } else { false }
    }
}
