import PilotDomain
import PilotStore

/// Which centres a person reaches and what they may do to one, on the scope model of the projects
/// (issue #12): a programme-wide grant reaches every centre of the programme; a district official's
/// grant at a division node reaches the centres registered beneath it (`DivisionCode.covers`, and the
/// same code ranges in SQL); a provider or contractor reaches the centres its own organisation leads.
/// A centre out of reach answers 404, so ids reveal nothing.
struct CentreAccess {
    let identity: Identity

    static let officials: Set<Role> = [.districtOfficial, .leadership, .admin]
    static let leads: Set<Role> = [.digitalProvider, .mainContractor]

    var reach: CentreReach {
        let grants = identity.actor.grants
        if grants.contains(where: { Self.officials.contains($0.role) && AccessPolicy.isProgrammeWide($0, in: identity) }) {
            return .programme
        }
        let divisions = grants.compactMap { grant -> DivisionCode? in
            guard Self.officials.contains(grant.role), case .division(let code) = grant.scope else { return nil }
            return DivisionCode(code)
        }
        let leading = grants.contains { Self.leads.contains($0.role) } ? identity.account.organisationId : nil
        return .limited(divisions: divisions, leadOrganisationId: leading)
    }

    func reaches(_ record: CentreRecord) -> Bool {
        guard record.programmeId == identity.programmeId else { return false }
        switch reach {
        case .programme: return true
        case .limited(let divisions, let organisation):
            return record.leadOrganisationId == organisation || covers(divisions, record)
        }
    }

    /// The lead organisation's own people (who file, correct and self-assess).
    func isLead(_ record: CentreRecord) -> Bool {
        identity.account.organisationId == record.leadOrganisationId
            && identity.actor.grants.contains { Self.leads.contains($0.role) }
    }

    /// The district official whose grant covers the centre's division (or the whole programme).
    func screens(_ record: CentreRecord) -> Bool {
        identity.actor.grants.contains { grant in
            guard grant.role == .districtOfficial else { return false }
            if AccessPolicy.isProgrammeWide(grant, in: identity) { return true }
            guard case .division(let code) = grant.scope, let node = DivisionCode(code) else { return false }
            return covers([node], record)
        }
    }

    /// The city bureau: a district official with a programme-wide grant.
    var decides: Bool { AccessPolicy.allows(identity, .centresDecide) }

    func covers(_ nodes: [DivisionCode], _ record: CentreRecord) -> Bool {
        guard let code = DivisionCode(record.centre.application.divisionCode) else { return false }
        return nodes.contains { $0.covers(code) }
    }
}
