import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes

/// `GET /diagnosis/:id` and `POST /diagnosis/:id` (`action=save|submit`): the firm fills in its
/// draft. Save keeps it (version-checked: a stale page is refused, nothing overwritten); submit
/// scores it — a missing answer is a 422 naming the question, nothing written — and stores the
/// result with the on-site case the campaign's rule demands, in one transaction.
struct CampaignQuestionnaireHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (record, firm) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(
            try context.parameters.require("id"))
        if record.status == .submitted { return .redirect("/diagnosis/\(record.id)/report") }
        let saved = request.uri.queryParameters.get("saved") == "1"
        let evidence = try await services.store.diagnoses.evidence(diagnosisId: record.id, programmeId: record.programmeId)
        return try render(
            context, identity, record: record, firm: firm, answers: record.answers, version: record.version, evidence: evidence,
            flash: saved ? Flash(kind: .ok, text: CampaignText.saved.text(context.language)) : nil)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, record: DiagnosisRecord, firm: DiagnosisFirm,
        answers: AnsweredDiagnosis, version: Int, evidence: [DiagnosisEvidence], flash: Flash?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/diagnosis/\(record.id)")
        let sheets = answers.sheets.compactMap { sheet in
            services.diagnosis.questionnaire(id: sheet.questionnaire.id, version: sheet.questionnaire.version).map {
                (questionnaire: $0, answers: sheet)
            }
        }
        let model = sheets.first.flatMap { services.diagnosis.model($0.questionnaire.model) }
        let html = CampaignQuestionnaireView(layout: layout).render(
            record: record, firm: firm, sheets: sheets, model: model, version: version, evidence: evidence, flash: flash)
        return .html(html, status: status)
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let (record, firm, settings) = try await draft(identity, try context.parameters.require("id"))
        guard let text = form["version"], text.count <= 9, let version = Int(text), version > 0 else {
            throw AppError(.badRequest, code: "bad_version", message: CampaignText.badVersion)
        }
        let answers = try CampaignAnswersForm.read(form, into: record.answers, catalogue: services.diagnosis)
        switch try await answer(
            form["action"] ?? "", record: record, settings: settings, answers: answers, version: version, identity)
        {
        case .saved: return .redirect("/diagnosis/\(record.id)?saved=1")
        case .submitted: return .redirect("/diagnosis/\(record.id)/report")
        case .refused(let error, let shown, let current):
            // A stale page shows the saved draft (never the page's answers over it) and says why.
            let evidence = try await services.store.diagnoses.evidence(diagnosisId: record.id, programmeId: record.programmeId)
            return try render(
                context, identity, record: record, firm: firm, answers: shown, version: current, evidence: evidence,
                flash: Flash(kind: .error, text: error.message.text(context.language)), status: error.status)
        }
    }

    /// The signed-in firm's draft `id` with its campaign's settings: 404 when it is not the firm's
    /// own or not a campaign, 409 once submitted.
    func draft(_ identity: Identity, _ id: String) async throws -> (DiagnosisRecord, DiagnosisFirm, DiagnosisSettings) {
        let (record, firm) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(id)
        guard let settings = try await CampaignAccess.campaign(services, identity)?.1 else {
            throw AppError.notFound(CampaignText.noCampaign)
        }
        guard record.status == .draft else {
            throw AppError(.conflict, code: "submitted", message: CampaignText.alreadySubmitted)
        }
        return (record, firm, settings)
    }

    /// What saving or submitting answers came to.
    enum Answered {
        case saved(version: Int)
        case submitted(DiagnosisRecord)
        /// Refused, nothing written: the error, and the answers and version to show again.
        case refused(AppError, AnsweredDiagnosis, Int)
    }

    /// Saves (`save`) or scores and submits (`submit`) a draft's answers — the page's and the API's
    /// one rule. Save keeps the draft version-checked; submit refuses a missing answer (422 naming
    /// the question) and opens the on-site case the campaign's rule demands, in one transaction.
    func answer(
        _ action: String, record: DiagnosisRecord, settings: DiagnosisSettings, answers: AnsweredDiagnosis, version: Int,
        _ identity: Identity
    ) async throws -> Answered {
        switch action {
        case "save":
            switch try await services.store.diagnoses.saveDraft(
                id: record.id, programmeId: record.programmeId, answers: answers, expectedVersion: version)
            {
            case .success(let version): return .saved(version: version)
            case .failure(let refusal): return try refused(refusal, record: record)
            }
        case "submit":
            let scored: ScoredDiagnosis
            do {
                scored = try answers.score(in: services.diagnosis)
            } catch {
                let message = CampaignAnswersForm.message(error, answered: answers, catalogue: services.diagnosis)
                return .refused(AppError(.unprocessableContent, code: "not_answered", message: message), answers, version)
            }
            let reason = settings.offline.sendsOffline(grade: scored.base.grade) ? "rule" : nil
            switch try await services.store.diagnoses.submit(
                id: record.id, programmeId: record.programmeId, answers: answers, scored: scored, expectedVersion: version,
                offlineReason: reason, by: identity.changeActor)
            {
            case .success(let submitted): return .submitted(submitted)
            case .failure(let refusal): return try refused(refusal, record: record)
            }
        default:
            throw AppError(.badRequest, code: "bad_action", message: CampaignText.badAction)
        }
    }

    /// A stale page gets the saved draft back (never its answers over it) and the reason.
    func refused(_ refusal: DiagnosisChangeRefusal, record: DiagnosisRecord) throws -> Answered {
        switch refusal {
        case .alreadySubmitted: throw AppError(.conflict, code: "submitted", message: CampaignText.alreadySubmitted)
        case .staleVersion(let current):
            return .refused(AppError(.conflict, code: "stale_version", message: CampaignText.stale), record.answers, current)
        }
    }
}
