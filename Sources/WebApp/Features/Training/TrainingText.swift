import PilotDomain
import PilotStore

/// The training pages' words (zh first, en available).
enum TrainingText {
    static let title = LocalizedText(zh: "人才培训", en: "Training")
    static let intro = LocalizedText(
        zh: "强化“一把手”工程意识，加强管理人员数字化培训，分级分类开展技术骨干实操培训和一线员工现场跟班实训（实施方案 六（二））。",
        en: "Top leaders, management, technical staff and frontline workers, each trained for their part (policy 004 §6(2)).")
    static let session = LocalizedText(zh: "培训场次", en: "Training session")
    static let sessions = LocalizedText(zh: "培训场次", en: "Sessions")
    static let newSession = LocalizedText(zh: "新建培训场次", en: "New session")
    static let sessionTitle = LocalizedText(zh: "培训名称", en: "Title")
    static let audience = LocalizedText(zh: "培训对象", en: "Audience")
    static let organiser = LocalizedText(zh: "组织单位", en: "Organiser")
    static let date = LocalizedText(zh: "日期", en: "Date")
    static let startTime = LocalizedText(zh: "开始时间", en: "Starts")
    static let endTime = LocalizedText(zh: "结束时间", en: "Ends")
    static let place = LocalizedText(zh: "地点", en: "Place")
    static let online = LocalizedText(zh: "线上培训", en: "Online")
    static let capacity = LocalizedText(zh: "名额", en: "Places")
    static let focusSubIndustry = LocalizedText(zh: "面向细分行业（可选）", en: "Sub-industry focus (optional)")
    static let focusZone = LocalizedText(zh: "面向区域（可选）", en: "Zone focus (optional)")
    static let any = LocalizedText(zh: "不限", en: "Any")
    static let registered = LocalizedText(zh: "已报名", en: "Registered")
    static let attended = LocalizedText(zh: "出席", en: "Attended")
    static let enterprisesReached = LocalizedText(zh: "覆盖企业", en: "Enterprises reached")
    static let attendees = LocalizedText(zh: "出席人次", en: "Attendees")
    static let create = LocalizedText(zh: "创建", en: "Create")
    static let created = LocalizedText(zh: "培训场次已创建", en: "The session was created")
    static let register = LocalizedText(zh: "报名", en: "Register")
    static let registerTitle = LocalizedText(zh: "本企业报名", en: "Register your people")
    static let registerHint = LocalizedText(
        zh: "每行一人；空行不计。名额不足时整批不报名。", en: "One person a row; empty rows are skipped. If places run short, nobody is registered.")
    static let personName = LocalizedText(zh: "姓名", en: "Name")
    static let position = LocalizedText(zh: "职务", en: "Position")
    static let enterprise = LocalizedText(zh: "企业", en: "Enterprise")
    static let registrationId = LocalizedText(zh: "报名编号", en: "Registration no.")
    static let attendedColumn = LocalizedText(zh: "是否出席", en: "Attended")
    static let registeredDone = LocalizedText(zh: "报名成功", en: "Registered")
    static let attendanceTitle = LocalizedText(zh: "出席登记", en: "Attendance")
    static let saveAttendance = LocalizedText(zh: "保存出席情况", en: "Save attendance")
    static let attendanceSaved = LocalizedText(zh: "出席情况已保存", en: "Attendance saved")
    static let importAttendance = LocalizedText(zh: "从 XLSX 导入出席情况", en: "Import attendance from XLSX")
    static let template = LocalizedText(
        zh: "下载出席登记模板（含本场报名名单）", en: "Download the attendance template (with this session's list)")
    static let file = LocalizedText(zh: "文件", en: "File")
    static let check = LocalizedText(zh: "检查并导入", en: "Check and import")
    static let report = LocalizedText(zh: "问题清单（未导入任何数据）", en: "Problems (nothing was imported)")
    static let line = LocalizedText(zh: "行", en: "Line")
    static let column = LocalizedText(zh: "列", en: "Column")
    static let problem = LocalizedText(zh: "问题", en: "Problem")
    static let countsTitle = LocalizedText(zh: "培训统计（出席）", en: "Training figures (attended)")
    static let byAudience = LocalizedText(zh: "按培训对象", en: "By audience")
    static let byZone = LocalizedText(zh: "按区域", en: "By zone")
    static let bySubIndustry = LocalizedText(zh: "按细分行业", en: "By sub-industry")
    static let total = LocalizedText(zh: "合计", en: "Total")
    static let export = LocalizedText(zh: "导出 XLSX", en: "Export XLSX")
    static let none = LocalizedText(zh: "暂无", en: "None yet")
    static let unknown = LocalizedText(zh: "未填写", en: "Not given")
    static let yourRegistrations = LocalizedText(zh: "本企业已报名人员", en: "Your registered people")
    static let placesLeft = LocalizedText(zh: "剩余名额", en: "Places left")
    static let chooseFile = LocalizedText(zh: "请选择 XLSX 或 CSV 文件", en: "Choose an XLSX or CSV file")
    static let tooLarge = LocalizedText(zh: "文件不能超过 5 MB", en: "The file may be at most 5 MB")
    static let noOrganisation = LocalizedText(
        zh: "您的账号没有所属单位，无法以单位名义组织培训或报名", en: "Your account belongs to no organisation, so it cannot hold or register for training"
    )

    static func full(_ remaining: Int) -> LocalizedText {
        LocalizedText(zh: "名额不足：本场仅剩 \(remaining) 个名额，未报名任何人", en: "Not enough places: \(remaining) left; nobody was registered")
    }

    static func duplicate(_ name: String) -> LocalizedText {
        LocalizedText(zh: "“\(name)”已报名本场培训，未报名任何人", en: "\(name) is registered already; nobody was registered")
    }

    static func rejected(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "文件有 \(count) 处问题，未导入任何数据", en: "The file has \(count) problems; nothing was imported")
    }

    static func imported(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "已导入 \(count) 人的出席情况", en: "Attendance of \(count) people imported")
    }

    static func tooLong(_ what: LocalizedText, _ limit: Int) -> LocalizedText {
        LocalizedText(zh: "\(what.zh)不能超过 \(limit) 个字", en: "\(what.en) may be at most \(limit) characters")
    }

    static func required(_ what: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "请填写\(what.zh)", en: "\(what.en) is required")
    }

    static func invalid(_ what: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "\(what.zh)无效", en: "\(what.en) is not valid")
    }
}
