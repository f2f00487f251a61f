import PilotDomain
import PilotStore

/// Who may do what with a session: the organiser's own people and the bureau over the whole
/// programme manage it (its list of names, its attendance); an enterprise sees its own people; others
/// see the session and its counts only.
struct TrainingAccess {
    let identity: Identity

    static let bureau: Set<Role> = [.districtOfficial, .admin]

    /// The bureau over the whole programme.
    var isBureau: Bool {
        identity.actor.grants.contains { Self.bureau.contains($0.role) && AccessPolicy.isProgrammeWide($0, in: identity) }
    }

    func manages(_ session: TrainingSession) -> Bool {
        guard session.programmeId == identity.programmeId, AccessPolicy.allows(identity, .trainingManage) else { return false }
        return isBureau || identity.account.organisationId == session.organiserId
    }

    /// The enterprise the person registers for (nil: not an enterprise's person).
    var enterpriseId: String? {
        guard AccessPolicy.allows(identity, .trainingRegister) else { return nil }
        return identity.account.organisationId
    }
}
