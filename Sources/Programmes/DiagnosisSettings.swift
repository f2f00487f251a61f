import PilotDomain

/// What a diagnosis campaign's file says about its campaign (policies 000, 001, 003; issue #14):
/// the industry groups and the questionnaire each answers, the optional modules, when a firm goes
/// to offline diagnosis, the levels officials supervise by, the dated goals, and the quota table.
public struct DiagnosisSettings: Sendable, Hashable, Codable {
    /// A group of industries with its own questionnaire (Tianjin's four, Shanghai's "7+1").
    public struct IndustryGroup: Sendable, Hashable, Codable {
        public var id: String
        public var name: LocalizedText
        /// The questionnaire id; the newest version is given to new diagnoses.
        public var questionnaire: String

        public init(id: String, name: LocalizedText, questionnaire: String) {
            self.id = id
            self.name = name
            self.questionnaire = questionnaire
        }
    }

    /// When a firm's online result sends it to an on-site (offline) diagnosis.
    public enum OfflineRule: Sendable, Hashable, Codable {
        /// Guangxi (001): firms at this grade or above online (成熟度3档及以上).
        case gradeAtLeast(Int)
        /// Tianjin (000): on the online result plus the firm's own request.
        case onRequest
        /// Shanghai (003): 线上+线下 for every firm.
        case everyFirm

        /// Whether a submitted result at `grade` goes offline without the firm asking.
        public func sendsOffline(grade: Int?) -> Bool {
            switch self {
            case .gradeAtLeast(let least): (grade ?? 0) >= least
            case .onRequest: false
            case .everyFirm: true
            }
        }

        /// Whether the firm may ask for one itself.
        public var firmMayRequest: Bool { self == .onRequest }
    }

    /// A dated goal of the campaign (003: ≥ 1,800 firms and ≥ 20 providers by end-2023 …).
    public struct Milestone: Sendable, Hashable, Codable {
        /// YYYY-MM-DD, the last day counted (Asia/Shanghai).
        public var date: String
        /// Firms diagnosed (at least one submitted diagnosis).
        public var diagnosed: Int?
        /// Diagnosed firms as a share of the roster, whole percent.
        public var coveragePercent: Int?
        /// Diagnosis providers (pool members offering diagnosis).
        public var providers: Int?
        /// Diagnosed firms that went on to a transformation, whole percent.
        public var transformedPercent: Int?
        public var note: LocalizedText?
    }

    /// Shanghai's formula for the districts' totals (003 附件2 备注2): (firms − handled by the city) ×
    /// the district's share of above-scale firms, phased by year.
    public struct QuotaFormula: Sendable, Hashable, Codable {
        public var totalFirms: Int
        public var cityHandled: Int
        /// Year → whole percent; adds up to 100.
        public var phases: [Phase]

        public struct Phase: Sendable, Hashable, Codable {
            public var year: Int
            public var percent: Int
        }
    }

    /// One row of an official quota table (003 附件2): a unit and its firms per year.
    public struct OfficialQuota: Sendable, Hashable, Codable {
        public var division: DivisionCode
        /// As the table names the unit (临港新片区管委会 is a unit, not a district).
        public var unit: String
        public var firms: [Int: Int]
    }

    public var industryGroups: [IndustryGroup]
    /// Optional questionnaire modules a firm may answer beside its group's (Shanghai's 1+X+Y).
    public var modules: [String]
    public var offline: OfflineRule
    /// The division levels officials supervise by, from the programme's own down (Tianjin: province,
    /// county, township; Guangxi: province, prefecture, county).
    public var unitLevels: [DivisionCode.Level]
    /// Guangxi (001 附件3): one named service contact per firm.
    public var contactPerFirm: Bool
    public var milestones: [Milestone]
    public var quotaFormula: QuotaFormula?
    public var officialQuotas: [OfficialQuota]
    /// The totals the official table states for each year (they need not be the sum of its rows).
    public var officialTotals: [Int: Int]

    public init(
        industryGroups: [IndustryGroup], modules: [String], offline: OfflineRule, unitLevels: [DivisionCode.Level],
        contactPerFirm: Bool, milestones: [Milestone], quotaFormula: QuotaFormula?, officialQuotas: [OfficialQuota],
        officialTotals: [Int: Int]
    ) {
        self.industryGroups = industryGroups
        self.modules = modules
        self.offline = offline
        self.unitLevels = unitLevels
        self.contactPerFirm = contactPerFirm
        self.milestones = milestones
        self.quotaFormula = quotaFormula
        self.officialQuotas = officialQuotas
        self.officialTotals = officialTotals
    }

    public func group(_ id: String) -> IndustryGroup? { industryGroups.first { $0.id == id } }

    /// The level below `level` that officials supervise by; nil at the lowest.
    public func levelBelow(_ level: DivisionCode.Level) -> DivisionCode.Level? {
        guard let index = unitLevels.firstIndex(of: level), index + 1 < unitLevels.count else { return nil }
        return unitLevels[index + 1]
    }
}
