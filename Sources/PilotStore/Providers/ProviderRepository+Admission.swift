import Foundation
import PilotDomain
import SQLKit

extension ProviderRepository {
    /// What a decision with `admits_to_pool` writes besides itself (policy 002 第六条): the
    /// provider becomes a member in good standing, its claimed categories become its profile, and
    /// the pool's event list records the admission. A provider removed earlier that applied again
    /// starts a fresh membership: its earlier grades, complaints and removal stay in `pool_events`.
    static func admissionWrites(
        organisationId: String, programmeId: String, data: [String: JSONValue], instanceId: String, at millis: Int64
    ) -> [DecisionWrite.FollowUp] {
        let categories = (data["categories"]?.stringValue ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let profile = JSONValue.canonicalText(["categories": .array(categories.map { .string($0) })])
        let call = data["call_title"]?.stringValue ?? ""
        return [
            .upsert(
                target: "pool_members (organisation_id, programme_id, standing, removed_reason, member, version, updated_at)",
                values: "\(bind: organisationId), \(bind: programmeId), 'admitted', NULL, '', 1, \(bind: millis)",
                conflict: """
                    (organisation_id) DO UPDATE SET standing = 'admitted', removed_reason = NULL, member = '',
                    version = pool_members.version + 1, updated_at = excluded.updated_at
                    """),
            .update("UPDATE organisations SET profile = \(bind: profile) WHERE id = \(bind: organisationId)"),
            .insert(
                target: "pool_events (programme_id, organisation_id, action, detail, evidence, by_user, at)",
                values: """
                    \(bind: programmeId), \(bind: organisationId), 'admitted', \(bind: call), \(bind: instanceId), 'system',
                    \(bind: millis)
                    """,
                ignoreConflicts: false),
        ]
    }
}
