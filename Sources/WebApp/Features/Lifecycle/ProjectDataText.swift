import PilotDomain
import ProviderPool

/// Labels of the project data no transition's form declares: what registration or import writes
/// when the project starts, and what effects keep up to date. Without these the project page
/// showed officials the raw keys (`cloud_before`, `uscc`; issue #11).
enum ProjectDataText {
    static let labels: [String: LocalizedText] = [
        "enterprise_name": LocalizedText(zh: "企业名称", en: "Enterprise"),
        "uscc": LocalizedText(zh: "统一社会信用代码", en: "Unified social credit code"),
        "above_scale": LocalizedText(zh: "规模以上企业", en: "Above-scale enterprise"),
        "specialised": LocalizedText(zh: "专精特新企业", en: "Specialised (专精特新) enterprise"),
        "cloud_before": LocalizedText(zh: "改造前已上云", en: "On the cloud before the project"),
        "baseline_level": LocalizedText(zh: "基线数字化水平等级", en: "Baseline digital level"),
        "current_level": LocalizedText(zh: "当前数字化水平等级", en: "Current digital level"),
        "subsidy_paid": LocalizedText(zh: "已拨付补助资金", en: "Subsidy paid"),
        "amendments": LocalizedText(zh: "任务书变更次数", en: "Task book amendments"),
        "review_count": LocalizedText(zh: "已提交评审意见数", en: "Reviews submitted"),
        "reviewers_required": LocalizedText(zh: "评审专家人数", en: "Experts on the panel"),
        "open_objections": LocalizedText(zh: "未办结的公示异议", en: "Open objections"),
        // A pool application (provider-admission), as the call starts it.
        "provider_name": LocalizedText(zh: "申报单位", en: "Applicant"),
        "call_title": LocalizedText(zh: "申报通知", en: "Call"),
        "call_year": LocalizedText(zh: "申报年度", en: "Year of the call"),
        "division_name": LocalizedText(zh: "注册地所在区", en: "District of registration"),
    ]

    /// A value shown by name rather than as stored: the claimed pool categories by their labels.
    static func display(_ key: String, _ value: JSONValue?, _ language: UILanguage) -> String? {
        guard key == "categories", let text = value?.stringValue else { return nil }
        return text.split(separator: ",").map { ProviderCategory(rawValue: String($0))?.label.text(language) ?? String($0) }
            .joined(separator: language == .zh ? "、" : ", ")
    }

    /// Amounts in fen, shown in yuan.
    static let money: Set<String> = ["subsidy_paid"]
}
