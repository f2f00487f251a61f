import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// A records form as posted: `multipart/form-data` with a scan from the browser, or a plain form
/// without files. The CSRF token is checked either way.
struct RecordsUpload {
    var fields: [String: String]
    var files: [String: MultipartForm.File]

    static func read(_ request: Request, _ context: AppRequestContext) async throws -> (RecordsUpload, Identity) {
        let identity = try context.requireIdentity()
        guard MultipartForm.boundary(contentType: request.headers[.contentType]) != nil else {
            let (form, identity) = try await PageForm.read(request, context)
            return (RecordsUpload(fields: form.values, files: [:]), identity)
        }
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        return (RecordsUpload(fields: form.fields, files: form.files), identity)
    }

    /// A field's text, trimmed.
    subscript(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The file posted as `name`, checked like project attachments, ready to store under `ownerId`;
    /// nil when none was chosen. A refused file is a field error.
    func file(
        _ name: String, ownerId: String, identity: Identity, services: AppServices, errors: inout [FieldError]
    ) -> RecordUpload? {
        guard let file = files[name], !file.fileName.isEmpty else { return nil }
        switch AttachmentPolicy.check(fileName: file.fileName, data: file.data) {
        case .refused(let message):
            errors.append(FieldError(field: name, message: message))
            return nil
        case .accepted(let contentType):
            return RecordUpload(
                file: RecordFile(
                    id: services.store.ids.make("rfl"), programmeId: identity.programmeId, ownerId: ownerId,
                    fileName: AttachmentPolicy.cleanName(file.fileName), contentType: contentType, size: file.data.count,
                    sha256: Hex.encode(SHA256.hash(data: file.data)), uploadedBy: identity.account.displayName,
                    uploadedAt: services.store.clock.now()),
                content: file.data)
        }
    }

    // MARK: Checked values

    func text(_ name: String, max: Int, required: Bool = true, errors: inout [FieldError]) -> String {
        let value = self[name]
        if required && value.isEmpty { errors.append(FieldError(field: name, message: ContractText.needed)) }
        if value.count > max { errors.append(FieldError(field: name, message: ContractText.tooLong)) }
        return value
    }

    /// An amount in yuan, above zero and at most ¥10 billion.
    func amount(_ name: String, errors: inout [FieldError]) -> Fen? {
        let value = self[name]
        guard !value.isEmpty else {
            errors.append(FieldError(field: name, message: ContractText.needed))
            return nil
        }
        do {
            let fen = try Fen.parseYuan(value)
            guard fen <= ProjectRecordRepository.maxAmount else {
                errors.append(FieldError(field: name, message: ContractText.amountTooLarge))
                return nil
            }
            guard fen > .zero else {
                errors.append(FieldError(field: name, message: ContractText.amountZero))
                return nil
            }
            return fen
        } catch {
            errors.append(FieldError(field: name, message: error.message))
            return nil
        }
    }

    /// A Shanghai date YYYY-MM-DD between 2000 and 2100.
    func date(_ name: String, errors: inout [FieldError]) -> String? {
        let value = self[name]
        guard !value.isEmpty else {
            errors.append(FieldError(field: name, message: ContractText.needed))
            return nil
        }
        guard let date = Shanghai.parseDate(value), Shanghai.dateText(date) == value, value >= "2000-01-01",
            value <= "2100-12-31"
        else {
            errors.append(FieldError(field: name, message: ContractText.badDate(String(value.prefix(20)))))
            return nil
        }
        return value
    }

    static func refuse(_ errors: [FieldError]) -> AppError {
        AppError(.unprocessableContent, code: "invalid_input", message: errors[0].message, fields: errors)
    }
}
