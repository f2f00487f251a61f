import Diagnosis
import PilotDomain
import PilotStore
import Programmes

/// Criteria and match reasons in words, for the list, the policy page and the tasks.
struct PolicyDescriptions {
    var language: UILanguage
    /// Sub-industry id → name.
    var subIndustryNames: [String: LocalizedText]
    var divisions: DivisionTree

    func t(_ text: LocalizedText) -> String { text.text(language) }

    func subIndustry(_ id: String) -> String { subIndustryNames[id].map(t) ?? id }
    func division(_ code: String) -> String { DivisionCode(code).map { divisions.label($0, language) } ?? code }

    /// One line per criterion set ("面向全部试点企业" when none).
    func criteria(_ criteria: PolicyCriteria) -> [String] {
        guard !criteria.isOpen else { return [t(PolicyText.everyone)] }
        var lines: [String] = []
        let separator = language == .zh ? "、" : ", "
        let colon = language == .zh ? "：" : ": "
        if !criteria.subIndustryIds.isEmpty {
            lines.append(
                t(PolicyText.subIndustries) + colon + criteria.subIndustryIds.map(subIndustry).joined(separator: separator))
        }
        if criteria.minLevel != nil || criteria.maxLevel != nil {
            lines.append(t(PolicyText.levels) + colon + t(PolicyText.levelRange(criteria.minLevel, criteria.maxLevel)))
        }
        if !criteria.sizes.isEmpty {
            lines.append(t(PolicyText.sizes) + colon + criteria.sizes.map { t($0.label) }.joined(separator: separator))
        }
        if !criteria.divisionCodes.isEmpty {
            lines.append(t(PolicyText.divisions) + colon + criteria.divisionCodes.map(division).joined(separator: separator))
        }
        if !criteria.flags.isEmpty {
            lines.append(t(PolicyText.flags) + colon + criteria.flags.map { t($0.label) }.joined(separator: separator))
        }
        return lines
    }

    /// Why a policy is for the enterprise, one phrase per criterion.
    func reason(_ reason: PolicyMatch.Reason) -> String {
        switch reason {
        case .subIndustry(let id): t(LocalizedText(zh: "细分行业：", en: "Sub-industry: ")) + subIndustry(id)
        case .level(let level): t(LocalizedText(zh: "当前等级 \(level) 级", en: "Current level \(level)"))
        case .size(let size): t(LocalizedText(zh: "规模：", en: "Size: ")) + t(size.label)
        case .division(let code): t(LocalizedText(zh: "位于", en: "Located in ")) + division(code)
        case .flag(let flag): t(flag.label)
        case .everyone: t(PolicyText.everyone)
        }
    }
}
