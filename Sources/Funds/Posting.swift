import Foundation
import PilotDomain

/// What a journal entry records. One kind per business event, so reports can pick them out.
public enum PostingKind: String, Sendable, Hashable, Codable {
    case receipt
    case release
    case recoveryOpened = "recovery_opened"
    case recoveryRepaid = "recovery_repaid"
    /// A correction: the mirror of a wrong posting (`Posting.reverses`).
    case reversal
    /// A recovery settled by keeping money of an unpaid tranche: it pays that tranche.
    case recoveryOffset = "recovery_offset"
}

public enum PostingSide: String, Sendable, Hashable, Codable {
    case debit
    case credit
}

/// One line of a journal entry. Release lines that pay a tranche name it, so the ledger alone
/// shows which tranche was paid how much (and `FundsBook.check()` can compare).
public struct PostingLine: Sendable, Hashable, Codable {
    public var account: Account
    public var side: PostingSide
    public var amount: Fen
    public var tranche: TrancheID?

    public init(_ side: PostingSide, _ account: Account, _ amount: Fen, tranche: TrancheID? = nil) {
        self.account = account
        self.side = side
        self.amount = amount
        self.tranche = tranche
    }
}

/// A journal entry. Numbered without gaps in the order posted; never edited — a correction is
/// a new posting. Balanced (debits = credits) with every line above zero, else the ledger
/// refuses it.
public struct Posting: Sendable, Hashable, Codable, Identifiable {
    public var number: Int
    public var kind: PostingKind
    public var at: Date
    public var lines: [PostingLine]
    /// The release this posting pays, for release postings.
    public var release: Int?
    /// The posting a reversal cancels.
    public var reverses: Int?

    public init(number: Int, kind: PostingKind, at: Date, lines: [PostingLine], release: Int? = nil, reverses: Int? = nil) {
        self.number = number
        self.kind = kind
        self.at = at
        self.lines = lines
        self.release = release
        self.reverses = reverses
    }

    public var id: Int { number }

    public var debits: Fen { total(.debit) }
    public var credits: Fen { total(.credit) }

    /// The tranches this posting pays, in line order, each once.
    public var tranches: [TrancheID] {
        var seen = Set<TrancheID>()
        return lines.compactMap(\.tranche).filter { seen.insert($0).inserted }
    }

    /// Why the posting may not stand, if it may not.
    public var problem: PostingProblem? {
        if lines.isEmpty { return .noLines }
        if lines.contains(where: { $0.amount <= .zero }) { return .lineNotPositive }
        if debits != credits { return .unbalanced(debits: debits, credits: credits) }
        return nil
    }

    private func total(_ side: PostingSide) -> Fen {
        lines.filter { $0.side == side }.reduce(.zero) { $0 + $1.amount }
    }
}

/// Why the ledger refused a journal entry. The book only builds balanced entries, so meeting
/// one of these means a bug; `FundsBook.check()` reports the same problems in stored data.
public enum PostingProblem: Error, Sendable, Hashable {
    case noLines
    case lineNotPositive
    case unbalanced(debits: Fen, credits: Fen)

    public var message: LocalizedText {
        switch self {
        case .noLines: LocalizedText(zh: "记账凭证没有分录", en: "The posting has no lines")
        case .lineNotPositive: LocalizedText(zh: "记账凭证的每行金额须大于零", en: "Every posting line must be above zero")
        case .unbalanced(let debits, let credits):
            LocalizedText(
                zh: "借贷不平：借方 \(debits)，贷方 \(credits)", en: "Debits \(debits) and credits \(credits) do not balance")
        }
    }
}
