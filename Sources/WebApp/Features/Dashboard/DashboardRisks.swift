import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Who is stuck: the dashboard's risk lists, each a list of projects (linking to the enterprise's
/// project page) or of contractors. Pure functions of the projections and the clock.
public enum DashboardRisks {
    public enum Kind: String, Sendable, CaseIterable {
        /// Longer in a state than its `sla_days`.
        case overdue
        /// A task book still unsigned after its signing state's `sla_days`.
        case signatures
        /// An objection filed in publicity and not yet resolved (any age: each one holds a project).
        case objections
        /// Rectification past the deadline the evaluation set.
        case rectifications
        /// A quarterly progress or financial report past its due day (it holds the next tranche).
        case reports
        /// A recovery demand (追回) past its due date with money still owed.
        case recoveries
    }

    public struct Item: Sendable {
        public var project: ProjectFactRow
        public var state: StateDefinition
        /// Since when the project waits (entered its state).
        public var since: Date
        /// When it was due, if it has a deadline.
        public var due: Date?
        /// Whole days past `due` (0 when not overdue or no deadline).
        public var daysOver: Int
        /// What it waits for (e.g. the parties yet to sign), if the list says more than the state.
        public var detail: LocalizedText?
    }

    /// Shanghai has kept no daylight saving since 1991, so a day there is always 86,400 seconds:
    /// "n days later" and "whole days between" are plain arithmetic. With thousands of projects,
    /// `Calendar` arithmetic per project was most of the lists' cost (`smepilot bench dashboard`).
    static let day: TimeInterval = 86_400

    static func adding(days: Int, to date: Date) -> Date { date.addingTimeInterval(Double(days) * day) }

    /// Whole days from `from` to `to`, 0 if `to` is not later.
    public static func days(from: Date, to: Date) -> Int { max(0, Int((to.timeIntervalSince(from) / day).rounded(.down))) }

    /// Projects in a non-terminal state past its `sla_days`, most overdue first.
    public static func overdue(_ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date) -> [Item] {
        guard let definition else { return [] }
        var cutoffs: [String: (state: StateDefinition, days: Int, cutoff: Date)] = [:]
        for state in definition.states where !state.terminal {
            guard let days = state.slaDays else { continue }
            cutoffs[state.id] = (state, days, adding(days: -days, to: now))
        }
        var items: [Item] = []
        projects.forEachInPlace { project in
            guard let limit = cutoffs[project.state], project.stateEnteredAt < limit.cutoff else { return }
            let due = adding(days: limit.days, to: project.stateEnteredAt)
            items.append(
                Item(
                    project: copy project, state: limit.state, since: project.stateEnteredAt, due: due,
                    daysOver: days(from: due, to: now)))
        }
        return items.sorted { ($0.due ?? $0.since, $0.project.instanceId) < ($1.due ?? $1.since, $1.project.instanceId) }
    }

    static let signingState = "task_book_signing"
    static let objectionState = "suspended"
    static let rectificationStates: Set<String> = ["midterm_rectification", "acceptance_rectification"]

    /// Task books waiting for signatures beyond the signing state's SLA, naming who has not signed.
    public static func signatures(_ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date) -> [Item] {
        overdue(projects.filterInPlace { $0.state == signingState }, definition: definition, now: now).map { item in
            var item = item
            let missing = TaskBookParty.allCases.filter { !item.project.facts.signedParties.contains($0.rawValue) }
            item.detail = LocalizedText(
                zh: "待签：" + missing.map(\.label.zh).joined(separator: "、"),
                en: "Not yet signed by " + missing.map(\.label.en).joined(separator: ", "))
            return item
        }
    }

    /// Publicity notices suspended by an objection not yet resolved, oldest first; past the
    /// state's SLA they also count days over.
    public static func objections(_ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date) -> [Item] {
        guard let state = definition?.state(objectionState) else { return [] }
        return projects.filterInPlace { $0.state == objectionState }.map { project in
            let due = state.slaDays.map { adding(days: $0, to: project.stateEnteredAt) }
            return Item(
                project: project, state: state, since: project.stateEnteredAt, due: due,
                daysOver: due.map { days(from: $0, to: now) } ?? 0)
        }.sorted { ($0.since, $0.project.instanceId) < ($1.since, $1.project.instanceId) }
    }

    /// Rectifications whose deadline (the day set by the evaluation, inclusive) has passed.
    public static func rectifications(_ projects: [ProjectFactRow], definition: WorkflowDefinition?, now: Date) -> [Item] {
        guard let definition else { return [] }
        var items: [Item] = []
        projects.forEachInPlace { project in
            // The deadline first: most projects have none, and looking their state up in a set costs a hash each.
            guard project.facts.rectifyBy != nil, rectificationStates.contains(project.state),
                let state = definition.state(project.state), let day = project.facts.rectifyBy.flatMap(Shanghai.parseDate),
                case let due = adding(days: 1, to: day), due <= now
            else { return }
            items.append(
                Item(
                    project: copy project, state: state, since: project.stateEnteredAt, due: day,
                    daysOver: days(from: due, to: now) + 1,
                    detail: LocalizedText(zh: "整改期限 \(Shanghai.dateText(day))", en: "Rectify by \(Shanghai.dateText(day))")))
        }
        return items.sorted { ($0.due ?? $0.since, $0.project.instanceId) < ($1.due ?? $1.since, $1.project.instanceId) }
    }

    public struct ContractorItem: Sendable {
        public var organisationId: String
        public var name: String
        public var average: Double
        public var ratings: Int
    }

    /// Main contractors whose enterprises rate them below `threshold` (of 5) on average.
    public static let lowRatingThreshold = 3.0

    /// `ratings`: per contractor organisation, the sum and number of its ratings.
    public static func lowRatedContractors(
        _ ratings: [String: (sum: Int, count: Int)], names: [String: String]
    )
        -> [ContractorItem]
    {
        ratings.compactMap { id, total -> ContractorItem? in
            guard total.count > 0 else { return nil }
            let average = Double(total.sum) / Double(total.count)
            guard average < lowRatingThreshold else { return nil }
            return ContractorItem(organisationId: id, name: names[id] ?? id, average: average, ratings: total.count)
        }.sorted { ($0.average, $0.name) < ($1.average, $1.name) }
    }
}
