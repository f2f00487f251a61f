import PilotDomain
import PilotStore

/// The words of the supply–demand hall (004 §四(三)), Chinese first.
enum HallText {
    static let title = LocalizedText(zh: "供需大厅", en: "Supply–demand hall")
    static let intro = LocalizedText(
        zh: "试点企业发布数字化改造需求，资源池服务商以“小快轻准”产品和方案响应；新发布的匹配产品自动推送给需求企业（实施方案 §四(三)）。",
        en:
            "Pilot enterprises post their digital-transformation needs; pool providers answer with their products and proposals; a new matching product is pushed to the enterprise (004 §4(3))."
    )
    static let openNeeds = LocalizedText(zh: "征集中的需求", en: "Open needs")
    static let products = LocalizedText(zh: "“小快轻准”产品", en: "“Small, fast, light, precise” products")
    static let myNeeds = LocalizedText(zh: "我的需求", en: "My needs")
    static let newNeed = LocalizedText(zh: "发布需求", en: "Post a need")
    static let need = LocalizedText(zh: "需求", en: "The need")
    static let needTitle = LocalizedText(zh: "需求名称", en: "Title")
    static let description = LocalizedText(zh: "需求描述", en: "Description")
    static let scenarios = LocalizedText(zh: "应用场景", en: "Scenarios")
    static let scenarioHint = LocalizedText(
        zh: "已按本企业诊断结果预选：适用场景中评级最低的、约束性场景优先。",
        en: "Preselected from your diagnosis: the applicable scenarios rated lowest, constrained ones first.")
    static let fromDiagnosis = LocalizedText(zh: "诊断建议", en: "from the diagnosis")
    static let category = LocalizedText(zh: "服务类别", en: "Service category")
    static let budget = LocalizedText(zh: "预算范围（元）", en: "Budget (yuan)")
    static let budgetMin = LocalizedText(zh: "预算下限（元）", en: "Budget from (yuan)")
    static let budgetMax = LocalizedText(zh: "预算上限（元）", en: "Budget up to (yuan)")
    static let deadline = LocalizedText(zh: "响应截止日期", en: "Answers by")
    static let showName = LocalizedText(zh: "在大厅公开显示企业名称", en: "Show our name in the public hall")
    static let anonymous = LocalizedText(zh: "某试点企业", en: "A pilot enterprise")
    static let enterprise = LocalizedText(zh: "需求企业", en: "Enterprise")
    static let subIndustry = LocalizedText(zh: "细分行业", en: "Sub-industry")
    static let area = LocalizedText(zh: "所在区域", en: "Area")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let any = LocalizedText(zh: "不限", en: "Any")
    static let post = LocalizedText(zh: "发布", en: "Post")
    static let matched = LocalizedText(zh: "匹配的“小快轻准”产品", en: "Matching products")
    static let matchedHint = LocalizedText(
        zh: "按应用场景、服务类别和预算匹配资源池中状态正常的服务商的产品。",
        en: "Products of providers in good standing, matched by scenario, category and budget.")
    static let provider = LocalizedText(zh: "服务商", en: "Provider")
    static let product = LocalizedText(zh: "产品", en: "Product")
    static let price = LocalizedText(zh: "报价（元）", en: "Price (yuan)")
    static let answers = LocalizedText(zh: "服务商响应", en: "Answers")
    static let yourAnswer = LocalizedText(zh: "本单位的响应", en: "Your answer")
    static let answer = LocalizedText(zh: "响应需求", en: "Answer the need")
    static let proposal = LocalizedText(zh: "方案说明", en: "Proposal")
    static let timeline = LocalizedText(zh: "实施周期", en: "Timeline")
    static let noProduct = LocalizedText(zh: "（不关联产品）", en: "(no product)")
    static let accept = LocalizedText(zh: "选定此响应并纳入改造方案草稿", en: "Accept and add to the plan draft")
    static let close = LocalizedText(zh: "关闭需求", en: "Close the need")
    static let none = LocalizedText(zh: "暂无。", en: "None.")
    static let notices = LocalizedText(zh: "新推送的匹配产品", en: "New matching products pushed to you")
    static let history = LocalizedText(zh: "需求记录", en: "History")
    static let posted = LocalizedText(zh: "需求已发布", en: "The need is posted")
    static let answered = LocalizedText(zh: "已提交响应", en: "Your answer is sent")
    static let acceptedFlash = LocalizedText(
        zh: "已选定响应，预算明细与产品已加入改造方案草稿", en: "Accepted: its budget line and product are in the plan draft")
    static let inPlan = LocalizedText(zh: "已纳入改造方案草稿：", en: "Added to the plan draft of ")
    static let closedFlash = LocalizedText(zh: "需求已关闭", en: "The need is closed")

    static func status(_ status: NeedRecord.Status) -> LocalizedText {
        switch status {
        case .open: LocalizedText(zh: "征集中", en: "Open")
        case .accepted: LocalizedText(zh: "已选定", en: "Accepted")
        case .closed: LocalizedText(zh: "已关闭", en: "Closed")
        }
    }

    static func answerStatus(_ status: HallAnswer.Status) -> LocalizedText {
        switch status {
        case .submitted: LocalizedText(zh: "待选定", en: "Waiting")
        case .accepted: LocalizedText(zh: "已选定", en: "Accepted")
        case .declined: LocalizedText(zh: "未选定", en: "Not chosen")
        }
    }

    static func event(_ action: String) -> LocalizedText {
        switch action {
        case "posted": LocalizedText(zh: "发布", en: "Posted")
        case "answered": LocalizedText(zh: "响应", en: "Answered")
        case "accepted": LocalizedText(zh: "选定并纳入方案草稿", en: "Accepted into the plan draft")
        case "closed": LocalizedText(zh: "关闭", en: "Closed")
        default: LocalizedText(zh: action, en: action)
        }
    }

    static func refusal(_ refusal: AcceptRefusal, stateLabel: String) -> LocalizedText {
        switch refusal {
        case .stale: LocalizedText(zh: "需求已被更新，请刷新后重试", en: "The need changed meanwhile: reload and try again")
        case .notOpen: LocalizedText(zh: "该需求已不在征集中", en: "The need is no longer open")
        case .unknownAnswer: LocalizedText(zh: "没有这条响应", en: "No such answer to this need")
        case .noProject:
            LocalizedText(zh: "本企业尚无试点项目，无法纳入改造方案", en: "Your enterprise has no pilot project to add the line to")
        case .notDrafting:
            LocalizedText(
                zh: "项目当前处于“\(stateLabel)”，不在编制改造方案阶段（诊断确认后或方案退回修改时方可纳入），未做任何更改",
                en:
                    "The project is at “\(stateLabel)”, not where its plan is drafted (after the diagnosis is accepted, or when the plan is returned); nothing was changed"
            )
        case .noContractor:
            LocalizedText(
                zh: "本细分行业尚无主承包服务商编制方案，未做任何更改",
                en: "No main contractor drafts plans for your sub-industry yet; nothing was changed")
        }
    }

    static let notOpen = LocalizedText(
        zh: "该需求已不在征集中或已过响应截止日期", en: "The need is no longer open or its deadline has passed")
    static let alreadyAnswered = LocalizedText(zh: "本单位已响应过该需求", en: "Your organisation has answered this need already")
    static let notInPool = LocalizedText(
        zh: "仅资源池中状态正常的服务商可以响应需求", en: "Only providers in good standing in the pool can answer needs")
    static let noOrganisation = LocalizedText(zh: "账号未关联单位", en: "The account belongs to no organisation")
}
