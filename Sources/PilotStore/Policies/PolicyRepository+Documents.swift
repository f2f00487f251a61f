import Foundation
import PilotDomain
import SQLKit

/// An attachment of a policy (the signed document, its annexes), public like the policy.
public struct PolicyDocument: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var policyId: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, programmeId: String, policyId: String, fileName: String, contentType: String, size: Int, sha256: String,
        uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.policyId = policyId
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

extension PolicyRepository {
    /// Attaches a document to a policy of the programme (false: no such policy there, or withdrawn;
    /// nothing written).
    public func addDocument(_ document: PolicyDocument, content: Data) async throws -> Bool {
        try await backend.transaction { database in
            let policy = try await database.raw(
                """
                SELECT id FROM policies WHERE id = \(bind: document.policyId) AND programme_id = \(bind: document.programmeId)
                AND status = 'published'
                """
            ).first()
            guard policy != nil else { return false }
            try await database.raw(
                """
                INSERT INTO policy_documents (id, programme_id, policy_id, file_name, content_type, size, sha256, uploaded_by,
                uploaded_at, content) VALUES (\(bind: document.id), \(bind: document.programmeId), \(bind: document.policyId),
                \(bind: document.fileName), \(bind: document.contentType), \(bind: document.size), \(bind: document.sha256),
                \(bind: document.uploadedBy), \(bind: document.uploadedAt.millis), \(bind: content))
                """
            ).run()
            return true
        }
    }

    /// A policy's documents, oldest first.
    public func documents(policyId: String) async throws -> [PolicyDocument] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, policy_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at
                FROM policy_documents WHERE policy_id = \(bind: policyId) ORDER BY uploaded_at, id
                """
            ).all().map(Self.document)
        }
    }

    /// One document of a policy with its bytes (nil: none).
    public func document(id: String, policyId: String) async throws -> (PolicyDocument, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, programme_id, policy_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, content
                    FROM policy_documents WHERE id = \(bind: id) AND policy_id = \(bind: policyId)
                    """
                ).first()
            else { return nil }
            return (try Self.document(row), try row.decode(column: "content", as: Data.self))
        }
    }

    static func document(_ row: any SQLRow) throws -> PolicyDocument {
        PolicyDocument(
            id: try row.string("id"), programmeId: try row.string("programme_id"), policyId: try row.string("policy_id"),
            fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
            sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.date("uploaded_at"))
    }
}
