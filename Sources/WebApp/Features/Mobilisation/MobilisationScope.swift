import PilotDomain

/// Which zones a person's mobilisation pages reach: a grant over the whole programme reaches every
/// zone; a task force's or a district official's grant at a division node reaches that node's
/// subtree (the demo's `taskforce`: TEDA only). Firms out of reach answer 404.
struct MobilisationScope {
    let identity: Identity

    static let roles: Set<Role> = [.zoneTaskForce, .districtOfficial, .leadership, .admin]

    /// nil: the whole programme; otherwise the nodes reached (possibly none).
    var divisions: [DivisionCode]? {
        let grants = identity.actor.grants.filter { Self.roles.contains($0.role) }
        if grants.contains(where: { AccessPolicy.isProgrammeWide($0, in: identity) }) { return nil }
        return grants.compactMap { grant in
            guard case .division(let code) = grant.scope else { return nil }
            return DivisionCode(code)
        }
    }

    func reaches(_ divisionCode: String) -> Bool {
        guard let nodes = divisions else { return true }
        guard let code = DivisionCode(divisionCode) else { return false }
        return nodes.contains { $0.covers(code) }
    }
}
