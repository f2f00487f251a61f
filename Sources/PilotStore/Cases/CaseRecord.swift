import Foundation
import PilotDomain

/// What a case of the register is (policy 004 §三: "10+20", "6+", "5+"; §四(九)(十)).
public enum CaseKind: String, Sendable, CaseIterable, Codable {
    /// 典型案例: its subject is a region (zone, district), an enterprise or a provider.
    case typical
    /// 链式转型案例: the chain leader enterprise and the SMEs it drives — one chain, one case.
    case chain
    /// 数字化车间.
    case workshop
    /// 智能工厂.
    case factory
    /// 标杆企业.
    case benchmark
    /// 特色做法和模式: a distinctive practice, recorded like a case.
    case practice

    /// The kinds the "数字化车间、智能工厂、标杆企业" target counts, each shown.
    public static let benchmarkKinds: [CaseKind] = [.workshop, .factory, .benchmark]
}

/// Whom or what a case is about.
public enum CaseSubjectKind: String, Sendable, CaseIterable, Codable {
    case region, enterprise, provider
}

/// The steps of a case: proposed → under review (the district) → selected or not selected
/// (leadership or the office, with the opinion) → published (the public page); withdrawn from any
/// step before the end.
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
    case proposed
    case underReview = "under_review"
    case selected
    case notSelected = "not_selected"
    case published
    case withdrawn

    /// Selected, and still so once published: what the programme's targets count.
    public static let counted: Set<CaseStatus> = [.selected, .published]
    /// No step leads out of these.
    public var isFinal: Bool { self == .notSelected || self == .withdrawn }
}

/// A measured result: one indicator before and after, as typed (checked decimal numbers).
public struct CaseResult: Sendable, Hashable, Codable {
    public var indicator: String
    public var unit: String
    public var before: String
    public var after: String

    public init(indicator: String, unit: String, before: String, after: String) {
        self.indicator = indicator
        self.unit = unit
        self.before = before
        self.after = after
    }
}

/// A chain case's member SME (an enterprise of the programme), by organisation, with the name it
/// had when the case was written.
public struct CaseMember: Sendable, Hashable, Codable {
    public var organisationId: String
    public var name: String

    public init(organisationId: String, name: String) {
        self.organisationId = organisationId
        self.name = name
    }
}

/// The structured content of a case. Decoding tolerates absent keys (cases migrated from the old
/// selections carry only their project).
public struct CaseContent: Sendable, Hashable, Codable {
    public var problem: String = ""
    public var solution: String = ""
    /// Catalogue products used (`provider_products.id`) with their names when chosen.
    public var products: [CaseMember] = []
    public var investmentFen: Int64?
    public var results: [CaseResult] = []
    /// A chain case's SMEs (the leader is the case's subject).
    public var members: [CaseMember] = []
    /// Linked projects of any stage (`workflow_instances.id`).
    public var projects: [String] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case problem, solution, products, investmentFen = "investment_fen", results, members, projects
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        problem = try container.decodeIfPresent(String.self, forKey: .problem) ?? ""
        solution = try container.decodeIfPresent(String.self, forKey: .solution) ?? ""
        products = try container.decodeIfPresent([CaseMember].self, forKey: .products) ?? []
        investmentFen = try container.decodeIfPresent(Int64.self, forKey: .investmentFen)
        results = try container.decodeIfPresent([CaseResult].self, forKey: .results) ?? []
        members = try container.decodeIfPresent([CaseMember].self, forKey: .members) ?? []
        projects = try container.decodeIfPresent([String].self, forKey: .projects) ?? []
    }
}

/// A case as stored.
public struct CaseRecord: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var kind: CaseKind
    public var subjectKind: CaseSubjectKind
    /// The enterprise or provider the case is about (nil for a region).
    public var subjectOrganisationId: String?
    public var subjectName: String
    /// Where the case belongs: the region itself, or the subject's division (the district's reach).
    public var divisionCode: String
    public var title: String
    public var status: CaseStatus
    public var proposerUserId: String
    public var proposerName: String
    public var proposerOrganisationId: String?
    public var reviewNote: String
    public var decisionNote: String
    public var content: CaseContent
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, programmeId: String, kind: CaseKind, subjectKind: CaseSubjectKind, subjectOrganisationId: String?,
        subjectName: String, divisionCode: String, title: String, status: CaseStatus = .proposed, proposerUserId: String,
        proposerName: String, proposerOrganisationId: String?, reviewNote: String = "", decisionNote: String = "",
        content: CaseContent, version: Int = 1, createdAt: Date = Date(timeIntervalSince1970: 0),
        updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.programmeId = programmeId
        self.kind = kind
        self.subjectKind = subjectKind
        self.subjectOrganisationId = subjectOrganisationId
        self.subjectName = subjectName
        self.divisionCode = divisionCode
        self.title = title
        self.status = status
        self.proposerUserId = proposerUserId
        self.proposerName = proposerName
        self.proposerOrganisationId = proposerOrganisationId
        self.reviewNote = reviewNote
        self.decisionNote = decisionNote
        self.content = content
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One step of a case's history: who, when, from which step to which, the note.
public struct CaseEvent: Sendable, Hashable {
    public var action: String
    public var fromStatus: CaseStatus?
    public var toStatus: CaseStatus
    public var note: String
    public var byUserId: String
    public var byName: String
    public var at: Date
}

/// A step of the workflow, checked against the case as it stands under its row's lock.
public enum CaseStep: Sendable, Hashable {
    /// The district takes the case up with its review opinion.
    case review(note: String)
    /// Leadership or the office: selected (true) or not, with the opinion.
    case decide(selected: Bool, note: String)
    case publish(note: String)
    case withdraw(note: String)

    public var action: String {
        switch self {
        case .review: "review"
        case .decide(let selected, _): selected ? "select" : "not_select"
        case .publish: "publish"
        case .withdraw: "withdraw"
        }
    }

    public var note: String {
        switch self {
        case .review(let note), .decide(_, let note), .publish(let note), .withdraw(let note): note
        }
    }

    /// Why a step was refused; nothing is written.
    public enum Refusal: Error, Sendable, Hashable {
        /// The case is not at a step this one follows.
        case wrongStatus(CaseStatus)
        /// Four eyes: the person who proposed the case cannot select it.
        case proposerDecides
    }

    /// Applies the step to `record` (status and notes), or refuses it.
    public func apply(to record: inout CaseRecord, by userId: String) throws(Refusal) {
        switch self {
        case .review(let note):
            guard record.status == .proposed else { throw .wrongStatus(record.status) }
            record.status = .underReview
            record.reviewNote = note
        case .decide(let selected, let note):
            guard record.status == .underReview else { throw .wrongStatus(record.status) }
            guard record.proposerUserId != userId else { throw .proposerDecides }
            record.status = selected ? .selected : .notSelected
            record.decisionNote = note
        case .publish:
            guard record.status == .selected else { throw .wrongStatus(record.status) }
            record.status = .published
        case .withdraw:
            guard !record.status.isFinal else { throw .wrongStatus(record.status) }
            record.status = .withdrawn
        }
    }
}

/// A photo or document of a case: bytes in the database with the row, SHA-256 checked on every
/// download, as project attachments (migration 20).
public struct CaseDocument: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var caseId: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, programmeId: String, caseId: String, fileName: String, contentType: String, size: Int, sha256: String,
        uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.caseId = caseId
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}
