import PilotDomain

/// The dashboard's words, in Chinese and English.
enum DashboardText {
    static let title = LocalizedText(zh: "领导驾驶舱", en: "Leadership dashboard")
    static let targetsTitle = LocalizedText(zh: "目标完成情况", en: "Targets")
    static let funnelTitle = LocalizedText(zh: "项目所处环节", en: "Projects by stage")
    static let bySubIndustry = LocalizedText(zh: "按细分行业", en: "By sub-industry")
    static let byZone = LocalizedText(zh: "按功能区", en: "By zone")
    static let funds = LocalizedText(zh: "资金", en: "Funds")
    static let risks = LocalizedText(zh: "风险提示", en: "Risks")
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
        zh: "参与企业：已核定补助且未撤回、未驳回、未终止的项目；等级取最近一次现场评测的等级（诊断等级为基线）。",
        en:
            "Participants: projects with an approved subsidy, not withdrawn, rejected or terminated; "
            + "levels are the latest on-site assessment (the diagnosis is the baseline)."
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

extension DashboardText {
    static let projected = LocalizedText(zh: "按当前进度预计期末值", en: "Projected at the deadline")
    static let trend = LocalizedText(zh: "周趋势", en: "Weekly trend")
    static let deadline = LocalizedText(zh: "目标期限", en: "Deadline")
    static let byContractor = LocalizedText(zh: "按总包服务商", en: "By main contractor")
    static let contractor = LocalizedText(zh: "总包服务商", en: "Main contractor")
    static let contractorAttribution = LocalizedText(
        zh: "在办项目计入细分行业现任总包服务商；已结束的项目计入报送方案的服务商（更换后仍保留）。",
        en:
            "Projects under way count for the sub-industry's current main contractor; finished ones for the contractor that filed the plan, also after a replacement."
    )
    static let atLevel3 = LocalizedText(zh: "达三级及以上", en: "At level 3+")
    static let approvedYuan = LocalizedText(zh: "核定补助（元）", en: "Approved subsidy (yuan)")
    static let levelsTitle = LocalizedText(zh: "数字化水平等级分布：诊断基线与最新评测", en: "Digital levels: baseline and latest assessment")
    static let level = LocalizedText(zh: "等级", en: "Level")
    static let baseline = LocalizedText(zh: "诊断基线", en: "Baseline (diagnosis)")
    static let latest = LocalizedText(zh: "最新现场评测", en: "Latest on-site assessment")
    static let fundsBySource = LocalizedText(zh: "资金：按来源", en: "Funds by source")
    static let source = LocalizedText(zh: "资金来源", en: "Source")
    static let share = LocalizedText(zh: "类别", en: "Share")
    static let central = LocalizedText(zh: "中央", en: "Central")
    static let local = LocalizedText(zh: "地方", en: "Local")
    static let committedYuan = LocalizedText(zh: "承诺（元）", en: "Committed (yuan)")
    static let receivedYuan = LocalizedText(zh: "已到位（元）", en: "Received (yuan)")
    static let disbursedYuan = LocalizedText(zh: "已拨付（元）", en: "Disbursed (yuan)")
    static let committedWan = LocalizedText(zh: "承诺（万元）", en: "Committed (万元)")
    static let receivedWan = LocalizedText(zh: "已到位（万元）", en: "Received (万元)")
    static let disbursedWan = LocalizedText(zh: "已拨付（万元）", en: "Disbursed (万元)")
    static let matched = LocalizedText(zh: "地方配套不低于中央（1:1）", en: "Local money matches central (1:1)")
    static let notMatched = LocalizedText(zh: "地方配套低于中央资金", en: "Local money is below central")
    static let riskList = LocalizedText(zh: "风险清单", en: "Risk list")
    static let since = LocalizedText(zh: "起始", en: "Since")
    static let lowRated = LocalizedText(zh: "评价偏低的总包服务商", en: "Contractors rated low")
    static let noItems = LocalizedText(zh: "无。", en: "None.")
    static let more = LocalizedText(zh: "其余项目见导出文件。", en: "The rest are in the export.")
    static let noProjection = LocalizedText(zh: "—", en: "—")
    static let deadlinePassed = LocalizedText(zh: "期限已过", en: "Deadline passed")
    static let onTrack = LocalizedText(zh: "可按期完成", en: "On track")
    static let offTrack = LocalizedText(zh: "按当前进度难以完成", en: "Off track at this pace")
    static let report = LocalizedText(zh: "月度报告（A4打印）", en: "Monthly report (A4)")
    static let asOf = LocalizedText(zh: "数据截至", en: "Figures as of")
    static let editTargets = LocalizedText(zh: "调整目标", en: "Edit targets")

    static func levelName(_ level: Int?) -> LocalizedText {
        guard let level else { return LocalizedText(zh: "尚无", en: "None yet") }
        let zh = ["", "一级", "二级", "三级", "四级"]
        return LocalizedText(zh: level < zh.count ? zh[level] : "\(level)", en: "Level \(level)")
    }

    static func riskTitle(_ kind: DashboardRisks.Kind) -> LocalizedText {
        switch kind {
        case .overdue: LocalizedText(zh: "超过办理时限的项目", en: "Projects past their step's time limit")
        case .signatures: LocalizedText(zh: "逾期未签署的任务书", en: "Task books overdue for signature")
        case .objections: LocalizedText(zh: "未处理的公示异议", en: "Open publicity objections")
        case .rectifications: LocalizedText(zh: "逾期未完成的整改", en: "Rectifications past their deadline")
        case .reports: LocalizedText(zh: "逾期未交的季度报告", en: "Quarterly reports overdue")
        case .recoveries: LocalizedText(zh: "逾期未缴回的追回资金", en: "Recoveries past their due date")
        }
    }

    static func ratingText(_ average: Double, _ count: Int) -> LocalizedText {
        let value = String(format: "%.1f", average)
        return LocalizedText(zh: "平均 \(value) 分（\(count) 家企业评价）", en: "average \(value) from \(count) ratings")
    }

    static func tableTitle(_ table: DashboardExport.Table) -> LocalizedText {
        switch table {
        case .targets: targetsTitle
        case .trends: trend
        case .funnel: funnelTitle
        case .subIndustries: bySubIndustry
        case .zones: byZone
        case .contractors: byContractor
        case .levels: LocalizedText(zh: "等级分布", en: "Levels")
        case .funds: fundsBySource
        case .risks: riskList
        }
    }
}
