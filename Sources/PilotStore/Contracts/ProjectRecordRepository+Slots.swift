import Foundation
import PilotDomain
import SQLKit

extension ProjectRecordRepository {
    /// The national event a final slot document is sent as (`Contracts/national-sync.yaml`).
    public static let recordFiledEvent = "record_filed"

    static func slotDocument(_ row: any SQLRow) throws -> SlotDocument {
        SlotDocument(
            id: try row.string("id"), programmeId: try row.string("programme_id"), instanceId: try row.string("instance_id"),
            slot: try row.string("slot"), version: try row.int("version"),
            status: SlotDocument.Status(rawValue: try row.string("status")) ?? .draft, fileId: try row.string("file_id"),
            side: try row.string("side"), uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.date("uploaded_at"),
            finalisedBy: try row.optionalString("finalised_by"), finalisedAt: try row.optionalDate("finalised_at"),
            fileName: try row.string("file_name"))
    }

    /// Every version uploaded into the project's slots, by slot and version.
    public func slotDocuments(instanceId: String) async throws -> [SlotDocument] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT d.id, d.programme_id, d.instance_id, d.slot, d.version, d.status, d.file_id, d.side, d.uploaded_by,
                d.uploaded_at, d.finalised_by, d.finalised_at, f.file_name FROM record_slot_documents d
                JOIN record_files f ON f.id = d.file_id WHERE d.instance_id = \(bind: instanceId) ORDER BY d.slot, d.version
                """
            ).all().map(Self.slotDocument)
        }
    }

    /// Uploads a new version into a slot, as a draft: the file and the version in one transaction.
    /// Returns the document written (its version one above the slot's last).
    public func uploadSlotDocument(
        programmeId: String, instanceId: String, slot: String, side: String, upload: RecordUpload
    ) async throws -> SlotDocument {
        let id = upload.file.ownerId
        return try await backend.transaction { database in
            let last =
                try await database.raw(
                    """
                    SELECT COALESCE(MAX(version), 0) AS v FROM record_slot_documents WHERE instance_id = \(bind: instanceId)
                    AND slot = \(bind: slot)
                    """
                ).first()?.int("v") ?? 0
            try await Self.insertFile(upload, on: database)
            let document = SlotDocument(
                id: id, programmeId: programmeId, instanceId: instanceId, slot: slot, version: last + 1, status: .draft,
                fileId: upload.file.id, side: side, uploadedBy: upload.file.uploadedBy, uploadedAt: upload.file.uploadedAt,
                fileName: upload.file.fileName)
            try await database.raw(
                """
                INSERT INTO record_slot_documents (id, programme_id, instance_id, slot, version, status, file_id, side,
                uploaded_by, uploaded_at) VALUES (\(bind: document.id), \(bind: programmeId), \(bind: instanceId),
                \(bind: slot), \(bind: document.version), 'draft', \(bind: document.fileId), \(bind: side),
                \(bind: document.uploadedBy), \(bind: document.uploadedAt.millis))
                """
            ).run()
            return document
        }
    }

    /// Marks a draft final, in one transaction: the slot's earlier final version (if any) becomes
    /// superseded, and the national event `record_filed` is queued in the outbox with the project's
    /// next event sequence — the only way a slot document reaches the national platform, so drafts
    /// never do. `payload` is what the platform receives (slot, names, version, file, hash). A
    /// document that is not a draft of this project is `StoreError.conflict("not_draft")`.
    public func finaliseSlotDocument(
        id: String, instanceId: String, by name: String, payload: [String: JSONValue]
    ) async throws {
        let now = clock.now()
        let eventId = ids.make("evt")
        try await backend.transaction { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT slot, status, programme_id FROM record_slot_documents WHERE id = \(bind: id)
                    AND instance_id = \(bind: instanceId)
                    """
                ).first(), try row.string("status") == SlotDocument.Status.draft.rawValue
            else { throw StoreError.conflict("not_draft") }
            let slot = try row.string("slot")
            let programmeId = try row.string("programme_id")
            try await database.raw(
                """
                UPDATE record_slot_documents SET status = 'superseded' WHERE instance_id = \(bind: instanceId)
                AND slot = \(bind: slot) AND status = 'final'
                """
            ).run()
            try await database.raw(
                """
                UPDATE record_slot_documents SET status = 'final', finalised_by = \(bind: name),
                finalised_at = \(bind: now.millis) WHERE id = \(bind: id)
                """
            ).run()
            // The project's events are numbered in one sequence (the national platform refuses a gap
            // or a repeat): take the next number from the instance, as a decision does.
            guard
                let sequence = try await database.raw(
                    """
                    UPDATE workflow_instances SET event_seq = event_seq + 1 WHERE id = \(bind: instanceId)
                    RETURNING event_seq
                    """
                ).first()?.int("event_seq")
            else { throw StoreError.notFound("instance \(instanceId)") }
            try await database.raw(
                """
                INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                attempts, next_attempt_at) VALUES (\(bind: eventId), \(bind: programmeId), \(bind: instanceId),
                \(bind: sequence), \(bind: Self.recordFiledEvent), \(bind: JSONValue.canonicalText(.object(payload))),
                \(bind: now.millis), 'pending', 0, \(bind: now.millis))
                """
            ).run()
        }
    }
}
