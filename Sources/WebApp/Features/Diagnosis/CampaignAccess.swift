import Diagnosis
import PilotDomain
import PilotStore
import Programmes

/// Who reaches a campaign firm's reports and file (issue #14), on the scope model of issue #12:
/// the firm's own people; its group headquarters' people; officials and service teams whose
/// division grant covers the firm's division, or whose grant is programme-wide; the provider
/// assigned to one of its on-site diagnoses. Everyone else gets 404, so ids and codes reveal nothing.
struct CampaignAccess {
    let identity: Identity
    let services: AppServices

    static let officials: Set<Role> = [.districtOfficial, .serviceTeam, .leadership, .admin]

    /// The organisation an enterprise grant names (the firm's own account).
    var enterpriseOrganisation: String? {
        for grant in identity.actor.grants where grant.role == .enterprise {
            if case .organisation(let id) = grant.scope { return id }
        }
        return nil
    }

    /// An official's or a service team's grant reaching the firm's division.
    func officialReaches(_ divisionCode: String) -> Bool {
        identity.actor.grants.contains { grant in
            guard Self.officials.contains(grant.role) else { return false }
            if AccessPolicy.isProgrammeWide(grant, in: identity) { return true }
            guard case .division(let code) = grant.scope, let node = DivisionCode(code), let at = DivisionCode(divisionCode)
            else { return false }
            return node.covers(at)
        }
    }

    func reads(_ firm: DiagnosisFirm) async throws -> Bool {
        guard firm.programmeId == identity.programmeId else { return false }
        if officialReaches(firm.divisionCode) { return true }
        if let organisation = enterpriseOrganisation {
            if firm.organisationId == organisation { return true }
            if let group = firm.groupUSCC,
                let own = try await services.store.parties.organisation(organisation, programmeId: identity.programmeId),
                own.uscc == group
            {
                return true
            }
        }
        if identity.actor.grants.contains(where: { $0.role == .digitalProvider }),
            let organisation = identity.account.organisationId
        {
            let offline = try await services.store.diagnoses.offlineDiagnoses(programmeId: firm.programmeId, uscc: firm.uscc)
            return offline.contains { $0.providerOrganisationId == organisation }
        }
        return false
    }

    /// The firm's own people (who fill in, ask for an on-site diagnosis and give feedback).
    func isFirm(_ firm: DiagnosisFirm) -> Bool {
        firm.programmeId == identity.programmeId && firm.organisationId != nil
            && firm.organisationId == enterpriseOrganisation
    }

    /// The campaign the person acts in, with its settings; nil when it is not a diagnosis campaign.
    static func campaign(_ services: AppServices, _ identity: Identity) async throws -> (Programme, DiagnosisSettings)? {
        guard let programme = try await services.store.programmes.programme(id: identity.programmeId),
            let settings = programme.definition?.diagnosis
        else { return nil }
        return (programme, settings)
    }

    /// The diagnosis `id` of the acting campaign with its firm, when the person reaches it; 404 otherwise.
    func diagnosis(_ id: String) async throws -> (DiagnosisRecord, DiagnosisFirm) {
        guard id.count <= 64,
            let record = try await services.store.diagnoses.diagnosis(id: id, programmeId: identity.programmeId),
            let firm = try await services.store.diagnoses.firm(programmeId: record.programmeId, uscc: record.uscc),
            try await reads(firm)
        else { throw AppError.notFound(CampaignText.diagnosisNotFound) }
        return (record, firm)
    }

    /// The diagnosis `id` when it is the signed-in firm's own; 404 otherwise.
    func ownDiagnosis(_ id: String) async throws -> (DiagnosisRecord, DiagnosisFirm) {
        guard id.count <= 64,
            let record = try await services.store.diagnoses.diagnosis(id: id, programmeId: identity.programmeId),
            let firm = try await services.store.diagnoses.firm(programmeId: record.programmeId, uscc: record.uscc),
            isFirm(firm)
        else { throw AppError.notFound(CampaignText.diagnosisNotFound) }
        return (record, firm)
    }
}
