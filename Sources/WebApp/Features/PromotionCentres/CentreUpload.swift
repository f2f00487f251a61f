import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The application form as posted: `multipart/form-data` with its documents from the browser, or a
/// plain form without files (which then lacks the plan and is refused like any incomplete form).
/// The CSRF token is checked either way.
struct CentreUpload {
    var fields: [String: String]
    var files: [String: MultipartForm.File]

    static func read(_ request: Request, _ context: AppRequestContext) async throws -> (CentreUpload, Identity) {
        let identity = try context.requireIdentity()
        guard MultipartForm.boundary(contentType: request.headers[.contentType]) != nil else {
            let (form, identity) = try await PageForm.read(request, context)
            return (CentreUpload(fields: form.values, files: [:]), identity)
        }
        // Two documents at most, each within the attachment limit.
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: 2 * AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        return (CentreUpload(fields: form.fields, files: form.files), identity)
    }

    subscript(_ name: String) -> String { fields[name] ?? "" }

    /// The form's values for `CentreApplication.check`, with the document ids in force.
    func applicationForm(
        leadName: String, recordedUSCC: String?, divisions: Set<String>, planId: String?, agreementId: String?
    ) -> CentreApplication.Form {
        var form = CentreApplication.Form()
        form.name = self["name"]
        form.industry = self["industry"]
        form.leadName = leadName
        form.leadUSCC = self["lead_uscc"]
        form.recordedLeadUSCC = recordedUSCC
        form.legalPerson = self["legal_person"] == "on"
        form.planSummary = self["plan_summary"]
        form.site = self["site"]
        form.teamSize = self["team_size"]
        form.division = self["division"]
        form.contactName = self["contact_name"]
        form.contactPhone = self["contact_phone"]
        form.members = (1...CentreApplication.maxMembers).map { number in
            .init(name: self["member_name_\(number)"], uscc: self["member_uscc_\(number)"], kind: self["member_kind_\(number)"])
        }
        form.commitments = CentreCommitment.allCases.map(\.rawValue).filter { self["commitment_\($0)"] == "on" }
        form.planDocumentId = planId
        form.agreementDocumentId = agreementId
        form.divisions = divisions
        return form
    }

    /// The uploaded document for `purpose` (checked by type and content like project attachments),
    /// nil when none was chosen; a refused file is a field error.
    func document(
        _ purpose: CentreDocument.Purpose, centreId: String, identity: Identity, services: AppServices,
        errors: inout [FieldError]
    ) -> (CentreDocument, Data)? {
        guard let file = files[purpose.rawValue], !file.fileName.isEmpty else { return nil }
        switch AttachmentPolicy.check(fileName: file.fileName, data: file.data) {
        case .refused(let message):
            errors.append(FieldError(field: purpose.rawValue, message: message))
            return nil
        case .accepted(let contentType):
            let document = CentreDocument(
                id: services.store.ids.make("cdoc"), programmeId: identity.programmeId, centreId: centreId, purpose: purpose,
                fileName: AttachmentPolicy.cleanName(file.fileName), contentType: contentType, size: file.data.count,
                sha256: Hex.encode(SHA256.hash(data: file.data)), uploadedBy: identity.account.displayName,
                uploadedAt: services.store.clock.now())
            return (document, file.data)
        }
    }
}
