import Crypto
import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// Evidence per questionnaire item (optional): `POST /diagnosis/:id/evidence` (the firm, on its
/// draft; the attachments' type and size limits, checked by extension and first bytes) and `GET
/// /diagnosis/evidence/:evidence` (whoever reaches the firm; 404 otherwise).
struct CampaignEvidenceHandlers {
    let services: AppServices

    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: AttachmentPolicy.maxBytes, tooLarge: CampaignText.evidenceTooLarge)
        let evidence = try await keep(
            identity, try context.parameters.require("id"), item: form.fields["item"] ?? "",
            file: form.files["file"].map { (name: $0.fileName, data: $0.data) })
        return .redirect("/diagnosis/\(evidence.diagnosisId)#item-\(evidence.itemId)")
    }

    /// Keeps `file` as evidence for `item` of the firm's own draft `id` (the page's and the API's
    /// one rule): 404 when not its own, 409 once submitted or full, 422 for an item not asked of it,
    /// no file, or a type the attachments refuse.
    func keep(
        _ identity: Identity, _ id: String, item: String, file: (name: String, data: Data)?
    ) async throws -> DiagnosisEvidence {
        let (record, _) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(id)
        guard record.status == .draft else {
            throw AppError(.conflict, code: "submitted", message: CampaignText.alreadySubmitted)
        }
        let asked = record.answers.sheets.contains { sheet in
            services.diagnosis.questionnaire(id: sheet.questionnaire.id, version: sheet.questionnaire.version)?.item(item)?
                .applies(to: sheet.size) == true
        }
        guard asked else { throw AppError(.unprocessableContent, code: "bad_item", message: CampaignText.badAnswer(item)) }
        guard let file else {
            throw AppError(.unprocessableContent, code: "no_file", message: CampaignText.evidenceMissing)
        }
        let name = AttachmentPolicy.cleanName(file.name)
        let contentType: String
        switch AttachmentPolicy.check(fileName: name, data: file.data) {
        case .accepted(let type): contentType = type
        case .refused(let message): throw AppError(.unprocessableContent, code: "bad_file", message: message)
        }
        let evidence = DiagnosisEvidence(
            id: services.store.ids.make("evd"), diagnosisId: record.id, itemId: item, fileName: name,
            contentType: contentType, size: file.data.count, sha256: Hex.encode(SHA256.hash(data: file.data)),
            uploadedAt: services.store.clock.now())
        guard
            try await services.store.diagnoses.addEvidence(
                evidence, programmeId: record.programmeId, content: file.data,
                by: identity.changeActor)
        else { throw AppError(.conflict, code: "evidence_refused", message: CampaignText.evidenceRefused) }
        return evidence
    }

    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("evidence")
        let missing = AppError.notFound(CampaignText.evidence)
        guard id.count <= 64,
            let (evidence, data) = try await services.store.diagnoses.evidenceFile(id: id, programmeId: identity.programmeId)
        else { throw missing }
        _ = try await CampaignAccess(identity: identity, services: services).diagnosis(evidence.diagnosisId)
        return try FileDownload.response(
            data, sha256: evidence.sha256, fileName: evidence.fileName, contentType: evidence.contentType)
    }
}
