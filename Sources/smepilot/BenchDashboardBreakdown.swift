import Foundation
import PilotDomain
import PilotStore
import SQLKit
import WebApp

/// Where a dashboard view's time goes, when the end-to-end figures are not enough: each read
/// `DashboardService.model` makes, timed alone (median of `runs`, one at a time), the project rows'
/// query counted inside PostgreSQL (its time without sending and decoding the rows), the pure
/// computations, and the whole model (whose reads run concurrently).
enum DashboardBenchBreakdown {
    static func run(_ services: AppServices, programme: String, runs: Int = 21) async throws {
        let store = services.store
        let definition = services.catalog.latest("enterprise-project")
        func time(_ label: String, _ body: () async throws -> Void) async throws {
            try await printMedian(label, runs: runs, body)
        }
        print("where a view's time goes (programme \(programme), median of \(runs) runs each, one at a time):")
        try await time("project rows: the query counted in PostgreSQL") {
            _ = try await store.backend.read { database in
                try await database.raw(
                    """
                    SELECT count(*) AS c FROM workflow_instances i JOIN project_facts f ON f.instance_id = i.id
                    WHERE i.programme_id = \(bind: programme)
                    AND i.definition_id = 'enterprise-project' AND f.programme_id = \(bind: programme)
                    """
                ).first()
            }
        }
        let rows = try await store.facts.readProjectFactRows(programmeId: programme, definitionId: "enterprise-project")
        try await time("project rows: read from the database (\(rows.count) projects)") {
            _ = try await store.facts.readProjectFactRows(programmeId: programme, definitionId: "enterprise-project")
        }
        try await time("project rows: unchanged (fingerprint query, rows from the cache)") {
            _ = try await store.facts.projectFactRows(programmeId: programme, definitionId: "enterprise-project")
        }
        try await time("project rows: right after a change (kept rows, the rows changed since merged in)") {
            store.facts.forgetProjectFactRowsFingerprint(programmeId: programme, definitionId: "enterprise-project")
            _ = try await store.facts.projectFactRows(programmeId: programme, definitionId: "enterprise-project")
        }
        try await time("project rows: the packed text alone (query and transfer)") {
            _ = try await store.facts.projectFactsText(programmeId: programme, definitionId: "enterprise-project")
        }
        let text = try await store.facts.projectFactsText(programmeId: programme, definitionId: "enterprise-project")
        try await time("project rows: unpacking the text (\(text.utf8.count / 1024) KB) into Swift values") {
            _ = FactRowPacking.unpack(text)
        }
        try await time("enterpriseFlags") { _ = try await store.facts.enterpriseFlags(programmeId: programme) }
        try await time("programmeCounts (ratings, selections, providers, products)") {
            _ = try await store.facts.programmeCounts(programmeId: programme)
        }
        try await time("the six other reads, one after another") {
            _ = try await store.targets.currentTargets(programmeId: programme)
            _ = try await store.targets.targetSnapshots(programmeId: programme)
            _ = try await store.programmes.subIndustries(programmeId: programme)
            _ = try await store.programmes.programme(id: programme)
            _ = try await store.providers.contractorAssignments(programmeId: programme)
            _ = try await store.facts.fundsSummary(programmeId: programme)
        }
        let data = try await DashboardService(services: services).data(programme)
        let now = Date()
        try await time("targets (Targets.evaluate, participants included)") {
            _ = Targets.evaluate(DashboardData(projects: data.projects, aboveScaleProfiles: data.aboveScaleProfiles))
        }
        try await time("risk lists (overdue, signatures, objections, rectifications)") {
            _ = DashboardRisks.overdue(data.projects, definition: definition, now: now)
            _ = DashboardRisks.signatures(data.projects, definition: definition, now: now)
            _ = DashboardRisks.objections(data.projects, definition: definition, now: now)
            _ = DashboardRisks.rectifications(data.projects, definition: definition, now: now)
        }
        if let book = try await store.funds.fundsBook(programmeId: programme) {
            try await time("risk lists from the funds book (reports, recoveries)") {
                _ = DashboardRisks.reports(book, data.projects, definition: definition, now: now)
                _ = DashboardRisks.recoveries(book, data.projects, definition: definition, now: now)
            }
        }
        let ids = Array(Set(data.projects.compactMap(\.enterpriseId)).prefix(200))
        try await time("organisationNames (\(ids.count) ids: four risk lists × 50 shown)") {
            _ = try await store.facts.organisationNames(ids)
        }
        let participants = data.participants
        try await time("funnel, breakdowns by sub-industry and zone, levels") {
            _ = DashboardFigures.funnel(data.projects, definition: definition)
            _ = DashboardFigures.breakdown(participants, key: \.subIndustryId, names: [])
            _ = DashboardFigures.breakdown(participants, key: \.divisionCode, names: [])
            _ = DashboardFigures.levels(participants)
        }
        try await time("the whole model (DashboardService.model, cache on, reads concurrent)") {
            _ = try await DashboardService(services: services).model(programme)
        }
        try await time("the whole model right after a change (its rows as in the line above)") {
            store.facts.forgetProjectFactRowsFingerprint(programmeId: programme, definitionId: "enterprise-project")
            _ = try await DashboardService(services: services).model(programme)
        }
        // On 2 cores a view's CPU, the app's and the server's, bounds how fast it can be whatever runs concurrently.
        try await printCPU("CPU of the whole model", runs: runs * 2, store: store) {
            _ = try await DashboardService(services: services).model(programme)
        }
        try await printCPU("CPU of the whole model right after a change", runs: runs * 2, store: store) {
            store.facts.forgetProjectFactRowsFingerprint(programmeId: programme, definitionId: "enterprise-project")
            _ = try await DashboardService(services: services).model(programme)
        }
        // What a view sends, from the model: over HTTP a view is the model, this, and the sign-in.
        let shown = try await DashboardService(services: services).model(programme, named: 50)
        try await time("the page's HTML from the model (\(DashboardOutput.pageBytes(shown) / 1024) KB)") {
            _ = DashboardOutput.pageBytes(shown)
        }
        let answered = try await DashboardService(services: services).model(programme, named: 100)
        try await time("the API's JSON from the model (\(try DashboardOutput.apiBytes(answered) / 1024) KB)") {
            _ = try DashboardOutput.apiBytes(answered)
        }
        print("the finance workspace's reads (same programme):")
        try await time("fundsBook, unchanged (version query; rebuilt from rows at the first read)") {
            _ = try await store.funds.fundsBook(programmeId: programme)
        }
        try await time("subsidisedProjects (the catch-up's projects, no documents)") {
            _ = try await store.instances.subsidisedProjects(programmeId: programme)
        }
        try await time("enterpriseNamesByInstance (names for the tranches)") {
            _ = try await store.instances.enterpriseNamesByInstance(programmeId: programme)
        }
        // The seeded replacement shows: the replaced contractor keeps the finished projects whose
        // plans it filed, its successor has the sub-industry's open ones.
        let model = try await DashboardService(services: services).model(programme)
        print("by main contractor (participants, of them at level 3+):")
        for row in model.byContractor {
            print("  \(row.name.zh)".padding(toLength: 40, withPad: " ", startingAt: 0) + "\(row.participants), \(row.atLevel3)")
        }
    }
}

extension DashboardBenchBreakdown {
    /// Runs `body` `runs` times and prints the mean CPU milliseconds per run of this process and, when
    /// the server runs on this machine, of PostgreSQL's processes (`PostgresMeter`; /proc's ticks are
    /// 10 ms, so the mean over many runs).
    static func printCPU(_ label: String, runs: Int, store: PilotStore, _ body: () async throws -> Void) async throws {
        let address = (store.backend as? PostgresBackend)?.address
        let meter = try await store.backend.read { database -> PostgresMeter? in
            guard let address else { return nil }
            return await PostgresMeter.make(on: database, address: address)
        }
        let server = { meter?.postmaster.flatMap(PostgresMeter.serverCPU) }
        let (clientBefore, serverBefore) = (ProcessCPU.seconds(), server())
        // Marked on standard error, for a profiler of this phase (Benchmarks/perf/attribute.py).
        let phase = label.replacingOccurrences(of: " ", with: "-")
        TransitionsMeasurement.mark(phase, "begins")
        for _ in 0..<runs { try await body() }
        TransitionsMeasurement.mark(phase, "ends")
        let client = (ProcessCPU.seconds() - clientBefore) * 1000 / Double(runs)
        let serverText = server().flatMap { end in
            serverBefore.map { String(format: "%.1f ms", (end - $0) * 1000 / Double(runs)) }
        }
        print(
            "  " + label.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: "app %.1f ms, server ", client) + (serverText ?? "n/a") + " per view")
    }

    /// Runs `body` `runs` times, one at a time, and prints the label with the median milliseconds.
    static func printMedian(_ label: String, runs: Int, _ body: () async throws -> Void) async throws {
        var timings: [Double] = []
        for _ in 0..<runs {
            let begin = ContinuousClock.now
            try await body()
            timings.append((ContinuousClock.now - begin).milliseconds)
        }
        let median = timings.sorted()[timings.count / 2]
        print("  " + label.padding(toLength: 72, withPad: " ", startingAt: 0) + String(format: "%7.1f ms", median))
    }
}
