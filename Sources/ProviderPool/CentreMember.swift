import PilotDomain

/// A member of a consortium building a centre with its lead organisation (第十二条（一）: 联合相关企业、
/// 高校、科研机构和行业组织).
public struct CentreMember: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable, Hashable {
        case enterprise, university
        case researchInstitute = "research_institute"
        case industryOrganisation = "industry_organisation"

        public var label: LocalizedText {
            switch self {
            case .enterprise: LocalizedText(zh: "企业", en: "Enterprise")
            case .university: LocalizedText(zh: "高校", en: "University")
            case .researchInstitute: LocalizedText(zh: "科研机构", en: "Research institute")
            case .industryOrganisation: LocalizedText(zh: "行业组织", en: "Industry organisation")
            }
        }
    }

    public var name: String
    /// Checked with `USCC(validating:)` before it gets here.
    public var uscc: String
    public var kind: Kind

    public init(name: String, uscc: String, kind: Kind) {
        self.name = name
        self.uscc = uscc
        self.kind = kind
    }
}
