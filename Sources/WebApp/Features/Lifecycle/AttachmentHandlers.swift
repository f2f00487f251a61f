import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Upload and download of project documents. Upload: any party who can see the project and
/// works on it (`attachments.upload`: not the public, not panel experts); download: whoever may
/// see the project. The bytes are written under a random id, never under the user's file name.
struct AttachmentHandlers {
    let services: AppServices

    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("instance")
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        _ = try await store(
            identity, instance, purpose: form.fields["purpose"] ?? "", fileName: form.files["file"]?.fileName ?? "",
            data: form.files["file"]?.data ?? Data())
        return .redirect(AppPath.instance(instance.id).url + "?uploaded=1#documents")
    }

    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("attachment")
        let (attachment, data) = try await load(identity, id)
        return try FileDownload.response(
            data, sha256: attachment.sha256, fileName: attachment.fileName, contentType: attachment.contentType)
    }

    /// Stores one file on a project the caller may upload to (the caller's view of `instance` is
    /// checked before): open project, a purpose of its workflow, a name, an allowed type and size.
    /// For the page and the API alike.
    func store(
        _ identity: Identity, _ instance: InstanceSnapshot, purpose: String, fileName: String, data: Data
    ) async throws
        -> Attachment
    {
        guard AccessPolicy.allows(identity.actor, .attachmentsUpload, on: instance) else { throw AppError.forbidden }
        if services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?
            .state(instance.state)?.terminal == true
        {
            throw AppError(.unprocessableContent, code: "closed", message: ProjectText.projectClosed)
        }
        guard AttachmentPolicy.purposes(for: instance.definitionId).contains(where: { $0.value == purpose }) else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: ProjectText.choosePurpose,
                fields: [FieldError(field: "purpose", message: ProjectText.choosePurpose)])
        }
        guard !fileName.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: ProjectText.chooseFile,
                fields: [FieldError(field: "file", message: ProjectText.chooseFile)])
        }
        let contentType: String
        switch AttachmentPolicy.check(fileName: fileName, data: data) {
        case .accepted(let type): contentType = type
        case .refused(let message):
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: message,
                fields: [FieldError(field: "file", message: message)])
        }
        let attachment = Attachment(
            id: services.store.ids.make("att"), programmeId: instance.programmeId, instanceId: instance.id, purpose: purpose,
            fileName: AttachmentPolicy.cleanName(fileName), contentType: contentType, size: data.count,
            sha256: Hex.encode(SHA256.hash(data: data)), uploadedBy: identity.account.displayName,
            uploadedAt: services.store.clock.now())
        // Row and bytes in one transaction, in the database every server process shares.
        try await services.store.attachments.addAttachment(attachment, content: data)
        return attachment
    }

    /// A file and its bytes, when the caller may see its project; else not found (its existence
    /// is not revealed).
    func load(_ identity: Identity, _ id: String) async throws -> (Attachment, Data) {
        let missing = AppError.notFound(LocalizedText(zh: "该文件", en: "This file"))
        guard let attachment = try await services.store.attachments.attachment(id),
            let instance = try await services.store.instances.instance(attachment.instanceId),
            services.authorizer.canDownload(identity.actor, instance)
        else { throw missing }
        // Files uploaded before migration 20 are still read from the old directory.
        let stored = try await services.store.attachments.attachmentContent(attachment.id)
        guard
            let data = stored
                ?? FileManager.default.contents(atPath: services.configuration.attachmentsDirectory + "/" + attachment.id)
        else { throw missing }
        return (attachment, data)
    }
}
