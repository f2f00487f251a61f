import PilotDomain

/// The words of `/finance/changes`, Chinese first.
enum MoneyChangesText {
    static let title = LocalizedText(zh: "资金变更、更正、追回与报告", en: "Amendments, corrections, recoveries and reports")
    static let help = LocalizedText(
        zh: "任务书变更、错账冲销、承诺金额调整、追回和季度报告。每一步都留痕，双人复核。",
        en:
            "Task book amendments, reversals of wrong postings, committed amounts, recoveries and quarterly reports. Every step is kept; two officers decide."
    )
    static let back = LocalizedText(zh: "返回资金工作台", en: "Back to the finance workspace")
    static let done = LocalizedText(zh: "已保存", en: "Saved")
    static let none = LocalizedText(zh: "暂无", en: "None")
    static let project = LocalizedText(zh: "项目", en: "Project")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let reason = LocalizedText(zh: "原因", en: "Reason")
    static let amount = LocalizedText(zh: "金额（元）", en: "Amount (yuan)")
    static let actions = LocalizedText(zh: "操作", en: "Actions")
    static let approve = LocalizedText(zh: "批准", en: "Approve")
    static let reject = LocalizedText(zh: "驳回", en: "Reject")
    static let submit = LocalizedText(zh: "提交", en: "Submit")
    static let withdraw = LocalizedText(zh: "撤回", en: "Withdraw")
    static let save = LocalizedText(zh: "保存", en: "Save")
    static let preparedBy = LocalizedText(zh: "经办", en: "Prepared by")

    static let amendments = LocalizedText(zh: "任务书变更", en: "Task book amendments")
    static let amendmentHelp = LocalizedText(
        zh: "地方配套金额变化，或调整金额超过核定补助的规定比例（默认 10%），须区级批准并由三方重新签字，此前下一期资金暂停拨付；其余变更经区级批准即生效。",
        en:
            "A change of the matching (local) amount, or reallocations above the programme's share of the approved subsidy (10% by default), need the district's approval and all three signatures again, and hold the next tranche until then; other amendments take effect on the district's approval."
    )
    static let newAmendment = LocalizedText(zh: "拟定变更", en: "Draft an amendment")
    static let terms = LocalizedText(zh: "变更内容", en: "Changes")
    static let central = LocalizedText(zh: "中央资金总额（元）", en: "Central total (yuan)")
    static let local = LocalizedText(zh: "地方配套总额（元）", en: "Local total (yuan)")
    static let source = LocalizedText(zh: "地方资金来源", en: "Local source")
    static let endDate = LocalizedText(zh: "结束日期", en: "End date")
    static let scope = LocalizedText(zh: "实施内容", en: "Scope")
    static let unchanged = LocalizedText(zh: "不变", en: "unchanged")
    static let large = LocalizedText(zh: "重大变更", en: "Large")
    static let small = LocalizedText(zh: "一般变更", en: "Small")
    static let signatures = LocalizedText(zh: "签字", en: "Signatures")
    static let sign = LocalizedText(zh: "登记签字", en: "Record signature")
    static let signer = LocalizedText(zh: "签字人", en: "Signed by")

    static let corrections = LocalizedText(zh: "错账更正（红字冲销）", en: "Corrections (reversals)")
    static let correctionHelp = LocalizedText(
        zh: "记错的到账或退回不修改，由另一名财务人员批准后以一张方向相反的凭证冲销。已拨付的补助须通过追回收回。",
        en:
            "A wrong receipt or repayment is never edited: a second officer approves a mirror posting that cancels it. Paid subsidy is got back by a recovery."
    )
    static let posting = LocalizedText(zh: "凭证号", en: "Posting")
    static let reversedBy = LocalizedText(zh: "冲销凭证", en: "Reversing posting")

    static let commitments = LocalizedText(zh: "资金来源承诺金额（版本）", en: "Committed amounts of sources (versions)")
    static let committed = LocalizedText(zh: "承诺金额", en: "Committed")
    static let versions = LocalizedText(zh: "历史版本", en: "Versions")

    static let recoveries = LocalizedText(zh: "追回", en: "Recoveries (追回)")
    static let recoveryHelp = LocalizedText(
        zh: "追回须经两人复核；可抵扣本项目未拨付的批次，或由企业退回；项目结项后仍可追回。默认 90 天内缴回。",
        en:
            "Two officers decide each step; settle by offsetting an unpaid tranche of the project or by repayment; possible after closing. Due in 90 days unless set."
    )
    static let newDemand = LocalizedText(zh: "发起追回", en: "Demand a recovery")
    static let due = LocalizedText(zh: "缴回期限", en: "Due")
    static let outstanding = LocalizedText(zh: "尚欠", en: "Outstanding")
    static let settle = LocalizedText(zh: "拟定结算", en: "Propose a settlement")
    static let offset = LocalizedText(zh: "抵扣批次", en: "Offset tranche")
    static let repayment = LocalizedText(zh: "企业退回", en: "Repayment")
    static let approveSettlement = LocalizedText(zh: "批准结算", en: "Approve settlement")
    static let pendingSettlement = LocalizedText(zh: "待批准的结算", en: "Settlement awaiting approval")
    static let overdue = LocalizedText(zh: "已逾期", en: "Overdue")

    static let reports = LocalizedText(zh: "季度报告", en: "Quarterly reports")
    static let reportHelp = LocalizedText(
        zh: "按任务书起止日期生成：每季度一份进度报告和一份财务报告，季度结束后 30 天内提交；逾期未交的，下一期资金暂停拨付。",
        en:
            "From the task book's dates: a progress and a financial report per quarter, due 30 days after it ends; an overdue report holds the next tranche."
    )
    static let schedule = LocalizedText(zh: "生成报告日历", en: "Create the calendar")
    static let start = LocalizedText(zh: "开始日期", en: "Start date")
    static let period = LocalizedText(zh: "报告期", en: "Period")
    static let summary = LocalizedText(zh: "报告摘要", en: "Summary")
    static let record = LocalizedText(zh: "登记已提交", en: "Record as submitted")
    static let shownReports = LocalizedText(
        zh: "显示逾期和 60 天内到期的报告，以及最近提交的报告", en: "Overdue reports, those due within 60 days and the latest submitted")
}
