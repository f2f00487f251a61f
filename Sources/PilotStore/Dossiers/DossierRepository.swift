import Foundation
import PilotDomain
import SQLKit

/// The office's part of the city's two dossiers (policy 004 §四(九) mid-term evaluation, §四(十) final
/// acceptance): a text per section, each save a new version with who and when (a save on top of a
/// version someone else saved meanwhile is refused), and the documents the dossier requires.
/// Reached as `store.dossiers`.
public struct DossierRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// One saved version of a section's text.
public struct DossierText: Sendable, Hashable {
    public var section: String
    public var version: Int
    public var text: String
    public var byName: String
    public var at: Date

    public init(section: String, version: Int, text: String, byName: String, at: Date) {
        self.section = section
        self.version = version
        self.text = text
        self.byName = byName
        self.at = at
    }
}

/// A document uploaded to a dossier (bytes in the database, like the centres' documents).
public struct DossierDocument: Sendable, Hashable {
    public var id: String
    public var dossier: String
    public var kind: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, dossier: String, kind: String, fileName: String, contentType: String, size: Int, sha256: String,
        uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.dossier = dossier
        self.kind = kind
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

extension DossierRepository {
    /// Saves `text` as the version after `expected` (0: the first); `.staleVersion` when the latest
    /// saved version is another, and then nothing is written.
    public func saveText(
        programmeId: String, dossier: String, section: String, text: String, expected: Int, by actor: ChangeActor
    ) async throws -> Int {
        let now = clock.now().millis
        let kind = backend.kind
        do {
            return try await backend.transaction { database in
                let latest =
                    try await database.raw(
                        """
                        SELECT MAX(version) AS v FROM dossier_texts WHERE programme_id = \(bind: programmeId)
                        AND dossier = \(bind: dossier) AND section = \(bind: section)
                        """
                    ).first()?.decode(column: "v", as: Int64?.self) ?? 0
                guard Int(latest) == expected else { throw StoreError.staleVersion(expected: expected, actual: Int(latest)) }
                try await database.raw(
                    """
                    INSERT INTO dossier_texts (programme_id, dossier, section, version, text, by_user, by_name, at) VALUES
                    (\(bind: programmeId), \(bind: dossier), \(bind: section), \(bind: expected + 1), \(bind: text),
                    \(bind: actor.userId), \(bind: actor.name), \(bind: now))
                    """
                ).run()
                return expected + 1
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.staleVersion(expected: expected, actual: expected + 1)
        }
    }

    /// Every version of every section of the dossier, newest first per section.
    public func texts(programmeId: String, dossier: String) async throws -> [String: [DossierText]] {
        try await backend.read { database in
            var result: [String: [DossierText]] = [:]
            for row in try await database.raw(
                """
                SELECT section, version, text, by_name, at FROM dossier_texts WHERE programme_id = \(bind: programmeId)
                AND dossier = \(bind: dossier) ORDER BY section, version DESC
                """
            ).all() {
                let text = DossierText(
                    section: try row.string("section"), version: try row.int("version"), text: try row.string("text"),
                    byName: try row.string("by_name"), at: try row.date("at"))
                result[text.section, default: []].append(text)
            }
            return result
        }
    }

    public func addDocument(programmeId: String, _ document: DossierDocument, content: Data) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO dossier_documents (id, programme_id, dossier, kind, file_name, content_type, size, sha256,
                uploaded_by, uploaded_at, content) VALUES (\(bind: document.id), \(bind: programmeId), \(bind: document.dossier),
                \(bind: document.kind), \(bind: document.fileName), \(bind: document.contentType), \(bind: document.size),
                \(bind: document.sha256), \(bind: document.uploadedBy), \(bind: document.uploadedAt.millis), \(bind: content))
                """
            ).run()
        }
    }

    public func documents(programmeId: String, dossier: String) async throws -> [DossierDocument] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, dossier, kind, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM dossier_documents
                WHERE programme_id = \(bind: programmeId) AND dossier = \(bind: dossier) ORDER BY uploaded_at, id
                """
            ).all().map(Self.document)
        }
    }

    public func document(id: String, programmeId: String) async throws -> (DossierDocument, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, dossier, kind, file_name, content_type, size, sha256, uploaded_by, uploaded_at, content
                    FROM dossier_documents WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                    """
                ).first()
            else { return nil }
            return (try Self.document(row), try row.decode(column: "content", as: Data.self))
        }
    }

    static func document(_ row: any SQLRow) throws -> DossierDocument {
        DossierDocument(
            id: try row.string("id"), dossier: try row.string("dossier"), kind: try row.string("kind"),
            fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
            sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.date("uploaded_at"))
    }
}
