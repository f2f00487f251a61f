/// The parties of the pilot (domain.md §1 "Parties and roles") plus the system actor
/// that fires timers. A user holds one or more roles, each with a scope (see `RoleGrant`).
public enum Role: String, Sendable, CaseIterable, Codable, Hashable {
    case admin
    case leadership
    case districtOfficial = "district_official"
    case financeOfficer = "finance_officer"
    case managementProvider = "management_provider"
    case platformOperator = "platform_operator"
    case mainContractor = "main_contractor"
    case digitalProvider = "digital_provider"
    case enterprise
    case expertReviewer = "expert_reviewer"
    case zoneTaskForce = "zone_task_force"
    /// Guangxi's 实体经济服务员工作队 (policy 001): contacts every above-scale firm of its area and
    /// follows its diagnosis (scoped to a division node).
    case serviceTeam = "service_team"
    case publicMember = "public"
    /// Fires timers (e.g. the end of a publicity period). Never granted to a person.
    case system

    public var label: LocalizedText {
        switch self {
        case .admin: LocalizedText(zh: "系统管理员", en: "Administrator")
        case .leadership: LocalizedText(zh: "试点领导小组", en: "Pilot leadership")
        case .districtOfficial: LocalizedText(zh: "区工信局", en: "District industry bureau")
        case .financeOfficer: LocalizedText(zh: "区财政局", en: "Finance officer")
        case .managementProvider: LocalizedText(zh: "综合管理服务商", en: "Comprehensive management provider")
        case .platformOperator: LocalizedText(zh: "平台运营服务商", en: "Platform operator")
        case .mainContractor: LocalizedText(zh: "主承包服务商", en: "Main contractor")
        case .digitalProvider: LocalizedText(zh: "数字化服务商", en: "Digital service provider")
        case .enterprise: LocalizedText(zh: "试点企业", en: "Pilot enterprise")
        case .expertReviewer: LocalizedText(zh: "评审专家", en: "Expert reviewer")
        case .zoneTaskForce: LocalizedText(zh: "攻坚小组", en: "Zone/street task force")
        case .serviceTeam: LocalizedText(zh: "实体经济服务员工作队", en: "Real-economy service team")
        case .publicMember: LocalizedText(zh: "社会公众", en: "The public")
        case .system: LocalizedText(zh: "系统", en: "System")
        }
    }
}
