import Foundation
import PilotDomain

/// The three parties who sign a task book (domain.md §2.6), and so sign a large amendment of it again.
public enum SigningParty: String, Sendable, Hashable, Codable, CaseIterable {
    case authority
    case provider
    case enterprise

    public var label: LocalizedText {
        switch self {
        case .authority: LocalizedText(zh: "主管部门", en: "Authority")
        case .provider: LocalizedText(zh: "服务商", en: "Provider")
        case .enterprise: LocalizedText(zh: "企业", en: "Enterprise")
        }
    }
}

/// Where an amendment stands. `draft → submitted → districtApproved → effective` for a large one
/// (all three parties sign between the last two); a small one goes from `submitted` straight to
/// `effective` on the district's approval. `rejected` and `withdrawn` end it unchanged.
public enum AmendmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case submitted
    case districtApproved = "district_approved"
    case effective
    case rejected
    case withdrawn

    /// Submitted and not yet decided for good.
    public var isPending: Bool { self == .submitted || self == .districtApproved }

    public var label: LocalizedText {
        switch self {
        case .draft: LocalizedText(zh: "草稿", en: "Draft")
        case .submitted: LocalizedText(zh: "已提交，待区级审批", en: "Submitted, awaiting the district")
        case .districtApproved: LocalizedText(zh: "区级已批准，待三方签字", en: "District approved, awaiting signatures")
        case .effective: LocalizedText(zh: "已生效", en: "Effective")
        case .rejected: LocalizedText(zh: "已驳回", en: "Rejected")
        case .withdrawn: LocalizedText(zh: "已撤回", en: "Withdrawn")
        }
    }
}

/// What an amendment changes; nil leaves that term as it is. Amounts are the project's new totals
/// (not differences), because that is how a revised task book states them.
public struct AmendmentTerms: Sendable, Hashable, Codable {
    /// The new central part of the whole subsidy.
    public var central: Fen?
    /// The new local (matching) part of the whole subsidy.
    public var local: Fen?
    /// The local source paying the local part of the tranches not yet paid.
    public var localSourceId: String?
    /// The task book's new end date, "yyyy-MM-dd".
    public var endDate: String?
    public var scope: String?

    public init(
        central: Fen? = nil, local: Fen? = nil, localSourceId: String? = nil, endDate: String? = nil, scope: String? = nil
    ) {
        self.central = central
        self.local = local
        self.localSourceId = localSourceId
        self.endDate = endDate
        self.scope = scope
    }

    public var isEmpty: Bool { central == nil && local == nil && localSourceId == nil && endDate == nil && scope == nil }
}

/// One amendment of a project's task book, its own record beside the project (never an edit of
/// the award): who proposed it, why, what it changes, who decided and signed.
public struct Amendment: Sendable, Hashable, Codable, Identifiable {
    /// 1, 2, … across the programme, in the order proposed.
    public let number: Int
    public let projectId: String
    public let terms: AmendmentTerms
    public let reason: String
    public let preparer: Officer
    public let preparedAt: Date
    public internal(set) var status: AmendmentStatus
    /// Set on submission: the change of the matching amount or the reallocation above the
    /// programme's threshold that makes it need the three signatures; nil for a small one.
    public internal(set) var largeBecause: AmendmentScale?
    public internal(set) var districtApprover: Officer?
    public internal(set) var signatures: [SigningParty: String]
    public internal(set) var decidedAt: Date?
    public internal(set) var rejection: String?

    public var id: Int { number }

    /// A large amendment submitted and not yet effective: the project's next tranche waits for it.
    public var blocksTranches: Bool { status.isPending && largeBecause != nil }

    public var missingSignatures: [SigningParty] { SigningParty.allCases.filter { signatures[$0] == nil } }
}

/// Why an amendment is large, with the figures the officers need to see it.
public enum AmendmentScale: Sendable, Hashable, Codable {
    /// The local (matching) part changes.
    case matchingChanged(from: Fen, to: Fen)
    /// Central changes and local money moved to another source add up to more than the threshold.
    case reallocation(moved: Fen, limit: Fen)

    public var label: LocalizedText {
        switch self {
        case .matchingChanged(let from, let to):
            LocalizedText(
                zh: "地方配套金额由 \(from.yuanText) 元改为 \(to.yuanText) 元",
                en: "the matching (local) amount changes from ¥\(from.yuanText) to ¥\(to.yuanText)")
        case .reallocation(let moved, let limit):
            LocalizedText(
                zh: "调整金额 \(moved.yuanText) 元超过核定补助的限额 \(limit.yuanText) 元",
                en: "¥\(moved.yuanText) reallocated exceeds the limit of ¥\(limit.yuanText)")
        }
    }
}
