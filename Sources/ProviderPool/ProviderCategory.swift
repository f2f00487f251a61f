import PilotDomain

/// The service categories of GB/T 47018 as policy 002 第四条 lists them (domain.md §5). 综合
/// (integrated) is a provider that also covers parts of four or more of the others, so it is
/// accepted only together with four of them.
public enum ProviderCategory: String, Sendable, CaseIterable, Codable, Hashable {
    case consulting, evaluation, operations, rnd, production, solutions, infrastructure, equipment, integrated

    public var label: LocalizedText {
        switch self {
        case .consulting: LocalizedText(zh: "咨询", en: "Consulting")
        case .evaluation: LocalizedText(zh: "评测", en: "Evaluation")
        case .operations: LocalizedText(zh: "运营", en: "Operations")
        case .rnd: LocalizedText(zh: "研发", en: "R&D")
        case .production: LocalizedText(zh: "生产", en: "Production")
        case .solutions: LocalizedText(zh: "解决方案", en: "Solutions")
        case .infrastructure: LocalizedText(zh: "基建", en: "Infrastructure")
        case .equipment: LocalizedText(zh: "设备", en: "Equipment")
        case .integrated: LocalizedText(zh: "综合", en: "Integrated")
        }
    }

    /// How many other categories an integrated provider must also cover (第四条: 兼具四类其他服务商).
    public static let integratedNeedsOthers = 4

    /// Why a claimed set of category keys is not acceptable, if it is not.
    public static func problem(_ keys: [String]) -> LocalizedText? {
        if keys.isEmpty { return LocalizedText(zh: "请至少选择一个服务类别", en: "Choose at least one category") }
        if let unknown = keys.first(where: { ProviderCategory(rawValue: $0) == nil }) {
            return LocalizedText(zh: "未知的服务类别“\(unknown)”", en: "Unknown category '\(unknown)'")
        }
        let claimed = Set(keys.compactMap(ProviderCategory.init))
        if claimed.contains(.integrated) && claimed.subtracting([.integrated]).count < integratedNeedsOthers {
            return LocalizedText(
                zh: "“综合”类服务商须同时覆盖其他四类及以上", en: "An integrated provider must also cover four or more other categories")
        }
        return nil
    }
}
