import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes

/// `GET /diagnosis/:id/report`: a submitted diagnosis's report for whoever reaches the firm
/// (`CampaignAccess`; 404 otherwise), printable on A4. `POST /diagnosis/:id/offline-request`: the
/// firm asks for an on-site diagnosis where its campaign lets it (Tianjin). `POST
/// /diagnosis/:id/feedback`: the firm rates its report.
struct CampaignReportHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let access = CampaignAccess(identity: identity, services: services)
        let (record, firm) = try await access.diagnosis(try context.parameters.require("id"))
        let thanked = request.uri.queryParameters.get("feedback") == "1"
        return try await render(
            context, identity, record: record, firm: firm,
            flash: thanked ? Flash(kind: .ok, text: CampaignText.feedbackSaved.text(context.language)) : nil)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, record: DiagnosisRecord, firm: DiagnosisFirm, flash: Flash?,
        typed: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let data = try await report(identity, record: record, firm: firm)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken,
            path: "/diagnosis/\(record.id)/report")
        return .html(
            CampaignReportView(layout: layout, divisions: services.divisions, catalogue: services.diagnosis).render(
                data, typed: typed, flash: flash),
            status: status)
    }

    /// What a submitted diagnosis's report shows (the page's and the API's one reading): 404 for a
    /// draft or outside a campaign.
    func report(_ identity: Identity, record: DiagnosisRecord, firm: DiagnosisFirm) async throws -> CampaignReportView.Data {
        guard let scored = record.scored, record.status == .submitted,
            let (programme, settings) = try await CampaignAccess.campaign(services, identity)
        else { throw AppError.notFound(CampaignText.diagnosisNotFound) }
        let store = services.store.diagnoses
        let model = services.diagnosis.model(scored.base.model)
        let previous = try await store.diagnoses(programmeId: record.programmeId, uscc: record.uscc)
            .filter { $0.status == .submitted && $0.round < record.round }.max { $0.round < $1.round }
        let split = CampaignRecommendations.strengthsAndShortfalls(scored.base, model: model)
        let access = CampaignAccess(identity: identity, services: services)
        return CampaignReportView.Data(
            record: record, firm: firm, scored: scored, model: model, settings: settings, programme: programme,
            previous: previous?.scored, benchmark: try await store.benchmark(record), strengths: split.strengths,
            shortfalls: split.shortfalls,
            products: try await CampaignRecommendations.products(
                services.store, programmeId: record.programmeId, shortfalls: split.shortfalls),
            offline: try await store.offline(diagnosisId: record.id, programmeId: record.programmeId),
            feedback: try await store.feedback(programmeId: record.programmeId, uscc: record.uscc, diagnosisId: record.id),
            isFirm: access.isFirm(firm))
    }

    func requestOffline(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let record = try await requestOffline(identity, try context.parameters.require("id"))
        return .redirect("/diagnosis/\(record.id)/report")
    }

    /// The firm asks for an on-site diagnosis of its diagnosis `id` (the page's and the API's one
    /// rule): 404 when not its own, 422 where the campaign does not offer it, 409 when refused.
    func requestOffline(_ identity: Identity, _ id: String) async throws -> DiagnosisRecord {
        let (record, _) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(id)
        guard let settings = try await CampaignAccess.campaign(services, identity)?.1 else {
            throw AppError.notFound(CampaignText.noCampaign)
        }
        guard settings.offline.firmMayRequest else {
            throw AppError(.unprocessableContent, code: "offline_not_offered", message: CampaignText.offlineNotOffered)
        }
        switch try await services.store.diagnoses.requestOffline(diagnosisId: record.id, programmeId: record.programmeId) {
        case .success: return record
        case .failure: throw AppError(.conflict, code: "offline_refused", message: CampaignText.offlineRefused)
        }
    }

    func feedback(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let (record, firm) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(
            try context.parameters.require("id"))
        let comment = (form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let typed = ["rating": form["rating"] ?? "", "comment": comment]
        func refuse(_ message: LocalizedText) async throws -> Response {
            try await render(
                context, identity, record: record, firm: firm, flash: Flash(kind: .error, text: message.text(context.language)),
                typed: typed, status: .unprocessableContent)
        }
        guard let text = form["rating"], text.count <= 2, let rating = Int(text) else {
            return try await refuse(CampaignText.badRating)
        }
        if let refusal = try await addFeedback(identity, record, rating: rating, comment: comment) {
            return try await refuse(refusal)
        }
        return .redirect("/diagnosis/\(record.id)/report?feedback=1")
    }

    /// The firm rates its report (the page's and the API's one rule): a refusal's message (nothing
    /// written) when the rating is not 1–5 or the comment too long; 404 for a draft.
    func addFeedback(_ identity: Identity, _ record: DiagnosisRecord, rating: Int, comment: String) async throws -> LocalizedText?
    {
        guard (1...5).contains(rating) else { return CampaignText.badRating }
        guard comment.count <= 1000 else { return CampaignText.tooLong(CampaignText.comment, 1000) }
        guard record.status == .submitted else { throw AppError.notFound(CampaignText.diagnosisNotFound) }
        try await services.store.diagnoses.addFeedback(
            diagnosisId: record.id, programmeId: record.programmeId, rating: rating, comment: comment,
            by: identity.changeActor)
        return nil
    }
}
