/// The editions of the level index the pilot knows, as data. Pick one by the id officials cite.
extension LevelIndexEdition {
    /// Every edition we know, newest first.
    public static let all: [LevelIndexEdition] = [edition2024, edition2022]

    /// The edition with this id ("2024", "2022"), or nil.
    public static func named(_ id: String) -> LevelIndexEdition? { all.first { $0.id == id } }

    /// 中小企业数字化水平评测指标（2024年版）: a level needs the points *and* enough scenarios.
    public static let edition2024 = LevelIndexEdition(
        id: "2024",
        title: LocalizedText(
            zh: "中小企业数字化水平评测指标（2024年版）",
            en: "SME digital level index (2024 edition)"),
        dimensions: LevelIndexQuestionnaire.dimensions,
        scenarios: LevelIndexQuestionnaire.scenarios,
        thresholds: [
            LevelThreshold(level: 1, minimumPoints: 20, minimumScenarios: 6, minimumConstrainedScenarios: 3),
            LevelThreshold(level: 2, minimumPoints: 40, minimumScenarios: 6, minimumConstrainedScenarios: 3),
            LevelThreshold(level: 3, minimumPoints: 60, minimumScenarios: 8, minimumConstrainedScenarios: 5),
            LevelThreshold(level: 4, minimumPoints: 80, minimumScenarios: 10, minimumConstrainedScenarios: 6),
        ])

    /// 中小企业数字化水平评测指标（2022年版）: the level follows the points alone.
    /// The 2022 questionnaire differs from 2024 in its details; enterprises assessed under it in the
    /// pilot are re-entered on the 2024 items and scenarios, which is close enough for our purposes
    /// — only the level rule differs. Scenarios may still be rated, they just do not decide the level.
    public static let edition2022 = LevelIndexEdition(
        id: "2022",
        title: LocalizedText(
            zh: "中小企业数字化水平评测指标（2022年版）",
            en: "SME digital level index (2022 edition)"),
        dimensions: LevelIndexQuestionnaire.dimensions,
        scenarios: LevelIndexQuestionnaire.scenarios,
        thresholds: [
            LevelThreshold(level: 1, minimumPoints: 20),
            LevelThreshold(level: 2, minimumPoints: 40),
            LevelThreshold(level: 3, minimumPoints: 60),
            LevelThreshold(level: 4, minimumPoints: 80),
        ])
}

/// The 2024 questionnaire: 100 points in three dimensions (50/30/20) and the 16 scenarios of
/// 数字化经营. Keys are stable — stored assessments refer to them — so rename labels, never keys.
enum LevelIndexQuestionnaire {
    static let dimensions: [LevelIndexDimension] = [
        LevelIndexDimension(
            key: "foundation", label: LocalizedText(zh: "数字化基础", en: "Digital foundation"),
            items: [
                item("equipment_systems", "设备系统", "Equipment and systems", 20),
                item("data_collection", "数据采集", "Data collection", 10),
                item("information_systems", "信息系统", "Information systems", 10),
                item("security", "信息安全", "Information security", 10),
            ]),
        LevelIndexDimension(
            key: "management", label: LocalizedText(zh: "数字化管理", en: "Digital management"),
            items: [
                item("planning", "规划实施", "Planning and implementation", 15),
                item("resources", "资源投入", "Resources (people and money)", 15),
            ]),
        LevelIndexDimension(
            key: "results", label: LocalizedText(zh: "数字化成效", en: "Digital results"),
            items: [
                item("green", "绿色低碳", "Green and low-carbon", 7),
                item("quality", "产品质量", "Product quality", 7),
                item("market", "市场效益", "Market returns", 6),
            ]),
    ]

    static let scenarios: [LevelIndexScenario] = [
        // 产品设计 may be constrained too; not marked until confirmed against the official text.
        scenario("product_design", "产品设计", "Product design", .productLifecycle),
        scenario("process_design", "工艺设计", "Process design", .productLifecycle),
        scenario("marketing", "营销管理", "Marketing", .productLifecycle, constrained: true),
        scenario("after_sales", "售后服务", "After-sales service", .productLifecycle),
        scenario("planning_scheduling", "计划排程", "Planning and scheduling", .production),
        scenario("production_control", "生产管控", "Production control", .production, constrained: true),
        scenario("quality_management", "质量管理", "Quality management", .production, constrained: true),
        scenario("equipment_management", "设备管理", "Equipment management", .production, constrained: true),
        scenario("safety", "安全生产", "Production safety", .production, constrained: true),
        scenario("energy", "能耗管理", "Energy management", .production, constrained: true),
        scenario("procurement", "采购管理", "Procurement", .supplyChain, constrained: true),
        scenario("warehousing_logistics", "仓储物流", "Warehousing and logistics", .supplyChain, constrained: true),
        scenario("finance", "财务管理", "Finance", .management, constrained: true),
        scenario("human_resources", "人力资源", "Human resources", .management),
        scenario("collaboration", "协同办公", "Collaboration", .management),
        scenario("decision_support", "决策支持", "Decision support", .management),
    ]

    private static func item(_ key: String, _ zh: String, _ en: String, _ maximum: Int) -> LevelIndexItem {
        LevelIndexItem(key: key, label: LocalizedText(zh: zh, en: en), maximumPoints: maximum)
    }

    private static func scenario(
        _ key: String, _ zh: String, _ en: String, _ area: LevelIndexScenario.Area, constrained: Bool = false
    ) -> LevelIndexScenario {
        LevelIndexScenario(key: key, label: LocalizedText(zh: zh, en: en), area: area, isConstrained: constrained)
    }
}
