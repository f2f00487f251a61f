import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes

/// `GET /diagnosis`: the signed-in firm's page — its roster record, the draft to resume or the
/// button to start, every past round, the reminders sent to it, and for a group headquarters its
/// member firms. `POST /diagnosis/start`: starts (or resumes) the firm's draft on its group's latest
/// questionnaire and the modules it ticks.
struct CampaignFirmHandlers {
    let services: AppServices

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    /// The signed-in firm of the acting campaign (nil: not a campaign, or the organisation is not on its roster).
    func ownFirm(_ identity: Identity) async throws -> DiagnosisFirm? {
        guard let organisation = CampaignAccess(identity: identity, services: services).enterpriseOrganisation else {
            return nil
        }
        return try await services.store.diagnoses.firm(programmeId: identity.programmeId, organisationId: organisation)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = CampaignFirmView(layout: layout(context, identity, "/diagnosis"), divisions: services.divisions)
        guard let (_, settings) = try await CampaignAccess.campaign(services, identity) else {
            return .html(view.notice(CampaignText.notACampaign))
        }
        guard let firm = try await ownFirm(identity) else { return .html(view.notice(CampaignText.notOnThisRoster)) }
        let rounds = try await services.store.diagnoses.diagnoses(programmeId: firm.programmeId, uscc: firm.uscc)
        let reminders = try await services.store.diagnoses.reminders(
            programmeId: firm.programmeId, targetKind: .firm, target: firm.uscc)
        var members: [DiagnosisFirm] = []
        var query = FirmQuery(programmeId: firm.programmeId)
        query.groupUSCC = firm.uscc
        query.limit = 500
        members = try await services.store.diagnoses.firms(query).firms.filter { $0.uscc != firm.uscc }
        let modules = settings.modules.compactMap { services.diagnosis.latest($0) }
        return .html(
            view.render(
                firm: firm, settings: settings, rounds: rounds, reminders: reminders, members: members, modules: modules,
                flash: nil))
    }

    func start(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let ticked = (form["modules"] ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        return .redirect("/diagnosis/\(try await start(identity, modules: ticked))")
    }

    /// Starts the signed-in firm's draft on its group's latest questionnaire and the `modules` it
    /// ticks, or resumes the draft it has (the page's and the API's one rule); the draft's id. 404
    /// off a campaign's roster, 422 for a module the campaign does not offer.
    func start(_ identity: Identity, modules ticked: [String]) async throws -> String {
        guard let (_, settings) = try await CampaignAccess.campaign(services, identity),
            let firm = try await ownFirm(identity)
        else { throw AppError.notFound(CampaignText.noCampaign) }
        if let draft = firm.draftId { return draft }
        guard let group = settings.group(firm.industryGroup), let questionnaire = services.diagnosis.latest(group.questionnaire)
        else { throw AppError(.unprocessableContent, code: "no_questionnaire", message: CampaignText.questionnaireMissing) }
        var modules: [QuestionnaireKey] = []
        for id in Set(ticked).sorted() {
            guard settings.modules.contains(id), let module = services.diagnosis.latest(id) else {
                throw AppError(.unprocessableContent, code: "unknown_module", message: CampaignText.unknownModule)
            }
            modules.append(module.key)
        }
        let record = try await services.store.diagnoses.startDiagnosis(
            id: services.store.ids.make("dia"), firm: firm, questionnaire: questionnaire.key, modules: modules,
            by: identity.changeActor)
        return record.id
    }
}
