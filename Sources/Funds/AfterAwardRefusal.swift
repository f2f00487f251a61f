import PilotDomain

/// Why an amendment, correction, recovery demand or report was refused (`FundsRefusal.afterAward`).
/// Each message says what to do instead, in both languages.
public enum AfterAwardRefusal: Error, Sendable, Hashable {
    case reasonMissing
    case dateInvalid(String)
    case endBeforeStart(start: String, end: String)
    case projectClosed(String)
    // Amendments
    case unknownAmendment(Int)
    case amendmentChangesNothing
    case amendmentOpen(project: String, amendment: Int)
    case amendmentNotIn(Int, status: AmendmentStatus)
    case amendmentBelowCommitted(central: Fen, local: Fen)
    case noTrancheToCarry(String)
    case signerMissing
    case alreadySigned(amendment: Int, party: SigningParty)
    case onlyPreparerWithdraws
    case amendmentPending(project: String, amendment: Int)
    // Corrections and commitments
    case unknownPosting(Int)
    case unknownCorrection(Int)
    case correctionDecided(Int)
    case postingNotReversible(Int, kind: PostingKind)
    case postingAlreadyReversed(posting: Int, by: Int)
    case postingAlreadyCorrected(posting: Int, correction: Int)
    case reversalLeavesNegative(posting: Int, account: String)
    case commitmentUnchanged(String)
    // Recovery demands
    case unknownDemand(Int)
    case demandNotIn(Int, state: RecoveryDemandState)
    case dueNotAhead
    case settlementPending(demand: Int)
    case noSettlementPending(demand: Int)
    case offsetOtherProject(TrancheID, project: String)
    // Reports
    case unknownReport(Int)
    case reportNotDue(Int)
    case summaryMissing
    case calendarExists(String)
    case reportOverdue(project: String, kind: ReportKind, periodEnd: String, dueDay: String)

    public var message: LocalizedText {
        switch self {
        case .reasonMissing: LocalizedText(zh: "请填写原因", en: "Give a reason")
        case .dateInvalid(let text):
            LocalizedText(zh: "日期「\(text)」无效，请按 2026-06-30 的格式填写", en: "\"\(text)\" is not a date; write it as 2026-06-30")
        case .endBeforeStart(let start, let end):
            LocalizedText(zh: "结束日期 \(end) 早于开始日期 \(start)", en: "The end date \(end) is before the start date \(start)")
        case .projectClosed(let id):
            LocalizedText(zh: "项目 \(id) 已终止或结项，不能再变更或拨付", en: "Project \(id) has ended; it cannot be amended or paid")
        case .unknownAmendment(let number): LocalizedText(zh: "没有变更单 \(number)", en: "No amendment \(number)")
        case .amendmentChangesNothing:
            LocalizedText(
                zh: "变更单至少须改变一项：金额、资金来源、结束日期或实施内容",
                en: "An amendment must change something: an amount, the source, the end date or the scope")
        case .amendmentOpen(let project, let amendment):
            LocalizedText(
                zh: "项目 \(project) 已有未办结的变更单 \(amendment)，请先办结或撤回",
                en: "Project \(project) already has amendment \(amendment) open; finish or withdraw it first")
        case .amendmentNotIn(let number, let status):
            LocalizedText(
                zh: "变更单 \(number) 当前为「\(status.label.zh)」，不能进行此操作",
                en: "Amendment \(number) is \(status.label.en.lowercased()); this step does not apply")
        case .amendmentBelowCommitted(let central, let local):
            LocalizedText(
                zh: "变更后的金额不能低于已拨付或已在拨付单中的金额（中央 \(central.yuanText) 元，地方 \(local.yuanText) 元）",
                en:
                    "The new amounts cannot be below what is paid or in a release (central ¥\(central.yuanText), local ¥\(local.yuanText))"
            )
        case .noTrancheToCarry(let id):
            LocalizedText(
                zh: "项目 \(id) 已没有未拨付的批次可以承担变更的金额", en: "Project \(id) has no unpaid tranche left to carry the change")
        case .signerMissing: LocalizedText(zh: "请填写签字人", en: "Name who signs")
        case .alreadySigned(let amendment, let party):
            LocalizedText(
                zh: "变更单 \(amendment) 已由\(party.label.zh)签字",
                en: "Amendment \(amendment) is already signed by the \(party.label.en.lowercased())")
        case .onlyPreparerWithdraws:
            LocalizedText(zh: "只有经办人可以撤回变更单", en: "Only the officer who drafted the amendment can withdraw it")
        case .amendmentPending(let project, let amendment):
            LocalizedText(
                zh: "项目 \(project) 的重大变更单 \(amendment) 尚待区级批准和三方重新签字，下一期资金暂停拨付",
                en:
                    "Project \(project): amendment \(amendment) needs the district's approval and all three signatures before the next tranche"
            )
        case .unknownPosting(let number): LocalizedText(zh: "没有凭证 \(number)", en: "No posting \(number)")
        case .unknownCorrection(let number): LocalizedText(zh: "没有更正单 \(number)", en: "No correction \(number)")
        case .correctionDecided(let number):
            LocalizedText(zh: "更正单 \(number) 已处理", en: "Correction \(number) has already been decided")
        case .postingNotReversible(let number, let kind):
            LocalizedText(
                zh: "凭证 \(number)（\(kind.rawValue)）不能冲销：已拨付的资金须通过追回收回",
                en: "Posting \(number) (\(kind.rawValue)) cannot be reversed: money paid out is got back by a recovery")
        case .postingAlreadyReversed(let posting, let by):
            LocalizedText(zh: "凭证 \(posting) 已由凭证 \(by) 冲销", en: "Posting \(posting) was already reversed by posting \(by)")
        case .postingAlreadyCorrected(let posting, let correction):
            LocalizedText(
                zh: "凭证 \(posting) 已有更正单 \(correction)", en: "Posting \(posting) already has correction \(correction)")
        case .reversalLeavesNegative(let posting, let account):
            LocalizedText(
                zh: "冲销凭证 \(posting) 会使账户 \(account) 为负（资金已使用或已退回）",
                en: "Reversing posting \(posting) would leave \(account) below zero (the money was used or repaid since)")
        case .commitmentUnchanged(let id):
            LocalizedText(zh: "资金来源 \(id) 的承诺金额未变化", en: "The committed amount of \(id) is unchanged")
        case .unknownDemand(let number): LocalizedText(zh: "没有追回单 \(number)", en: "No recovery demand \(number)")
        case .demandNotIn(let number, let state):
            LocalizedText(
                zh: "追回单 \(number) 当前状态为 \(state.rawValue)，不能进行此操作",
                en: "Recovery demand \(number) is \(state.rawValue); this step does not apply")
        case .dueNotAhead: LocalizedText(zh: "追回期限须晚于今天", en: "The due date must be in the future")
        case .settlementPending(let demand):
            LocalizedText(
                zh: "追回单 \(demand) 已有待审批的结算", en: "Recovery demand \(demand) already has a settlement awaiting approval")
        case .noSettlementPending(let demand):
            LocalizedText(zh: "追回单 \(demand) 没有待审批的结算", en: "Recovery demand \(demand) has no settlement to approve")
        case .offsetOtherProject(let tranche, let project):
            LocalizedText(
                zh: "只能抵扣本项目 \(project) 的未拨付批次（\(tranche) 不属于该项目）",
                en: "Only an unpaid tranche of project \(project) can be offset (\(tranche) is not one)")
        case .unknownReport(let number): LocalizedText(zh: "没有报告 \(number)", en: "No report \(number)")
        case .reportNotDue(let number):
            LocalizedText(zh: "报告 \(number) 已提交或已取消", en: "Report \(number) was already submitted or is cancelled")
        case .summaryMissing: LocalizedText(zh: "请填写报告摘要", en: "Write a summary of the report")
        case .calendarExists(let id):
            LocalizedText(zh: "项目 \(id) 已有报告日历", en: "Project \(id) already has a reporting calendar")
        case .reportOverdue(let project, let kind, let periodEnd, let dueDay):
            LocalizedText(
                zh: "项目 \(project) 截至 \(periodEnd) 的\(kind.label.zh)已逾期（应于 \(dueDay) 前提交），下一期资金暂停拨付",
                en:
                    "Project \(project): the \(kind.label.en.lowercased()) for the period to \(periodEnd) is overdue (due \(dueDay)); the next tranche waits for it"
            )
        }
    }
}
