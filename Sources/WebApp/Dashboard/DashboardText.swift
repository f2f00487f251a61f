import PilotDomain

/// The dashboard's words, in Chinese and English.
enum DashboardText {
    static let title = LocalizedText(zh: "领导驾驶舱", en: "Leadership dashboard")
    static let targetsTitle = LocalizedText(zh: "2025年底目标完成情况", en: "Targets for end of 2025")
    static let funnelTitle = LocalizedText(zh: "项目所处环节", en: "Projects by stage")
    static let bySubIndustry = LocalizedText(zh: "按细分行业", en: "By sub-industry")
    static let byZone = LocalizedText(zh: "按功能区", en: "By zone")
    static let funds = LocalizedText(zh: "资金", en: "Funds")
    static let risks = LocalizedText(zh: "超期项目", en: "Overdue projects")
    static let noRisks = LocalizedText(zh: "没有超期项目。", en: "No project is overdue.")
    static let target = LocalizedText(zh: "目标", en: "Target")
    static let current = LocalizedText(zh: "当前", en: "Current")
    static let goal = LocalizedText(zh: "目标值", en: "Goal")
    static let unit = LocalizedText(zh: "单位", en: "Unit")
    static let percentOfGoal = LocalizedText(zh: "完成率（%）", en: "Of goal (%)")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let note = LocalizedText(zh: "说明", en: "Note")
    static let stateId = LocalizedText(zh: "环节代码", en: "State id")
    static let projects = LocalizedText(zh: "项目数", en: "Projects")
    static let participants = LocalizedText(zh: "参与企业", en: "Participants")
    static let approvedWan = LocalizedText(zh: "核定补助（万元）", en: "Approved subsidy (万元)")
    static let centralPaid = LocalizedText(zh: "中央资金已拨付", en: "Central funds paid")
    static let localPaid = LocalizedText(zh: "地方资金已拨付", en: "Local funds paid")
    static let planned = LocalizedText(zh: "核定补助合计", en: "Approved subsidies in all")
    static let amountWan = LocalizedText(zh: "金额（万元）", en: "Amount (万元)")
    static let enterprise = LocalizedText(zh: "企业", en: "Enterprise")
    static let dueBy = LocalizedText(zh: "应办结", en: "Due by")
    static let daysOver = LocalizedText(zh: "超期天数", en: "Days over")
    static let unassigned = LocalizedText(zh: "未填写", en: "Not recorded")
    static let exports = LocalizedText(zh: "导出", en: "Export")
    static let chartTargets = LocalizedText(zh: "各目标完成率", en: "Progress towards each target")
    static let chartFunnel = LocalizedText(zh: "各环节项目数", en: "Projects in each stage")
    static let definitions = LocalizedText(
        zh: "参与企业：已核定补助且未撤回、未驳回、未终止的项目；等级取最近一次评定的等级。",
        en:
            "Participants: projects with an approved subsidy, not withdrawn, rejected or terminated; "
            + "levels are the latest assessed."
    )

    static func unit(_ unit: TargetUnit) -> LocalizedText {
        switch unit {
        case .count: LocalizedText(zh: "个", en: "count")
        case .percent: LocalizedText(zh: "%", en: "%")
        }
    }

    static func status(_ status: TargetStatus) -> LocalizedText {
        switch status {
        case .green: LocalizedText(zh: "达标", en: "On target")
        case .amber: LocalizedText(zh: "接近", en: "Close")
        case .red: LocalizedText(zh: "落后", en: "Behind")
        }
    }
}
