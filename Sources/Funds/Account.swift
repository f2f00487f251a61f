/// Which part of a tranche a payment is: the central award's or the local money's.
public enum FundShare: String, Sendable, Hashable, Codable, CaseIterable {
    case central
    case local
}

/// The ledger's accounts. Balances are debit minus credit, so asset and expense accounts
/// (cash, subsidy paid, receivables) are positive and the funding side (contributions,
/// recoveries) is negative. Keyed by ids, not names, so renaming a source keeps its history.
public enum Account: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Money received from the source and not yet paid out. Never negative.
    case cash(source: String)
    /// What the source has paid in (credit side of its receipts).
    case contributions(source: String)
    /// Subsidy paid to a project's enterprise, central and local parts apart: matching reads these.
    case subsidyPaid(project: String, share: FundShare)
    /// What a terminated project's enterprise still owes back (追回).
    case recoveryReceivable(project: String)
    /// What the bureau decided to recover from a project (credit side of the receivable).
    case recoveries(project: String)

    public var description: String {
        switch self {
        case .cash(let source): "cash:\(source)"
        case .contributions(let source): "contributions:\(source)"
        case .subsidyPaid(let project, let share): "subsidy_paid:\(project):\(share.rawValue)"
        case .recoveryReceivable(let project): "recovery_receivable:\(project)"
        case .recoveries(let project): "recoveries:\(project)"
        }
    }
}
