import ArgumentParser
import AsyncHTTPClient
import Foundation
import LocalPostgres
import Logging
import PilotDomain
import PilotStore
import SQLKit
import ServiceLifecycle
import WebApp
import WorkflowEngine

/// `smepilot bench dashboard`: seeds a national data set on PostgreSQL (100 programmes × 5,000
/// enterprises, about 5 million history rows), then starts the real application in-process and
/// times the leadership dashboard page and its API for one programme over loopback HTTP.
/// The goal: p99 under 100 ms.
struct DashboardBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Seed a national data set on PostgreSQL and measure the dashboard page and API (p50/p99).")

    @ArgumentParser.Option(help: "Programmes to seed") var programmes = 100
    @ArgumentParser.Option(help: "Enterprises per programme, one project each") var enterprises = 5000
    @ArgumentParser.Option(name: .short, help: "Timed requests per endpoint") var n = 200
    @ArgumentParser.Option(help: "Directory of workflow definitions") var workflows = "Workflows"
    @ArgumentParser.Option(
        help: ArgumentHelp(
            "Only where a view's time goes, in-process, on a database an earlier run seeded and kept (its name)",
            discussion: "Needs DATABASE_URL: a run against your own server keeps its database (smepilot_bench_<pid>)."))
    var breakdownOf: String?

    static let goalMilliseconds = 100.0
    static let warmUp = 10

    func run() async throws {
        // Ids carry 4 digits of programme and 6 of enterprise; under 1,000 enterprises the state
        // shares (per mille) would not hold.
        guard (1...9999).contains(programmes), (1000...999_999).contains(enterprises), n > 0 else {
            throw ValidationError("--programmes 1–9999, --enterprises 1000–999999, -n positive")
        }
        LoggingSystem.bootstrapOnce(level: .warning)
        let catalog: WorkflowCatalog
        do { catalog = try WorkflowCatalog.load(directory: workflows) } catch {
            throw FailureMessage("workflow definitions in '\(workflows)' are invalid:\n\(error.description)")
        }
        guard let definition = catalog.latest("enterprise-project") else {
            throw FailureMessage("no enterprise-project workflow in '\(workflows)'")
        }
        let problems = DashboardBenchPlan.problems(against: definition)
        guard problems.isEmpty else {
            throw FailureMessage(
                "the benchmark's lifecycle plan disagrees with the workflow: " + problems.joined(separator: "; "))
        }

        if breakdownOf != nil && ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") != true {
            throw ValidationError("--breakdown-of needs DATABASE_URL=postgres://… (the server that keeps the database)")
        }
        let (store, address) = try await BenchDatabase.openPostgres(reusing: breakdownOf)
        let port = PortProbe.freePort() ?? 58_080
        let services = AppServices(
            configuration: AppConfiguration(
                host: "127.0.0.1", port: port, database: .postgres(address), workflowsDirectory: workflows, logLevel: .warning),
            store: store, catalog: catalog, logger: Logger(label: "bench"))
        if breakdownOf != nil {
            // The seeded database as it was left: the same programme, no seeding, no HTTP.
            let programme = DashboardBenchSeeder.programmeId((programmes + 1) / 2)
            try await DashboardBenchBreakdown.run(services, programme: programme)
            try await DashboardBenchNationalBreakdown.run(services)
            await store.shutdown()
            return
        }
        let seeder = DashboardBenchSeeder(
            store: store, definition: definition, programmes: programmes, enterprises: enterprises, now: Date())
        print(
            "seeding \(programmes) programmes × \(enterprises) enterprises into database \(address.database) on "
                + "\(address.host):\(address.port) (PostgreSQL, fsync on)")
        try await seed(seeder, services: services)
        try await DashboardBenchReport.printContents(store)

        let programme = DashboardBenchSeeder.programmeId((programmes + 1) / 2)
        try await measure(services, programme: programme, port: port)
        print("peak RSS of this process (seeding, server and client): \(ResourceUsage.peakResidentMegabytes()) MB")
        await store.shutdown()
    }

    /// The seeding phases, each timed. Big tables are filled a chunk of programmes at a time.
    func seed(_ seeder: DashboardBenchSeeder, services: AppServices) async throws {
        var total = 0.0
        func phase(_ name: String, _ body: () async throws -> String) async throws {
            let begin = ContinuousClock.now
            let detail = try await body()
            let seconds = (ContinuousClock.now - begin).milliseconds / 1000
            total += seconds
            print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%7.1f s  ", seconds) + detail)
        }
        try await phase("schema (the numbered migrations)") {
            try await seeder.store.migrate()
            return ""
        }
        try await phase("working tables (bench_projects)") {
            try await seeder.planTables()
            return ""
        }
        try await phase("programmes, contractors, providers") {
            try await seeder.seedParties()
            return ""
        }
        try await phase("enterprises") {
            try await seeder.seedEnterprises()
            return ""
        }
        try await phase("projects, project_facts, instance_scopes") {
            try await seeder.seedProjects()
            return ""
        }
        try await phase("dashboard counters (one INSERT … SELECT … GROUP BY)") {
            "\(try await seeder.store.facts.rebuildDashboardCounts()) rows"
        }
        try await phase("state entry counters (one INSERT … SELECT … GROUP BY)") {
            "\(try await seeder.store.facts.rebuildStateEntryCounts()) rows"
        }
        try await phase("workflow_history") {
            try await seeder.seedHistory()
            return "synthetic, not hash-chained: `audit verify` does not apply to this database"
        }
        try await phase("ratings, selections, target versions") {
            try await seeder.seedFeedback(targets: DashboardBenchTargets.stored(enterprises: enterprises, now: seeder.now))
            return ""
        }
        try await phase("funds books (Funds API, one per programme)") {
            let funds = try await DashboardBenchFunds.seed(seeder)
            return
                "\(funds.books) books, \(funds.projects) projects, \(funds.paidTranches) tranches paid, \(funds.releases) releases, "
                + "\(funds.violations) ledger violations"
        }
        try await phase("weekly target snapshots (26 weeks)") {
            "\(try await DashboardBenchTargets.seedSnapshots(seeder, services: services)) rows"
        }
        try await phase("drop working tables, VACUUM ANALYZE, CHECKPOINT") {
            try await seeder.dropPlanTables()
            // VACUUM as well as ANALYZE: autovacuum would otherwise start on the new tables in the
            // middle of the measurement; after it the database is in the state it settles in. The
            // CHECKPOINT writes the seeding's 3 GB of dirty pages now: left to the checkpointer,
            // they were written during the measurement and showed as its slowest 1–2% of requests.
            try await seeder.store.backend.read { database in
                try await database.raw("VACUUM ANALYZE").run()
                try await database.raw("CHECKPOINT").run()
            }
            return ""
        }
        print(String(format: "seeded in %.1f s", total))
    }

    /// Signs in a leader of the programme (a session and an API token made directly in the
    /// store: the benchmark times the dashboard, not bcrypt), starts the application on a free
    /// loopback port, and times the page and the API.
    func measure(_ services: AppServices, programme: String, port: Int) async throws {
        let store = services.store
        let leader = try await store.accounts.createUser(
            programmeId: programme, username: "bench-leader", displayName: "基准领导小组", passwordHash: "!",
            organisationId: nil, grants: [RoleGrant(role: .leadership, scope: .programme(programme))])
        let session = try await store.sessions.createSession(userId: leader.id, lifetime: 3600)
        let officer = try await store.accounts.createUser(
            programmeId: programme, username: "bench-finance", displayName: "基准财务人员", passwordHash: "!",
            organisationId: nil, grants: [RoleGrant(role: .financeOfficer, scope: .programme(programme))])
        let financeSession = try await store.sessions.createSession(userId: officer.id, lifetime: 3600)
        let token = try await store.sessions.createApiToken(userId: leader.id, label: "bench dashboard")
        // A district official held at one zone of the programme (a division node, issue #12): their
        // project list is the same index look-up as the leader's programme-wide one.
        let division = try await store.programmes.programme(id: programme)?.division ?? ""
        let zoneOfficial = try await store.accounts.createUser(
            programmeId: programme, username: "bench-zone", displayName: "基准功能区", passwordHash: "!", organisationId: nil,
            grants: [RoleGrant(role: .districtOfficial, scope: .division(division + "400"))])
        let zoneToken = try await store.sessions.createApiToken(userId: zoneOfficial.id, label: "bench dashboard")
        let participants = try await DashboardBenchReport.participants(store, programme: programme)
        let completed = try await DashboardBenchReport.completedTransformations(store, programme: programme)

        let server = try await BenchApplication.start(services, port: port)
        let client = HTTPClient()
        let probe = DashboardBenchProbe(client: client, port: port)
        print(
            "measuring programme \(programme) (\(participants) participants): \(Self.warmUp) warm-up + \(n) sequential GETs "
                + "per endpoint over loopback HTTP")
        let page = try await probe.measure(
            path: "/dashboard", headers: [("Cookie", "smepilot_session=\(session.token)")], count: n, warmUp: Self.warmUp
        ) { html in
            guard html.contains("data-target=\"level3\"") else { return "no level3 target row" }
            let shown = DashboardBenchProbe.pageFigure(html, target: "transformations")
            return shown == completed
                ? nil : "transformations shows \(shown.map(String.init) ?? "nothing"), not \(completed)"
        }
        let api = try await probe.measure(
            path: "/api/v1/dashboard", headers: [("Authorization", "Bearer \(token)")], count: n, warmUp: Self.warmUp
        ) { body in
            let shown = DashboardBenchProbe.apiFigure(body, target: "transformations")
            return shown == completed ? nil : "transformations is \(shown.map(String.init) ?? "missing"), not \(completed)"
        }
        // The same again with the project-rows cache off: every view reads the rows as the first
        // view after a decision does.
        store.facts.cacheProjectFactRows(false)
        let coldPage = try await probe.measure(
            path: "/dashboard", headers: [("Cookie", "smepilot_session=\(session.token)")], count: n, warmUp: Self.warmUp
        ) { html in html.contains("data-target=\"level3\"") ? nil : "no level3 target row" }
        let coldAPI = try await probe.measure(
            path: "/api/v1/dashboard", headers: [("Authorization", "Bearer \(token)")], count: n, warmUp: Self.warmUp
        ) { body in
            DashboardBenchProbe.apiFigure(body, target: "transformations") == completed ? nil : "transformations differs"
        }
        store.facts.cacheProjectFactRows(true)
        // The finance workspace of the same programme (not a dashboard view, but read daily by the
        // finance officers, and it runs the funds book's catch-up with the lifecycle on each load).
        let finance = try await probe.measure(
            path: "/finance", headers: [("Cookie", "smepilot_session=\(financeSession.token)")], count: min(n, 50),
            warmUp: 3
        ) { html in html.contains("id=\"matching-panel\"") ? nil : "no matching panel" }
        // Project lists at national scale: the programme-wide grant (the baseline) and a grant at a
        // zone node, each one page of 25 of its projects (issue #12: scope checks stay index look-ups).
        func projects(_ bearer: String) async throws -> DashboardBenchProbe.Outcome {
            try await probe.measure(
                path: "/api/v1/projects?limit=25", headers: [("Authorization", "Bearer \(bearer)")], count: min(n, 100),
                warmUp: 3
            ) { body in body.contains("\"total\"") && body.contains("\"items\"") ? nil : "no project page" }
        }
        let programmeList = try await projects(token)
        let zoneList = try await projects(zoneToken)
        let national = try await DashboardBenchNational(
            services: services, probe: probe, programme: programme, projects: programmes * enterprises, count: n
        ).run(programmeSession: session.token, programmeToken: token)
        try await client.shutdown()
        try await server.stop()
        print("views of an unchanged programme (project rows from the cache after the fingerprint check):")
        DashboardBenchProbe.report("page GET /dashboard        ", page, goal: Self.goalMilliseconds)
        DashboardBenchProbe.report("API  GET /api/v1/dashboard ", api, goal: Self.goalMilliseconds)
        print("views that each follow a change (cache off: project rows read and unpacked every time):")
        DashboardBenchProbe.report("page GET /dashboard        ", coldPage, goal: Self.goalMilliseconds)
        DashboardBenchProbe.report("API  GET /api/v1/dashboard ", coldAPI, goal: Self.goalMilliseconds)
        print("the finance workspace of the same programme (no goal set; for comparison):")
        DashboardBenchProbe.report("page GET /finance          ", finance, goal: Self.goalMilliseconds)
        print("project lists (one page of 25) by the scope of the grant:")
        DashboardBenchProbe.report("API  GET /api/v1/projects, programme grant ", programmeList, goal: Self.goalMilliseconds)
        DashboardBenchProbe.report("API  GET /api/v1/projects, zone-node grant ", zoneList, goal: Self.goalMilliseconds)
        if case .measured(let base) = programmeList, case .measured(let zone) = zoneList {
            print(
                String(
                    format: "  zone-node ÷ programme p50 = %.2f (the division tree adds no walk per row)",
                    zone.timings.percentile(0.5) / max(base.timings.percentile(0.5), 0.001)))
        }
        DashboardBenchNational.report(national, goal: DashboardBenchNational.goalMilliseconds)
        try await DashboardBenchBreakdown.run(services, programme: programme)
        try await DashboardBenchNationalBreakdown.run(services)
    }
}
