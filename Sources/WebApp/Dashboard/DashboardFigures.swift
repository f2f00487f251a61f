import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The dashboard's tables besides the targets: the lifecycle funnel, the breakdowns by
/// sub-industry and zone, and the overdue projects. Pure functions of the snapshot, like the targets.
public enum DashboardFigures {
    public struct FunnelRow: Sendable {
        public var stateId: String
        public var label: LocalizedText
        public var terminal: Bool
        public var count: Int
    }

    /// Projects per lifecycle state, in the order the workflow definition lists its states (which
    /// is the order a project moves through them); states no longer in the definition come last.
    public static func funnel(_ projects: [InstanceSnapshot], definition: WorkflowDefinition?) -> [FunnelRow] {
        var counts: [String: Int] = [:]
        for project in projects { counts[project.state, default: 0] += 1 }
        let states = definition?.states ?? []
        var rows = states.map { FunnelRow(stateId: $0.id, label: $0.label, terminal: $0.terminal, count: counts[$0.id] ?? 0) }
        let known = Set(states.map(\.id))
        for (state, count) in counts.sorted(by: { $0.key < $1.key }) where !known.contains(state) {
            rows.append(FunnelRow(stateId: state, label: LocalizedText(zh: state, en: state), terminal: false, count: count))
        }
        return rows
    }

    struct BreakdownRow: Sendable {
        var name: LocalizedText
        var participants: Int
        var approvedSubsidy: Fen
    }

    /// Participants and their approved subsidies grouped by a key (sub-industry or zone); projects
    /// without one are grouped under "unassigned" at the end.
    static func breakdown(
        _ participants: [InstanceSnapshot], key: (InstanceSnapshot) -> String?, names: [(id: String, name: LocalizedText)]
    ) -> [BreakdownRow] {
        var counts: [String: (Int, Fen)] = [:]
        for project in participants {
            let group = key(project) ?? ""
            let subsidy = Fen(project.data["approved_subsidy"]?.intValue ?? 0)
            let (count, sum) = counts[group] ?? (0, .zero)
            counts[group] = (count + 1, sum + subsidy)
        }
        var rows = names.map { entry in
            BreakdownRow(name: entry.name, participants: counts[entry.id]?.0 ?? 0, approvedSubsidy: counts[entry.id]?.1 ?? .zero)
        }
        let known = Set(names.map(\.id))
        for (group, value) in counts.sorted(by: { $0.key < $1.key }) where !known.contains(group) {
            let name = group.isEmpty ? DashboardText.unassigned : LocalizedText(zh: group, en: group)
            rows.append(BreakdownRow(name: name, participants: value.0, approvedSubsidy: value.1))
        }
        return rows
    }

    public struct Risk: Sendable {
        public var project: InstanceSnapshot
        public var state: StateDefinition
        public var due: Date
        public var daysOver: Int
    }

    /// Projects that have been in their current state longer than the state's `sla_days`, the most
    /// overdue first. Terminal states and states without an SLA never count.
    public static func risks(_ projects: [InstanceSnapshot], definition: WorkflowDefinition?, now: Date) -> [Risk] {
        guard let definition else { return [] }
        return projects.compactMap { project -> Risk? in
            guard let state = definition.state(project.state), !state.terminal, let days = state.slaDays,
                let due = Shanghai.calendar.date(byAdding: .day, value: days, to: project.stateEnteredAt), due < now
            else { return nil }
            let over = Shanghai.calendar.dateComponents([.day], from: due, to: now).day ?? 0
            return Risk(project: project, state: state, due: due, daysOver: over)
        }.sorted { $0.due < $1.due }
    }
}
