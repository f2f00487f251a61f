import PilotDomain

/// The areas policies 000 and 001 name for the on-site diagnosis (线下诊断), each reported on with a
/// short text by the assigned provider.
enum OnSiteAreas {
    struct Area {
        var key: String
        var name: LocalizedText
    }

    static let all: [Area] = [
        Area(key: "planning", name: LocalizedText(zh: "规划设计", en: "Planning and design")),
        Area(key: "product_process", name: LocalizedText(zh: "产品与工艺设计", en: "Product and process design")),
        Area(key: "automation", name: LocalizedText(zh: "自动化与数据采集", en: "Automation and data collection")),
        Area(key: "networking", name: LocalizedText(zh: "设备联网", en: "Equipment networking")),
        Area(key: "systems", name: LocalizedText(zh: "ERP/MES等系统", en: "ERP, MES and other systems")),
        Area(key: "data", name: LocalizedText(zh: "数据应用", en: "Use of data")),
        Area(key: "supply_chain", name: LocalizedText(zh: "供应链协同", en: "Supply-chain collaboration")),
        Area(key: "security", name: LocalizedText(zh: "网络安全", en: "Cyber security")),
    ]

    /// The longest text one area's findings may have.
    static let findingsLimit = 500
}
