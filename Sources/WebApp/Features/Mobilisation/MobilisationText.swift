import PilotDomain

/// The mobilisation pages' words (zh first, en available).
enum MobilisationText {
    static let title = LocalizedText(zh: "攻坚动员", en: "Mobilisation")
    static let intro = LocalizedText(
        zh: "各开发区、各街镇攻坚小组主动上门服务，动员试点细分行业规上中小企业参与改造（实施方案 四（七））；目标参与比例 90% 以上。企业以同一统一社会信用代码报名项目后自动移出待动员名单。",
        en:
            "Each zone's task force visits the above-scale SMEs of the pilot sub-industries not yet taking part (policy 004 §4(7)); the goal is 90%. A firm leaves the list by itself once it registers a project under its credit code."
    )
    static let firm = LocalizedText(zh: "企业", en: "Firm")
    static let ratesTitle = LocalizedText(zh: "参与比例", en: "Participation rate")
    static let zone = LocalizedText(zh: "区域", en: "Zone")
    static let city = LocalizedText(zh: "全区合计", en: "Whole district")
    static let roster = LocalizedText(zh: "规上企业", en: "Above-scale firms")
    static let registered = LocalizedText(zh: "已报名项目", en: "Registered a project")
    static let participating = LocalizedText(zh: "参与改造（方案已批准）", en: "Taking part (plan approved)")
    static let rate = LocalizedText(zh: "参与比例", en: "Rate")
    static let target = LocalizedText(zh: "目标", en: "Goal")
    static let met = LocalizedText(zh: "已达标", en: "Met")
    static let notMet = LocalizedText(zh: "未达标", en: "Not met")
    static let toMobilise = LocalizedText(zh: "待动员企业", en: "Firms to mobilise")
    static let creditCode = LocalizedText(zh: "统一社会信用代码", en: "Credit code")
    static let name = LocalizedText(zh: "企业名称", en: "Firm name")
    static let subIndustry = LocalizedText(zh: "细分行业", en: "Sub-industry")
    static let division = LocalizedText(zh: "所在区划代码", en: "Division code")
    static let size = LocalizedText(zh: "企业规模", en: "Size")
    static let lastVisit = LocalizedText(zh: "最近走访", en: "Last visit")
    static let followUp = LocalizedText(zh: "回访日期", en: "Follow-up date")
    static let visits = LocalizedText(zh: "走访记录", en: "Visits")
    static let newVisit = LocalizedText(zh: "登记走访", en: "Record a visit")
    static let visitedOn = LocalizedText(zh: "走访日期", en: "Visit date")
    static let visitor = LocalizedText(zh: "走访人", en: "Visited by")
    static let contact = LocalizedText(zh: "企业联系人", en: "Firm's contact")
    static let outcome = LocalizedText(zh: "走访结果", en: "Outcome")
    static let reason = LocalizedText(zh: "不参与原因", en: "Reason for declining")
    static let notes = LocalizedText(zh: "备注", en: "Notes")
    static let save = LocalizedText(zh: "保存", en: "Save")
    static let saved = LocalizedText(zh: "走访记录已保存", en: "The visit was recorded")
    static let none = LocalizedText(zh: "暂无", en: "None")
    static let export = LocalizedText(zh: "导出 XLSX", en: "Export XLSX")
    static let importTitle = LocalizedText(zh: "导入规上企业名单（攻坚）", en: "Import the zone's above-scale firms")
    static let importIntro = LocalizedText(
        zh: "每行一家试点细分行业的规上中小企业；区划须在您的辖区内。任何一行有问题则整份文件不导入。",
        en:
            "One above-scale SME of a pilot sub-industry per row, in a division within your reach. Any bad row and nothing is imported."
    )
    static let template = LocalizedText(zh: "下载模板", en: "Download the template")
    static let file = LocalizedText(zh: "文件", en: "File")
    static let check = LocalizedText(zh: "检查并导入", en: "Check and import")
    static let report = LocalizedText(zh: "问题清单（未导入任何数据）", en: "Problems (nothing was imported)")
    static let line = LocalizedText(zh: "行", en: "Line")
    static let column = LocalizedText(zh: "列", en: "Column")
    static let problem = LocalizedText(zh: "问题", en: "Problem")
    static let chooseFile = LocalizedText(zh: "请选择 XLSX 或 CSV 文件", en: "Choose an XLSX or CSV file")
    static let tooLarge = LocalizedText(zh: "文件不能超过 10 MB", en: "The file may be at most 10 MB")
    static let state = LocalizedText(zh: "状态", en: "State")
    static let stateNotRegistered = LocalizedText(zh: "未报名", en: "Not registered")

    static func imported(_ added: Int, _ updated: Int) -> LocalizedText {
        LocalizedText(zh: "已导入：新增 \(added) 家，更新 \(updated) 家", en: "Imported: \(added) added, \(updated) updated")
    }

    static func rejected(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "文件有 \(count) 处问题，未导入任何数据", en: "The file has \(count) problems; nothing was imported")
    }

    static func required(_ what: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "请填写\(what.zh)", en: "\(what.en) is required")
    }

    static func tooLong(_ what: LocalizedText, _ limit: Int) -> LocalizedText {
        LocalizedText(zh: "\(what.zh)不能超过 \(limit) 个字", en: "\(what.en) may be at most \(limit) characters")
    }
}
