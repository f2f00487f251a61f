import Foundation
import PilotDomain

/// How a recovery is settled: by keeping money of an unpaid tranche of the same project, or by
/// the enterprise paying back into a source.
public enum SettlementKind: Sendable, Hashable, Codable {
    case offset(TrancheID)
    case repayment(amount: Fen, source: String)
}

/// A settlement step, prepared by one officer and approved by another (then `posting` is set).
public struct RecoverySettlement: Sendable, Hashable, Codable {
    public let kind: SettlementKind
    public let preparer: Officer
    public let preparedAt: Date
    public internal(set) var approver: Officer?
    public internal(set) var posting: Int?
    /// The amount it settled (an offset settles at most what is still owed).
    public internal(set) var settled: Fen
    /// The reversal posting of a repayment corrected later: it then settles nothing.
    public internal(set) var reversedBy: Int?

    public var isPending: Bool { approver == nil }
}

/// Where a demand stands.
public enum RecoveryDemandState: String, Sendable, Hashable, Codable {
    /// Prepared, waiting for a second officer.
    case prepared
    /// Approved: the receivable is open until settled.
    case open
    case settled
    case rejected
}

/// A recovery (追回) as its own process: the bureau demands money back from a project (by a date,
/// 90 days unless told), a second officer approves, and settlements — offsets against unpaid
/// tranches or repayments — each prepared and approved by two officers, bring it to zero.
public struct RecoveryDemand: Sendable, Hashable, Codable, Identifiable {
    public let number: Int
    public let projectId: String
    public let amount: Fen
    public let due: Date
    public let reason: String
    public let preparer: Officer
    public let preparedAt: Date
    public internal(set) var state: RecoveryDemandState
    public internal(set) var approver: Officer?
    /// The posting that opened the receivable.
    public internal(set) var posting: Int?
    public internal(set) var settlements: [RecoverySettlement]

    public var id: Int { number }

    public var settled: Fen {
        settlements.filter { !$0.isPending && $0.reversedBy == nil }.reduce(.zero) { $0 + $1.settled }
    }

    public var outstanding: Fen { state == .rejected || state == .prepared ? .zero : amount - settled }

    /// Approved, not settled, past its due date: a risk for the dashboard.
    public func isOverdue(at now: Date) -> Bool { state == .open && outstanding > .zero && due < now }
}

/// The default time an enterprise has to pay a demand back.
public let recoveryDueDays = 90
