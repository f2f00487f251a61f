import Diagnosis
import Foundation
import PilotDomain

/// An enterprise's size class (大型/中型/小型/微型, the national classification; `Diagnosis.EnterpriseSize`)
/// in words, and read from profiles and spreadsheets.
extension EnterpriseSize {
    public var label: LocalizedText {
        switch self {
        case .large: LocalizedText(zh: "大型", en: "Large")
        case .medium: LocalizedText(zh: "中型", en: "Medium")
        case .small: LocalizedText(zh: "小型", en: "Small")
        case .micro: LocalizedText(zh: "微型", en: "Micro")
        }
    }

    /// From a key or a Chinese name (`小型`, `小`), as profiles and spreadsheets carry it.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let size = EnterpriseSize(rawValue: trimmed.lowercased()) {
            self = size
            return
        }
        guard let size = Self.allCases.first(where: { $0.label.zh == trimmed || String($0.label.zh.prefix(1)) == trimmed })
        else { return nil }
        self = size
    }
}

/// The enterprise types a policy may be for; an enterprise's profile holds each as a flag.
public enum EnterpriseFlag: String, Sendable, Hashable, Codable, CaseIterable {
    case specialised
    case aboveScale = "above_scale"
    case highTech = "high_tech"

    public var label: LocalizedText {
        switch self {
        case .specialised: LocalizedText(zh: "专精特新", en: "Specialised (专精特新)")
        case .aboveScale: LocalizedText(zh: "规上企业", en: "Above-scale")
        case .highTech: LocalizedText(zh: "高新技术企业", en: "High-tech enterprise")
        }
    }
}

/// Who a policy applies to. Each criterion left empty means "any"; the ones given must all hold.
public struct PolicyCriteria: Sendable, Hashable, Codable {
    /// Sub-industry ids of the programme.
    public var subIndustryIds: [String]
    /// Digital level range (domain.md §3: 0 below level 1, then 1–4).
    public var minLevel: Int?
    public var maxLevel: Int?
    public var sizes: [EnterpriseSize]
    /// Division nodes (zones, streets, towns): an enterprise beneath one of them matches.
    public var divisionCodes: [String]
    /// Every flag given must be set on the enterprise.
    public var flags: [EnterpriseFlag]

    public init(
        subIndustryIds: [String] = [], minLevel: Int? = nil, maxLevel: Int? = nil, sizes: [EnterpriseSize] = [],
        divisionCodes: [String] = [], flags: [EnterpriseFlag] = []
    ) {
        self.subIndustryIds = subIndustryIds
        self.minLevel = minLevel
        self.maxLevel = maxLevel
        self.sizes = sizes
        self.divisionCodes = divisionCodes
        self.flags = flags
    }

    public var isOpen: Bool {
        subIndustryIds.isEmpty && minLevel == nil && maxLevel == nil && sizes.isEmpty && divisionCodes.isEmpty && flags.isEmpty
    }
}

/// A policy as published: its document data, full text and who it applies to.
public struct PolicyContent: Sendable, Hashable, Codable {
    public var title: String
    public var issuer: String
    /// 文号, e.g. 津滨工信〔2024〕12号.
    public var documentNumber: String
    /// YYYY-MM-DD (Shanghai).
    public var issuedOn: String
    public var validFrom: String
    /// nil: open-ended.
    public var validTo: String?
    public var body: String
    public var criteria: PolicyCriteria

    public init(
        title: String, issuer: String, documentNumber: String, issuedOn: String, validFrom: String, validTo: String?,
        body: String, criteria: PolicyCriteria
    ) {
        self.title = title
        self.issuer = issuer
        self.documentNumber = documentNumber
        self.issuedOn = issuedOn
        self.validFrom = validFrom
        self.validTo = validTo
        self.body = body
        self.criteria = criteria
    }

    /// In force on `day` (YYYY-MM-DD): from its first day to its last, both included.
    public func inForce(on day: String) -> Bool { validFrom <= day && (validTo.map { day <= $0 } ?? true) }
}

/// A policy as stored.
public struct PolicyRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case published, withdrawn }

    public var id: String
    public var programmeId: String
    public var content: PolicyContent
    public var status: Status
    public var version: Int
    public var publishedAt: Date
    public var updatedAt: Date
}

/// One version of a policy: what it said after the change, and why.
public struct PolicyVersion: Sendable, Hashable {
    public var version: Int
    /// `published`, `edited` or `withdrawn`.
    public var action: String
    public var reason: String
    public var content: PolicyContent
    public var byName: String
    public var at: Date
}
