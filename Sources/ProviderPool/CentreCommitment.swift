import PilotDomain

/// What a promotion centre (制造业数字化转型促进中心) commits to in its construction plan: the three
/// functions of policy 002 第十条 and the eight key contents of 第十一条. The yearly self-assessment
/// rates the centre against exactly the items it committed to.
public enum CentreCommitment: String, Sendable, CaseIterable, Codable, Hashable, Comparable {
    // 第十条 主要功能
    case resourceIntegration = "resource_integration"
    case ecosystem
    case professionalServices = "professional_services"
    // 第十一条 重点内容
    case assessmentConsulting = "assessment_consulting"
    case solutionDevelopment = "solution_development"
    case projectImplementation = "project_implementation"
    case supplyDemandMatching = "supply_demand_matching"
    case facilitySharing = "facility_sharing"
    case dataSharing = "data_sharing"
    case talentTraining = "talent_training"
    case policyOutreach = "policy_outreach"

    /// The article that names it: 10 (a function) or 11 (a key content).
    public var article: Int { Self.functions.contains(self) ? 10 : 11 }

    /// Its item within the article, 1-based: 第十一条（四）供需对接 is 4.
    public var item: Int {
        let list = article == 10 ? Self.functions : Self.contents
        return list.firstIndex(of: self)! + 1
    }

    public static let functions: [CentreCommitment] = [.resourceIntegration, .ecosystem, .professionalServices]
    public static let contents: [CentreCommitment] = Array(allCases.dropFirst(3))

    public static func < (lhs: CentreCommitment, rhs: CentreCommitment) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var label: LocalizedText {
        switch self {
        case .resourceIntegration: LocalizedText(zh: "资源整合", en: "Resource integration")
        case .ecosystem: LocalizedText(zh: "生态营造", en: "Ecosystem building")
        case .professionalServices: LocalizedText(zh: "专业服务", en: "Professional services")
        case .assessmentConsulting: LocalizedText(zh: "评估咨询", en: "Assessment and consulting")
        case .solutionDevelopment: LocalizedText(zh: "方案开发", en: "Solution development")
        case .projectImplementation: LocalizedText(zh: "项目实施", en: "Project implementation")
        case .supplyDemandMatching: LocalizedText(zh: "供需对接", en: "Matching supply and demand")
        case .facilitySharing: LocalizedText(zh: "设施联通", en: "Shared facilities")
        case .dataSharing: LocalizedText(zh: "数据共享", en: "Data sharing")
        case .talentTraining: LocalizedText(zh: "人才培训", en: "Talent training")
        case .policyOutreach: LocalizedText(zh: "政策宣贯", en: "Policy outreach")
        }
    }

    /// "第十条（一）资源整合" / "Art. 10 (1) Resource integration".
    public var citation: LocalizedText {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"]
        return LocalizedText(
            zh: "第\(article == 10 ? "十" : "十一")条（\(numerals[item - 1])）\(label.zh)", en: "Art. \(article) (\(item)) \(label.en)")
    }
}
