import PilotDomain
import PilotStore

/// The words of the contracts, project-records and application-window pages (issue #15), Chinese first.
enum ContractText {
    static let title = LocalizedText(zh: "合同台账", en: "Contracts register")
    static let intro = LocalizedText(
        zh: "依据 004 号文 §四(三) 合同管理：企业与服务商的服务合同（签署扫描件上传后生效）、发票与付款凭证、投入清单，以及主承包服务商的承包任务书。",
        en:
            "Policy 004 §4(3), contract management: the service contracts between enterprises and providers (effective once the signed scan is on file), their invoices and payment vouchers, the investment lists, and the main contractors' contracting task books."
    )
    static let none = LocalizedText(zh: "暂无合同。", en: "No contracts.")
    static let contractNo = LocalizedText(zh: "合同编号", en: "Contract number")
    static let kind = LocalizedText(zh: "类型", en: "Kind")
    static let project = LocalizedText(zh: "项目", en: "Project")
    static let client = LocalizedText(zh: "甲方（委托方）", en: "Client")
    static let provider = LocalizedText(zh: "乙方（服务商）", en: "Provider")
    static let providerUSCC = LocalizedText(zh: "服务商统一社会信用代码", en: "Provider's credit code")
    static let amount = LocalizedText(zh: "合同金额（元）", en: "Amount (yuan)")
    static let signedOn = LocalizedText(zh: "签订日期", en: "Signed on")
    static let startsOn = LocalizedText(zh: "履行开始日期", en: "Starts on")
    static let endsOn = LocalizedText(zh: "履行结束日期", en: "Ends on")
    static let scope = LocalizedText(zh: "服务内容", en: "Scope of work")
    static let planLines = LocalizedText(zh: "对应的方案预算明细", en: "Plan budget lines covered")
    static let scan = LocalizedText(zh: "签署扫描件（PDF 或图片）", en: "Signed scan (PDF or image)")
    static let scanHint = LocalizedText(
        zh: "上传签署扫描件后合同生效；修改时不重新上传则沿用原文件。", en: "A contract is effective once its signed scan is on file; leave empty to keep it."
    )
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let effective = LocalizedText(zh: "已生效", en: "Effective")
    static let awaitingScan = LocalizedText(zh: "待上传签署件", en: "Awaiting its signed scan")
    static let serviceKind = LocalizedText(zh: "服务合同", en: "Service contract")
    static let taskBookKind = LocalizedText(zh: "承包任务书", en: "Contracting task book")
    static let subIndustry = LocalizedText(zh: "细分行业", en: "Sub-industry")
    static let all = LocalizedText(zh: "全部", en: "All")
    static let filter = LocalizedText(zh: "筛选", en: "Filter")
    static let export = LocalizedText(zh: "导出 XLSX", en: "Export XLSX")
    static let register = LocalizedText(zh: "登记服务合同", en: "Register a service contract")
    static let registerTaskBook = LocalizedText(
        zh: "登记承包任务书签署件（双方已在线签署）", en: "Register the signed contracting task book (both parties signed online)")
    static let edit = LocalizedText(zh: "修改合同", en: "Change the contract")
    static let save = LocalizedText(zh: "保存", en: "Save")
    static let payments = LocalizedText(zh: "发票与付款凭证", en: "Invoices and payment vouchers")
    static let noPayments = LocalizedText(zh: "尚未登记发票或付款凭证。", en: "No invoices or vouchers yet.")
    static let paymentKind = LocalizedText(zh: "票据类型", en: "Kind")
    static let paymentNo = LocalizedText(zh: "票据号码", en: "Number")
    static let issuedOn = LocalizedText(zh: "开具/支付日期", en: "Date")
    static let paymentAmount = LocalizedText(zh: "金额（元）", en: "Amount (yuan)")
    static let paymentScan = LocalizedText(zh: "票据扫描件", en: "Scan")
    static let addPayment = LocalizedText(zh: "登记发票或付款凭证", en: "Record an invoice or voucher")
    static let invoiced = LocalizedText(zh: "发票合计", en: "Invoiced")
    static let paid = LocalizedText(zh: "付款合计", en: "Paid")
    static let download = LocalizedText(zh: "下载", en: "Download")
    static let records = LocalizedText(zh: "项目档案与合同", en: "Project records and contracts")
    static let recordsIntro = LocalizedText(
        zh: "国家平台要求的分阶段档案材料（定稿后报送）、服务合同与投入清单，以及申请验收前的核对结果。",
        en:
            "The records the national platform expects, by stage (sent once final), the service contracts and the investment list, and the check before acceptance."
    )
    static let check = LocalizedText(
        zh: "验收前核对（合同、发票、付款凭证与投入清单）", en: "Check before acceptance (contracts, invoices, vouchers, investment list)")
    static let checkPasses = LocalizedText(zh: "核对一致，可以申请验收。", en: "Everything agrees: acceptance may be applied for.")
    static let checkOff = LocalizedText(zh: "本试点未启用验收前核对。", en: "This programme does not check the records before acceptance.")
    static let investment = LocalizedText(zh: "投入清单", en: "Investment list")
    static let noInvestment = LocalizedText(zh: "投入清单为空。", en: "The investment list is empty.")
    static let item = LocalizedText(zh: "投入项目", en: "Item")
    static let category = LocalizedText(zh: "类别", en: "Category")
    static let contract = LocalizedText(zh: "对应合同", en: "Contract")
    static let noContract = LocalizedText(zh: "（无）", en: "(none)")
    static let addItem = LocalizedText(zh: "增加投入项目", en: "Add an item")
    static let remove = LocalizedText(zh: "删除", en: "Remove")
    static let total = LocalizedText(zh: "合计", en: "Total")
    static let slots = LocalizedText(zh: "档案材料（国家平台）", en: "Records for the national platform")
    static let slot = LocalizedText(zh: "材料", en: "Document")
    static let stage = LocalizedText(zh: "阶段", en: "Stage")
    static let requiredBefore = LocalizedText(zh: "办理前须定稿", en: "Final before")
    static let missing = LocalizedText(zh: "缺失", en: "Missing")
    static let draft = LocalizedText(zh: "草稿", en: "Draft")
    static let final = LocalizedText(zh: "已定稿", en: "Final")
    static let superseded = LocalizedText(zh: "已被新版本替代", en: "Superseded")
    static let version = LocalizedText(zh: "版本", en: "Version")
    static let upload = LocalizedText(zh: "上传新版本", en: "Upload a new version")
    static let markFinal = LocalizedText(zh: "定稿并报送", en: "Mark final and send")
    static let window = LocalizedText(zh: "申报批次", en: "Application window")
    static let notFiled = LocalizedText(zh: "方案尚未报送至申报批次。", en: "No plan filed into a window yet.")
    static let back = LocalizedText(zh: "返回项目", en: "Back to the project")

    static let windowsTitle = LocalizedText(zh: "资金申报批次", en: "Fund-application windows")
    static let windowsIntro = LocalizedText(
        zh: "依据 004 号文 §五 第一阶段：区工信局分批受理实施方案。报送方案时须在某一批次的受理期内（上海时间，起止日期均含当日）；批次可设方案数量上限。",
        en:
            "Policy 004 §5, first phase: the bureau takes plans in windows. A plan is filed inside a window's dates (Shanghai days, both ends included); a window may cap the number of plans."
    )
    static let windowName = LocalizedText(zh: "批次名称", en: "Window")
    static let opensOn = LocalizedText(zh: "受理开始日期", en: "Opens on")
    static let closesOn = LocalizedText(zh: "受理截止日期（含当日）", en: "Closes on (inclusive)")
    static let planCap = LocalizedText(zh: "方案数量上限（可不填）", en: "Cap on plans (optional)")
    static let filed = LocalizedText(zh: "已报送方案", en: "Plans filed")
    static let openState = LocalizedText(zh: "受理中", en: "Open")
    static let upcoming = LocalizedText(zh: "未开始", en: "Upcoming")
    static let closed = LocalizedText(zh: "已截止", en: "Closed")
    static let noWindows = LocalizedText(zh: "尚未设立申报批次。", en: "No windows yet.")
    static let openWindow = LocalizedText(zh: "设立申报批次", en: "Open a window")
    static let windowSaved = LocalizedText(zh: "已设立申报批次", en: "The window is open for plans")
    static let saved = LocalizedText(zh: "已保存", en: "Saved")

    // Errors.
    static let chooseProject = LocalizedText(zh: "请选择合同所属的项目", en: "Choose the contract's project")
    static let needed = LocalizedText(zh: "必填", en: "Required")
    static func badDate(_ text: String) -> LocalizedText {
        LocalizedText(zh: "“\(text)”不是有效日期（YYYY-MM-DD）", en: "'\(text)' is not a date (YYYY-MM-DD)")
    }
    static let datesOutOfOrder = LocalizedText(
        zh: "履行期限的开始日期不能晚于结束日期", en: "The contract's start date is after its end date")
    static let signedAfterStart = LocalizedText(
        zh: "签订日期不能晚于履行结束日期", en: "The signing date is after the contract's end date")
    static let amountTooLarge = LocalizedText(zh: "金额不能超过 100 亿元", en: "The amount may not exceed ¥10 billion")
    static let amountZero = LocalizedText(zh: "金额必须大于零", en: "The amount must be above zero")
    static let tooLong = LocalizedText(zh: "内容过长", en: "Too long")
    static let duplicateNumber = LocalizedText(
        zh: "本试点已登记相同编号的合同", en: "A contract with this number is already registered in this programme")
    static let duplicatePayment = LocalizedText(
        zh: "该合同已登记相同号码的票据", en: "This contract already has a document of that kind with this number")
    static func exceeds(_ kind: ContractPayment.Kind, recorded: Fen, amount: Fen) -> LocalizedText {
        LocalizedText(
            zh: "\(kind.label.zh)合计将超过合同金额 \(amount.yuanText) 元（已登记 \(recorded.yuanText) 元）",
            en: "\(kind.label.en)s would add up to more than the contract's ¥\(amount.yuanText) (¥\(recorded.yuanText) recorded)")
    }
    static let amountBelowPayments = LocalizedText(
        zh: "合同金额不能低于已登记的发票或付款凭证合计", en: "The amount may not be below the invoices or vouchers already recorded")
    static let notInPool = LocalizedText(
        zh: "该统一社会信用代码不是本试点数字化服务商资源池成员", en: "No member of this programme's provider pool has this credit code")
    static func removed(_ name: String) -> LocalizedText {
        LocalizedText(
            zh: "\(name) 已被移出服务商资源池，不能登记新的服务合同", en: "\(name) was removed from the provider pool and cannot sign a new contract")
    }
    static let unknownLine = LocalizedText(zh: "所选预算明细不在方案中", en: "A chosen line is not in the plan")
    static let noPlan = LocalizedText(
        zh: "该项目尚未报送实施方案，不能登记服务合同", en: "The project has no filed plan yet: contracts come after the plan")
    static let projectClosed = LocalizedText(zh: "项目已结束，资料不能再修改", en: "The project is closed; its records can no longer change")
    static let stale = LocalizedText(
        zh: "合同已被他人修改，请刷新后重试", en: "Someone else changed the contract meanwhile; reload and try again")
    static let chooseKind = LocalizedText(zh: "请选择票据类型", en: "Choose the kind")
    static let chooseCategory = LocalizedText(zh: "请选择类别", en: "Choose the category")
    static let unknownContract = LocalizedText(zh: "所选合同不属于本项目", en: "The chosen contract is not this project's")
    static let chooseFile = LocalizedText(zh: "请选择要上传的文件", en: "Choose a file to upload")
    static let notYourSide = LocalizedText(
        zh: "只有上传方或区工信局可以定稿", en: "Only the side that uploaded it or the district bureau may mark it final")
    static let notDraft = LocalizedText(zh: "该版本不是草稿，无需定稿", en: "That version is not a draft")
    static let unknownSlot = LocalizedText(zh: "没有这一档案材料", en: "No such record slot")
    static let windowOverlap = LocalizedText(
        zh: "与已有申报批次的日期重叠（同一天只能属于一个批次）", en: "It overlaps another window (a day belongs to one window at most)")
    static let badCap = LocalizedText(zh: "上限应为 1–100000 的整数", en: "The cap must be a whole number from 1 to 100000")
    static let badPage = LocalizedText(zh: "页码无效", en: "Invalid page number")
    static func badFilter(_ name: String, _ value: String) -> LocalizedText {
        LocalizedText(zh: "筛选条件 \(name) 的值“\(value)”无效", en: "Invalid value '\(value)' for the filter \(name)")
    }

    static func statusLabel(_ status: SlotDocument.Status) -> LocalizedText {
        switch status {
        case .draft: draft
        case .final: final
        case .superseded: superseded
        }
    }
}
