import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// A policy's attachments: the office uploads (one file at a time, checked by type and content like
/// project attachments, 10 MB at most); anyone who reads the policy downloads them, the digest
/// checked first.
extension PolicyHandlers {
    /// `POST /policies/{id}/documents` (multipart).
    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let record = try await found(context)
        guard let file = form.files["document"], !file.fileName.isEmpty else {
            throw AppError(.unprocessableContent, code: "no_file", message: PolicyText.noFile)
        }
        _ = try await attach(identity, record, fileName: file.fileName, data: file.data)
        return .redirect("/policies/\(record.id)?done=attached")
    }

    /// Keeps a document of `record` — the page's and the API's one rule: 422 for a type the
    /// attachments refuse, 409 once withdrawn.
    func attach(_ identity: Identity, _ record: PolicyRecord, fileName: String, data: Data) async throws -> PolicyDocument {
        switch AttachmentPolicy.check(fileName: fileName, data: data) {
        case .refused(let message):
            throw AppError(.unprocessableContent, code: "bad_file", message: message)
        case .accepted(let contentType):
            let document = PolicyDocument(
                id: services.store.ids.make("pdoc"), programmeId: identity.programmeId, policyId: record.id,
                fileName: AttachmentPolicy.cleanName(fileName), contentType: contentType, size: data.count,
                sha256: Hex.encode(SHA256.hash(data: data)), uploadedBy: identity.account.displayName,
                uploadedAt: services.store.clock.now())
            guard try await services.store.policies.addDocument(document, content: data) else {
                throw AppError(.conflict, code: "withdrawn", message: PolicyText.isWithdrawn)
            }
            return document
        }
    }

    /// `GET /policies/{id}/documents/{document}`.
    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await found(context)
        let id = try context.parameters.require("document")
        guard let found = try await services.store.policies.document(id: id, policyId: record.id) else {
            throw AppError.notFound(PolicyText.document)
        }
        let (document, data) = found
        return try FileDownload.response(
            data, sha256: document.sha256, fileName: document.fileName, contentType: document.contentType,
            cacheControl: "no-store")
    }
}
