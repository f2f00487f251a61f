import Foundation
import PilotDomain

/// One provider's place in a city's pool (policy 002) and the rules that move it: annual grades,
/// complaints and removal. Pure: the store keeps the member and its history; this decides.
public struct PoolMember: Sendable, Hashable, Codable {
    public enum Standing: Sendable, Hashable, Codable {
        /// In the pool: may be named on plans, publish products, apply as main contractor.
        case admitted
        /// Out of the pool, published with its reason (第八条).
        case removed(RemovalReason)
    }

    public struct Complaint: Sendable, Hashable, Codable {
        public var id: String
        /// Whether the district's investigation confirmed it (核实确认属实); nil while open.
        public var verified: Bool?
    }

    public var standing: Standing = .admitted
    /// The grade of each evaluated year.
    public var grades: [Int: ProviderGrade] = [:]
    /// The score behind each year's grade, for the published results (nil in records kept before
    /// scores were; optional so those still read).
    public var scores: [Int: EvaluationScore]? = nil
    public var complaints: [Complaint] = []

    public init() {}

    /// Complaints needed for removal (第八条(4): 3次或以上).
    public static let complaintsForRemoval = 3

    public var isInGoodStanding: Bool { standing == .admitted }

    /// What a change did: nothing beyond itself, or it also removed the provider.
    public enum Effect: Sendable, Hashable {
        case recorded
        case removed(RemovalReason)
    }

    public enum Refusal: Error, Sendable, Hashable {
        case notInPool
        case gradedAlready(year: Int)
        case unknownComplaint
        case decidedAlready
        case automaticReason

        public var message: LocalizedText {
            switch self {
            case .notInPool: LocalizedText(zh: "该服务商已不在资源池中", en: "The provider is no longer in the pool")
            case .gradedAlready(let year): LocalizedText(zh: "\(year) 年度已评级", en: "\(year) is graded already")
            case .unknownComplaint: LocalizedText(zh: "没有这条投诉", en: "No such complaint")
            case .decidedAlready: LocalizedText(zh: "该投诉已有核实结论", en: "The complaint has been decided already")
            case .automaticReason:
                LocalizedText(
                    zh: "不合格评级和投诉核实属实由系统根据评级和核实结果自动移出，不能手工选择",
                    en:
                        "An unqualified grade and verified complaints remove a provider by themselves; they cannot be chosen by hand"
                )
            }
        }
    }

    /// Records the year's grade; 不合格 removes the provider at once (第八条(2)).
    public mutating func grade(year: Int, score: EvaluationScore) throws(Refusal) -> Effect {
        guard isInGoodStanding else { throw .notInPool }
        guard grades[year] == nil else { throw .gradedAlready(year: year) }
        let grade = ProviderGrade(score)
        grades[year] = grade
        scores = (scores ?? [:]).merging([year: score]) { _, new in new }
        guard grade != .unqualified else {
            standing = .removed(.unqualifiedGrade)
            return .removed(.unqualifiedGrade)
        }
        return .recorded
    }

    /// Files a complaint (by an enterprise, another provider or the public). Complaints may be filed
    /// against a provider already removed: they are kept, and decide nothing more.
    public mutating func fileComplaint(id: String) {
        complaints.append(Complaint(id: id, verified: nil))
    }

    /// The district's finding. The third verified complaint removes the provider (第八条(4)).
    public mutating func decideComplaint(id: String, verified: Bool) throws(Refusal) -> Effect {
        guard let index = complaints.firstIndex(where: { $0.id == id }) else { throw .unknownComplaint }
        guard complaints[index].verified == nil else { throw .decidedAlready }
        complaints[index].verified = verified
        guard isInGoodStanding, verified, verifiedComplaints >= Self.complaintsForRemoval else { return .recorded }
        standing = .removed(.verifiedComplaints)
        return .removed(.verifiedComplaints)
    }

    public var verifiedComplaints: Int { complaints.count { $0.verified == true } }

    /// Removes the provider for a reason an official records with its evidence (or the provider's
    /// own exit). The automatic reasons come only from their facts, never by hand.
    public mutating func remove(_ reason: RemovalReason) throws(Refusal) -> Effect {
        guard !reason.isAutomatic else { throw .automaticReason }
        guard isInGoodStanding else { throw .notInPool }
        standing = .removed(reason)
        return .removed(reason)
    }
}
