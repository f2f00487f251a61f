import PilotDomain

/// The messages of the promotion-centre rules, each naming what to fix (zh first, en).
public enum CentreRules {
    static let nameNeeded = LocalizedText(zh: "请填写促进中心名称（100 字以内）", en: "Give the centre's name (100 characters at most)")
    static let industryNeeded = LocalizedText(
        zh: "请填写促进中心服务的行业（100 字以内）", en: "Give the industry the centre serves (100 characters at most)")
    static let leadNeeded = LocalizedText(zh: "请填写牵头单位名称", en: "Give the lead organisation's name")
    static let legalPersonNeeded = LocalizedText(
        zh: "牵头单位须为依法设立的独立法人单位，请确认（第九条）",
        en: "The lead must be an independent legal person; confirm it (art. 9)")
    static func leadCodeDiffers(_ recorded: String) -> LocalizedText {
        LocalizedText(
            zh: "牵头单位统一社会信用代码与本单位登记的代码 \(recorded) 不一致",
            en: "The lead's credit code differs from the one on record, \(recorded)")
    }
    static func memberNameNeeded(_ n: Int) -> LocalizedText {
        LocalizedText(zh: "请填写第 \(n) 个成员单位的名称", en: "Give the name of member \(n)")
    }
    static func memberKind(_ n: Int) -> LocalizedText {
        LocalizedText(
            zh: "请选择第 \(n) 个成员单位的类型（企业、高校、科研机构或行业组织）",
            en: "Choose what member \(n) is (enterprise, university, research institute or industry organisation)")
    }
    static func memberCode(_ n: Int, _ problem: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "第 \(n) 个成员单位：\(problem.zh)", en: "Member \(n): \(problem.en)")
    }
    static func memberRepeated(_ n: Int) -> LocalizedText {
        LocalizedText(
            zh: "第 \(n) 个成员单位的统一社会信用代码与牵头单位或其他成员重复",
            en: "Member \(n)'s credit code repeats the lead's or another member's")
    }
    static let tooManyMembers = LocalizedText(
        zh: "成员单位最多 \(CentreApplication.maxMembers) 个", en: "At most \(CentreApplication.maxMembers) members")
    static let agreementNeeded = LocalizedText(
        zh: "联合建设须上传牵头单位与成员单位签订的联合建设协议（第十二条（一））",
        en: "A consortium must upload the joint-construction agreement signed with its members (art. 12 (1))")
    static let summaryNeeded = LocalizedText(
        zh: "请填写建设方案摘要（\(CentreApplication.maxSummary) 字以内）",
        en: "Summarise the construction plan (\(CentreApplication.maxSummary) characters at most)")
    static let planNeeded = LocalizedText(
        zh: "请上传《制造业数字化转型促进中心建设方案》", en: "Upload the construction plan document")
    static func unknownCommitment(_ key: String) -> LocalizedText {
        LocalizedText(zh: "未知的功能或重点内容“\(key)”", en: "Unknown function or key content '\(key)'")
    }
    static let functionNeeded = LocalizedText(
        zh: "请至少选择一项第十条规定的主要功能", en: "Choose at least one function of article 10")
    static let contentNeeded = LocalizedText(
        zh: "请至少选择一项第十一条规定的重点内容", en: "Choose at least one key content of article 11")
    static let siteNeeded = LocalizedText(
        zh: "请填写固定的经营服务场所地址（200 字以内）", en: "Give the fixed site's address (200 characters at most)")
    static let teamSizeProblem = LocalizedText(
        zh: "专职团队人数应为 1–10000 的整数", en: "The dedicated team is a whole number of people from 1 to 10,000")
    static let divisionNeeded = LocalizedText(
        zh: "请选择本试点区划内的注册所在地", en: "Choose the registered division within the programme's area")
    static let contactNeeded = LocalizedText(zh: "请填写联系人", en: "Give a contact person")
    static let phoneNeeded = LocalizedText(zh: "请填写联系电话", en: "Give a contact telephone number")
}
