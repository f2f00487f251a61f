import PilotDomain

/// Why a provider leaves the pool: the eight situations of 第八条, each published with the removal.
public enum RemovalReason: String, Sendable, CaseIterable, Codable, Hashable {
    /// (1) 违反法律法规、行业自律公约等被通报的.
    case reportedViolation = "reported_violation"
    /// (2) 评级结果为不合格的 — recorded automatically with the grade.
    case unqualifiedGrade = "unqualified_grade"
    /// (3) 拒绝接受监督检查的.
    case refusedInspection = "refused_inspection"
    /// (4) 被企业或其他服务商投诉3次或以上并核实确认属实的 — automatic at the third verified complaint.
    case verifiedComplaints = "verified_complaints"
    /// (5) 有弄虚作假、骗取资助资金等行为的.
    case fraud
    /// (6) 发生重大责任事故、造成严重社会影响的.
    case majorAccident = "major_accident"
    /// (7) 不配合提供服务情况的.
    case refusedReporting = "refused_reporting"
    /// (8) 主动退出资源池的.
    case voluntaryExit = "voluntary_exit"

    /// The item of 第八条, as the public notice cites it.
    public var article: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public var label: LocalizedText {
        switch self {
        case .reportedViolation: LocalizedText(zh: "违反法律法规、行业自律公约等被通报", en: "Reported for violating laws or industry codes")
        case .unqualifiedGrade: LocalizedText(zh: "年度评级结果为不合格", en: "Graded unqualified in the annual evaluation")
        case .refusedInspection: LocalizedText(zh: "拒绝接受监督检查", en: "Refused supervision and inspection")
        case .verifiedComplaints: LocalizedText(zh: "被投诉3次及以上并核实属实", en: "Three or more complaints verified as true")
        case .fraud: LocalizedText(zh: "弄虚作假、骗取资助资金", en: "Fraud or subsidies obtained by deception")
        case .majorAccident: LocalizedText(zh: "发生重大责任事故、造成严重社会影响", en: "A major accident with serious social impact")
        case .refusedReporting: LocalizedText(zh: "不配合提供服务情况", en: "Refused to report service information")
        case .voluntaryExit: LocalizedText(zh: "主动退出资源池", en: "Left the pool voluntarily")
        }
    }

    /// Reasons the system records itself, from the fact that triggers them.
    public var isAutomatic: Bool { self == .unqualifiedGrade || self == .verifiedComplaints }
}
