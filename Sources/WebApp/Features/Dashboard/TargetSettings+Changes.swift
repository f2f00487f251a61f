import PilotDomain

extension TargetSettings {
    /// The same figures in force: deadline, every target's goal (a stored default and an absent one
    /// are the same goal) and the recorded figures.
    func sameFigures(as other: TargetSettings) -> Bool {
        deadline == other.deadline && recorded == other.recorded
            && Targets.all.allSatisfy { goal($0) == other.goal($0) }
    }

    /// One line of a version's "what changed": a goal, the deadline or a recorded figure, old → new.
    struct Change: Sendable, Hashable {
        var label: LocalizedText
        var old: String
        var new: String
    }

    /// What these settings change against `previous` (the version before, or the policy's figures).
    func changes(from previous: TargetSettings) -> [Change] {
        func figure(_ value: Int?, _ unit: TargetUnit) -> String {
            guard let value else { return "—" }
            return unit == .percent ? "\(value)%" : "\(value)"
        }
        var changes: [Change] = []
        if deadline != previous.deadline {
            changes.append(Change(label: TargetsText.deadline, old: previous.deadline, new: deadline))
        }
        for target in Targets.all where goal(target) != previous.goal(target) {
            changes.append(
                Change(
                    label: target.label, old: figure(previous.goal(target), target.unit), new: figure(goal(target), target.unit)))
        }
        for key in Set(recorded.keys).union(previous.recorded.keys).sorted() where recorded[key] != previous.recorded[key] {
            guard let target = Targets.target(key) else { continue }
            changes.append(
                Change(
                    label: TargetsText.recordedLabel(target), old: figure(previous.recorded[key], target.unit),
                    new: figure(recorded[key], target.unit)))
        }
        return changes
    }
}
