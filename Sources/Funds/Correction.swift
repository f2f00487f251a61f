import Foundation
import PilotDomain

/// Where a correction stands: prepared by one officer, then approved (its reversing posting
/// made) or rejected by another.
public enum CorrectionState: Sendable, Hashable, Codable {
    case prepared
    case approved(by: Officer, at: Date, posting: Int)
    case rejected(by: Officer, at: Date, reason: String)

    public var name: String {
        switch self {
        case .prepared: "prepared"
        case .approved: "approved"
        case .rejected: "rejected"
        }
    }
}

/// A wrong posting undone by a correcting one: the journal is never edited, so the original stays
/// and a mirror posting (every line on the other side, pointing back to it) cancels it.
public struct Correction: Sendable, Hashable, Codable, Identifiable {
    public let number: Int
    /// The posting reversed.
    public let posting: Int
    public let reason: String
    public let preparer: Officer
    public let preparedAt: Date
    public internal(set) var state: CorrectionState

    public var id: Int { number }
}

/// One version of a funding source's committed amount: the amount it replaced, the new one, why
/// and who changed it. The source's first version is the amount it was created with.
public struct SourceRevision: Sendable, Hashable, Codable, Identifiable {
    public let number: Int
    public let sourceId: String
    /// 2, 3, … per source (1 is the amount it was created with).
    public let version: Int
    public let from: Fen
    public let to: Fen
    public let reason: String
    public let by: Officer
    public let at: Date

    public var id: Int { number }
}
