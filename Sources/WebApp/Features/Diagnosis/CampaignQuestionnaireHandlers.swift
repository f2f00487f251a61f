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
        let (record, firm) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(
            try context.parameters.require("id"))
        guard let settings = try await CampaignAccess.campaign(services, identity)?.1 else {
            throw AppError.notFound(CampaignText.noCampaign)
        }
        guard record.status == .draft else {
            throw AppError(.conflict, code: "submitted", message: CampaignText.alreadySubmitted)
        }
        guard let text = form["version"], text.count <= 9, let version = Int(text), version > 0 else {
            throw AppError(.badRequest, code: "bad_version", message: CampaignText.badVersion)
        }
        let answers = try CampaignAnswersForm.read(form, into: record.answers, catalogue: services.diagnosis)
        let language = context.language
        let evidence = try await services.store.diagnoses.evidence(diagnosisId: record.id, programmeId: record.programmeId)
        func again(
            _ message: LocalizedText, _ status: HTTPResponse.Status, answers shown: AnsweredDiagnosis, version: Int
        ) throws
            -> Response
        {
            try render(
                context, identity, record: record, firm: firm, answers: shown, version: version, evidence: evidence,
                flash: Flash(kind: .error, text: message.text(language)), status: status)
        }
        switch form["action"] ?? "" {
        case "save":
            switch try await services.store.diagnoses.saveDraft(
                id: record.id, programmeId: record.programmeId, answers: answers, expectedVersion: version)
            {
            case .success: return .redirect("/diagnosis/\(record.id)?saved=1")
            case .failure(let refusal): return try refused(refusal, again: again, record: record)
            }
        case "submit":
            let scored: ScoredDiagnosis
            do {
                scored = try answers.score(in: services.diagnosis)
            } catch {
                let message = CampaignAnswersForm.message(error, answered: answers, catalogue: services.diagnosis)
                return try again(message, .unprocessableContent, answers: answers, version: version)
            }
            let reason = settings.offline.sendsOffline(grade: scored.base.grade) ? "rule" : nil
            switch try await services.store.diagnoses.submit(
                id: record.id, programmeId: record.programmeId, answers: answers, scored: scored, expectedVersion: version,
                offlineReason: reason, by: identity.changeActor)
            {
            case .success: return .redirect("/diagnosis/\(record.id)/report")
            case .failure(let refusal): return try refused(refusal, again: again, record: record)
            }
        default:
            throw AppError(.badRequest, code: "bad_action", message: CampaignText.badAction)
        }
    }

    /// A stale page shows the saved draft (never the page's answers over it) and says why.
    func refused(
        _ refusal: DiagnosisChangeRefusal,
        again: (LocalizedText, HTTPResponse.Status, AnsweredDiagnosis, Int) throws -> Response, record: DiagnosisRecord
    ) throws -> Response {
        switch refusal {
        case .alreadySubmitted: throw AppError(.conflict, code: "submitted", message: CampaignText.alreadySubmitted)
        case .staleVersion(let current):
            return try again(CampaignText.stale, .conflict, record.answers, current)
        }
    }
}
