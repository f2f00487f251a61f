import PilotDomain
import PilotStore
import ProviderPool

/// The words of the promotion-centre pages (policy 002 chapter 3), Chinese first.
enum CentreText {
    static let title = LocalizedText(zh: "数字化转型促进中心", en: "Promotion centres")
    static let intro = LocalizedText(
        zh: "依据《管理规范》第三章：建设主体申报，区工信局初筛推荐，市工信局确定市级名单；列入名单的促进中心每年对照第十条、第十一条自评。",
        en:
            "Policy 002 chapter 3: the lead organisation files, the district screens and recommends, the city bureau decides its list; centres on the list assess themselves yearly against articles 10 and 11."
    )
    static let registerTitle = LocalizedText(
        zh: "天津市制造业数字化转型促进中心名录", en: "Register of manufacturing digital-transformation promotion centres")
    static let registerIntro = LocalizedText(
        zh: "下列促进中心经区工信局推荐、市工信局确定列入市级名单（第十三条（四））。",
        en: "The centres below were recommended by their district and put on the city's list (art. 13 (4)).")
    static let newTitle = LocalizedText(zh: "申报促进中心", en: "File a promotion centre")
    static let correctTitle = LocalizedText(zh: "补正后重新提交", en: "Correct and file again")
    static let none = LocalizedText(zh: "暂无促进中心。", en: "No centres.")
    static let name = LocalizedText(zh: "促进中心名称", en: "Centre")
    static let industry = LocalizedText(zh: "服务行业", en: "Industry served")
    static let lead = LocalizedText(zh: "牵头单位", en: "Lead organisation")
    static let leadUSCC = LocalizedText(zh: "牵头单位统一社会信用代码", en: "Lead's unified social credit code")
    static let legalPerson = LocalizedText(
        zh: "牵头单位为依法设立的独立法人单位，有固定的经营服务场所（第九条）",
        en: "The lead is an independent legal person with a fixed site (art. 9)")
    static let members = LocalizedText(zh: "联合体成员单位（单独组建的不填）", en: "Consortium members (none if built alone)")
    static let memberName = LocalizedText(zh: "成员单位名称", en: "Member")
    static let memberUSCC = LocalizedText(zh: "统一社会信用代码", en: "Credit code")
    static let memberKind = LocalizedText(zh: "类型", en: "Kind")
    static let agreement = LocalizedText(zh: "联合建设协议（联合申报必传）", en: "Joint-construction agreement (for a consortium)")
    static let planSummary = LocalizedText(zh: "建设方案摘要", en: "Construction plan: summary")
    static let plan = LocalizedText(zh: "《建设方案》文件", en: "Construction plan document")
    static let fileHint = LocalizedText(
        zh: "PDF、Word（docx）、图片，单个文件不超过 10 MB；补正时不重新上传则沿用原文件。",
        en: "PDF, Word (docx) or images, 10 MB at most each; when correcting, leave empty to keep the file.")
    static let functions = LocalizedText(zh: "主要功能（第十条）", en: "Functions (art. 10)")
    static let contents = LocalizedText(zh: "重点内容（第十一条）", en: "Key contents (art. 11)")
    static let commitments = LocalizedText(zh: "承诺的功能与重点内容", en: "Functions and contents committed to")
    static let site = LocalizedText(zh: "固定经营服务场所", en: "Fixed site")
    static let teamSize = LocalizedText(zh: "专职团队人数", en: "Dedicated team (people)")
    static let division = LocalizedText(zh: "注册所在地", en: "Registered division")
    static let contactName = LocalizedText(zh: "联系人", en: "Contact")
    static let contactPhone = LocalizedText(zh: "联系电话", en: "Telephone")
    static let submit = LocalizedText(zh: "提交申报", en: "File")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let all = LocalizedText(zh: "全部", en: "All")
    static let filter = LocalizedText(zh: "筛选", en: "Filter")
    static let updated = LocalizedText(zh: "更新时间", en: "Updated")
    static let history = LocalizedText(zh: "办理记录", en: "History")
    static let documents = LocalizedText(zh: "申报材料", en: "Documents")
    static let returnReason = LocalizedText(zh: "退回补正理由", en: "Why it was returned")
    static let recommendation = LocalizedText(zh: "区级推荐意见", en: "District's recommendation")
    static let decisionNote = LocalizedText(zh: "市级意见", en: "City's note")
    static let screenTitle = LocalizedText(zh: "区级初筛推荐（第十三条（三））", en: "District screening (art. 13 (3))")
    static let screenHint = LocalizedText(
        zh: "审核材料的真实性、完整性：退回补正须写明理由；推荐须出具推荐意见。",
        en: "Check the documents are true and complete: a return says why; a recommendation gives the opinion.")
    static let recommend = LocalizedText(zh: "推荐至市工信局", en: "Recommend to the city")
    static let returnIt = LocalizedText(zh: "退回补正", en: "Return for correction")
    static let opinion = LocalizedText(zh: "推荐意见或退回理由", en: "Opinion or reason")
    static let decideTitle = LocalizedText(zh: "确定市级名单（第十三条（四））", en: "The city's list (art. 13 (4))")
    static let confirm = LocalizedText(zh: "列入市级名单", en: "Put on the list")
    static let decline = LocalizedText(zh: "不予列入", en: "Decline")
    static let decisionLabel = LocalizedText(zh: "意见或理由", en: "Note or reason")
    static let choose = LocalizedText(zh: "请选择办理结果", en: "Choose the outcome")
    static let assessTitle = LocalizedText(zh: "年度自评", en: "Yearly self-assessment")
    static let assessHint = LocalizedText(
        zh: "对照建设方案承诺的每项功能和重点内容自评（0–100 分）并填写佐证；每个年度提交一次。",
        en: "Rate each committed function and content (0–100) with evidence; one per year.")
    static let year = LocalizedText(zh: "自评年度", en: "Year")
    static let score = LocalizedText(zh: "得分", en: "Score")
    static let evidence = LocalizedText(zh: "佐证", en: "Evidence")
    static let average = LocalizedText(zh: "平均分", en: "Average")
    static let assessments = LocalizedText(zh: "年度自评", en: "Self-assessments")
    static let noAssessments = LocalizedText(zh: "尚无年度自评。", en: "No self-assessment yet.")
    static let save = LocalizedText(zh: "提交", en: "Submit")
    static let filed = LocalizedText(zh: "已提交，等待区工信局初筛", en: "Filed; the district will screen it")
    static let saved = LocalizedText(zh: "已办理", en: "Done")
    static let chooseYear = LocalizedText(zh: "自评年度应为 2020 年至今年的年份", en: "The year must be from 2020 to this year")
    static let noOrganisation = LocalizedText(
        zh: "您的账号没有所属单位，不能申报促进中心", en: "Your account belongs to no organisation; it cannot file a centre")
    static let consortium = LocalizedText(zh: "联合体", en: "Consortium")
    static let alone = LocalizedText(zh: "单独组建", en: "Built alone")
    static let noteNeeded = LocalizedText(
        zh: "请填写意见或理由（1000 字以内）", en: "Give the opinion or reason (1000 characters at most)")
    static let centre = LocalizedText(zh: "该促进中心", en: "This centre")
    static let document = LocalizedText(zh: "该文件", en: "This document")
    static let programme = LocalizedText(zh: "试点项目", en: "Programme")
    static let commitment = LocalizedText(zh: "功能或重点内容", en: "Function or content")

    static func count(_ n: Int) -> LocalizedText { LocalizedText(zh: "共 \(n) 个促进中心", en: "\(n) centres") }

    static func purpose(_ purpose: CentreDocument.Purpose) -> LocalizedText {
        switch purpose {
        case .plan: LocalizedText(zh: "建设方案", en: "Construction plan")
        case .agreement: LocalizedText(zh: "联合建设协议", en: "Joint-construction agreement")
        }
    }

    static func action(_ action: String) -> LocalizedText {
        switch action {
        case "filed": LocalizedText(zh: "提交申报", en: "Filed")
        case "corrected": LocalizedText(zh: "补正后重新提交", en: "Corrected and filed again")
        case "returned": LocalizedText(zh: "区级退回补正", en: "Returned by the district")
        case "recommended": LocalizedText(zh: "区级推荐", en: "Recommended by the district")
        case "confirmed": LocalizedText(zh: "列入市级名单", en: "Put on the city's list")
        case "declined": LocalizedText(zh: "市级不予列入", en: "Declined by the city")
        case "self_assessed": LocalizedText(zh: "提交年度自评", en: "Self-assessment filed")
        default: LocalizedText(zh: action, en: action)
        }
    }

    static func badFilter(_ name: String, _ value: String) -> LocalizedText {
        LocalizedText(zh: "筛选条件“\(name)”的值“\(value)”无效", en: "The filter '\(name)' has an invalid value '\(value)'")
    }
}
