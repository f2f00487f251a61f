import Foundation
import PilotDomain
import WorkflowEngine

/// The history rows a bulk job writes that are not transitions of the workflow, and how a replay
/// (`smepilot audit verify`) applies them: a migration moves the instance to another definition
/// version (and maybe a renamed state) keeping its data; a reassignment hands one person's part
/// in the instance to another. A cancellation is the workflow's own `terminate` and needs none.
public enum BulkStep {
    public static let migrate = "_migrate"
    public static let reassign = "_reassign"
    /// Back to a named state, data kept (the replay takes the next row's `from_state` as usual).
    public static let restart = "_restart"
    /// Dead timers and dead national events of the instance re-armed; the instance is unchanged
    /// but for its version, so who retried what, and why, is in its history.
    public static let retry = "_retry"

    /// Participants and reviewer list after handing `from`'s part to `to`.
    static func reassigned(
        _ instance: InstanceSnapshot, from: String, to: String
    ) -> (data: [String: JSONValue], participants: [String: [Participant]]) {
        var participants = instance.participants
        for (transition, actors) in participants {
            participants[transition] = actors.map { actor in
                var actor = actor
                if actor.userId == from { actor.userId = to }
                return actor
            }
        }
        var data = instance.data
        if let reviewers = data["assigned_reviewers"]?.arrayValue {
            data["assigned_reviewers"] = .array(reviewers.map { $0.stringValue == from ? .string(to) : $0 })
        }
        return (data, participants)
    }

    /// Whether `user` has any part in the instance a reassignment could move.
    static func involves(_ instance: InstanceSnapshot, user: String) -> Bool {
        instance.participants.values.contains { $0.contains { $0.userId == user } }
            || (instance.data["assigned_reviewers"]?.arrayValue ?? []).contains { $0.stringValue == user }
    }
}
