import PilotDomain
import PilotStore

/// The words of the targets page and the monthly report, in Chinese and English.
enum TargetsText {
    static let title = LocalizedText(zh: "试点目标设置", en: "Programme targets")
    static let intro = LocalizedText(
        zh: "目标按版本保存：每次调整记录调整人、时间和原因；驾驶舱和月度报告按现行版本计算完成率。",
        en: "Targets are saved as versions, each with who changed them, when and why; the dashboard and the monthly "
            + "report measure progress against the version in force.")
    static let backToDashboard = LocalizedText(zh: "返回领导驾驶舱", en: "Back to the dashboard")
    static let inForce = LocalizedText(zh: "现行版本", en: "In force")
    static let policyDefaults = LocalizedText(
        zh: "政策默认值（尚未保存任何版本）", en: "The policy's figures (no version saved yet)")
    static let deadline = LocalizedText(zh: "目标期限", en: "Deadline")
    static let deadlineHint = LocalizedText(
        zh: "最后计入的一天（北京时间），格式 YYYY-MM-DD", en: "The last day counted (Beijing time), YYYY-MM-DD")
    static let target = LocalizedText(zh: "目标", en: "Target")
    static let unit = LocalizedText(zh: "单位", en: "Unit")
    static let goal = LocalizedText(zh: "目标值", en: "Goal")
    static let recorded = LocalizedText(zh: "记录值", en: "Recorded figure")
    static let recordedHint = LocalizedText(
        zh: "案例库中尚无记录的目标（特色做法和模式），由领导小组办公室填报当前数值；案例库一有记录即以案例库为准；留空表示尚未记录。",
        en: "Targets the case register holds no record of yet (distinctive practices): the leadership office records the "
            + "current figure, until the register has one; leave empty when not yet recorded.")
    static let measured = LocalizedText(zh: "系统统计", en: "Measured")
    static let reason = LocalizedText(zh: "调整原因", en: "Why")
    static let required = LocalizedText(zh: "必填", en: "required")
    static let reasonHint = LocalizedText(zh: "不超过 500 字", en: "At most 500 characters")
    static let save = LocalizedText(zh: "保存为新版本", en: "Save as a new version")
    static let versions = LocalizedText(zh: "历史版本", en: "Versions")
    static let version = LocalizedText(zh: "版本", en: "Version")
    static let when = LocalizedText(zh: "时间（北京时间）", en: "When (Beijing time)")
    static let who = LocalizedText(zh: "调整人", en: "Who")
    static let changes = LocalizedText(zh: "变更内容", en: "What changed")
    static let noVersions = LocalizedText(
        zh: "尚未保存任何版本，现按政策默认值计算。", en: "No version saved yet; the policy's figures apply.")
    static let sameAsPolicy = LocalizedText(zh: "与政策默认值相同", en: "Same as the policy's figures")
    static let fromPolicy = LocalizedText(zh: "（与政策默认值相比）", en: "(against the policy's figures)")
    static let noChange = LocalizedText(zh: "无变化", en: "No change")
    static let notRecorded = LocalizedText(zh: "未记录", en: "not recorded")
    static let readOnly = LocalizedText(
        zh: "您可以查看目标；调整由试点领导小组（或系统管理员）进行。",
        en: "You may read the targets; the pilot leadership (or an administrator) changes them.")

    static func saved(_ version: Int) -> LocalizedText {
        LocalizedText(zh: "目标已保存为第 \(version) 版", en: "The targets were saved as version \(version)")
    }

    static func versionName(_ version: Int) -> LocalizedText {
        LocalizedText(zh: "第 \(version) 版", en: "version \(version)")
    }

    static func recordedLabel(_ target: Target) -> LocalizedText {
        LocalizedText(zh: "\(target.label.zh)（记录值）", en: "\(target.label.en) (recorded)")
    }

    static func notSaved(_ count: Int) -> LocalizedText {
        LocalizedText(
            zh: "未保存：有 \(count) 处需要更正，见下方标出的字段。",
            en: "Nothing was saved: \(count) field\(count == 1 ? "" : "s") below need\(count == 1 ? "s" : "") correcting.")
    }

    /// Someone saved between this editor opening the page and saving it.
    static func conflict(_ latest: TargetVersion?, by name: String) -> LocalizedText {
        guard let latest else {
            return LocalizedText(
                zh: "未保存：目标在您打开本页后已被修改。请核对下方最新版本后重新提交。",
                en: "Nothing was saved: the targets changed after you opened this page. Check the latest version below "
                    + "and submit again.")
        }
        let when = Shanghai.dateTimeText(latest.changedAt)
        return LocalizedText(
            zh: "未保存：在您打开本页之后，\(name) 已于 \(when) 保存了第 \(latest.version) 版目标（原因：\(latest.reason)）。"
                + "您填写的内容仍保留在下方，请对照最新版本核对后再次提交。",
            en: "Nothing was saved: after you opened this page, \(name) saved version \(latest.version) at \(when) "
                + "(why: \(latest.reason)). What you typed is kept below; check it against the latest version and submit again.")
    }
}

/// The specific message for each field of the targets form.
extension TargetsText {
    static func goalMissing(_ target: Target) -> LocalizedText {
        LocalizedText(zh: "请填写“\(target.label.zh)”的目标值", en: "Enter the goal for '\(target.label.en)'")
    }

    static func goalNotPositive(_ target: Target) -> LocalizedText {
        LocalizedText(
            zh: "“\(target.label.zh)”的目标值应为正整数", en: "The goal for '\(target.label.en)' must be a whole number above 0")
    }

    static func goalOverPercent(_ target: Target) -> LocalizedText {
        LocalizedText(
            zh: "“\(target.label.zh)”是百分比，目标值不能超过 100", en: "'\(target.label.en)' is a percentage: its goal cannot exceed 100")
    }

    static func goalTooLarge(_ target: Target, limit: Int) -> LocalizedText {
        LocalizedText(
            zh: "“\(target.label.zh)”的目标值不能超过 \(limit)", en: "The goal for '\(target.label.en)' cannot exceed \(limit)")
    }

    static func recordedInvalid(_ target: Target, limit: Int) -> LocalizedText {
        LocalizedText(
            zh: "“\(target.label.zh)”的记录值应为 0–\(limit) 的整数，或留空",
            en: "The recorded figure for '\(target.label.en)' must be a whole number 0–\(limit), or empty")
    }

    static let deadlineMissing = LocalizedText(zh: "请填写目标期限", en: "Enter the deadline")
    static let deadlineInvalid = LocalizedText(
        zh: "目标期限应为真实存在的日期，格式 YYYY-MM-DD（如 2025-12-31）",
        en: "The deadline must be a real date written YYYY-MM-DD (e.g. 2025-12-31)")
    static let reasonMissing = LocalizedText(zh: "请说明调整原因", en: "Say why the targets change")

    static func reasonTooLong(_ count: Int, limit: Int) -> LocalizedText {
        LocalizedText(
            zh: "调整原因不能超过 \(limit) 字（现为 \(count) 字）",
            en: "The reason may be at most \(limit) characters (it has \(count))")
    }

    static let basedOnInvalid = LocalizedText(
        zh: "页面已失效，请刷新页面后重新填写", en: "The page is out of date; reload it and fill it in again")
    static let unchanged = LocalizedText(
        zh: "目标没有任何变化，未保存新版本", en: "Nothing changed, so no new version was saved")
}
