import PilotDomain

/// Provider categories of policy 002 / GB/T 47018 (domain.md §5). 综合 (integrated) means the
/// provider covers parts of four or more of the others, so it is accepted only with four of them.
enum ProviderCategories {
    static let all: [(key: String, label: LocalizedText)] = [
        ("consulting", LocalizedText(zh: "咨询", en: "Consulting")), ("evaluation", LocalizedText(zh: "评测", en: "Evaluation")),
        ("operations", LocalizedText(zh: "运营", en: "Operations")), ("rnd", LocalizedText(zh: "研发", en: "R&D")),
        ("production", LocalizedText(zh: "生产", en: "Production")), ("solutions", LocalizedText(zh: "解决方案", en: "Solutions")),
        ("infrastructure", LocalizedText(zh: "基建", en: "Infrastructure")),
        ("equipment", LocalizedText(zh: "设备", en: "Equipment")),
        ("integrated", LocalizedText(zh: "综合", en: "Integrated")),
    ]

    static func label(_ key: String) -> LocalizedText {
        all.first { $0.key == key }?.label ?? LocalizedText(zh: key, en: key)
    }

    /// Why a selection is not acceptable, if it is not.
    static func problem(_ keys: [String]) -> LocalizedText? {
        if keys.isEmpty { return LocalizedText(zh: "请至少选择一个服务类别", en: "Choose at least one category") }
        if let unknown = keys.first(where: { key in !all.contains { $0.key == key } }) {
            return LocalizedText(zh: "未知的服务类别“\(unknown)”", en: "Unknown category '\(unknown)'")
        }
        if keys.contains("integrated") && keys.filter({ $0 != "integrated" }).count < 4 {
            return LocalizedText(
                zh: "“综合”类服务商须同时覆盖其他四类及以上", en: "An integrated provider must also cover four or more other categories")
        }
        return nil
    }
}
