import PilotDomain
import PilotStore
import WorkflowEngine

/// Which contracts a person reaches and may change (issue #15), on the scope model of the projects:
/// oversight with a programme-wide grant (the district bureau, leadership, finance, the
/// administrator) reads every contract; a main contractor reads the contracts of its sub-industries;
/// an enterprise and a provider read the contracts their organisation is a party to — so the
/// provider named reads its own and no other provider's. Out of reach answers 404.
struct ContractAccess {
    let identity: Identity

    static let oversight: Set<Role> = [.districtOfficial, .leadership, .financeOfficer, .admin]
    static let parties: Set<Role> = [.enterprise, .digitalProvider, .mainContractor]

    var reach: ContractReach {
        let grants = identity.actor.grants
        if grants.contains(where: { Self.oversight.contains($0.role) && AccessPolicy.isProgrammeWide($0, in: identity) }) {
            return .programme
        }
        let subIndustries = grants.compactMap { grant -> String? in
            guard grant.role == .mainContractor, case .subIndustry(let id) = grant.scope else { return nil }
            return id
        }
        let party = grants.contains { Self.parties.contains($0.role) } ? identity.account.organisationId : nil
        return .limited(subIndustries: subIndustries, organisationId: party)
    }

    func reaches(_ contract: ServiceContract) -> Bool {
        guard contract.programmeId == identity.programmeId else { return false }
        switch reach {
        case .programme: return true
        case .limited(let subIndustries, let organisation):
            return subIndustries.contains(contract.subIndustryId) || contract.clientOrganisationId == organisation
                || contract.providerOrganisationId == organisation
        }
    }

    /// The enterprise of the project and the main contractor of its sub-industry register and
    /// change its contracts, invoices, vouchers and investment list (004 §四(三)).
    static func edits(_ actor: Actor, _ instance: InstanceSnapshot) -> Bool {
        actor.grants.contains { grant in
            switch (grant.role, grant.scope) {
            case (.enterprise, .organisation(let id)): id == instance.subjectOrganisationId
            case (.mainContractor, .subIndustry(let id)): id == instance.subIndustryId
            default: false
            }
        }
    }

    /// The side a person acts for on a project's record slots: `enterprise`, `provider` or
    /// `district` (nil: none). Only the side that uploaded a version, or the district, marks it final.
    static func side(_ actor: Actor, _ instance: InstanceSnapshot) -> String? {
        let keys = instance.scopeKeys
        let roles = Set(actor.grants.filter { keys.covers($0) }.map(\.role))
        if roles.contains(.districtOfficial) { return "district" }
        if roles.contains(.enterprise) { return "enterprise" }
        if roles.contains(.mainContractor) || roles.contains(.digitalProvider) { return "provider" }
        return nil
    }
}
