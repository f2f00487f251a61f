import Foundation
import PilotDomain
import WorkflowEngine

/// Whether one instance can move to another version of its workflow, and what moving changes:
/// the dry run shows it per instance, and the run checks it again on the row as it then stands.
///
/// The rule for "its data satisfies the new version's input rules": for every step the instance
/// has already taken (its participants name them) that the target version also has, each input
/// field the target version makes **required** on that step must be present in the data. Those
/// steps are behind the instance: it will never be asked for that input again, yet the target
/// version's later guards, effects and documents may rely on it, so an instance without it would
/// live in the new version with data the new version could not have produced. Fields of steps
/// still ahead are asked for when the step is taken, under the new version's rules, so they need
/// no check now. (Types and ranges of present values were validated when they were entered.)
struct MigrationCheck {
    enum Outcome: Sendable, Hashable {
        case canMove(state: String, changes: [String])
        case cannotMove(String)
    }

    static func check(
        _ instance: InstanceSnapshot, from source: WorkflowDefinition, to target: WorkflowDefinition, stateMap: [String: String]
    ) -> Outcome {
        if instance.definitionVersion == target.version {
            return .cannotMove("already on version \(target.version) / 已是第 \(target.version) 版")
        }
        let state = stateMap[instance.state] ?? instance.state
        guard target.state(state) != nil else {
            return .cannotMove(
                "state '\(instance.state)' is not in version \(target.version) and the state map does not map it / "
                    + "目标版本没有状态“\(instance.state)”，状态映射也未给出")
        }
        var missing: [String] = []
        for taken in instance.participants.keys.sorted() {
            guard let step = target.transition(taken) else { continue }
            for field in step.input where field.required && (instance.data[field.name] ?? .null) == .null {
                missing.append("\(taken).\(field.name)")
            }
        }
        if !missing.isEmpty {
            return .cannotMove(
                "fields missing for version \(target.version): \(missing.joined(separator: ", ")) / 缺少新版本要求的字段："
                    + missing.joined(separator: "、"))
        }
        var changes = ["version \(source.version) → \(target.version)"]
        if state != instance.state { changes.append("state \(instance.state) → \(state)") }
        let dropped = instance.participants.keys.filter { target.transition($0) == nil }.sorted()
        if !dropped.isEmpty { changes.append("steps taken that the new version lacks: \(dropped.joined(separator: ", "))") }
        return .canMove(state: state, changes: changes)
    }
}
