import PilotDomain

/// The words of the enterprise's diagnosis journey (issue #14), Chinese first.
enum CampaignText {
    static let title = LocalizedText(zh: "数字化转型诊断", en: "Digital-transformation diagnosis")
    static let registerTitle = LocalizedText(zh: "规上企业诊断账号注册", en: "Register your firm for the diagnosis")
    static let registerIntro = LocalizedText(
        zh: "列入本次诊断规上企业名单的企业，凭统一社会信用代码和名单上的企业名称注册账号，填报诊断问卷。",
        en:
            "Firms on the campaign's roster register with their credit code and their name as on the roster, then fill in the questionnaire."
    )
    static let campaign = LocalizedText(zh: "诊断工作", en: "Campaign")
    static let uscc = LocalizedText(zh: "统一社会信用代码", en: "Unified social credit code")
    static let firmName = LocalizedText(zh: "企业名称（与名单一致）", en: "Firm name (as on the roster)")
    static let contactName = LocalizedText(zh: "联系人", en: "Contact person")
    static let contactPhone = LocalizedText(zh: "联系电话", en: "Contact phone")
    static let username = LocalizedText(zh: "用户名", en: "User name")
    static let password = LocalizedText(zh: "密码", en: "Password")
    static let passwordRule = LocalizedText(
        zh: "用户名 3–32 位小写字母、数字或下划线；密码至少 10 位，须同时包含字母和数字。",
        en: "User name: 3–32 lower-case letters, digits or underscores; password: at least 10 characters with letters and digits."
    )
    static let registerButton = LocalizedText(zh: "注册", en: "Register")
    static let chooseCampaign = LocalizedText(zh: "请选择诊断工作", en: "Choose the campaign")
    static let noCampaign = LocalizedText(zh: "诊断工作", en: "Diagnosis campaign")
    static let notOnRoster = LocalizedText(
        zh: "该统一社会信用代码和企业名称不在本次诊断的规上企业名单中，请核对或联系所在区（县）工信部门",
        en: "No firm with this credit code and name is on the campaign's roster; check them or contact your district bureau")
    static let alreadyRegistered = LocalizedText(
        zh: "该企业已注册诊断账号，请使用已有账号登录，或联系所在区（县）工信部门",
        en: "This firm has registered already; sign in with its account or contact your district bureau")
    static let badUsername = LocalizedText(
        zh: "用户名应为 3–32 位小写字母、数字或下划线", en: "User name: 3–32 lower-case letters, digits or underscores")
    static let usernameTaken = LocalizedText(zh: "用户名已被占用", en: "This user name is taken")
    static let tooMany = LocalizedText(
        zh: "注册尝试过于频繁，请稍后再试", en: "Too many registration attempts; try again later")
    static func required(_ what: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "请填写\(what.zh)", en: "Enter the \(what.en.lowercased())")
    }
    static func tooLong(_ what: LocalizedText, _ limit: Int) -> LocalizedText {
        LocalizedText(zh: "\(what.zh)不超过 \(limit) 字", en: "\(what.en): at most \(limit) characters")
    }

    // The firm's page
    static let notACampaign = LocalizedText(
        zh: "当前项目不是诊断工作，请在页首切换到您所在的诊断工作。",
        en: "The programme you act in is not a diagnosis campaign; switch to your campaign in the header.")
    static let notOnThisRoster = LocalizedText(
        zh: "您的企业不在本次诊断的规上企业名单中。", en: "Your firm is not on this campaign's roster.")
    static let roster = LocalizedText(zh: "建档信息", en: "Roster record")
    static let division = LocalizedText(zh: "所在区划", en: "Division")
    static let industryGroup = LocalizedText(zh: "行业分组", en: "Industry group")
    static let size = LocalizedText(zh: "企业规模", en: "Size")
    static let groupHQ = LocalizedText(zh: "所属集团", en: "Group headquarters")
    static let draft = LocalizedText(zh: "填报中的诊断", en: "Diagnosis in progress")
    static let resume = LocalizedText(zh: "继续填报", en: "Resume")
    static let start = LocalizedText(zh: "开始诊断", en: "Start the diagnosis")
    static let startAgain = LocalizedText(zh: "开始新一轮诊断（复诊）", en: "Start a new round (re-diagnosis)")
    static let modules = LocalizedText(zh: "融合性指标模块（可选）", en: "Fused-indicator modules (optional)")
    static let rounds = LocalizedText(zh: "历次诊断", en: "Diagnosis rounds")
    static let round = LocalizedText(zh: "轮次", en: "Round")
    static let grade = LocalizedText(zh: "等级（档）", en: "Grade")
    static let stage = LocalizedText(zh: "发展阶段", en: "Stage")
    static let total = LocalizedText(zh: "总分", en: "Total")
    static let submittedAt = LocalizedText(zh: "提交时间", en: "Submitted")
    static let report = LocalizedText(zh: "诊断报告", en: "Report")
    static let reminders = LocalizedText(zh: "督促提醒", en: "Reminders")
    static let members = LocalizedText(zh: "集团成员企业", en: "Member firms of the group")
    static let notDiagnosed = LocalizedText(zh: "未诊断", en: "Not diagnosed")
    static let none = LocalizedText(zh: "暂无", en: "None")
    static let firmFile = LocalizedText(zh: "企业档案", en: "Firm file")

    // The questionnaire
    static let help = LocalizedText(zh: "填报说明", en: "Help")
    static let evidenceUpload = LocalizedText(zh: "上传佐证材料", en: "Upload evidence")
    static let evidenceItem = LocalizedText(zh: "对应题目", en: "Question")
    static let evidenceFile = LocalizedText(
        zh: "文件（PDF、PNG、JPG、DOCX、XLSX，不超过 10 MB）", en: "File (PDF, PNG, JPG, DOCX, XLSX; at most 10 MB)")
    static let evidenceTooLarge = LocalizedText(zh: "文件过大，单个文件不得超过 10 MB", en: "The file is too large; at most 10 MB")
    static let evidenceMissing = LocalizedText(zh: "请选择要上传的文件", en: "Choose a file to upload")
    static let evidenceRefused = LocalizedText(
        zh: "诊断已提交或佐证材料已达 50 个，未能上传", en: "The diagnosis is submitted or holds 50 files already; nothing was uploaded")
    static let evidence = LocalizedText(zh: "佐证材料", en: "Evidence")
    static let notApplicable = LocalizedText(zh: "不适用", en: "Not applicable")
    static let save = LocalizedText(zh: "保存草稿", en: "Save draft")
    static let submit = LocalizedText(zh: "提交诊断", en: "Submit")
    static let saved = LocalizedText(zh: "草稿已保存", en: "Draft saved")
    static let stale = LocalizedText(
        zh: "问卷已在其他页面保存过，本页内容已过期，未保存；请刷新页面后重新填写",
        en: "The draft was saved from another page since this one was opened; nothing was saved — reload and try again")
    static let alreadySubmitted = LocalizedText(
        zh: "该诊断已提交，不能再修改；如需复诊请开始新一轮诊断",
        en: "This diagnosis is submitted and cannot change; start a new round to re-diagnose")
    static let diagnosisNotFound = LocalizedText(zh: "诊断", en: "Diagnosis")
    static func badAnswer(_ item: String) -> LocalizedText {
        LocalizedText(zh: "题目 \(item) 的答案无效", en: "The answer to item \(item) is not valid")
    }
    static let badAction = LocalizedText(zh: "未知的操作", en: "Unknown action")
    static let badVersion = LocalizedText(zh: "页面版本无效，请刷新页面", en: "The page's version is not valid; reload the page")
    static let questionnaireMissing = LocalizedText(
        zh: "找不到本行业分组的诊断问卷，请联系工信部门", en: "No questionnaire for your industry group; contact the bureau")
    static let unknownModule = LocalizedText(zh: "未知的融合性指标模块", en: "Unknown module")

    // The report
    static let reportTitle = LocalizedText(zh: "数字化转型诊断报告", en: "Digital-transformation diagnosis report")
    static let print = LocalizedText(zh: "打印报告（A4）", en: "Print (A4)")
    static let modelVersion = LocalizedText(zh: "成熟度模型版本", en: "Maturity model")
    static let questionnaireVersion = LocalizedText(zh: "问卷版本", en: "Questionnaire")
    static let dimensions = LocalizedText(zh: "各维度得分", en: "Score per dimension")
    static let dimension = LocalizedText(zh: "维度", en: "Dimension")
    static let score = LocalizedText(zh: "得分", en: "Score")
    static let strengths = LocalizedText(zh: "优势", en: "Strengths")
    static let shortfalls = LocalizedText(zh: "短板", en: "Shortfalls")
    static let moduleScores = LocalizedText(zh: "融合性指标模块得分（不影响等级）", en: "Module scores (never change the grade)")
    static let benchmark = LocalizedText(zh: "对标分析", en: "Benchmarking")
    static let peerSet = LocalizedText(zh: "对标范围", en: "Peers")
    static let percentile = LocalizedText(zh: "百分位", en: "Percentile")
    static let peers = LocalizedText(zh: "企业数", en: "Firms")
    static let gradeSpread = LocalizedText(zh: "等级分布", en: "Grades")
    static let change = LocalizedText(zh: "与上一轮相比", en: "Change since the previous round")
    static let previous = LocalizedText(zh: "上一轮", en: "Previous")
    static let current = LocalizedText(zh: "本轮", en: "This round")
    static let recommendations = LocalizedText(zh: "推荐“小快轻准”产品", en: "Recommended 小快轻准 products")
    static let noRecommendations = LocalizedText(
        zh: "服务商资源池暂无与短板场景匹配的产品。", en: "The pool has no product for the shortfalls' scenarios yet.")
    static let provider = LocalizedText(zh: "服务商", en: "Provider")
    static let product = LocalizedText(zh: "产品", en: "Product")
    static let price = LocalizedText(zh: "价格（元）", en: "Price (yuan)")
    static let scenarios = LocalizedText(zh: "场景", en: "Scenarios")
    static let offline = LocalizedText(zh: "线下诊断", en: "On-site diagnosis")
    static let requestOffline = LocalizedText(zh: "申请线下诊断", en: "Ask for an on-site diagnosis")
    static let offlineRequested = LocalizedText(zh: "已申请线下诊断，等待指派服务商", en: "On-site diagnosis requested")
    static let offlineRefused = LocalizedText(
        zh: "该诊断已有线下诊断或尚未提交，不能再申请", en: "This diagnosis has an on-site diagnosis already or is not submitted")
    static let offlineNotOffered = LocalizedText(
        zh: "本诊断工作不接受企业自行申请线下诊断", en: "This campaign does not take on-site requests from firms")
    static func offlineStatus(_ status: String) -> LocalizedText {
        switch status {
        case "pending": LocalizedText(zh: "待指派服务商", en: "Waiting for a provider")
        case "assigned": LocalizedText(zh: "已指派服务商", en: "Provider assigned")
        case "filed": LocalizedText(zh: "线下诊断报告已提交", en: "On-site report filed")
        default: LocalizedText(zh: "无", en: "None")
        }
    }
    static let feedback = LocalizedText(zh: "对诊断报告的评价", en: "Your feedback on the report")
    static let rating = LocalizedText(zh: "评分（1–5）", en: "Rating (1–5)")
    static let comment = LocalizedText(zh: "意见建议", en: "Comment")
    static let sendFeedback = LocalizedText(zh: "提交评价", en: "Send feedback")
    static let feedbackSaved = LocalizedText(zh: "评价已提交，谢谢", en: "Thank you for your feedback")
    static let badRating = LocalizedText(zh: "评分应为 1–5 的整数", en: "The rating must be a whole number 1–5")
    static let up = "↑"
    static let down = "↓"

    // The firm file and the on-site report
    static let fileTitle = LocalizedText(zh: "企业诊断档案（建档立卡）", en: "Firm diagnosis file")
    static let offlineRounds = LocalizedText(zh: "线下诊断", en: "On-site diagnoses")
    static let selfGrade = LocalizedText(zh: "自评等级", en: "Self-assessed grade")
    static let verifiedGrade = LocalizedText(zh: "核定等级", en: "Verified grade")
    static let reason = LocalizedText(zh: "原因", en: "Reason")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let onSiteTitle = LocalizedText(zh: "线下诊断报告", en: "On-site diagnosis report")
    static let visitDate = LocalizedText(zh: "现场诊断日期", en: "Visit date")
    static let findings = LocalizedText(zh: "诊断发现", en: "Findings")
    static let opinion = LocalizedText(zh: "专家意见", en: "Expert opinion")
    static let fileReport = LocalizedText(zh: "提交线下诊断报告", en: "File the report")
    static let onSiteFiled = LocalizedText(zh: "线下诊断报告已提交", en: "On-site report filed")
    static let notAssigned = LocalizedText(
        zh: "该线下诊断未指派给贵单位，或报告已提交", en: "This on-site diagnosis is not assigned to you, or is filed already")
    static let badDate = LocalizedText(zh: "请填写有效日期（YYYY-MM-DD），且不晚于今天", en: "Enter a valid date (YYYY-MM-DD), not in the future")
    static let badGrade = LocalizedText(zh: "核定等级应为 1–10 的整数", en: "The verified grade must be a whole number 1–10")
    static func reasonName(_ reason: String) -> LocalizedText {
        reason == "request"
            ? LocalizedText(zh: "企业申请", en: "Firm's request") : LocalizedText(zh: "按规则", en: "By the campaign's rule")
    }
}
