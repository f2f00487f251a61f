import Foundation
import PilotDomain

/// The whole programme's subsidy money: sources, projects and their tranches, releases and
/// the ledger. A value: every operation either changes it and returns what happened, or
/// throws a `FundsRefusal` and leaves it exactly as it was — so the store can run an
/// operation on the loaded book, persist the result, and reuse these rules unchanged.
///
/// Operations are `mutating` and `throws(FundsRefusal) -> [FundsEvent]`; `check()` lists what is
/// wrong with a book (for `smepilot ledger check`), which after any sequence of operations is
/// nothing.
public struct FundsBook: Sendable, Hashable, Codable {
    /// Read when a project is registered and when a release is approved; changing them re-splits
    /// nothing already registered.
    public var rules: FundingRules
    public internal(set) var sources: [String: FundingSource]
    public internal(set) var projects: [String: ProjectFunding]
    /// In the order prepared: release n is `releases[n - 1]`.
    public internal(set) var releases: [Release]
    public internal(set) var ledger: Ledger
    /// Money changing after the award (issue 17), each its own numbered record: amendments of task
    /// books, corrections of postings, versions of sources' commitments, recovery demands and
    /// the reports projects owe. In the order made: record n is at index n - 1.
    public internal(set) var amendments: [Amendment] = []
    public internal(set) var corrections: [Correction] = []
    public internal(set) var sourceRevisions: [SourceRevision] = []
    public internal(set) var recoveryDemands: [RecoveryDemand] = []
    public internal(set) var reports: [ReportDue] = []

    /// A book document (before migration 31) has only these; the records after the award live in
    /// their own rows and were never in a document.
    private enum CodingKeys: String, CodingKey {
        case rules, sources, projects, releases, ledger
    }

    /// A programme with its sources and no money yet. Exactly one source must be central: it
    /// pays the central part of every tranche.
    public init(rules: FundingRules = .standard, sources: [FundingSource]) throws(FundsRefusal) {
        var byId: [String: FundingSource] = [:]
        for source in sources {
            guard byId.updateValue(source, forKey: source.id) == nil else { throw .duplicateSource(source.id) }
        }
        let central = sources.filter { $0.kind == .central }.count
        guard central == 1 else { throw .needsOneCentralSource(found: central) }
        self.init(rules: rules, sources: byId, projects: [:], releases: [], ledger: Ledger())
    }

    /// Any state at all, unchecked: for stored data and for tests of `check()`.
    init(
        rules: FundingRules, sources: [String: FundingSource], projects: [String: ProjectFunding],
        releases: [Release], ledger: Ledger
    ) {
        self.rules = rules
        self.sources = sources
        self.projects = projects
        self.releases = releases
        self.ledger = ledger
    }

    /// The source that pays every tranche's central part.
    public var centralSourceId: String {
        sources.values.filter { $0.kind == .central }.map(\.id).min() ?? ""
    }

    public func tranche(_ id: TrancheID) -> Tranche? { projects[id.project]?.tranche(number: id.number) }

    public func release(_ number: Int) -> Release? {
        // Compared before subtracting: `number - 1` traps for Int.min (a number from a URL).
        number >= 1 && number <= releases.count ? releases[number - 1] : nil
    }

    /// The prepared or held release a tranche is in, if any.
    public func openRelease(containing id: TrancheID) -> Int? {
        releases.first { $0.state.isOpen && $0.tranches.contains(id) }?.number
    }

    // MARK: Shared checks and updates

    static func requireValid(_ amount: Fen) throws(FundsRefusal) {
        guard amount > .zero, amount <= .maximum else { throw .amountInvalid(amount) }
    }

    func project(_ id: String) throws(FundsRefusal) -> ProjectFunding {
        guard let project = projects[id] else { throw .unknownProject(id) }
        return project
    }

    func source(_ id: String) throws(FundsRefusal) -> FundingSource {
        guard let source = sources[id] else { throw .unknownSource(id) }
        return source
    }

    mutating func post(
        _ kind: PostingKind, at: Date, lines: [PostingLine], release: Int? = nil, reverses: Int? = nil
    ) throws(FundsRefusal) -> Posting {
        do {
            return try ledger.post(kind, at: at, lines: lines, release: release, reverses: reverses)
        } catch {
            throw .postingRefused(error)
        }
    }

    mutating func update(_ project: ProjectFunding) { projects[project.id] = project }

    mutating func update(_ release: Release) { releases[release.number - 1] = release }

    mutating func append(_ release: Release) { releases.append(release) }
}
