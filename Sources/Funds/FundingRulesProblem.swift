import PilotDomain

/// Why a tranche plan or funding rule was refused. Each message says what would be accepted,
/// because the admin typing the programme rules has to fix them from the message alone.
public enum FundingRulesProblem: Error, Sendable, Hashable {
    case planEmpty
    case percentOutOfRange(Milestone, percent: Int)
    case duplicateMilestone(Milestone)
    case milestonesOutOfOrder
    case percentsDoNotSumTo100(sum: Int)
    case centralShareOutOfRange(percent: Int)

    public var message: LocalizedText {
        switch self {
        case .planEmpty:
            LocalizedText(zh: "拨付计划至少需要一期", en: "The tranche plan needs at least one tranche")
        case .percentOutOfRange(let milestone, let percent):
            LocalizedText(
                zh: "「\(milestone.label.zh)」一期的比例须在 1% 到 100% 之间（现为 \(percent)%）",
                en: "The \(milestone.label.en) tranche must be between 1% and 100% (it is \(percent)%)")
        case .duplicateMilestone(let milestone):
            LocalizedText(
                zh: "节点「\(milestone.label.zh)」在拨付计划中出现了两次，每个节点只能对应一期",
                en: "\(milestone.label.en) appears twice in the tranche plan; each milestone can have one tranche")
        case .milestonesOutOfOrder:
            LocalizedText(
                zh: "拨付计划须按节点先后排列：任务书签订、中期评估通过、验收通过",
                en: "List the tranches in milestone order: task book signed, mid-term passed, accepted")
        case .percentsDoNotSumTo100(let sum):
            LocalizedText(
                zh: "各期比例之和须为 100%（现为 \(sum)%）", en: "The tranche percentages must add up to 100% (they add up to \(sum)%)")
        case .centralShareOutOfRange(let percent):
            LocalizedText(
                zh: "中央资金占比须在 0% 到 100% 之间（现为 \(percent)%）",
                en: "The central share must be between 0% and 100% (it is \(percent)%)")
        }
    }
}
