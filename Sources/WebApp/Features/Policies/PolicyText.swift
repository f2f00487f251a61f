import PilotDomain
import PilotStore

/// The words of the policy library (004 §四(八)), Chinese first.
enum PolicyText {
    static let title = LocalizedText(zh: "政策库", en: "Policy library")
    static let intro = LocalizedText(
        zh: "试点相关政策统一在平台发布、上传和管理（实施方案 §四(八)）；登录的试点企业可看到与本企业条件相符的政策及匹配理由。",
        en:
            "The pilot's policies are published and managed on the platform (004 §4(8)); a signed-in enterprise sees the policies matching its profile, with the reasons."
    )
    static let relevant = LocalizedText(zh: "与我相关", en: "For you")
    static let relevantIntro = LocalizedText(
        zh: "按本企业的细分行业、所在区域、规模、企业类型和最新数字化水平等级匹配的现行有效政策。",
        en: "Policies in force matching your sub-industry, area, size, enterprise type and latest digital level.")
    static let others = LocalizedText(zh: "其他政策", en: "Other policies")
    static let all = LocalizedText(zh: "全部政策", en: "All policies")
    static let none = LocalizedText(zh: "暂无政策。", en: "No policies.")
    static let isNew = LocalizedText(zh: "新", en: "New")
    static let why = LocalizedText(zh: "匹配理由", en: "Why")
    static let newTitle = LocalizedText(zh: "发布政策", en: "Publish a policy")
    static let editTitle = LocalizedText(zh: "修订政策", en: "Revise the policy")
    static let policy = LocalizedText(zh: "政策", en: "The policy")
    static let policyTitle = LocalizedText(zh: "政策名称", en: "Title")
    static let issuer = LocalizedText(zh: "发文单位", en: "Issuer")
    static let documentNumber = LocalizedText(zh: "文号", en: "Document number")
    static let issuedOn = LocalizedText(zh: "发文日期", en: "Issued on")
    static let validFrom = LocalizedText(zh: "有效期自", en: "Valid from")
    static let validTo = LocalizedText(zh: "有效期至（长期有效不填）", en: "Valid to (empty: open-ended)")
    static let validity = LocalizedText(zh: "有效期", en: "Validity")
    static let openEnded = LocalizedText(zh: "长期有效", en: "open-ended")
    static let body = LocalizedText(zh: "政策全文", en: "Full text")
    static let criteria = LocalizedText(zh: "适用对象（不选即不限）", en: "Who it applies to (none chosen: any)")
    static let appliesTo = LocalizedText(zh: "适用对象", en: "Applies to")
    static let subIndustries = LocalizedText(zh: "细分行业", en: "Sub-industries")
    static let levels = LocalizedText(zh: "数字化水平等级", en: "Digital level")
    static let minLevel = LocalizedText(zh: "最低等级", en: "Lowest level")
    static let maxLevel = LocalizedText(zh: "最高等级", en: "Highest level")
    static let sizes = LocalizedText(zh: "企业规模", en: "Size")
    static let divisions = LocalizedText(zh: "所在区域", en: "Area")
    static let flags = LocalizedText(zh: "企业类型", en: "Enterprise type")
    static let any = LocalizedText(zh: "不限", en: "Any")
    static let everyone = LocalizedText(zh: "面向全部试点企业", en: "For every enterprise")
    static let reason = LocalizedText(zh: "修订或废止理由", en: "Reason for the change")
    static let publish = LocalizedText(zh: "发布", en: "Publish")
    static let save = LocalizedText(zh: "保存为新版本", en: "Save as a new version")
    static let withdraw = LocalizedText(zh: "废止", en: "Withdraw")
    static let withdrawn = LocalizedText(zh: "已废止", en: "Withdrawn")
    static let inForce = LocalizedText(zh: "现行有效", en: "In force")
    static let notInForce = LocalizedText(zh: "不在有效期内", en: "Not in force")
    static let onlyInForce = LocalizedText(zh: "仅现行有效", en: "In force only")
    static let words = LocalizedText(zh: "关键词", en: "Words")
    static let filter = LocalizedText(zh: "查询", en: "Search")
    static let documents = LocalizedText(zh: "附件", en: "Attachments")
    static let document = LocalizedText(zh: "附件", en: "The attachment")
    static let upload = LocalizedText(zh: "上传附件", en: "Upload an attachment")
    static let uploadHint = LocalizedText(
        zh: "PDF、Word（docx）、Excel（xlsx）或图片，不超过 10 MB。", en: "PDF, Word (docx), Excel (xlsx) or images, 10 MB at most.")
    static let attached = LocalizedText(zh: "附件已上传", en: "The attachment is uploaded")
    static let noFile = LocalizedText(zh: "请选择要上传的文件", en: "Choose a file to upload")
    static let history = LocalizedText(zh: "版本记录", en: "Versions")
    static let published = LocalizedText(zh: "已发布", en: "Published")
    static let saved = LocalizedText(zh: "已保存为新版本", en: "Saved as a new version")
    static let newForYou = LocalizedText(zh: "新发布的相关政策", en: "New policies for you")
    static let stale = LocalizedText(
        zh: "该政策已被他人修订，请刷新后重新修改", en: "Someone revised the policy meanwhile: reload it and change it again")
    static let isWithdrawn = LocalizedText(zh: "该政策已废止，不能再修订", en: "The policy was withdrawn and can no longer change")

    static func action(_ action: String) -> LocalizedText {
        switch action {
        case "published": LocalizedText(zh: "发布", en: "Published")
        case "edited": LocalizedText(zh: "修订", en: "Revised")
        case "withdrawn": LocalizedText(zh: "废止", en: "Withdrawn")
        default: LocalizedText(zh: action, en: action)
        }
    }

    static func count(_ count: Int) -> LocalizedText { LocalizedText(zh: "共 \(count) 项", en: "\(count) in all") }

    static func levelRange(_ low: Int?, _ high: Int?) -> LocalizedText {
        LocalizedText(zh: "\(low ?? 0)–\(high ?? 4) 级", en: "level \(low ?? 0)–\(high ?? 4)")
    }

    static func badFilter(_ name: String, _ value: String) -> LocalizedText {
        LocalizedText(zh: "查询条件 \(name) 的值“\(value)”无效", en: "The filter \(name) has an invalid value “\(value)”")
    }
}
