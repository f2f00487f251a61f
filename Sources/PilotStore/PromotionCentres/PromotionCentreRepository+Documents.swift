import Foundation
import PilotDomain
import SQLKit

/// A document of a centre's application: the construction plan (建设方案) or the joint-construction
/// agreement (联合建设协议). Its bytes live in the database with the row, with the SHA-256 checked on
/// every download, as project attachments do (migration 20).
public struct CentreDocument: Sendable, Hashable {
    public enum Purpose: String, Sendable, CaseIterable {
        case plan, agreement
    }

    public var id: String
    public var programmeId: String
    public var centreId: String
    public var purpose: Purpose
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, programmeId: String, centreId: String, purpose: Purpose, fileName: String, contentType: String, size: Int,
        sha256: String, uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.centreId = centreId
        self.purpose = purpose
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

extension PromotionCentreRepository {
    /// Every document uploaded for the centre, oldest first (a correction adds new versions; the
    /// application names the ones in force).
    public func documents(centreId: String) async throws -> [CentreDocument] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, centre_id, purpose, file_name, content_type, size, sha256, uploaded_by, uploaded_at
                FROM centre_documents WHERE centre_id = \(bind: centreId) ORDER BY uploaded_at, id
                """
            ).all().map(Self.document)
        }
    }

    /// One document with its bytes (nil: no such document in the programme).
    public func document(id: String, programmeId: String) async throws -> (CentreDocument, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, programme_id, centre_id, purpose, file_name, content_type, size, sha256, uploaded_by, uploaded_at,
                    content FROM centre_documents WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                    """
                ).first()
            else { return nil }
            return (try Self.document(row), try row.decode(column: "content", as: Data.self))
        }
    }

    static func insert(_ document: CentreDocument, content: Data, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO centre_documents (id, programme_id, centre_id, purpose, file_name, content_type, size, sha256,
            uploaded_by, uploaded_at, content) VALUES (\(bind: document.id), \(bind: document.programmeId),
            \(bind: document.centreId), \(bind: document.purpose.rawValue), \(bind: document.fileName),
            \(bind: document.contentType), \(bind: document.size), \(bind: document.sha256), \(bind: document.uploadedBy),
            \(bind: document.uploadedAt.millis), \(bind: content))
            """
        ).run()
    }

    static func document(_ row: any SQLRow) throws -> CentreDocument {
        CentreDocument(
            id: try row.string("id"), programmeId: try row.string("programme_id"), centreId: try row.string("centre_id"),
            purpose: CentreDocument.Purpose(rawValue: try row.string("purpose")) ?? .plan,
            fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
            sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.date("uploaded_at"))
    }
}
