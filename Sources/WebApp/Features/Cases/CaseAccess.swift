import PilotDomain
import PilotStore

/// Which cases a person reaches and what they may do to one, on the scope model of the projects
/// (issue #12): a programme-wide grant of an official (leadership, district, administrator,
/// management provider) reaches every case of the programme; a district official's grant at a
/// division node reaches the cases beneath it (`DivisionCode.covers`, the same code ranges in SQL);
/// an enterprise, provider or contractor reaches the cases its own organisation proposed or is the
/// subject of. A case out of reach answers 404, so ids reveal nothing.
struct CaseAccess {
    let identity: Identity

    static let officials: Set<Role> = [.districtOfficial, .leadership, .admin, .managementProvider]
    static let organisations: Set<Role> = [.enterprise, .digitalProvider, .mainContractor]

    var grants: [RoleGrant] { identity.actor.grants }

    var reach: CaseReach {
        if grants.contains(where: { Self.officials.contains($0.role) && AccessPolicy.isProgrammeWide($0, in: identity) }) {
            return .programme
        }
        let own = grants.contains { Self.organisations.contains($0.role) } ? identity.account.organisationId : nil
        return .limited(divisions: districtNodes, organisationId: own)
    }

    /// The division nodes of the person's district grants (programme-wide ones aside).
    var districtNodes: [DivisionCode] {
        grants.compactMap { grant -> DivisionCode? in
            guard grant.role == .districtOfficial, case .division(let code) = grant.scope else { return nil }
            return DivisionCode(code)
        }
    }

    func reaches(_ record: CaseRecord) -> Bool {
        guard record.programmeId == identity.programmeId else { return false }
        switch reach {
        case .programme: return true
        case .limited(let divisions, let organisation):
            if let organisation, record.proposerOrganisationId == organisation || record.subjectOrganisationId == organisation {
                return true
            }
            return covers(divisions, record.divisionCode)
        }
    }

    /// A district official with a programme-wide grant, or whose node covers `code`.
    func districtCovers(_ code: String) -> Bool {
        grants.contains { grant in
            guard grant.role == .districtOfficial else { return false }
            if AccessPolicy.isProgrammeWide(grant, in: identity) { return true }
            guard case .division(let node) = grant.scope, let node = DivisionCode(node) else { return false }
            return covers([node], code)
        }
    }

    var isDistrictOfficial: Bool { grants.contains { $0.role == .districtOfficial } }

    func reviews(_ record: CaseRecord) -> Bool { districtCovers(record.divisionCode) }

    /// Leadership or the office (the administrator), programme-wide.
    var decides: Bool { AccessPolicy.allows(identity, .casesDecide) }

    func isProposer(_ record: CaseRecord) -> Bool { record.proposerUserId == identity.account.id }

    func covers(_ nodes: [DivisionCode], _ code: String) -> Bool {
        guard let code = DivisionCode(code) else { return false }
        return nodes.contains { $0.covers(code) }
    }
}
