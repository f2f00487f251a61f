import Foundation
import PilotDomain
import SQLKit

/// Drafts of forms (a plan is written over days): saved per person, instance and transition,
/// shown again in the form, dropped when the command is applied.
extension InstanceRepository {
    public func saveDraft(instanceId: String, transitionId: String, userId: String, values: [String: String]) async throws {
        let text = JSONValue.canonicalText(values.mapValues { .string($0) })
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM form_drafts WHERE instance_id = \(bind: instanceId) AND transition_id = \(bind: transitionId)
                AND user_id = \(bind: userId)
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO form_drafts (instance_id, transition_id, user_id, form_values, saved_at)
                VALUES (\(bind: instanceId), \(bind: transitionId), \(bind: userId), \(bind: text), \(bind: now))
                """
            ).run()
        }
    }

    public func drafts(instanceId: String, userId: String) async throws -> [String: (values: [String: String], savedAt: Date)] {
        try await backend.read { database in
            var result: [String: (values: [String: String], savedAt: Date)] = [:]
            for row in try await database.raw(
                """
                SELECT transition_id, form_values, saved_at FROM form_drafts
                WHERE instance_id = \(bind: instanceId) AND user_id = \(bind: userId)
                """
            ).all() {
                let values = try row.json("form_values").compactMapValues(\.stringValue)
                result[try row.string("transition_id")] = (values, try row.date("saved_at"))
            }
            return result
        }
    }

    public func deleteDraft(instanceId: String, transitionId: String, userId: String) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM form_drafts WHERE instance_id = \(bind: instanceId) AND transition_id = \(bind: transitionId)
                AND user_id = \(bind: userId)
                """
            ).run()
        }
    }
}
