/// One edition of the SME digital level index (中小企业数字化水平评测指标). The ministry revises the
/// index every few years, and enterprises assessed under an older edition keep their result, so an
/// edition is data — questionnaire items, business scenarios, level thresholds — not code paths.
/// The editions we know are in `LevelIndex+Editions.swift`; `validate` and `evaluate` live beside
/// `LevelAssessment` and `LevelResult`.
public struct LevelIndexEdition: Sendable, Hashable, Codable, Identifiable {
    /// "2024", "2022": the year of the edition, as officials cite it.
    public var id: String
    public var title: LocalizedText
    /// The scored dimensions (数字化基础, 数字化管理, 数字化成效) with their questionnaire items.
    public var dimensions: [LevelIndexDimension]
    /// The business scenarios of 数字化经营, each rated level 1–4 where it applies.
    public var scenarios: [LevelIndexScenario]
    /// What each level needs, level 1 first.
    public var thresholds: [LevelThreshold]

    public init(
        id: String, title: LocalizedText, dimensions: [LevelIndexDimension], scenarios: [LevelIndexScenario],
        thresholds: [LevelThreshold]
    ) {
        self.id = id
        self.title = title
        self.dimensions = dimensions
        self.scenarios = scenarios
        self.thresholds = thresholds.sorted { $0.level < $1.level }
    }

    /// Every questionnaire item, in questionnaire order.
    public var items: [LevelIndexItem] { dimensions.flatMap(\.items) }

    /// The most points the questionnaire can give (100 in the editions we know).
    public var maximumPoints: Int { dimensions.reduce(0) { $0 + $1.maximumPoints } }

    /// The highest level the edition defines.
    public var topLevel: Int { thresholds.last?.level ?? 0 }

    public func item(_ key: String) -> LevelIndexItem? { items.first { $0.key == key } }

    public func scenario(_ key: String) -> LevelIndexScenario? { scenarios.first { $0.key == key } }

    public func threshold(forLevel level: Int) -> LevelThreshold? { thresholds.first { $0.level == level } }

    /// "一级" … "四级"; level 0 is "未达一级" (the enterprise reached no level yet).
    public static func levelName(_ level: Int) -> LocalizedText {
        let numerals = ["一", "二", "三", "四", "五", "六"]
        guard level > 0 else { return LocalizedText(zh: "未达一级", en: "Below level 1") }
        let numeral = level <= numerals.count ? numerals[level - 1] : String(level)
        return LocalizedText(zh: numeral + "级", en: "Level \(level)")
    }
}

/// A scored dimension of the questionnaire; its maximum is the sum of its items' maxima.
public struct LevelIndexDimension: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var label: LocalizedText
    public var items: [LevelIndexItem]

    public init(key: String, label: LocalizedText, items: [LevelIndexItem]) {
        self.key = key
        self.label = label
        self.items = items
    }

    public var id: String { key }
    public var maximumPoints: Int { items.reduce(0) { $0 + $1.maximumPoints } }
}

/// One questionnaire item. The key is stable: stored assessments and form fields use it.
public struct LevelIndexItem: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var label: LocalizedText
    public var maximumPoints: Int

    public init(key: String, label: LocalizedText, maximumPoints: Int) {
        self.key = key
        self.label = label
        self.maximumPoints = maximumPoints
    }

    public var id: String { key }
}

/// A business scenario of 数字化经营. It is rated level 1–4 only where it applies to the enterprise
/// (a trading company has no 生产管控). Constrained scenarios (约束性场景) are the ones a level
/// insists on: a level needs a minimum number of them among its scenarios.
public struct LevelIndexScenario: Sendable, Hashable, Codable, Identifiable {
    public var key: String
    public var label: LocalizedText
    public var area: Area
    public var isConstrained: Bool

    public init(key: String, label: LocalizedText, area: Area, isConstrained: Bool) {
        self.key = key
        self.label = label
        self.area = area
        self.isConstrained = isConstrained
    }

    public var id: String { key }

    /// The four groups the questionnaire lists scenarios under; only for display.
    public enum Area: String, Sendable, Hashable, Codable, CaseIterable {
        case productLifecycle = "product_lifecycle"
        case production
        case supplyChain = "supply_chain"
        case management

        public var label: LocalizedText {
            switch self {
            case .productLifecycle: LocalizedText(zh: "产品全生命周期", en: "Product lifecycle")
            case .production: LocalizedText(zh: "生产执行", en: "Production")
            case .supplyChain: LocalizedText(zh: "供应链管理", en: "Supply chain")
            case .management: LocalizedText(zh: "经营管理", en: "Management")
            }
        }
    }
}

/// What one level needs. Both conditions must hold: enough questionnaire points, and enough
/// applicable scenarios rated at this level or above, of which enough constrained.
/// An edition that levels by points alone (2022) sets the scenario minima to 0.
public struct LevelThreshold: Sendable, Hashable, Codable {
    public var level: Int
    public var minimumPoints: Int
    public var minimumScenarios: Int
    public var minimumConstrainedScenarios: Int

    public init(level: Int, minimumPoints: Int, minimumScenarios: Int = 0, minimumConstrainedScenarios: Int = 0) {
        self.level = level
        self.minimumPoints = minimumPoints
        self.minimumScenarios = minimumScenarios
        self.minimumConstrainedScenarios = minimumConstrainedScenarios
    }

    public var name: LocalizedText { LevelIndexEdition.levelName(level) }
}
