import Foundation
import PilotDomain

/// Why an approved release waits instead of being paid (only under `hold_until_matched`).
public enum ReleaseHoldReason: Sendable, Hashable, Codable {
    case matching(shortfall: Fen, scope: MatchingScope)
    case localCash(source: String, shortfall: Fen)
}

/// Prepared by one officer, decided by another. `held` means approved but waiting for local
/// money; `retryHeld` pays it once the rules pass, under the approval already given.
public enum ReleaseState: Sendable, Hashable, Codable {
    case prepared
    case held(approver: Officer, at: Date, reason: ReleaseHoldReason)
    case paid(approver: Officer, at: Date, posting: Int)
    case rejected(by: Officer, at: Date, reason: String)

    /// Prepared or held: its tranches may not go into another release.
    public var isOpen: Bool {
        switch self {
        case .prepared, .held: true
        case .paid, .rejected: false
        }
    }
}

/// A batch of due tranches put forward for payment together, paid by one journal entry.
public struct Release: Sendable, Hashable, Codable, Identifiable {
    /// 1, 2, … in the order prepared.
    public let number: Int
    public let tranches: [TrancheID]
    public let preparer: Officer
    public let preparedAt: Date
    /// The impact as it was when prepared; `FundsBook.impact(of:)` gives it as it is now.
    public let impactWhenPrepared: MatchingImpact
    public internal(set) var state: ReleaseState

    public var id: Int { number }
}
