import PilotDomain
import PilotStore

/// The words of the bulk pages.
enum BulkText {
    static let title = LocalizedText(zh: "批量操作", en: "Bulk operations")
    static let help = LocalizedText(
        zh: "按条件或上传的项目编号选定项目，先预演查看每个项目能否处理及将发生的变化，再执行。每个项目单独提交、单独记入流转记录；执行中断后任一服务进程会接着完成。迁移完成后可撤回（此后有变更的项目不撤回）。",
        en:
            "Choose instances by a filter or a list of ids, dry-run to see per instance whether it can be handled and what changes, then run. Each instance is written on its own, with its own history row; an interrupted run is continued by any server process. A finished migration can be reverted (instances changed since are kept)."
    )
    static let jobs = LocalizedText(zh: "批量任务", en: "Jobs")
    static let none = LocalizedText(zh: "暂无批量任务。", en: "No bulk jobs yet.")
    static let newJob = LocalizedText(zh: "新建批量任务", en: "New bulk job")
    static let operation = LocalizedText(zh: "操作", en: "Operation")
    static let workflow = LocalizedText(zh: "流程", en: "Workflow")
    static let version = LocalizedText(zh: "当前版本（可不填）", en: "Current version (optional)")
    static let states = LocalizedText(zh: "状态（逗号分隔，可不填）", en: "States (comma-separated, optional)")
    static let division = LocalizedText(zh: "区域代码（含下级）", en: "Division code (and below)")
    static let subIndustry = LocalizedText(zh: "细分行业编号", en: "Sub-industry id")
    static let age = LocalizedText(zh: "在当前状态已停留至少（天）", en: "In its state for at least (days)")
    static let ids = LocalizedText(zh: "或粘贴 CSV 项目编号（每行一个）", en: "Or paste a CSV of instance ids (one a line)")
    static let target = LocalizedText(zh: "目标版本（迁移）", en: "Target version (migrate)")
    static let restartState = LocalizedText(zh: "退回到的环节（重办，状态编号）", en: "State to restart from (restart, state id)")
    static let stateMap = LocalizedText(zh: "状态映射（迁移，每行 旧=新）", en: "State map (migrate, one old=new a line)")
    static let reason = LocalizedText(zh: "理由（终止时必填）", en: "Reason (required to cancel)")
    static let fromUser = LocalizedText(zh: "原经办人（转交）", en: "From user (reassign)")
    static let toUser = LocalizedText(zh: "新经办人（转交）", en: "To user (reassign)")
    static let create = LocalizedText(zh: "创建任务", en: "Make the job")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let progress = LocalizedText(zh: "进度", en: "Progress")
    static let createdBy = LocalizedText(zh: "创建人", en: "Made by")
    static let dryRun = LocalizedText(zh: "预演", en: "Dry run")
    static let run = LocalizedText(zh: "执行", en: "Run")
    static let revert = LocalizedText(zh: "撤回本次迁移", en: "Revert this migration")
    static let canMove = LocalizedText(zh: "可处理", en: "Can move")
    static let cannotMove = LocalizedText(zh: "不可处理", en: "Cannot move")
    static let instance = LocalizedText(zh: "项目", en: "Instance")
    static let plan = LocalizedText(zh: "预演结果", en: "Dry run")
    static let result = LocalizedText(zh: "执行结果", en: "Result")
    static let detail = LocalizedText(zh: "变化 / 原因", en: "Changes / reason")
    static let moved = LocalizedText(zh: "已处理", en: "Moved")
    static let skipped = LocalizedText(zh: "跳过", en: "Skipped")
    static let failed = LocalizedText(zh: "失败", en: "Failed")
    static let pending = LocalizedText(zh: "待处理", en: "Pending")
    static let previous = LocalizedText(zh: "上一页", en: "Previous")
    static let next = LocalizedText(zh: "下一页", en: "Next")
    static let created = LocalizedText(zh: "任务已创建，请先预演。", en: "Job made; dry-run it first.")
    static let planned = LocalizedText(zh: "预演完成，请核对后执行。", en: "Dry run done; check it, then run.")
    static let started = LocalizedText(zh: "已开始执行。", en: "The run has started.")
    static let notFound = LocalizedText(zh: "没有这个批量任务。", en: "There is no such bulk job.")
    static let badNumber = LocalizedText(zh: "请填写整数", en: "Enter a whole number")

    static func label(_ result: BulkItem.Result) -> LocalizedText {
        switch result {
        case .pending: pending
        case .moved: moved
        case .skipped: skipped
        case .failed: failed
        }
    }
}
