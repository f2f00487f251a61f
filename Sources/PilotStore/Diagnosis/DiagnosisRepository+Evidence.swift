import Foundation
import PilotDomain
import SQLKit

/// A file a firm attached to one item of its diagnosis (the bytes are read separately).
public struct DiagnosisEvidence: Sendable, Hashable {
    public var id: String
    public var diagnosisId: String
    public var itemId: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedAt: Date

    public init(
        id: String, diagnosisId: String, itemId: String, fileName: String, contentType: String, size: Int, sha256: String,
        uploadedAt: Date
    ) {
        self.id = id
        self.diagnosisId = diagnosisId
        self.itemId = itemId
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
    }
}

extension DiagnosisRepository {
    /// The most files one diagnosis keeps.
    public static let evidenceLimit = 50

    /// Keeps a file for an item of a draft; false (nothing written) when the diagnosis is no longer
    /// a draft or already holds `evidenceLimit` files.
    public func addEvidence(
        _ evidence: DiagnosisEvidence, programmeId: String, content: Data, by actor: ChangeActor
    ) async throws -> Bool {
        let kind = backend.kind
        return try await backend.transaction { database in
            let current = try await Self.lockedState(
                id: evidence.diagnosisId, programmeId: programmeId, kind: kind, on: database)
            guard current.status == .draft else { return false }
            let count =
                try await database.raw(
                    "SELECT COUNT(*) AS n FROM diagnosis_evidence WHERE diagnosis_id = \(bind: evidence.diagnosisId)"
                ).first().map { try $0.int("n") } ?? 0
            guard count < Self.evidenceLimit else { return false }
            try await database.raw(
                """
                INSERT INTO diagnosis_evidence (id, diagnosis_id, programme_id, item_id, file_name, content_type, size, sha256,
                uploaded_by, uploaded_at, content) VALUES (\(bind: evidence.id), \(bind: evidence.diagnosisId),
                \(bind: programmeId), \(bind: evidence.itemId), \(bind: evidence.fileName), \(bind: evidence.contentType),
                \(bind: evidence.size), \(bind: evidence.sha256), \(bind: actor.userId), \(bind: evidence.uploadedAt.millis),
                \(bind: content))
                """
            ).run()
            return true
        }
    }

    /// The files of one diagnosis, by item then upload time.
    public func evidence(diagnosisId: String, programmeId: String) async throws -> [DiagnosisEvidence] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, diagnosis_id, item_id, file_name, content_type, size, sha256, uploaded_at FROM diagnosis_evidence
                WHERE diagnosis_id = \(bind: diagnosisId) AND programme_id = \(bind: programmeId) ORDER BY item_id, uploaded_at
                """
            ).all().map(Self.evidence)
        }
    }

    /// One file with its bytes (nil: none with this id in the campaign).
    public func evidenceFile(id: String, programmeId: String) async throws -> (DiagnosisEvidence, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, diagnosis_id, item_id, file_name, content_type, size, sha256, uploaded_at, content
                    FROM diagnosis_evidence WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                    """
                ).first()
            else { return nil }
            return (try Self.evidence(row), try row.decode(column: "content", as: Data.self))
        }
    }

    static func evidence(_ row: any SQLRow) throws -> DiagnosisEvidence {
        DiagnosisEvidence(
            id: try row.string("id"), diagnosisId: try row.string("diagnosis_id"), itemId: try row.string("item_id"),
            fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
            sha256: try row.string("sha256"), uploadedAt: try row.date("uploaded_at"))
    }
}
