import PilotDomain

/// Why the funds module refused an operation. The book is left exactly as it was. Each case
/// carries what the officer needs to act (the exact shortfall, the tranche, the release), and
/// `message` says it in both languages. Role checks (is this a finance officer?) happen before.
public enum FundsRefusal: Error, Sendable, Hashable {
    case unknownSource(String)
    case unknownProject(String)
    case unknownTranche(TrancheID)
    case unknownRelease(Int)
    case duplicateSource(String)
    case duplicateProject(String)
    /// The programme has exactly one central source: the one release postings draw central money from.
    case needsOneCentralSource(found: Int)
    /// A project's local share must come from a local source.
    case sourceNotLocal(String)
    /// Amounts must be above zero and at most `Fen.maximum`.
    case amountInvalid(Fen)
    /// So small a subsidy that a tranche of the plan would be zero fen.
    case subsidyTooSmallForPlan(Fen)
    case noTranches
    case trancheNotDue(TrancheID, waitsFor: Milestone)
    case tranchePaid(TrancheID, release: Int)
    case trancheCancelled(TrancheID)
    case trancheHeld(TrancheID, hold: ProjectHold)
    case trancheInOpenRelease(TrancheID, release: Int)
    case projectTerminated(String)
    case projectFailedMidterm(String)
    /// A later approval changed the subsidy of a project that already has a tranche paid or in an
    /// open release; the book keeps the earlier split and `ledger check` reports the difference.
    case subsidyChangedAfterPayment(String, release: Int)
    /// Four eyes: the approver (or whoever they act for) prepared the release.
    case sameOfficer
    /// The officer belongs to an enterprise the release pays.
    case officerOfPaidOrganisation(String)
    /// The release was already approved (paid or held) or rejected.
    case alreadyDecided(release: Int)
    case matchingShortfall(shortfall: Fen, scope: MatchingScope)
    case insufficientCash(source: String, shortfall: Fen)
    case recoveryExceedsPaid(paid: Fen, requested: Fen)
    case recoveryExceedsOwed(owed: Fen, requested: Fen)
    case reasonMissing
    /// The ledger refused the journal entry the book built — a bug, refused rather than crashing.
    case postingRefused(PostingProblem)
    /// An amendment, correction, recovery demand or report step refused.
    case afterAward(AfterAwardRefusal)

    public var message: LocalizedText {
        switch self {
        case .unknownSource(let id): LocalizedText(zh: "没有资金来源 \(id)", en: "No funding source \(id)")
        case .unknownProject(let id): LocalizedText(zh: "没有项目 \(id)", en: "No project \(id)")
        case .unknownTranche(let id): LocalizedText(zh: "没有拨付批次 \(id)", en: "No tranche \(id)")
        case .unknownRelease(let number): LocalizedText(zh: "没有拨付单 \(number)", en: "No release \(number)")
        case .duplicateSource(let id): LocalizedText(zh: "资金来源 \(id) 已存在", en: "Funding source \(id) already exists")
        case .duplicateProject(let id): LocalizedText(zh: "项目 \(id) 已登记", en: "Project \(id) is already registered")
        case .needsOneCentralSource(let found):
            LocalizedText(
                zh: "须有且只有一个中央资金来源（现有 \(found) 个）",
                en: "There must be exactly one central funding source (found \(found))")
        case .sourceNotLocal(let id):
            LocalizedText(zh: "\(id) 不是地方资金，不能承担地方配套部分", en: "\(id) is not local money; it cannot pay the local share")
        case .amountInvalid(let amount):
            LocalizedText(
                zh: "金额须大于零且不超过 1000 亿元（现为 \(amount)）",
                en: "The amount must be above zero and at most ¥100 billion (it is \(amount))")
        case .subsidyTooSmallForPlan(let amount):
            LocalizedText(
                zh: "补助 \(amount) 太少，按拨付计划会出现零元的一期",
                en: "A subsidy of \(amount) is too small: a tranche of the plan would be zero")
        case .noTranches: LocalizedText(zh: "请至少选择一期拨付", en: "Choose at least one tranche")
        case .trancheNotDue(let id, let milestone):
            LocalizedText(
                zh: "\(id) 尚未到拨付节点（须待「\(milestone.label.zh)」）",
                en: "Tranche \(id) is not due yet (it waits for: \(milestone.label.en))")
        case .tranchePaid(let id, let release):
            LocalizedText(zh: "\(id) 已由拨付单 \(release) 拨付，不能重复拨付", en: "Tranche \(id) was already paid by release \(release)")
        case .trancheCancelled(let id):
            LocalizedText(zh: "\(id) 已取消（项目终止）", en: "Tranche \(id) is cancelled (project terminated)")
        case .trancheHeld(let id, let hold):
            LocalizedText(zh: "\(id) 暂停拨付：\(hold.label.zh)", en: "Tranche \(id) is on hold: \(hold.label.en)")
        case .trancheInOpenRelease(let id, let release):
            LocalizedText(
                zh: "\(id) 已在拨付单 \(release) 中，待其审批或退回", en: "Tranche \(id) is already in open release \(release)")
        case .projectTerminated(let id): LocalizedText(zh: "项目 \(id) 已终止", en: "Project \(id) is terminated")
        case .projectFailedMidterm(let id):
            LocalizedText(zh: "项目 \(id) 中期评估未通过，不再拨付", en: "Project \(id) failed its mid-term evaluation; no further payments")
        case .subsidyChangedAfterPayment(let id, let release):
            LocalizedText(
                zh: "项目 \(id) 已有资金进入拨付单 \(release)，不能按新的核定金额重新分期",
                en:
                    "Project \(id) already has money in release \(release); its tranches cannot be split again for the new subsidy"
            )
        case .sameOfficer:
            LocalizedText(
                zh: "审批人不能是经办人（双人复核）", en: "The approver cannot be the officer who prepared the release (four eyes)")
        case .officerOfPaidOrganisation(let organisation):
            LocalizedText(
                zh: "您属于受款单位 \(organisation)，须回避", en: "You belong to \(organisation), which this release pays; you must recuse")
        case .alreadyDecided(let release):
            LocalizedText(zh: "拨付单 \(release) 已处理", en: "Release \(release) has already been decided")
        case .matchingShortfall(let shortfall, let scope):
            LocalizedText(
                zh: "\(scope.label.zh)地方配套资金不足：还差 \(shortfall) 才能与中央资金 1:1 配套",
                en: "Local money in \(scope.label.en) is \(shortfall) short of matching central money 1:1")
        case .insufficientCash(let source, let shortfall):
            LocalizedText(
                zh: "资金来源 \(source) 可用资金不足，还差 \(shortfall)", en: "Funding source \(source) is \(shortfall) short of cash")
        case .recoveryExceedsPaid(let paid, let requested):
            LocalizedText(
                zh: "应追回 \(requested) 超过已拨付的 \(paid)", en: "The amount to recover, \(requested), exceeds the \(paid) paid")
        case .recoveryExceedsOwed(let owed, let requested):
            LocalizedText(
                zh: "退回 \(requested) 超过尚欠的 \(owed)", en: "A repayment of \(requested) exceeds the \(owed) still owed")
        case .reasonMissing: LocalizedText(zh: "请填写退回理由", en: "Give a reason for the rejection")
        case .postingRefused(let problem):
            LocalizedText(zh: "记账被拒绝（系统错误）：\(problem.message.zh)", en: "Posting refused (a bug): \(problem.message.en)")
        case .afterAward(let refusal): refusal.message
        }
    }
}
