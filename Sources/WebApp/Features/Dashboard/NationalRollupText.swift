import PilotDomain

/// The national roll-up's words, in Chinese and English.
enum NationalRollupText {
    static let title = LocalizedText(zh: "全国汇总", en: "National roll-up")
    static let programme = LocalizedText(zh: "试点", en: "Programme")
    static let total = LocalizedText(zh: "合计", en: "Total")
    static let projects = LocalizedText(zh: "项目", en: "Projects")
    static let underWay = LocalizedText(zh: "推进中", en: "Under way")
    static let completed = LocalizedText(zh: "已验收", en: "Accepted")
    static let ended = LocalizedText(zh: "已终止/退出", en: "Ended")
    static let participants = LocalizedText(zh: "参与企业", en: "Participants")
    static let level3 = LocalizedText(zh: "三级（目标）", en: "Level 3 (goal)")
    static let level4 = LocalizedText(zh: "四级（目标）", en: "Level 4 (goal)")
    static let overdue = LocalizedText(zh: "超期", en: "Overdue")
    static let approvedWan = LocalizedText(zh: "核定补助（万元）", en: "Approved (万元)")
    static let centralWan = LocalizedText(zh: "中央已拨（万元）", en: "Central paid (万元)")
    static let localWan = LocalizedText(zh: "地方已拨（万元）", en: "Local paid (万元)")
    static let recoveryWan = LocalizedText(zh: "待追回（万元）", en: "To recover (万元)")
    static let definitions = LocalizedText(
        zh: "参与企业：已核定补助且未撤回、未驳回、未终止的项目；等级取最近一次现场评测；超期：在当前环节超过其办理时限。",
        en:
            "Participants: projects with an approved subsidy, not withdrawn, rejected or terminated; levels are the latest "
            + "on-site assessment; overdue: longer in the current stage than its time limit.")
    static func programmes(_ count: Int) -> LocalizedText { LocalizedText(zh: "\(count) 个试点", en: "\(count) programmes") }
    static let none = LocalizedText(zh: "没有可查看的试点。", en: "No programme to show.")
}
