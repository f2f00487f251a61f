import PilotDomain
import ProviderPool

/// The categories as the pool's pages show and check them; the rules are `ProviderPool.ProviderCategory`.
enum ProviderCategories {
    static let all: [(key: String, label: LocalizedText)] = ProviderCategory.allCases.map { ($0.rawValue, $0.label) }

    static func label(_ key: String) -> LocalizedText {
        ProviderCategory(rawValue: key)?.label ?? LocalizedText(zh: key, en: key)
    }

    /// Why a selection is not acceptable, if it is not.
    static func problem(_ keys: [String]) -> LocalizedText? { ProviderCategory.problem(keys) }
}
