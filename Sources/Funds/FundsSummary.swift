import PilotDomain

/// A programme's money in totals: per source what was promised, received and paid out, and per
/// share what reached enterprises. Small enough to store beside the book on every change, so the
/// leadership dashboard reads these figures without decoding the ledger of thousands of projects.
public struct FundsSummary: Sendable, Hashable, Codable {
    public struct Source: Sendable, Hashable, Codable {
        public var id: String
        public var name: LocalizedText
        /// Local money (city, district/street, zones) matches the central award yuan for yuan.
        public var isLocal: Bool
        public var committed: Fen
        public var received: Fen
        /// Paid out of this source to enterprises.
        public var disbursed: Fen
    }

    /// Sources, central first, then by id.
    public var sources: [Source]
    public var centralPaid: Fen
    public var localPaid: Fen
    /// Sum of the approved subsidies of every registered project.
    public var planned: Fen
    /// Still owed back by the enterprises of terminated projects.
    public var recoveryOwed: Fen

    /// Local money paid covers the central money paid (the 1:1 rule, programme-wide).
    public var isMatched: Bool { localPaid >= centralPaid }

    public init(
        sources: [Source] = [], centralPaid: Fen = .zero, localPaid: Fen = .zero, planned: Fen = .zero, recoveryOwed: Fen = .zero
    ) {
        self.sources = sources
        self.centralPaid = centralPaid
        self.localPaid = localPaid
        self.planned = planned
        self.recoveryOwed = recoveryOwed
    }
}

extension FundsBook {
    /// The totals of the book as it stands.
    public var summary: FundsSummary {
        var disbursed: [String: Fen] = [:]
        var owed = Fen.zero
        for (account, balance) in ledger.balances {
            if case .recoveryReceivable = account { owed = owed + balance }
        }
        for posting in ledger.postings where posting.kind == .release {
            for line in posting.lines where line.side == .credit {
                if case .cash(let source) = line.account {
                    disbursed[source, default: .zero] = disbursed[source, default: .zero] + line.amount
                }
            }
        }
        let sources = self.sources.values.sorted { ($0.kind.isLocal ? 1 : 0, $0.id) < ($1.kind.isLocal ? 1 : 0, $1.id) }
            .map { source in
                FundsSummary.Source(
                    id: source.id, name: source.name, isLocal: source.kind.isLocal, committed: source.committed,
                    received: ledger.received(source: source.id), disbursed: disbursed[source.id] ?? .zero)
            }
        return FundsSummary(
            sources: sources, centralPaid: ledger.paid(share: .central), localPaid: ledger.paid(share: .local),
            planned: projects.values.reduce(.zero) { $0 + $1.approvedSubsidy }, recoveryOwed: owed)
    }
}
