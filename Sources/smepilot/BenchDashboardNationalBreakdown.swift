import Foundation
import PilotStore
import WebApp

/// Where the national roll-up's time goes (issue #16, goal 4): each read of
/// `NationalRollupService.rollup` timed alone (median of `runs`, one at a time), the overdue counts
/// both ways — from the state-entry counters (migrations 34, 43) and from every overdue instance's
/// index entry (before) — checked equal, and the whole roll-up with its reads concurrent. The page's
/// and the API's figures over HTTP less the whole roll-up are rendering, encoding and HTTP.
enum DashboardBenchNationalBreakdown {
    static func run(_ services: AppServices, runs: Int = 21) async throws {
        let store = services.store
        let definitionId = "enterprise-project"
        let definition = services.catalog.latest(definitionId)
        let cutoffs = NationalRollupService.overdueCutoffs(definition, now: store.clock.now())
        let ids = try await store.facts.programmeHeadings().map(\.id)
        let classes = NationalRollupService.stateClasses(definition)
        func time(_ label: String, _ body: () async throws -> Void) async throws {
            try await DashboardBenchBreakdown.printMedian(label, runs: runs, body)
        }
        let counted = try await store.facts.overdueCounts(programmeIds: nil, definitionId: definitionId, cutoffs: cutoffs)
        let scanned = try await store.facts.scanOverdueCounts(programmeIds: ids, definitionId: definitionId, cutoffs: cutoffs)
        guard counted == scanned else { throw FailureMessage("the overdue counts from the counters differ from the rows") }
        print(
            "where the national roll-up's time goes (\(ids.count) programmes, \(counted.values.reduce(0, +)) overdue, "
                + "median of \(runs) runs each, one at a time):")
        try await time("programme headings") { _ = try await store.facts.programmeHeadings() }
        try await time("dashboard counters per programme and state (before: every such row decoded)") {
            _ = try await store.facts.dashboardCounts(programmeIds: nil, definitionId: definitionId)
        }
        try await time("dashboard counters summed per programme in SQL (rollupCounts, what the roll-up reads)") {
            _ = try await store.facts.rollupCounts(
                programmeIds: nil, definitionId: definitionId, completed: classes.completed, ended: classes.ended,
                dropped: DashboardData.droppedStates)
        }
        try await time("overdue from the state-entry counters (index-only: migrations 34, 43)") {
            _ = try await store.facts.overdueCounts(programmeIds: nil, definitionId: definitionId, cutoffs: cutoffs)
        }
        try await time("overdue from every overdue instance's index entry (before; same figures)") {
            _ = try await store.facts.scanOverdueCounts(programmeIds: ids, definitionId: definitionId, cutoffs: cutoffs)
        }
        try await time("current targets (target_versions, decoded)") {
            _ = try await store.facts.currentTargets(programmeIds: ids)
        }
        store.facts.cacheFundsSummaries(false)
        try await time("funds summaries (funds_books.summary, each decoded)") {
            _ = try await store.facts.fundsSummaries(programmeIds: ids)
        }
        store.facts.cacheFundsSummaries(true)
        try await time("funds summaries (decoded when the book's version moved)") {
            _ = try await store.facts.fundsSummaries(programmeIds: ids)
        }
        try await time("the whole roll-up (NationalRollupService.rollup, reads concurrent)") {
            _ = try await NationalRollupService(services: services).rollup(programmeIds: nil)
        }
    }
}
