import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// `GET /diagnosis/firms/:uscc` (建档立卡): a firm's file — its roster record, every diagnosis
/// round, every on-site diagnosis with the verified grade beside the self-assessed one, and the
/// feedback it gave; for whoever reaches the firm (`CampaignAccess`), 404 for everyone else.
struct CampaignFirmFileHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let uscc = try context.parameters.require("uscc")
        guard uscc.count <= 18, let (_, settings) = try await CampaignAccess.campaign(services, identity),
            let firm = try await services.store.diagnoses.firm(programmeId: identity.programmeId, uscc: uscc),
            try await CampaignAccess(identity: identity, services: services).reads(firm)
        else { throw AppError.notFound(CampaignText.firmFile) }
        let store = services.store.diagnoses
        let rounds = try await store.diagnoses(programmeId: firm.programmeId, uscc: firm.uscc)
        let offline = try await store.offlineDiagnoses(programmeId: firm.programmeId, uscc: firm.uscc)
        let feedback = try await store.feedback(programmeId: firm.programmeId, uscc: firm.uscc)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/diagnosis/firms/\(uscc)")
        return .html(
            CampaignFirmFileView(layout: layout, divisions: services.divisions).render(
                firm: firm, settings: settings, rounds: rounds, offline: offline, feedback: feedback))
    }
}
