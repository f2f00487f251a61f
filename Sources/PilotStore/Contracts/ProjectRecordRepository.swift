import Foundation
import PilotDomain
import SQLKit

/// The project records of issue #15 — contracts, invoices and vouchers, the investment list, the
/// record slots and the fund-application windows — reached as `store.records`. Every write that
/// touches several rows is one transaction.
public struct ProjectRecordRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource

    init(backend: any SQLBackend, clock: any Clock, ids: any IdentifierSource) {
        self.backend = backend
        self.clock = clock
        self.ids = ids
    }

    /// The largest amount a record may carry: ¥10 billion (10^12 fen).
    public static let maxAmount = Fen(1_000_000_000_000)

    static func insertFile(_ upload: RecordUpload, on database: any SQLDatabase) async throws {
        let file = upload.file
        try await database.raw(
            """
            INSERT INTO record_files (id, programme_id, owner_id, file_name, content_type, size, sha256, uploaded_by,
            uploaded_at, content) VALUES (\(bind: file.id), \(bind: file.programmeId), \(bind: file.ownerId),
            \(bind: file.fileName), \(bind: file.contentType), \(bind: file.size), \(bind: file.sha256),
            \(bind: file.uploadedBy), \(bind: file.uploadedAt.millis), \(bind: upload.content))
            """
        ).run()
    }

    /// One file with its bytes (nil: no such file in the programme).
    public func file(id: String, programmeId: String) async throws -> (RecordFile, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, programme_id, owner_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, content
                    FROM record_files WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                    """
                ).first()
            else { return nil }
            let file = RecordFile(
                id: try row.string("id"), programmeId: try row.string("programme_id"), ownerId: try row.string("owner_id"),
                fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
                sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"),
                uploadedAt: try row.date("uploaded_at"))
            return (file, try row.decode(column: "content", as: Data.self))
        }
    }
}
