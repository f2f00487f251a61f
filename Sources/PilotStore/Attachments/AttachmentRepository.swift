import Foundation
import PilotDomain
import SQLKit

/// Attachments of an instance (content in the database) and the public submissions' rate limit.
/// Reached as `store.attachments.attachments`.
public struct AttachmentRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A file attached to a project (milestone evidence, acceptance documents). The bytes live in the
/// database with the row (migration 20), so every server process reads what any other wrote and the
/// database backup holds them; the table also keeps what the page shows and the SHA-256 that proves
/// the file was not changed since upload.
public struct Attachment: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var instanceId: String
    public var purpose: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, programmeId: String, instanceId: String, purpose: String, fileName: String, contentType: String,
        size: Int, sha256: String, uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.instanceId = instanceId
        self.purpose = purpose
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

extension AttachmentRepository {
    /// The row and its bytes in one statement: there is never a row without its file.
    public func addAttachment(_ attachment: Attachment, content: Data) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO attachments (id, programme_id, instance_id, purpose, file_name, content_type, size, sha256,
                uploaded_by, uploaded_at, content) VALUES (\(bind: attachment.id), \(bind: attachment.programmeId),
                \(bind: attachment.instanceId), \(bind: attachment.purpose), \(bind: attachment.fileName),
                \(bind: attachment.contentType), \(bind: attachment.size), \(bind: attachment.sha256),
                \(bind: attachment.uploadedBy), \(bind: attachment.uploadedAt.millis), \(bind: content))
                """
            ).run()
        }
    }

    /// The stored bytes of an attachment; nil when it has none in the database (uploaded before
    /// migration 20, to the old attachment directory).
    public func attachmentContent(_ id: String) async throws -> Data? {
        try await backend.read { database in
            try await database.raw("SELECT content FROM attachments WHERE id = \(bind: id)").first()?.decode(
                column: "content", as: Data?.self)
        }
    }

    public func attachments(instanceId: String) async throws -> [Attachment] {
        try await loadAttachments("instance_id = ", instanceId)
    }

    public func attachment(_ id: String) async throws -> Attachment? {
        try await loadAttachments("id = ", id).first
    }

    private func loadAttachments(_ column: String, _ value: String) async throws -> [Attachment] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, instance_id, purpose, file_name, content_type, size, sha256, uploaded_by, uploaded_at
                FROM attachments WHERE \(unsafeRaw: column)\(bind: value) ORDER BY uploaded_at, id
                """
            ).all().map { row in
                Attachment(
                    id: try row.string("id"), programmeId: try row.string("programme_id"),
                    instanceId: try row.string("instance_id"), purpose: try row.string("purpose"),
                    fileName: try row.string("file_name"), contentType: try row.string("content_type"),
                    size: try row.int("size"), sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"),
                    uploadedAt: try row.date("uploaded_at"))
            }
        }
    }

    /// Records one public submission from a (hashed) client and says whether it is within the
    /// limit: at most `limit` in the trailing `window`. Counted in the database so the limit holds
    /// across server instances.
    public func admitPublicSubmission(
        programmeId: String, clientHash: String, limit: Int, window: TimeInterval
    ) async throws -> Bool {
        let now = clock.now()
        let since = now.addingTimeInterval(-window).millis
        return try await backend.transaction { database in
            let count =
                try await database.raw(
                    """
                    SELECT COUNT(*) AS n FROM public_submissions WHERE client_hash = \(bind: clientHash)
                    AND submitted_at > \(bind: since)
                    """
                ).first()?.int("n") ?? 0
            guard count < limit else { return false }
            try await database.raw(
                """
                INSERT INTO public_submissions (programme_id, client_hash, submitted_at)
                VALUES (\(bind: programmeId), \(bind: clientHash), \(bind: now.millis))
                """
            ).run()
            return true
        }
    }
}
