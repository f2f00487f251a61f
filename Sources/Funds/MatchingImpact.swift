import PilotDomain

/// Where the matching rule (cumulative local paid ≥ cumulative central paid) is measured.
public enum MatchingScope: Sendable, Hashable, Codable {
    case project(String)
    case programme

    public var label: LocalizedText {
        switch self {
        case .project(let id): LocalizedText(zh: "项目 \(id)", en: "project \(id)")
        case .programme: LocalizedText(zh: "全市试点", en: "the programme")
        }
    }
}

/// Central and local paid in one scope, before and after a release.
public struct MatchingLine: Sendable, Hashable, Codable {
    public var scope: MatchingScope
    public var centralBefore: Fen
    public var localBefore: Fen
    /// What the release adds.
    public var central: Fen
    public var local: Fen

    public init(scope: MatchingScope, centralBefore: Fen, localBefore: Fen, central: Fen, local: Fen) {
        self.scope = scope
        self.centralBefore = centralBefore
        self.localBefore = localBefore
        self.central = central
        self.local = local
    }

    public var centralAfter: Fen { centralBefore + central }
    public var localAfter: Fen { localBefore + local }

    /// Local money still missing after the release; zero when matched.
    public var shortfall: Fen { max(.zero, centralAfter - localAfter) }
}

/// A source's cash before and after a release draws on it.
public struct CashLine: Sendable, Hashable, Codable {
    public var source: String
    public var isLocal: Bool
    public var before: Fen
    public var draw: Fen

    public init(source: String, isLocal: Bool, before: Fen, draw: Fen) {
        self.source = source
        self.isLocal = isLocal
        self.before = before
        self.draw = draw
    }

    public var after: Fen { before - draw }
    public var shortfall: Fen { max(.zero, draw - before) }
}

/// What paying a set of tranches would do, for the approval page to show before anyone
/// confirms: matching per project and for the programme, and the cash of each source drawn.
/// Computed against the book as it is; approval computes it again, since another release may
/// have been paid in between.
public struct MatchingImpact: Sendable, Hashable, Codable {
    /// One line per project paid, by project id.
    public var projects: [MatchingLine]
    public var programme: MatchingLine
    /// One line per source drawn on, by source id.
    public var cash: [CashLine]

    public init(projects: [MatchingLine], programme: MatchingLine, cash: [CashLine]) {
        self.projects = projects
        self.programme = programme
        self.cash = cash
    }

    /// The first scope the rule enforces left unmatched (projects first, then the programme), if
    /// any. Under `.programme` a project's own shortfall is shown on its line but does not count.
    public func matchingShortfall(under rule: MatchingRule) -> (shortfall: Fen, scope: MatchingScope)? {
        let enforced = rule == .eachProject ? projects + [programme] : [programme]
        return enforced.first { $0.shortfall > .zero }.map { ($0.shortfall, $0.scope) }
    }

    public func isClear(under rule: MatchingRule) -> Bool {
        matchingShortfall(under: rule) == nil && cash.allSatisfy { $0.shortfall == .zero }
    }
}
