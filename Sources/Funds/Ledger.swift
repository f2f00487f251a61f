import Foundation
import PilotDomain

/// The double-entry ledger in integer fen: the journal plus every account's balance. Only
/// `post` adds to it, and only balanced entries; balances are kept as entries are added so
/// the matching and cash rules read them without re-adding the journal.
public struct Ledger: Sendable, Hashable {
    public private(set) var postings: [Posting]
    /// Debit minus credit per account; accounts never posted to are absent (zero).
    public private(set) var balances: [Account: Fen]

    /// A ledger from stored postings, taken as they are: `FundsBook.check()` says what is wrong
    /// with them, which a refusing initialiser could not.
    public init(postings: [Posting] = []) {
        self.postings = postings
        balances = [:]
        for posting in postings { apply(posting) }
    }

    public func balance(_ account: Account) -> Fen { balances[account] ?? .zero }

    /// Money in the source's till: received (plus recoveries paid into it) less what it paid out.
    public func cash(source: String) -> Fen { balance(.cash(source: source)) }

    /// Everything the source has paid in.
    public func received(source: String) -> Fen { .zero - balance(.contributions(source: source)) }

    /// One project's cumulative payments of one share.
    public func paid(project: String, share: FundShare) -> Fen { balance(.subsidyPaid(project: project, share: share)) }

    /// The whole programme's cumulative payments of one share.
    public func paid(share: FundShare) -> Fen {
        balances.reduce(.zero) { total, entry in
            if case .subsidyPaid(_, share) = entry.key { total + entry.value } else { total }
        }
    }

    /// What the bureau decided to recover from a project.
    public func recoveryStated(project: String) -> Fen { .zero - balance(.recoveries(project: project)) }

    /// What the project's enterprise still owes back.
    public func recoveryOwed(project: String) -> Fen { balance(.recoveryReceivable(project: project)) }

    /// Adds a journal entry with the next number, or refuses it unchanged.
    mutating func post(
        _ kind: PostingKind, at: Date, lines: [PostingLine], release: Int? = nil, reverses: Int? = nil
    ) throws(PostingProblem) -> Posting {
        let posting = Posting(
            number: postings.count + 1, kind: kind, at: at, lines: lines, release: release, reverses: reverses)
        if let problem = posting.problem { throw problem }
        postings.append(posting)
        apply(posting)
        return posting
    }

    private mutating func apply(_ posting: Posting) {
        for line in posting.lines {
            let signed = line.side == .debit ? line.amount : .zero - line.amount
            balances[line.account, default: .zero] = balance(line.account) + signed
        }
    }
}

extension Ledger: Codable {
    /// Only the journal is stored; balances are rebuilt from it.
    public init(from decoder: any Decoder) throws { self.init(postings: try [Posting](from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try postings.encode(to: encoder) }
}
