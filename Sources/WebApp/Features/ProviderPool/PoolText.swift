import PilotDomain
import ProviderPool

/// The words of the pool's supervision pages (policy 002 第七条, 第八条).
enum PoolText {
    static let noticeTitle = LocalizedText(zh: "数字化服务商移出资源池公示", en: "Providers removed from the pool: public notice")
    static let noticeIntro = LocalizedText(
        zh: "依据《天津市制造业数字化转型服务商及促进中心管理规范》第八条，下列服务商不再列入资源池，特此公示。",
        en: "Under article 8 of the Tianjin provider pool rules, the providers below are no longer in the pool.")
    static let none = LocalizedText(zh: "暂无移出的服务商。", en: "No provider has been removed.")
    static let programme = LocalizedText(zh: "试点项目", en: "Programme")
    static let provider = LocalizedText(zh: "服务商", en: "Provider")
    static let reason = LocalizedText(zh: "移出情形", en: "Reason")
    static let date = LocalizedText(zh: "日期", en: "Date")
    static let evidence = LocalizedText(zh: "依据", en: "Evidence")
    static let standing = LocalizedText(zh: "资源池状态", en: "Standing")
    static let inPool = LocalizedText(zh: "在库", en: "In the pool")
    static let removed = LocalizedText(zh: "已移出", en: "Removed")
    static let latestGrade = LocalizedText(zh: "最近评级", en: "Latest grade")
    static let govern = LocalizedText(zh: "资源池动态管理", en: "Supervising the pool")
    static let gradeTitle = LocalizedText(zh: "录入年度评价", en: "Record the annual evaluation")
    static let year = LocalizedText(zh: "评价年度", en: "Year")
    static let score = LocalizedText(zh: "评价得分（0–100）", en: "Score (0–100)")
    static let complaintTitle = LocalizedText(zh: "登记投诉核实结论", en: "Record a complaint's finding")
    static let complaintSummary = LocalizedText(zh: "投诉内容摘要", en: "What the complaint says")
    static let finding = LocalizedText(zh: "核实结论", en: "Finding")
    static let verified = LocalizedText(zh: "属实", en: "Verified")
    static let notVerified = LocalizedText(zh: "不属实", en: "Not verified")
    static let removeTitle = LocalizedText(zh: "移出资源池", en: "Remove from the pool")
    static let save = LocalizedText(zh: "保存", en: "Save")
    static let recorded = LocalizedText(zh: "已记录", en: "Recorded")
    static let removedNow = LocalizedText(
        zh: "已记录；该服务商已移出资源池并公示", en: "Recorded; the provider is removed and the removal published")
    static let chooseProvider = LocalizedText(zh: "请选择资源池中的服务商", en: "Choose a provider of the pool")
    static let yearProblem = LocalizedText(zh: "评价年度应为 2020–2100 的年份", en: "The year must be from 2020 to 2100")
    static let evidenceNeeded = LocalizedText(
        zh: "请填写依据（文件名称、文号或核查记录），公示时一并列出", en: "Give the evidence (document, number or record); it is published")
    static let chooseReason = LocalizedText(zh: "请选择第八条规定的移出情形", en: "Choose a reason of article 8")
    static let summaryNeeded = LocalizedText(
        zh: "请填写投诉内容摘要（500 字以内）", en: "Summarise the complaint (500 characters at most)")
    static let fileTitle = LocalizedText(zh: "投诉资源池服务商", en: "Complain about a pool member")
    static let fileHint = LocalizedText(
        zh: "投诉由区工信局核实；核实属实累计3次的服务商将移出资源池（第八条第（4）项）。",
        en: "The district investigates; a member with three verified complaints leaves the pool (art. 8 (4)).")
    static let file = LocalizedText(zh: "提交投诉", en: "File the complaint")
    static let filed = LocalizedText(zh: "投诉已提交，等待区工信局核实", en: "Complaint filed; the district will investigate")
    static let openComplaints = LocalizedText(zh: "待核实的投诉", en: "Complaints to investigate")
    static let decide = LocalizedText(zh: "记录核实结论", en: "Record the finding")
    static let chooseFinding = LocalizedText(zh: "请选择核实结论", en: "Choose the finding")

    static func openProjects(_ n: Int) -> LocalizedText {
        LocalizedText(zh: "在办项目 \(n) 个，请区工信局研究处理", en: "\(n) open projects for the district to decide on")
    }

    /// "第八条第（4）项：被投诉3次及以上并核实属实".
    static func reason(_ reason: RemovalReason) -> LocalizedText {
        LocalizedText(
            zh: "第八条第（\(reason.article)）项：\(reason.label.zh)", en: "Art. 8 (\(reason.article)): \(reason.label.en)")
    }
}

extension PoolText {
    static let publicComplaintTitle = LocalizedText(zh: "投诉资源池服务商", en: "Complain about a pool provider")
    static let publicComplaintIntro = LocalizedText(
        zh: "任何单位和个人可实名投诉资源池内的数字化服务商。投诉人信息仅供主管部门核实使用，不予公开；经核实属实的投诉累计3次及以上的服务商将移出资源池并公示。",
        en: "Anyone may complain about a pool provider under their own name. Your details are used only by the bureau "
            + "to investigate and are never published; a provider with three or more verified complaints leaves the pool.")
    static let nameNeeded = LocalizedText(
        zh: "请填写姓名或单位名称（不超过100字）", en: "Enter your name or organisation (at most 100 characters)")
    static let contactNeeded = LocalizedText(zh: "请填写联系方式（不超过100字）", en: "Enter how to reach you (at most 100 characters)")
    static let unknownProgramme = LocalizedText(zh: "未知的试点项目", en: "Unknown programme")
    static let publicComplaintReceived = LocalizedText(
        zh: "投诉已受理，主管部门将核实处理。", en: "Your complaint was received; the bureau will look into it.")
}

extension PoolText {
    static let noRatings = LocalizedText(
        zh: "该服务商尚无企业评价，请由评价机构对此项打分", en: "No enterprise has rated this provider: the evaluators score this criterion")
    static let feedbackHint = LocalizedText(
        zh: "有企业评价时按评价均分×20自动计算，此处填写的分数不用", en: "Computed from the enterprises' ratings (mean × 20) when there are any")
    static let criteriaHint = LocalizedText(
        zh: "按本试点评价标准逐项打分（0–100），系统按权重计算总分并定级", en: "Score each criterion 0–100; the weighted total sets the grade")
    static let resultsTitle = LocalizedText(zh: "数字化服务商年度分级评价结果", en: "Annual grades of pool providers")
    static let resultsIntro = LocalizedText(
        zh: "依据第七条，按年度评价得分分级：90分以上为优秀，80–90分为良好，70–80分为合格，70分以下为不合格（不合格者移出资源池）。",
        en: "Under article 7: 90 and above excellent, 80–90 good, 70–80 qualified, below 70 unqualified (removed from the pool).")
    static let noResults = LocalizedText(zh: "该年度尚无评价结果", en: "No results for that year")
    static let badYearFilter = LocalizedText(zh: "年度应为 2020–2100 之间的整数", en: "The year must be from 2020 to 2100")
    static let grade = LocalizedText(zh: "等级", en: "Grade")
    static let points = LocalizedText(zh: "得分", en: "Score")
}
