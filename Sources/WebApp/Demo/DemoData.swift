import PilotDomain

/// The Binhai pilot as the demo shows it: the programme itself comes from its file
/// (`Workflows/programmes/binhai-2024.yaml`); here are the demo's people and invented enterprises
/// with realistic names.
enum DemoData {
    static let programmeCode = "BINHAI-2024"

    static let password = "Demo@2024"

    /// The sub-industries of the demo's enterprises, in the order they are dealt out (codes of
    /// `Workflows/programmes/binhai-2024.yaml`).
    static let subIndustries = ["SMCE", "MCES", "OEEM", "NEVP", "BIOM"]

    /// The five functional zones the demo's enterprises sit in (nodes of `Workflows/divisions/cn.csv`).
    static let zones = ["120116400", "120116401", "120116402", "120116403", "120116404"]

    /// Name parts for invented enterprises: "天津" + stem + business + "有限公司".
    static let stems = ["海晟", "津泰", "华滨", "恒远", "泰达", "中航", "渤海", "新港", "瀚海", "宏图", "金桥", "蓝鲸", "博远", "鼎盛", "科瑞", "聚能"]
    static let businesses: [String: [String]] = [
        "SMCE": ["精密仪器", "智能传感", "测控技术", "检测装备"],
        "MCES": ["重工机械", "成套装备", "压力容器", "输送设备"],
        "OEEM": ["海洋工程", "船舶配套", "海工装备", "深海科技"],
        "NEVP": ["汽车零部件", "电驱科技", "电池材料", "精密冲压"],
        "BIOM": ["生物制药", "医疗器械", "药业", "生物科技"],
    ]

    /// The demo accounts, one per role (README lists them).
    static let people: [(username: String, name: String, role: Role, scope: DemoScope, organisation: String)] = [
        ("admin", "系统管理员", .admin, .programme, "bureau"),
        ("leader", "王明（领导小组）", .leadership, .programme, "bureau"),
        ("district", "李静（区工信局）", .districtOfficial, .programme, "bureau"),
        ("district2", "赵磊（区工信局）", .districtOfficial, .programme, "bureau"),
        ("finance", "陈芳（区财政局）", .financeOfficer, .programme, "finance"),
        ("finance2", "周强（区财政局）", .financeOfficer, .programme, "finance"),
        ("manager", "孙悦（综合管理服务商）", .managementProvider, .programme, "manager"),
        ("platform", "吴昊（平台运营）", .platformOperator, .programme, "platform"),
        ("contractor", "刘洋（主承包服务商·智能测控）", .mainContractor, .subIndustry("SMCE"), "contractor-SMCE"),
        ("contractor2", "郑凯（主承包服务商·重大成套）", .mainContractor, .subIndustry("MCES"), "contractor-MCES"),
        ("contractor3", "马骏（主承包服务商·海洋工程）", .mainContractor, .subIndustry("OEEM"), "contractor-OEEM"),
        ("contractor4", "冯伟（主承包服务商·新能源汽车）", .mainContractor, .subIndustry("NEVP"), "contractor-NEVP"),
        ("contractor5", "许琳（主承包服务商·生物医药）", .mainContractor, .subIndustry("BIOM"), "contractor-BIOM"),
        ("provider", "何帆（数字化服务商）", .digitalProvider, .ownOrganisation, "provider"),
        ("expert", "高教授（评审专家）", .expertReviewer, .ownPanels, "expert-1"),
        ("expert2", "林工（评审专家）", .expertReviewer, .ownPanels, "expert-2"),
        ("taskforce", "钱进（泰达攻坚小组）", .zoneTaskForce, .division("120116400"), "bureau"),
    ]

    /// Names of the demo's organisations (by the key in `people`); others are named after their person.
    static let organisationNames: [String: String] = [
        "bureau": "天津市滨海新区工业和信息化局", "finance": "天津市滨海新区财政局", "manager": "天津滨海数智综合管理服务有限公司",
        "platform": "天津滨海中小企业数字化转型公共服务平台", "expert-1": "天津大学", "expert-2": "河北工业大学",
        "contractor-SMCE": "天津智测数字科技有限公司", "contractor-MCES": "天津重装工业互联网有限公司",
        "contractor-OEEM": "天津海工智造科技有限公司", "contractor-NEVP": "天津新能智联科技有限公司",
        "contractor-BIOM": "天津医药数字化服务有限公司",
    ]

    /// The main contractors' credit codes (they are pool members like any provider) and their 2025
    /// grade in the pool.
    static let contractorUSCC: [String: String] = Dictionary(
        uniqueKeysWithValues: subIndustries.enumerated().map { index, code in
            ("contractor-\(code)", USCC.withCheckCharacter(String(format: "91120116MA06CT%03d", index + 1))!)
        })
    static let contractorGrades: [String: String] = [
        "SMCE": "92.5", "MCES": "86", "OEEM": "90.5", "NEVP": "83", "BIOM": "76.5",
    ]

    /// Money received by each source in the demo (yuan): local receipts above the central one.
    static let receipts: [(String, Int64)] = [
        ("central", 20_000_000), ("city", 8_000_000), ("district", 6_000_000), ("teda", 3_000_000),
        ("tianjin_port_ftz", 2_000_000), ("binhai_hitech", 2_000_000),
    ]

    /// The demo provider's 小快轻准 products: name, price in yuan, scenarios served, description.
    static let products: [(String, Int64, [String], String)] = [
        (
            "瀚云轻量化MES（SaaS版）", 180_000, ["planning_scheduling", "production_control", "quality_management"],
            "按年订阅，两周上线，含工单、报工与质量追溯"
        ),
        ("设备联网网关及看板", 60_000, ["equipment_management", "energy"], "支持主流PLC与数控系统，开箱即用的设备与能耗看板"),
        ("云仓储管理（WMS）", 90_000, ["warehousing_logistics", "procurement"], "扫码出入库、批次追溯，对接主流ERP"),
    ]

    /// The demo provider's credit code: the plans the demo files name it.
    static let providerUSCC = USCC.withCheckCharacter("91120116MA05HY001")!
    static let providerName = "天津瀚云数字科技有限公司"
}

enum DemoScope {
    case programme
    /// The plans the expert is assigned to (`assigned_reviewers`).
    case ownPanels
    /// Projects the person's organisation takes part in.
    case ownOrganisation
    case subIndustry(String)
    /// A node of the division tree (the TEDA task force: 天津经济技术开发区).
    case division(String)
}
