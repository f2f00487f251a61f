import PilotDomain
import PilotStore

/// The words of the supervision pages, Chinese first.
enum SupervisionText {
    static let campaign = LocalizedText(zh: "诊断活动（当前试点项目不是数字化诊断活动）", en: "Diagnosis campaign (this programme is not one)")
    static let unit = LocalizedText(zh: "该单位（或不在您所辖范围内）", en: "This unit (or it is outside your reach)")
    static let firm = LocalizedText(zh: "该企业（或不在您所辖范围内）", en: "This firm (or it is outside your reach)")
    static let offlineCase = LocalizedText(zh: "该线下诊断（或不在您所辖范围内）", en: "This on-site diagnosis (or it is outside your reach)")
    static let reminder = LocalizedText(zh: "该提醒", en: "This reminder")
    static let emptyFile = LocalizedText(zh: "文件是空的（没有企业行）", en: "The file is empty (no firm rows)")

    // Roster import.
    static let importTitle = LocalizedText(zh: "导入规上企业名单（建档立卡）", en: "Import the roster of above-scale firms")
    static let importIntro = LocalizedText(
        zh: "第一行为列名（可用模板）。逐行校验：统一社会信用代码、所在区划（须在本单位及下级范围内）、行业组、企业规模、是否规上。任何一行不合格时不写入任何数据，并给出逐行报告；全部合格时一次写入（已在名单中的企业按新名单更新）。",
        en:
            "The first row holds the column titles (see the template). Every row is checked: credit code, division (your unit or below), "
            + "industry group, size, above scale. If any row is wrong nothing is written and each problem is reported; when all are "
            + "good they are written at once (firms already on the roster are updated).")
    static let template = LocalizedText(zh: "下载模板（XLSX）", en: "Template (XLSX)")
    static let file = LocalizedText(
        zh: "名单文件（XLSX 或 CSV，≤ 20 MB，≤ 200,000 行）", en: "Roster file (XLSX or CSV, ≤ 20 MB, ≤ 200,000 rows)")
    static let chooseFile = LocalizedText(zh: "请选择要导入的文件", en: "Choose a file to import")
    static let tooLarge = LocalizedText(zh: "文件不得超过 20 MB", en: "At most 20 MB")
    static let check = LocalizedText(zh: "校验并导入", en: "Check and import")
    static let report = LocalizedText(zh: "逐行报告", en: "Row report")
    static let line = LocalizedText(zh: "行号", en: "Line")
    static let column = LocalizedText(zh: "列", en: "Column")
    static let problem = LocalizedText(zh: "问题", en: "Problem")
    static func rejected(_ rows: Int, _ problems: Int) -> LocalizedText {
        LocalizedText(
            zh: "共 \(rows) 行，发现 \(problems) 处问题，未写入任何数据。请修改后重新导入。",
            en: "\(rows) rows, \(problems) problems found; nothing was written. Correct them and import again.")
    }
    static func written(_ count: RosterImportCount) -> LocalizedText {
        LocalizedText(
            zh: "导入完成：新增 \(count.added) 家，更新 \(count.updated) 家。", en: "Imported: \(count.added) added, \(count.updated) updated."
        )
    }

    // Coverage.
    static let coverageTitle = LocalizedText(zh: "诊断覆盖与进度", en: "Diagnosis coverage")
    static let rosterFirms = LocalizedText(zh: "名单企业", en: "Roster firms")
    static let diagnosed = LocalizedText(zh: "已诊断", en: "Diagnosed")
    static let filling = LocalizedText(zh: "填报中", en: "Filling in")
    static let notStarted = LocalizedText(zh: "未开始", en: "Not started")
    static let coverage = LocalizedText(zh: "覆盖率", en: "Coverage")
    static let quota = LocalizedText(zh: "任务指标", en: "Quota")
    static let year = LocalizedText(zh: "年度", en: "Year")
    static let diagnosedInYear = LocalizedText(zh: "当年诊断", en: "Diagnosed that year")
    static let completion = LocalizedText(zh: "完成率", en: "Completion")
    static let quotaProgress = LocalizedText(zh: "年度任务完成情况", en: "Progress against the yearly quotas")
    static let grades = LocalizedText(zh: "成熟度等级分布", en: "Grade distribution")
    static let grade = LocalizedText(zh: "等级", en: "Grade")
    static let firms = LocalizedText(zh: "企业数", en: "Firms")
    static let subUnits = LocalizedText(zh: "下级单位", en: "Sub-units")
    static let name = LocalizedText(zh: "名称", en: "Name")
    static let code = LocalizedText(zh: "代码", en: "Code")
    static let lagging = LocalizedText(zh: "滞后", en: "Lagging")
    static let laggingHint = LocalizedText(
        zh: "滞后：覆盖率低于本单位整体，或已诊断企业少于按任务指标计的应完成进度（往年指标之和加今年指标按已过天数折算）。",
        en:
            "Lagging: coverage below the unit's own, or fewer firms diagnosed than the quota pace (earlier years' quotas plus "
            + "this year's in proportion to the days gone).")
    static let registeredAtUnit = LocalizedText(zh: "（直接登记在本单位）", en: "(registered at the unit itself)")
    static let noSubUnits = LocalizedText(zh: "本单位为最低一级，无下级单位。", en: "This is the lowest level: no sub-units.")
    static let notStartedFirms = LocalizedText(zh: "未开始诊断的企业", en: "Firms not started")
    static let none = LocalizedText(zh: "无", en: "None")
    static let exportXLSX = LocalizedText(zh: "导出下级单位表（XLSX）", en: "Export the sub-unit table (XLSX)")
    static let milestones = LocalizedText(zh: "活动阶段目标", en: "Campaign milestones")
    static let date = LocalizedText(zh: "截止日期", en: "Date")
    static let target = LocalizedText(zh: "目标", en: "Target")
    static let actual = LocalizedText(zh: "实际", en: "Actual")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let met = LocalizedText(zh: "已达成", en: "Met")
    static let onTrack = LocalizedText(zh: "进度正常", en: "On track")
    static let behind = LocalizedText(zh: "落后", en: "Behind")
    static let notMeasured = LocalizedText(zh: "暂无数据", en: "Not measured")
    static let providers = LocalizedText(zh: "诊断服务商", en: "Diagnosis providers")
    static let transformed = LocalizedText(zh: "诊断后实施改造", en: "Transformed after diagnosis")
    static let previous = LocalizedText(zh: "上一页", en: "Previous")
    static let next = LocalizedText(zh: "下一页", en: "Next")
    static let up = LocalizedText(zh: "返回上级", en: "Up one level")
    static let quotasLink = LocalizedText(zh: "任务指标", en: "Quotas")
    static let offlineLink = LocalizedText(zh: "线下诊断指派", en: "On-site assignments")
    static let importLink = LocalizedText(zh: "导入名单", en: "Import the roster")

    // Reminders.
    static let reminders = LocalizedText(zh: "上级督促提醒", en: "Reminders from above")
    static let markRead = LocalizedText(zh: "标为已读", en: "Mark read")
    static let read = LocalizedText(zh: "已读", en: "Read")
    static let remindTitle = LocalizedText(zh: "发送督促提醒", en: "Send a reminder")
    static let remindTarget = LocalizedText(zh: "对象（下级单位或企业信用代码）", en: "To (a sub-unit, or a firm's credit code)")
    static let message = LocalizedText(zh: "提醒内容（≤ 500 字）", en: "Message (≤ 500 characters)")
    static let send = LocalizedText(zh: "发送", en: "Send")
    static let messageRequired = LocalizedText(zh: "请填写提醒内容（1–500 字）", en: "Write a message (1–500 characters)")
    static let targetRequired = LocalizedText(
        zh: "请选择您所辖的下级单位，或填写您所辖范围内企业的统一社会信用代码",
        en: "Choose a sub-unit beneath your unit, or a credit code of a firm in your reach")
    static let sent = LocalizedText(zh: "提醒已发送", en: "Reminder sent")

    // Quotas.
    static let quotasTitle = LocalizedText(zh: "诊断任务指标分解", en: "Diagnosis quotas")
    static let ownQuota = LocalizedText(zh: "本单位指标", en: "Unit's own quota")
    static let splitTitle = LocalizedText(zh: "分解到下级单位", en: "Split among the sub-units")
    static let splitSum = LocalizedText(zh: "分解合计", en: "Split total")
    static let save = LocalizedText(zh: "保存分解", en: "Save the split")
    static let saved = LocalizedText(zh: "指标分解已保存", en: "The split is saved")
    static let noQuota = LocalizedText(zh: "本年度尚无指标", en: "No quota for this year")
    static let formulaTitle = LocalizedText(
        zh: "上海：公式测算与官方分解表对照（附件2）", en: "Shanghai: the formula beside the official table (附件2)")
    static let formulaHint = LocalizedText(
        zh: "公式（附件2 备注2）：各区指标 =（诊断总量 − 市级统筹）× 本区名单企业数 ÷ 全市名单企业数 × 年度比例；每区每年单独四舍五入到整数家（按整数运算，0.5 进位），因此各区之和可能与年度总量相差几家，下表照实列出。",
        en:
            "Formula (附件2 note 2): district quota = (total firms − handled by the city) × district's roster firms ÷ all roster firms "
            + "× the year's percent; each district's figure for each year is rounded on its own to a whole firm (integer arithmetic, "
            + "halves up), so the districts' sum may differ from the year's total by a few firms; the table shows it as it is.")
    static let formula = LocalizedText(zh: "公式", en: "Formula")
    static let official = LocalizedText(zh: "官方表", en: "Official")
    static let difference = LocalizedText(zh: "差额", en: "Difference")
    static let sumOfRows = LocalizedText(zh: "官方表各行合计", en: "Sum of the official rows")
    static let statedTotal = LocalizedText(zh: "官方表所列合计", en: "Total the table states")
    static let formulaTotal = LocalizedText(zh: "公式年度总量", en: "Formula's yearly total")
    static let mismatch = LocalizedText(
        zh: "官方表各行之和与其所列合计不一致：", en: "The official rows do not add up to the totals the table states: ")

    // Offline.
    static let offlineTitle = LocalizedText(zh: "线下诊断指派", en: "On-site diagnosis assignments")
    static let reason = LocalizedText(zh: "原因", en: "Reason")
    static let provider = LocalizedText(zh: "服务商", en: "Provider")
    static let assign = LocalizedText(zh: "指派", en: "Assign")
    static let assigned = LocalizedText(zh: "已指派服务商", en: "The provider is assigned")
    static let noProviders = LocalizedText(
        zh: "资源池中暂无在库良好的服务商，无法指派", en: "No provider in good standing in the pool: nothing to assign to")
    static let providerRequired = LocalizedText(
        zh: "请选择资源池中在库良好的服务商", en: "Choose a provider that is a pool member in good standing")
    static let notPending = LocalizedText(
        zh: "该线下诊断已指派或已完成，不能再指派", en: "This on-site diagnosis is assigned or filed already")
    static let consulting = LocalizedText(zh: "（诊断咨询类）", en: "(consulting)")
}
