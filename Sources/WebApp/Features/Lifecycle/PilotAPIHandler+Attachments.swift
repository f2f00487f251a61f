import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// Project documents by API: the raw file as the body, stored and served by `AttachmentHandlers`
/// with the page's checks (who may upload to which project, purpose, type, size, who may read).
extension PilotAPIHandler {
    func uploadAttachment(_ input: Operations.UploadAttachment.Input) async throws -> Operations.UploadAttachment.Output {
        let identity = try identity()
        try APIBounds.check(input.query.purpose, "purpose", 1...50)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        // Scope first: a project the caller may not see is "not found", whatever the file.
        let instance = try services.authorizer.requireView(
            identity.actor, try await services.store.instances.instance(input.path.instanceId))
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let attachment = try await AttachmentHandlers(services: services).store(
            identity, instance, purpose: input.query.purpose, fileName: input.query.fileName, data: data)
        return .created(
            .init(
                body: .json(
                    .init(
                        id: attachment.id, instanceId: attachment.instanceId, purpose: attachment.purpose,
                        fileName: attachment.fileName, contentType: attachment.contentType, size: attachment.size,
                        sha256: attachment.sha256, uploadedAt: attachment.uploadedAt))))
    }

    func downloadAttachment(_ input: Operations.DownloadAttachment.Input) async throws -> Operations.DownloadAttachment.Output {
        let identity = try identity()
        let (attachment, data) = try await AttachmentHandlers(services: services).load(identity, input.path.attachmentId)
        // RFC 6266: an ASCII fallback and the UTF-8 name (Chinese file names are the rule here).
        let encoded = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        return .ok(
            .init(
                headers: .init(
                    xContentSHA256: attachment.sha256,
                    contentDisposition: "attachment; filename=\"\(attachment.id)\"; filename*=UTF-8''\(encoded)"),
                body: .binary(HTTPBody(data))))
    }
}
