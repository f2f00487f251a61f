import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The dashboard's tables besides the targets: the lifecycle funnel, the breakdowns and the level
/// distribution. Pure functions of the projections, like the targets.
public enum DashboardFigures {
    public struct FunnelRow: Sendable {
        public var stateId: String
        public var label: LocalizedText
        public var terminal: Bool
        public var count: Int
    }

    /// Projects per lifecycle state, in the order the workflow definition lists its states (which
    /// is the order a project moves through them); states no longer in the definition come last.
    public static func funnel(_ projects: [ProjectFactRow], definition: WorkflowDefinition?) -> [FunnelRow] {
        var counts: [String: Int] = [:]
        projects.forEachInPlace { counts[$0.state, default: 0] += 1 }
        let states = definition?.states ?? []
        var rows = states.map { FunnelRow(stateId: $0.id, label: $0.label, terminal: $0.terminal, count: counts[$0.id] ?? 0) }
        let known = Set(states.map(\.id))
        for (state, count) in counts.sorted(by: { $0.key < $1.key }) where !known.contains(state) {
            rows.append(FunnelRow(stateId: state, label: LocalizedText(zh: state, en: state), terminal: false, count: count))
        }
        return rows
    }

    public struct BreakdownRow: Sendable {
        /// The group's id (sub-industry, zone or contractor organisation); empty for "not recorded".
        public var id: String
        public var name: LocalizedText
        public var participants: Int
        /// Participants whose latest on-site assessment is level 3 or higher.
        public var atLevel3: Int
        public var approvedSubsidy: Fen
    }

    /// Participants, those at level 3+, and their approved subsidies grouped by a key; groups are
    /// named from the programme's current names (so a renamed sub-industry shows its new name with
    /// all its projects), projects without a key go under "not recorded" at the end.
    public static func breakdown(
        _ participants: [ProjectFactRow], key: (borrowing ProjectFactRow) -> String?,
        names: [(id: String, name: LocalizedText)]
    ) -> [BreakdownRow] {
        rows(totals(participants, key: key), names: names)
    }

    /// A group's participants, those at level 3+, and their approved subsidies.
    typealias Total = (count: Int, level3: Int, subsidy: Fen)

    /// The totals per key ("" for none), one hash per participant: the group's total is updated
    /// where it lies.
    static func totals(_ participants: [ProjectFactRow], key: (borrowing ProjectFactRow) -> String?) -> [String: Total] {
        var totals: [String: Total] = [:]
        participants.forEachInPlace { project in
            let atLevel3 = (DashboardData.level(project) ?? 0) >= 3 ? 1 : 0
            let subsidy = Fen(project.facts.approvedSubsidy ?? 0)
            add(&totals[key(project) ?? "", default: (0, 0, .zero)], (1, atLevel3, subsidy))
        }
        return totals
    }

    static func add(_ total: inout Total, _ more: Total) {
        total = (total.count + more.count, total.level3 + more.level3, total.subsidy + more.subsidy)
    }

    /// The rows of `totals`: the named groups in the order given, then the others by key, "not
    /// recorded" ("") among them under its label.
    static func rows(_ totals: [String: Total], names: [(id: String, name: LocalizedText)]) -> [BreakdownRow] {
        var rows = names.map { entry in
            let total = totals[entry.id] ?? (0, 0, .zero)
            return BreakdownRow(
                id: entry.id, name: entry.name, participants: total.count, atLevel3: total.level3, approvedSubsidy: total.subsidy)
        }
        let known = Set(names.map(\.id))
        for (group, total) in totals.sorted(by: { $0.key < $1.key }) where !known.contains(group) {
            let name = group.isEmpty ? DashboardText.unassigned : LocalizedText(zh: group, en: group)
            rows.append(
                BreakdownRow(
                    id: group, name: name, participants: total.count, atLevel3: total.level3, approvedSubsidy: total.subsidy))
        }
        return rows
    }

    /// The main contractor a project counts for. A project under way counts for the one assigned to
    /// its sub-industry now: a replacement takes over every open project (see `/contractors`). A
    /// finished project (a terminal state) stays with the contractor that filed its plan, so
    /// replacing an underperforming contractor neither hands its results to the successor nor
    /// wipes them from its own record. (A finished project without a recorded filer falls back to
    /// the current contractor.)
    public static func contractorKey(
        _ assignments: [ContractorAssignment], finishedStates: Set<String>
    )
        -> (borrowing ProjectFactRow) -> String?
    {
        var bySubIndustry: [String: String] = [:]
        for assignment in assignments where assignment.endedAt == nil {
            bySubIndustry[assignment.subIndustryId] = assignment.organisationId
        }
        return { project in
            answerableContractor(
                finished: finishedStates.contains(project.state), planFiledBy: project.planFiledBy,
                current: project.subIndustryId.flatMap { bySubIndustry[$0] })
        }
    }

    /// The rule of `contractorKey` for one project, also used for the enterprise's rating of its contractor.
    public static func answerableContractor(finished: Bool, planFiledBy: String?, current: String?) -> String? {
        (finished ? planFiledBy : nil) ?? current
    }

    /// Participants by main contractor: current contractors first, then replaced ones that still
    /// have finished projects (marked as replaced); a contractor serving two sub-industries is one row.
    static func byContractor(
        _ participants: [ProjectFactRow], assignments: [ContractorAssignment], definition: WorkflowDefinition?
    ) -> [BreakdownRow] {
        let serving = Set(assignments.filter { $0.endedAt == nil }.map(\.organisationId))
        var seen = Set<String>()
        let names = (assignments.filter { $0.endedAt == nil } + assignments.filter { $0.endedAt != nil })
            .filter { seen.insert($0.organisationId).inserted }
            .map { assignment in
                let name = assignment.organisationName
                return (
                    id: assignment.organisationId,
                    name: serving.contains(assignment.organisationId)
                        ? LocalizedText(zh: name, en: name) : LocalizedText(zh: name + "（已更换）", en: name + " (replaced)")
                )
            }
        let finishedStates = Set((definition?.states ?? []).filter(\.terminal).map(\.id))
        return breakdown(participants, key: contractorKey(assignments, finishedStates: finishedStates), names: names)
            .filter { serving.contains($0.id) || $0.participants > 0 }
    }

    public struct LevelRow: Sendable {
        /// 1…4, or nil for "not yet".
        public var level: Int?
        /// Participants diagnosed at this level.
        public var baseline: Int
        /// Participants whose latest on-site assessment is this level.
        public var latest: Int
    }

    /// Participants per level at diagnosis (baseline) and at their latest on-site assessment.
    public static func levels(_ participants: [ProjectFactRow]) -> [LevelRow] {
        var baseline: [Int?: Int] = [:]
        var latest: [Int?: Int] = [:]
        participants.forEachInPlace { project in
            baseline[project.facts.baselineLevel.flatMap { (1...4).contains($0) ? $0 : nil }, default: 0] += 1
            latest[DashboardData.level(project).flatMap { (1...4).contains($0) ? $0 : nil }, default: 0] += 1
        }
        return ([1, 2, 3, 4] as [Int?] + [nil]).map { LevelRow(level: $0, baseline: baseline[$0] ?? 0, latest: latest[$0] ?? 0) }
    }
}
