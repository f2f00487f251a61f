import PilotDomain
import PilotStore

/// The case register's words, Chinese first.
enum CaseText {
    static let title = LocalizedText(zh: "案例库", en: "Case register")
    static let intro = LocalizedText(
        zh: "典型案例、链式转型案例、数字化车间、智能工厂、标杆企业与特色做法：申报 → 区级审核 → 领导小组或办公室遴选 → 发布。入选即计入试点目标。",
        en:
            "Typical and chain cases, digital workshops, smart factories, benchmarks and distinctive practices: proposed → reviewed by the district → selected by leadership or the office → published. A case counts towards the targets once selected."
    )
    static let publicTitle = LocalizedText(zh: "数字化转型典型案例", en: "Digital transformation cases")
    static let publicIntro = LocalizedText(
        zh: "试点已发布的典型案例、链式转型案例、数字化车间、智能工厂、标杆企业与特色做法。",
        en: "The cases, workshops, factories, benchmarks and practices the pilots have published.")
    static let newTitle = LocalizedText(zh: "申报案例", en: "Propose a case")
    static let theCase = LocalizedText(zh: "该案例", en: "This case")
    static let document = LocalizedText(zh: "该文件", en: "This document")
    static let kind = LocalizedText(zh: "类别", en: "Kind")
    static let status = LocalizedText(zh: "状态", en: "Step")
    static let zone = LocalizedText(zh: "区域", en: "Area")
    static let all = LocalizedText(zh: "全部", en: "All")
    static let filter = LocalizedText(zh: "筛选", en: "Filter")
    static let caseTitle = LocalizedText(zh: "案例名称", en: "Title")
    static let subject = LocalizedText(zh: "案例主体", en: "Subject")
    static let subjectKind = LocalizedText(zh: "主体类型", en: "Subject is")
    static let subjectUSCC = LocalizedText(zh: "主体统一社会信用代码（企业或服务商）", en: "Subject's credit code (enterprise or provider)")
    static let region = LocalizedText(zh: "所在区域（区域主体或特色做法）", en: "Area (for a region or a practice)")
    static let members = LocalizedText(
        zh: "链上带动的中小企业（每行一个统一社会信用代码）", en: "SMEs the chain leader drives (one credit code a line)")
    static let problem = LocalizedText(zh: "问题与需求", en: "Problem")
    static let solution = LocalizedText(zh: "解决方案与做法", en: "Solution")
    static let products = LocalizedText(zh: "使用的“小快轻准”产品（可选）", en: "Catalogue products used (optional)")
    static let investment = LocalizedText(zh: "投入金额（元，可选）", en: "Investment (yuan, optional)")
    static let candidates = LocalizedText(
        zh: "验收时推荐的标杆与典型案例候选（点击申报）", en: "Recommended at acceptance as benchmarks or typical cases (propose)")
    static let investmentShown = LocalizedText(zh: "投入金额", en: "Investment")
    static let results = LocalizedText(zh: "成效指标（改造前 / 改造后）", en: "Measured results (before / after)")
    static let indicator = LocalizedText(zh: "指标", en: "Indicator")
    static let unit = LocalizedText(zh: "单位", en: "Unit")
    static let before = LocalizedText(zh: "改造前", en: "Before")
    static let after = LocalizedText(zh: "改造后", en: "After")
    static let projects = LocalizedText(zh: "关联项目（任一阶段）", en: "Linked projects (any stage)")
    static let noProjects = LocalizedText(zh: "没有可关联的项目", en: "No project to link")
    static let proposer = LocalizedText(zh: "申报人", en: "Proposed by")
    static let updated = LocalizedText(zh: "更新时间", en: "Updated")
    static let documents = LocalizedText(zh: "照片与文件", en: "Photos and documents")
    static let upload = LocalizedText(zh: "上传", en: "Upload")
    static let file = LocalizedText(zh: "文件（图片、PDF、Office 文档，10 MB 以内）", en: "File (image, PDF, Office, up to 10 MB)")
    static let history = LocalizedText(zh: "办理记录", en: "History")
    static let reviewNote = LocalizedText(zh: "区级审核意见", en: "District's review")
    static let decisionNote = LocalizedText(zh: "遴选意见", en: "Selection opinion")
    static let opinion = LocalizedText(zh: "意见", en: "Opinion")
    static let reason = LocalizedText(zh: "理由", en: "Reason")
    static let reviewTitle = LocalizedText(zh: "区级审核", en: "District review")
    static let reviewButton = LocalizedText(zh: "审核通过，提交遴选", en: "Reviewed: submit for selection")
    static let decideTitle = LocalizedText(zh: "遴选", en: "Selection")
    static let select = LocalizedText(zh: "入选", en: "Selected")
    static let notSelect = LocalizedText(zh: "不入选", en: "Not selected")
    static let publishTitle = LocalizedText(zh: "发布", en: "Publish")
    static let publishButton = LocalizedText(zh: "在公开页面发布", en: "Publish on the public page")
    static let withdrawTitle = LocalizedText(zh: "撤回", en: "Withdraw")
    static let save = LocalizedText(zh: "提交", en: "Submit")
    static let done = LocalizedText(zh: "已保存", en: "Saved")
    static let proposed = LocalizedText(zh: "案例已申报，等待区级审核", en: "Proposed; the district reviews it next")
    static let none = LocalizedText(zh: "暂无", en: "None")
    static let publicLink = LocalizedText(zh: "公开案例", en: "Published cases")
    static let fourEyes = LocalizedText(
        zh: "您申报了该案例，不能参与遴选（需由他人遴选）", en: "You proposed this case: someone else must select it")
    static let chainMembers = LocalizedText(zh: "带动企业", en: "SMEs driven")
    static let wholeProgramme = LocalizedText(zh: "全区", en: "Whole programme")

    static func count(_ n: Int) -> LocalizedText { LocalizedText(zh: "共 \(n) 个", en: "\(n) in all") }
    static func page(_ page: Int, _ pages: Int) -> LocalizedText {
        LocalizedText(zh: "第 \(page) / \(pages) 页", en: "Page \(page) of \(pages)")
    }

    // Errors: specific, and nothing is written.
    static let noOrganisation = LocalizedText(
        zh: "您的账号未关联单位，不能申报案例", en: "Your account belongs to no organisation: it cannot propose cases")
    static let badKind = LocalizedText(zh: "请选择案例类别", en: "Choose the kind of case")
    static let badTitle = LocalizedText(zh: "请填写案例名称（200 字以内）", en: "Enter the title (at most 200 characters)")
    static let badSubjectKind = LocalizedText(
        zh: "典型案例的主体须为区域、企业或服务商", en: "A typical case is about a region, an enterprise or a provider")
    static let badUSCC = LocalizedText(
        zh: "主体的统一社会信用代码不是本试点登记的企业或服务商", en: "The subject's credit code is no enterprise or provider of this programme")
    static let notEnterprise = LocalizedText(
        zh: "该类案例的主体须为本试点的企业", en: "This kind of case is about an enterprise of the programme")
    static let notProvider = LocalizedText(zh: "主体须为本试点的服务商", en: "The subject must be a provider of the programme")
    static let badRegion = LocalizedText(zh: "请选择本试点范围内的区域", en: "Choose an area of the programme")
    static let regionOutOfReach = LocalizedText(
        zh: "只能为本人负责的区域申报案例", en: "You may propose cases only for the areas you are responsible for")
    static let notOwn = LocalizedText(
        zh: "企业只能为本企业申报案例", en: "An enterprise may propose cases only about itself")
    static let notServed = LocalizedText(
        zh: "服务商只能为本单位或其服务（关联项目）的企业申报案例",
        en: "A provider may propose cases about itself or an enterprise it serves (through a linked project)")
    static let kindNotAllowed = LocalizedText(
        zh: "您的角色不能申报该类别（区域典型案例与特色做法由区工信局申报）",
        en: "Your role cannot propose this kind (region cases and practices are the district's)")
    static let needMembers = LocalizedText(
        zh: "链式转型案例须列出至少一家链上带动的中小企业", en: "A chain case names at least one SME the leader drives")
    static let tooManyMembers = LocalizedText(zh: "带动企业最多 500 家", en: "At most 500 SMEs")
    static func badMember(_ line: String) -> LocalizedText {
        LocalizedText(
            zh: "带动企业“\(line)”不是本试点登记的企业", en: "“\(line)” is no enterprise of this programme")
    }
    static let leaderAsMember = LocalizedText(
        zh: "链主企业不能同时列为带动企业", en: "The chain leader cannot also be one of the SMEs it drives")
    static let badProblem = LocalizedText(zh: "请填写问题与需求（4000 字以内）", en: "Describe the problem (at most 4000 characters)")
    static let badSolution = LocalizedText(zh: "请填写解决方案与做法（4000 字以内）", en: "Describe the solution (at most 4000 characters)")
    static let badProduct = LocalizedText(zh: "所选产品不在本试点的产品目录中", en: "A chosen product is not in the programme's catalogue")
    static let badProject = LocalizedText(
        zh: "所选项目不存在或不在您的权限范围内", en: "A chosen project does not exist or is outside your reach")
    static func badResult(_ row: Int) -> LocalizedText {
        LocalizedText(
            zh: "第 \(row) 行成效指标须填写名称，改造前后均为数字（最多 12 位整数、4 位小数）",
            en: "Result row \(row): name the indicator and give both figures as numbers (12 digits, 4 decimals at most)")
    }
    static let noteRequired = LocalizedText(zh: "请填写意见（2000 字以内）", en: "Enter the opinion (at most 2000 characters)")
    static let reasonRequired = LocalizedText(zh: "请填写撤回理由（2000 字以内）", en: "Enter the reason (at most 2000 characters)")
    static let badDecision = LocalizedText(zh: "请选择入选或不入选", en: "Choose selected or not selected")
    static let notReviewer = LocalizedText(
        zh: "该案例不在您负责的区域内，不能审核", en: "This case is outside your area: you cannot review it")
    static let notYours = LocalizedText(
        zh: "只有申报人或领导小组、办公室可以撤回该案例", en: "Only the proposer, leadership or the office may withdraw this case")
    static let notUploader = LocalizedText(
        zh: "只有申报人可以为案例上传材料", en: "Only the proposer may add photos and documents")
    static let noFile = LocalizedText(zh: "请选择要上传的文件", en: "Choose a file to upload")
    static let closed = LocalizedText(zh: "该案例已办结，不能再上传材料", en: "This case is closed: no more documents")
    static func badFilter(_ name: String, _ value: String) -> LocalizedText {
        LocalizedText(zh: "筛选条件 \(name) 的值“\(value)”无效", en: "The filter \(name) has an invalid value “\(value)”")
    }
    static func wrongStatus(_ status: CaseStatus) -> LocalizedText {
        LocalizedText(
            zh: "案例当前为“\(label(status).zh)”，不能办理这一步", en: "The case is “\(label(status).en)”: this step does not apply")
    }

    static func label(_ kind: CaseKind) -> LocalizedText {
        switch kind {
        case .typical: LocalizedText(zh: "典型案例", en: "Typical case")
        case .chain: LocalizedText(zh: "链式转型案例", en: "Chain case")
        case .workshop: LocalizedText(zh: "数字化车间", en: "Digital workshop")
        case .factory: LocalizedText(zh: "智能工厂", en: "Smart factory")
        case .benchmark: LocalizedText(zh: "标杆企业", en: "Benchmark enterprise")
        case .practice: LocalizedText(zh: "特色做法和模式", en: "Distinctive practice")
        }
    }

    static func label(_ kind: CaseSubjectKind) -> LocalizedText {
        switch kind {
        case .region: LocalizedText(zh: "区域", en: "Region")
        case .enterprise: LocalizedText(zh: "企业", en: "Enterprise")
        case .provider: LocalizedText(zh: "服务商", en: "Provider")
        }
    }

    static func label(_ status: CaseStatus) -> LocalizedText {
        switch status {
        case .proposed: LocalizedText(zh: "已申报", en: "Proposed")
        case .underReview: LocalizedText(zh: "待遴选（区级已审核）", en: "Under review")
        case .selected: LocalizedText(zh: "已入选", en: "Selected")
        case .notSelected: LocalizedText(zh: "未入选", en: "Not selected")
        case .published: LocalizedText(zh: "已发布", en: "Published")
        case .withdrawn: LocalizedText(zh: "已撤回", en: "Withdrawn")
        }
    }

    static func action(_ action: String) -> LocalizedText {
        switch action {
        case "propose": LocalizedText(zh: "申报", en: "Proposed")
        case "review": LocalizedText(zh: "区级审核", en: "Reviewed by the district")
        case "select": LocalizedText(zh: "入选", en: "Selected")
        case "not_select": LocalizedText(zh: "不入选", en: "Not selected")
        case "publish": LocalizedText(zh: "发布", en: "Published")
        case "withdraw": LocalizedText(zh: "撤回", en: "Withdrawn")
        case "document": LocalizedText(zh: "上传材料", en: "Document added")
        case "migrate": LocalizedText(zh: "由原遴选记录迁入", en: "Moved from the old selections")
        default: LocalizedText(zh: action, en: action)
        }
    }
}
