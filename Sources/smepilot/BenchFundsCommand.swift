import ArgumentParser
import AsyncHTTPClient
import Foundation
import Funds
import LocalPostgres
import Logging
import PilotDomain
import PilotStore
import SQLKit
import ServiceLifecycle
import WebApp
import WorkflowEngine

/// `smepilot bench funds`: one programme of 5,000 projects on PostgreSQL (fsync on), its funds
/// stored as rows (migration 31). Times preparing and approving releases of every project's
/// tranche — 5,000 tranches at once, twice (the second with the first one's 10,000 ledger lines
/// in the book) — against the same changes on the book stored as one JSON document, in the same
/// run; then the finance workspace `/finance` over loopback HTTP, page 1 and a middle page.
/// Goals: an approval of 5,000 tranches under 10 s; `/finance` p99 under 100 ms.
struct FundsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funds",
        abstract: "Measure releases of 5,000 tranches (rows vs. the JSON document) and /finance pages on PostgreSQL.")

    @ArgumentParser.Option(help: "Projects in the programme, one tranche each per release") var projects = 5000
    @ArgumentParser.Option(name: .short, help: "Timed GETs per /finance page") var n = 200
    @ArgumentParser.Option(help: "Directory of workflow definitions") var workflows = "Workflows"

    static let goalSeconds = 10.0
    static let goalMilliseconds = 100.0
    static let preparer = Officer(userId: "usr_bench_finance1", organisationId: "bureau")
    static let approver = Officer(userId: "usr_bench_finance2", organisationId: "bureau")

    func run() async throws {
        guard (100...100_000).contains(projects), n > 0 else { throw ValidationError("--projects 100–100000, -n positive") }
        LoggingSystem.bootstrapOnce(level: .warning)
        let catalog: WorkflowCatalog
        do { catalog = try WorkflowCatalog.load(directory: workflows) } catch {
            throw FailureMessage("workflow definitions in '\(workflows)' are invalid:\n\(error.description)")
        }
        let (store, address) = try await BenchDatabase.openPostgres()
        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        print(
            "\(build) build; database \(address.database) on \(address.host):\(address.port) (PostgreSQL, fsync on); "
                + "load \(Self.loadAverage())")
        try await store.migrate()
        let programme = try await store.programmes.createProgramme(
            code: "BENCH-FUNDS", name: LocalizedText(zh: "资金基准", en: "Funds benchmark"), division: "120116", rules: [:])
        let ids = (1...projects).map { String(format: "prj_bench_%06d", $0) }
        let book = try Self.book(ids, at: Self.now())
        try await store.funds.createFundsBook(programmeId: programme.id, book)
        try await FundsBenchDocument.create(store, programmeId: programme.id, book)
        print("programme of \(projects) projects, 30/40/30 plan, every tranche due; \(book.ledger.postings.count) receipts")

        var approvals: [Double] = []
        for round in 1...2 {
            let tranches = ids.map { TrancheID(project: $0, number: round) }
            // One time for both, so the rows and the document end up holding the same book.
            let at = Self.now()
            let rows = try await Self.release(tranches, at: at, store: store, programmeId: programme.id, document: false)
            let document = try await Self.release(tranches, at: at, store: store, programmeId: programme.id, document: true)
            approvals.append(rows.approve)
            print("release \(round) of \(tranches.count) tranches (prepare, then approve by a second officer):")
            print(String(format: "  rows (migration 31)      prepare %7.0f ms   approve %7.0f ms", rows.prepare, rows.approve))
            print(
                String(
                    format: "  JSON document (before)   prepare %7.0f ms   approve %7.0f ms", document.prepare, document.approve))
            print(
                String(
                    format: "  rows ÷ document: prepare %.2f, approve %.2f;  approve ÷ %.0f s goal = %.3f",
                    rows.prepare / document.prepare,
                    rows.approve / document.approve, Self.goalSeconds, rows.approve / 1000 / Self.goalSeconds))
        }
        // This benchmark has no project instances to record the payments on: the queued record
        // jobs are cleared so the page's drain of them is not what is timed.
        try await store.backend.read { database in try await database.raw("DELETE FROM release_records").run() }
        try await Self.verify(store, address: address, programmeId: programme.id)

        // What the finance officers see next: half the third tranches in a release awaiting the
        // second officer, the other half due, 100 a page.
        let half = ids.prefix(projects / 2).map { TrancheID(project: $0, number: 3) }
        _ = try await store.funds.changeFunds(
            programmeId: programme.id, action: "prepare_release", detail: "bench",
            actor: ChangeActor(userId: "bench", name: "bench")
        ) { book throws(FundsRefusal) in try book.prepareRelease(half, preparer: Self.preparer, at: Self.now()) }
        try await measurePages(store, catalog: catalog, address: address, programmeId: programme.id)
        print("load after: \(Self.loadAverage()); peak RSS \(ResourceUsage.peakResidentMegabytes()) MB")
        await store.shutdown()
    }

    /// Sources, cash enough for everything, `ids` registered under the 30/40/30 plan with every
    /// milestone reached, so each project has three tranches due.
    static func book(_ ids: [String], at: Date) throws -> FundsBook {
        let rules = try FundingRules(tranchePlan: .thirtyFortyThirty)
        let subsidy = Fen.yuan(500_000)
        let total = Fen(subsidy.value * Int64(ids.count))
        var book = try FundsBook(
            rules: rules, sources: DashboardBenchFunds.sources(committed: ["central": total, "city": total]))
        for source in ["central", "city", "district", "teda", "tianjin_port_ftz", "binhai_hitech"] {
            try book.receive(source: source, amount: total, at: at)
        }
        for (index, id) in ids.enumerated() {
            try book.registerProject(
                id, enterpriseOrganisationId: "org_bench_\(index)", approvedSubsidy: subsidy,
                localSourceId: DashboardBenchFunds.localSource(zone: index % 5))
            for milestone in Milestone.allCases { try book.milestoneReached(project: id, milestone) }
        }
        return book
    }

    /// Times preparing and approving one release of `tranches`, as rows or as the document.
    static func release(
        _ tranches: [TrancheID], at: Date, store: PilotStore, programmeId: String, document: Bool
    ) async throws -> (prepare: Double, approve: Double) {
        let actor = ChangeActor(userId: "bench", name: "bench")
        func timed(_ change: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Void) async throws -> Double {
            let begin = ContinuousClock.now
            if document {
                try await FundsBenchDocument.change(store, programmeId: programmeId, change)
            } else {
                let result = try await store.funds.changeFunds(
                    programmeId: programmeId, action: "bench", detail: "", actor: actor
                ) {
                    book throws(FundsRefusal) in try change(&book)
                }
                if case .failure(let refusal) = result { throw FailureMessage("refused: \(refusal.message.en)") }
            }
            return (ContinuousClock.now - begin).milliseconds
        }
        let prepare = try await timed { book throws(FundsRefusal) in
            try book.prepareRelease(tranches, preparer: preparer, at: at)
        }
        let approve = try await timed { book throws(FundsRefusal) in
            try book.approveRelease(book.releases.count, approver: approver, at: at)
        }
        return (prepare, approve)
    }

    /// Both stores of the money say the same, and the rows hold: the book rebuilt from the rows by
    /// a second store instance (another server process, empty cache) equals the document's, its
    /// `check()` is clean and every posting balances. Times that rebuild against decoding the document.
    static func verify(_ store: PilotStore, address: DatabaseLocation.PostgresAddress, programmeId: String) async throws {
        let logger = Logger(label: "bench")
        let other = PilotStore(backend: PostgresBackend(address, maximumConnections: 2, logger: logger), logger: logger)
        let begin = ContinuousClock.now
        guard let rebuilt = try await other.funds.fundsBook(programmeId: programmeId) else { throw FailureMessage("no book") }
        let rebuild = (ContinuousClock.now - begin).milliseconds
        await other.shutdown()
        let (document, decode) = try await FundsBenchDocument.book(store, programmeId: programmeId)
        guard let rows = try await store.funds.storedFunds(programmeId: programmeId) else { throw FailureMessage("no book") }
        let (stored, unbalanced) = (rows.book, rows.unbalancedPosting)
        print(
            "book of \(rebuilt.projects.count) projects, \(rebuilt.ledger.postings.count) postings, "
                + "\(rebuilt.ledger.postings.reduce(0) { $0 + $1.lines.count }) lines:")
        print(String(format: "  read by another process: rebuilt from rows %.0f ms;  document decoded %.0f ms", rebuild, decode))
        print(
            "  rows == document: \(rebuilt == document && stored == document);  check(): \(stored.check().count) violations;  "
                + "unbalanced postings: \(unbalanced.map(String.init) ?? "none")")
    }

    func measurePages(
        _ store: PilotStore, catalog: WorkflowCatalog, address: DatabaseLocation.PostgresAddress, programmeId: String
    ) async throws {
        let port = PortProbe.freePort() ?? 58_081
        let services = AppServices(
            configuration: AppConfiguration(
                host: "127.0.0.1", port: port, database: .postgres(address), workflowsDirectory: workflows, logLevel: .warning),
            store: store, catalog: catalog, logger: Logger(label: "bench"))
        let officer = try await store.accounts.createUser(
            programmeId: programmeId, username: "bench-finance", displayName: "基准财务人员", passwordHash: "!",
            organisationId: nil, grants: [RoleGrant(role: .financeOfficer, scope: .programme(programmeId))])
        let session = try await store.sessions.createSession(userId: officer.id, lifetime: 3600)
        let due = projects - projects / 2
        // 100 due tranches a page (`FinanceView.pageSize`).
        let middle = max(1, (due + 99) / 100 / 2)
        print("/finance with \(due) tranches due and a release of \(projects / 2) awaiting approval: \(n) sequential GETs each")
        // One page has no pager: only a programme with more than 100 tranches due must show one.
        let pagerExpected = due > 100
        let outcomes = try await BenchApplication.probing(services, port: port) { probe in
            var outcomes: [(String, DashboardBenchProbe.Outcome)] = []
            for path in ["/finance", "/finance?page=\(middle)"] {
                let outcome = try await probe.measure(
                    path: path, headers: [("Cookie", "smepilot_session=\(session.token)")], count: n, warmUp: 5
                ) { html in
                    guard html.contains("id=\"release-") else { return "no open release" }
                    return !pagerExpected || html.contains("id=\"due-pager\"") ? nil : "no pager"
                }
                outcomes.append((path, outcome))
            }
            return outcomes
        }
        for (path, outcome) in outcomes {
            DashboardBenchProbe.report(
                "page GET \(path)".padding(toLength: 26, withPad: " ", startingAt: 0), outcome, goal: Self.goalMilliseconds)
        }
    }

    /// Now, to the millisecond the store keeps, so the rows and the document hold the same times.
    static func now() -> Date { Date(millis: Date().millis) }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
