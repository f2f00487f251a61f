import PilotDomain

/// The words of the pool-admission pages (policy 002 第六条), Chinese first.
enum AdmissionText {
    static let callsTitle = LocalizedText(zh: "服务商入库申报通知", en: "Calls for provider pool applications")
    static let callsIntro = LocalizedText(
        zh: "市工业和信息化局每年发布服务商遴选申报通知；服务商自愿申报，向注册地所在区工业和信息化主管部门提出申请。",
        en: "Each year the city bureau opens a call; providers apply of their own accord to the bureau of the district "
            + "where they are registered.")
    static let noCalls = LocalizedText(zh: "目前没有申报通知", en: "No calls yet")
    static let openCall = LocalizedText(zh: "发布年度申报通知", en: "Open a yearly call")
    static let year = LocalizedText(zh: "年度", en: "Year")
    static let callTitle = LocalizedText(zh: "通知标题", en: "Title")
    static let opensOn = LocalizedText(zh: "申报开始日期", en: "Opens on")
    static let closesOn = LocalizedText(zh: "申报截止日期", en: "Closes on")
    static let requirements = LocalizedText(zh: "申报要求", en: "Requirements")
    static let publish = LocalizedText(zh: "发布", en: "Publish")
    static let period = LocalizedText(zh: "申报时间", en: "Period")
    static let open = LocalizedText(zh: "申报中", en: "Open")
    static let closed = LocalizedText(zh: "已截止", en: "Closed")
    static let upcoming = LocalizedText(zh: "未开始", en: "Not yet open")
    static let apply = LocalizedText(zh: "申报", en: "Apply")
    static let registeredDistrict = LocalizedText(zh: "注册地所在区（街镇、园区）", en: "District of registration")
    static let yourApplication = LocalizedText(zh: "查看本单位申报", en: "Your application")
    static let applicant = LocalizedText(zh: "申报单位", en: "Applicant")
    static let opened = LocalizedText(zh: "申报通知已发布", en: "The call is published")
    static let applicationsTitle = LocalizedText(zh: "服务商入库申报", en: "Pool applications")
    static let noApplications = LocalizedText(zh: "没有可查看的申报", en: "No applications to show")
    static let state = LocalizedText(zh: "状态", en: "Status")
    static let call = LocalizedText(zh: "申报通知", en: "Call")
    static let district = LocalizedText(zh: "所在区", en: "District")
    static let categories = LocalizedText(zh: "申报类别", en: "Categories")
    static let uscc = LocalizedText(zh: "统一社会信用代码", en: "Credit code")
    static let papers = LocalizedText(zh: "推荐函与推荐信息汇总表", en: "Recommendation letters and summary sheet")
    static let allStates = LocalizedText(zh: "全部状态", en: "All states")
    static let filter = LocalizedText(zh: "筛选", en: "Filter")

    // Refusals, each naming its field.
    static let badYear = LocalizedText(zh: "年度应为 2020–2100 之间的整数", en: "The year must be a whole number from 2020 to 2100")
    static let badTitle = LocalizedText(zh: "请填写通知标题（不超过 200 字）", en: "Enter a title (at most 200 characters)")
    static let badDate = LocalizedText(zh: "日期格式应为 YYYY-MM-DD", en: "Dates are written YYYY-MM-DD")
    static let datesOutOfOrder = LocalizedText(zh: "截止日期不能早于开始日期", en: "The closing date cannot be before the opening date")
    static let badRequirements = LocalizedText(
        zh: "请填写申报要求（不超过 8000 字）", en: "Enter the requirements (at most 8,000 characters)")
    static let chooseCall = LocalizedText(zh: "请选择申报通知", en: "Choose a call")
    static let callNotOpen = LocalizedText(zh: "该申报通知当前不在申报时间内", en: "This call is not open for applications today")
    static let chooseDistrict = LocalizedText(
        zh: "请选择本单位注册地所在的区、街镇或园区", en: "Choose the district, street or zone where you are registered")
    static let notAProvider = LocalizedText(
        zh: "只有数字化服务商单位的账号可以申报", en: "Only an account of a digital service provider may apply")
    static let alreadyMember = LocalizedText(
        zh: "本单位已在资源池中，无需重复申报", en: "Your organisation is already in the pool")
    static let badState = LocalizedText(zh: "未知的申报状态", en: "Unknown application state")
    static let noSuchCall = LocalizedText(zh: "申报通知", en: "The call")
    static let noDistrict = LocalizedText(
        zh: "您的账号没有区级范围，无法出具推荐材料", en: "Your account covers no district, so it has no recommendation papers")
    static let badDivision = LocalizedText(zh: "该区不在您的管辖范围内", en: "That district is outside your grant")

    // The district's papers.
    static let summaryTitle = LocalizedText(zh: "推荐信息汇总表", en: "Summary sheet of recommendations")
    static let letterTitle = LocalizedText(zh: "推荐函", en: "Recommendation letter")
    static let noRecommended = LocalizedText(zh: "本区在该通知下尚未推荐任何申报单位", en: "No application recommended yet in this call")
    static let download = LocalizedText(zh: "下载 Excel", en: "Download Excel")
    static let print = LocalizedText(zh: "打印", en: "Print")
    static let letterNo = LocalizedText(zh: "推荐函文号", en: "Letter reference")
    static let opinion = LocalizedText(zh: "推荐意见", en: "Recommendation")
    static let staff = LocalizedText(zh: "本地服务人员", en: "Local staff")
    static let legalPerson = LocalizedText(zh: "法定代表人", en: "Legal representative")
    static let office = LocalizedText(zh: "办公地址", en: "Office")
    static let contact = LocalizedText(zh: "联系电话", en: "Phone")
    static let recommendedOn = LocalizedText(zh: "推荐日期", en: "Recommended on")
    static let sealHint = LocalizedText(
        zh: "打印后加盖公章，扫描件作为“盖章推荐材料”上传到各申报单位的申报页。",
        en: "Print, seal, and upload the scan as 'sealed recommendation' on each application's page.")

    // The publicity board.
    static let publicityTitle = LocalizedText(zh: "拟入库服务商公示", en: "Providers proposed for the pool")
    static let publicityIntro = LocalizedText(
        zh: "以下服务商经区级推荐、专家评审和综合评定，拟纳入天津市制造业数字化转型服务商资源池，现予公示，公示期不少于7天。如有异议，可在公示期内实名提出。",
        en: "These providers were recommended by their districts, reviewed by experts and are proposed for the pool. The notice "
            + "runs at least 7 days; anyone may object under their own name meanwhile.")
    static let publicityNone = LocalizedText(zh: "目前没有正在公示的拟入库服务商", en: "No provider is in publicity at the moment")
    static let combinedOpinion = LocalizedText(zh: "综合评定意见", en: "Combined opinion")
    static let objectTo = LocalizedText(zh: "对该服务商提出异议", en: "Object to this provider")
    static let objectionReceived = LocalizedText(
        zh: "异议已受理，该服务商的公示暂停，主管部门将核实处理。",
        en: "Your objection was received; the notice is suspended while the bureau looks into it.")
}
