import PilotDomain

enum UserAdminText {
    static let title = LocalizedText(zh: "账号管理", en: "Accounts")
    static let account = LocalizedText(zh: "账号", en: "Account")
    static let list = LocalizedText(zh: "账号列表", en: "Accounts")
    static let username = LocalizedText(zh: "用户名", en: "User name")
    static let displayName = LocalizedText(zh: "姓名", en: "Name")
    static let organisation = LocalizedText(zh: "所属单位", en: "Organisation")
    static let roles = LocalizedText(zh: "角色及范围", en: "Roles and scopes")
    static let role = LocalizedText(zh: "角色", en: "Role")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let actions = LocalizedText(zh: "操作", en: "Actions")
    static let active = LocalizedText(zh: "启用", en: "Active")
    static let inactive = LocalizedText(zh: "已停用", en: "Switched off")
    static let awaitingChange = LocalizedText(zh: "待本人改密", en: "One-time password")
    static let reset = LocalizedText(zh: "重置密码", en: "Reset password")
    static let deactivate = LocalizedText(zh: "停用", en: "Switch off")
    static let reactivate = LocalizedText(zh: "启用", en: "Switch on")
    static let search = LocalizedText(zh: "查找", en: "Find")
    static let anyRole = LocalizedText(zh: "全部角色", en: "Any role")
    static let filter = LocalizedText(zh: "筛选", en: "Filter")
    static let wholeProgramme = LocalizedText(zh: "全试点", en: "whole programme")
    static let ownPanels = LocalizedText(zh: "受邀评审的方案", en: "panels named to")
    static let create = LocalizedText(zh: "新建账号", en: "New account")
    static let created = LocalizedText(zh: "账号已创建", en: "Account created")
    static let resetDone = LocalizedText(zh: "密码已重置", en: "Password reset")
    static let oneTimePassword = LocalizedText(zh: "一次性密码", en: "One-time password")
    static let handOver = LocalizedText(
        zh: "此密码只显示这一次，系统不保存明文。请当面或通过安全渠道交给本人；本人首次登录后须设置自己的密码。重置密码会使该账号的所有登录失效。",
        en: "Shown this once and stored nowhere in clear. Hand it over in person or by a safe channel; the person must choose "
            + "their own password at the first sign-in. A reset ends every sign-in of the account.")
    static let uscc = LocalizedText(zh: "企业统一社会信用代码", en: "Enterprise credit code")
    static let usccHint = LocalizedText(zh: "角色为试点企业时填写", en: "For a pilot enterprise's account")
    static let organisationHint = LocalizedText(
        zh: "主承包服务商、数字化服务商必选；其权限范围随单位（主承包服务商为其当前承担的细分行业）",
        en: "Required for main contractors and digital providers; their scope follows the organisation (a main contractor: "
            + "the sub-industries it serves now)")
    static let zone = LocalizedText(zh: "所属区划（功能区、街道或镇）", en: "Division (zone, street or town)")
    static let zoneHint = LocalizedText(
        zh: "攻坚小组必选；区工信局账号选择后只管辖该区划，不选则管辖整个试点",
        en:
            "Required for a task force; a district bureau account chosen here covers only that division, otherwise the whole programme"
    )
    static let createHint = LocalizedText(
        zh: "系统生成一次性密码，提交后显示一次。", en: "A one-time password is generated and shown once after saving.")
    static let withoutAccount = LocalizedText(zh: "尚无账号的企业", en: "Enterprises without an account")
    static let withoutAccountHint = LocalizedText(
        zh: "如导入的企业：点击企业名称，表单将自动填入。", en: "Imported enterprises, for example: choose one to fill in the form.")
    static let everyEnterprise = LocalizedText(zh: "每家企业都已有账号。", en: "Every enterprise has an account.")
    static let log = LocalizedText(zh: "账号变更记录", en: "Account changes")
    static let when = LocalizedText(zh: "时间", en: "When")
    static let what = LocalizedText(zh: "变更", en: "What")
    static let by = LocalizedText(zh: "操作人", en: "By")
    static let displayNameProblem = LocalizedText(zh: "请填写姓名（60 字以内）", en: "Enter a name (at most 60 characters)")
    static let chooseRole = LocalizedText(zh: "请选择角色", en: "Choose a role")
    static let chooseZone = LocalizedText(
        zh: "请选择本试点内的区划（功能区、街道或镇）", en: "Choose a division (zone, street or town) of this programme")
    static let noSuchEnterprise = LocalizedText(
        zh: "本试点没有该信用代码的企业，请先登记或导入企业", en: "No enterprise of this programme has this credit code; register or import it first")
    static let unknownOrganisation = LocalizedText(zh: "请从列表中选择单位", en: "Choose the organisation from the list")
    static let usernameTaken = LocalizedText(zh: "该用户名已被使用", en: "This user name is taken")
    static let notYourself = LocalizedText(
        zh: "不能停用或重置自己的账号；修改自己的密码请用“修改密码”", en: "Not your own account: change your own password under Password")
    static let badActive = LocalizedText(zh: "无效的操作", en: "Invalid action")

    static func organisationOfKind(_ kind: String) -> LocalizedText {
        LocalizedText(zh: "请选择一家\(UserAdminText.kind(kind).zh)", en: "Choose a \(UserAdminText.kind(kind).en.lowercased())")
    }

    static func kind(_ kind: String) -> LocalizedText {
        switch kind {
        case OrganisationKind.contractor: LocalizedText(zh: "主承包服务商", en: "Main contractor")
        case OrganisationKind.provider: LocalizedText(zh: "数字化服务商", en: "Digital provider")
        case OrganisationKind.enterprise: LocalizedText(zh: "试点企业", en: "Enterprise")
        case "bureau": LocalizedText(zh: "主管部门", en: "Bureau")
        case "finance": LocalizedText(zh: "财政部门", en: "Finance bureau")
        case "expert": LocalizedText(zh: "专家单位", en: "Expert's organisation")
        case "manager": LocalizedText(zh: "综合管理服务商", en: "Management provider")
        case "platform": LocalizedText(zh: "平台运营方", en: "Platform operator")
        default: LocalizedText(zh: kind, en: kind)
        }
    }

    static func action(_ action: String) -> LocalizedText {
        switch action {
        case "create": LocalizedText(zh: "创建", en: "created")
        case "deactivate": LocalizedText(zh: "停用", en: "switched off")
        case "reactivate": LocalizedText(zh: "启用", en: "switched on")
        case "reset_password": LocalizedText(zh: "重置密码", en: "password reset")
        case "change_password": LocalizedText(zh: "本人修改密码", en: "password changed by its owner")
        default: LocalizedText(zh: action, en: action)
        }
    }

    static let done: [String: LocalizedText] = [
        "deactivated": LocalizedText(zh: "账号已停用，其登录和接口令牌已失效", en: "Switched off: its sign-ins and API tokens have ended"),
        "reactivated": LocalizedText(zh: "账号已启用", en: "Switched on"),
    ]

    static func counted(shown: Int, matching: Int, total: Int) -> LocalizedText {
        LocalizedText(
            zh: "显示 \(shown) 个，符合条件 \(matching) 个，共 \(total) 个账号", en: "\(shown) shown, \(matching) matching, \(total) accounts")
    }
}
