import Diagnosis
import PilotDomain
import PilotStore

/// What we hold about an enterprise that a policy can ask for (`PolicyProfiles` reads it).
struct EnterpriseProfile: Sendable, Hashable {
    var subIndustryId: String?
    var divisionCode: String?
    /// The latest level: on-site assessed, else at diagnosis, else given at registration.
    var level: Int?
    var size: EnterpriseSize?
    var flags: Set<EnterpriseFlag>
}

/// Precise matching (政策精准匹配, 004 §四(三)): pure. A policy reaches an enterprise when every
/// criterion it sets holds; an empty criterion means "any", and a criterion set on something we do
/// not know about the enterprise (no level yet, no size) does not hold. The answer names each
/// criterion that matched, so the enterprise reads why the policy is for it.
enum PolicyMatch {
    enum Reason: Sendable, Hashable {
        case subIndustry(String)
        case level(Int)
        case size(EnterpriseSize)
        case division(String)
        case flag(EnterpriseFlag)
        /// The policy sets no criterion: it is for every enterprise.
        case everyone
    }

    /// The reasons the policy applies, or nil when it does not.
    static func reasons(_ criteria: PolicyCriteria, _ profile: EnterpriseProfile) -> [Reason]? {
        var reasons: [Reason] = []
        if !criteria.subIndustryIds.isEmpty {
            guard let own = profile.subIndustryId, criteria.subIndustryIds.contains(own) else { return nil }
            reasons.append(.subIndustry(own))
        }
        if criteria.minLevel != nil || criteria.maxLevel != nil {
            guard let level = profile.level, level >= (criteria.minLevel ?? 0), level <= (criteria.maxLevel ?? 4) else {
                return nil
            }
            reasons.append(.level(level))
        }
        if !criteria.sizes.isEmpty {
            guard let size = profile.size, criteria.sizes.contains(size) else { return nil }
            reasons.append(.size(size))
        }
        if !criteria.divisionCodes.isEmpty {
            guard let own = profile.divisionCode.flatMap(DivisionCode.init),
                let node = criteria.divisionCodes.first(where: { DivisionCode($0)?.covers(own) ?? false })
            else { return nil }
            reasons.append(.division(node))
        }
        for flag in criteria.flags {
            guard profile.flags.contains(flag) else { return nil }
            reasons.append(.flag(flag))
        }
        return reasons.isEmpty ? [.everyone] : reasons
    }
}
