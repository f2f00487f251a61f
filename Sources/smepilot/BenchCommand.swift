import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import PilotDomain
import PilotStore
import SQLKit
import WorkflowEngine

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks anyone can rerun.",
        subcommands: [
            TransitionsBench.self, SyncBench.self, DashboardBench.self, DiagnosisBench.self, StartBench.self, FundsBench.self,
            BulkBench.self,
        ])
}

/// `smepilot bench transitions`: N instances, each driven through 10 transitions by C concurrent
/// clients on disjoint instances; every transition a durable command through the real engine and
/// store. In the same run, the bare SQL equivalent through the same driver as the baseline.
struct TransitionsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions", abstract: "Measure durable workflow transitions per second against a bare-SQL baseline.")

    @ArgumentParser.Option(help: "postgres or sqlite") var backend = "sqlite"
    @ArgumentParser.Option(name: .short, help: "Number of instances") var n = 2000
    @ArgumentParser.Option(name: .short, help: "Concurrent clients") var c = 16

    func run() async throws {
        guard let kind = BackendKind(rawValue: backend) else { throw ValidationError("--backend must be postgres or sqlite") }
        guard n > 0, c > 0 else { throw ValidationError("-n and -c must be positive") }
        LoggingSystem.bootstrapOnce(level: .warning)
        let store: PilotStore
        let address: DatabaseLocation.PostgresAddress?
        if kind == .postgres {
            (store, address) = try await BenchDatabase.openPostgres()
        } else {
            (store, address) = (try await BenchDatabase.open(kind), nil)
        }
        defer { Task { await store.shutdown() } }
        try await store.migrate()
        let definition = BenchWorkflow.definition
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([definition]))
        let programme = try await store.programmes.createProgramme(
            code: "BENCH", name: LocalizedText(zh: "基准", en: "Benchmark"), division: "000000", rules: [:])
        let actor = Actor(
            userId: "bench", displayName: "bench", organisationId: "org_bench",
            grants: [RoleGrant(role: .mainContractor, scope: .programme(programme.id))])

        print(
            "backend \(kind.rawValue), \(n) instances × \(BenchWorkflow.steps) transitions, \(c) concurrent clients, durable commits"
        )
        let baselineIds = try await BenchWorkflow.startInstances(n, service: service, programme: programme.id, actor: actor)
        let engineIds = try await BenchWorkflow.startInstances(n, service: service, programme: programme.id, actor: actor)
        var meter: PostgresMeter?
        if let address { meter = try await store.backend.read { await PostgresMeter.make(on: $0, address: address) } }
        let measure = TransitionsMeasurement(store: store, meter: meter)

        let clients = c
        @Sendable func driveEngine(_ ids: [String]) async throws -> BenchRunner {
            try await BenchRunner.run(ids: ids, clients: clients) { id, step in
                let outcome = try await service.execute(
                    Command(instanceId: id, transitionId: "t\(step)", expectedVersion: step, idempotencyKey: "\(id)-\(step)"),
                    actor: actor)
                guard case .applied = outcome else {
                    throw FailureMessage("transition t\(step) on \(id) not applied: \(outcome)")
                }
            }
        }
        let engine = try await measure.inProcess("engine") { try await driveEngine(engineIds) }
        let path = (store.backend as? PostgresBackend).map(Self.postgresPath) ?? ""
        // With group commit on, the same engine with every decision sent alone, right after: the
        // peer that shows what the grouping itself gives on this machine in this run.
        var alone: (run: BenchRunner, costs: TransitionCosts)?
        if let postgres = store.backend as? PostgresBackend, let width = postgres.groupCommitWidth {
            postgres.groupCommitWidth = nil
            let ids = try await BenchWorkflow.startInstances(n, service: service, programme: programme.id, actor: actor)
            alone = try await measure.inProcess("engine-alone") { try await driveEngine(ids) }
            postgres.groupCommitWidth = width
        }
        let baseline = try await measure.inProcess("bare-sql") {
            try await BenchRunner.run(ids: baselineIds, clients: c) { id, step in
                try await BareSQLTransition.apply(store: store, instanceId: id, step: step, programmeId: programme.id)
            }
        }
        let check = try await BenchWorkflow.verify(store: store, ids: engineIds)
        var limits: [(label: String, run: BenchRunner, costs: TransitionCosts)] = []
        if let address {
            limits = try await measure.pgbench(address: address, n: n, clients: c, programmeId: programme.id)
        }
        var oneTrip: (run: BenchRunner, costs: TransitionCosts)?
        if let sqlite = store.backend as? SQLiteBackend {
            // The engine's own write path (one trip, prepared statements) with the bare SQL: the peer
            // that shows what of the engine's figure is the path and what is the engine.
            let ids = try await BenchWorkflow.startInstances(n, service: service, programme: programme.id, actor: actor)
            oneTrip = try await measure.inProcess("bare-sql-one-trip") {
                try await BenchRunner.run(ids: ids, clients: c) { id, step in
                    try await BareSQLTransition.applyInOneTrip(
                        backend: sqlite, instanceId: id, step: step, programmeId: programme.id)
                }
            }
        }

        for (label, run, costs) in limits { TransitionsReport.line(label, run, costs) }
        TransitionsReport.line("bare SQL baseline", baseline.run, baseline.costs)
        if let oneTrip { TransitionsReport.line("bare SQL, one trip", oneTrip.run, oneTrip.costs) }
        TransitionsReport.line("engine + store", engine.run, engine.costs)
        if let alone { TransitionsReport.line("engine, each alone", alone.run, alone.costs) }
        let kept = service.keptInstances.lookups
        print(
            "engine: \(kept.hits) of \(kept.hits + kept.misses) commands decided on the row the engine wrote last "
                + "(InstanceCache), \(kept.misses) read their instance first"
                + path)
        TransitionsReport.ratios(engine: engine.run, baseline: baseline.run, limits: limits.map(\.run))
        if let alone {
            print(
                String(
                    format: "group commit ÷ each alone: %.2f× (transitions/s), %.2f× (client + server CPU per transition)",
                    engine.run.throughput / alone.run.throughput,
                    engine.costs.cpuPerTransition(engine.run.latencies.count)
                        / max(alone.costs.cpuPerTransition(alone.run.latencies.count), 0.000_001)))
        }
        if let oneTrip {
            print(
                String(
                    format: "engine ÷ bare SQL in one trip: %.2f× (transitions/s)", engine.run.throughput / oneTrip.run.throughput
                ))
        }
        print("peak RSS: \(ResourceUsage.peakResidentMegabytes()) MB")
        print(
            check.ok
                ? "check: ok — every instance in s10 with 10 history rows and 10 outbox rows" : "check: FAILED — \(check.problem)"
        )
        if !check.ok { throw ExitCode(1) }
    }
}

extension TransitionsBench {
    /// How the engine's decisions reached PostgreSQL: prepared or not, together or alone.
    static func postgresPath(_ backend: PostgresBackend) -> String {
        var text = backend.preparedStatements ? "; prepared statements on" : "; prepared statements OFF"
        if let sent = backend.groupCommitSent, let width = backend.groupCommitWidth {
            text += String(
                format: "; group commit (width %d): %d decisions in %d batches (%.2f per batch, largest %d)",
                width, sent.decisions, sent.batches, Double(sent.decisions) / Double(max(sent.batches, 1)), sent.largest)
            let texts = PostgresBackend.batchTexts
            text += "; \(texts.named) batch texts named, \(texts.unnamedRuns) batches sent unnamed (every name taken)"
        } else {
            text += "; group commit off"
        }
        return text
    }
}

/// A fresh database for a benchmark run: a new SQLite file, or a new database on the
/// PostgreSQL server in DATABASE_URL — else a throwaway local server with fsync on.
enum BenchDatabase {
    static func open(_ kind: BackendKind) async throws -> PilotStore {
        let logger = Logger(label: "bench")
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-bench-\(UUID().uuidString).sqlite")
                .path
            return PilotStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
        case .postgres:
            return try await openPostgres().store
        }
    }

    /// A new database `smepilot_bench_<pid>` and its address (the dashboard bench hands the
    /// address on to the application it starts, and names it in its report).
    /// `reusing`: a database an earlier run made and kept (on DATABASE_URL's server), opened as it is.
    static func openPostgres(
        reusing: String? = nil
    ) async throws -> (store: PilotStore, address: DatabaseLocation.PostgresAddress) {
        let logger = Logger(label: "bench")
        var address: DatabaseLocation.PostgresAddress
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres"),
            case .postgres(let given) = try DatabaseLocation.parse(url)
        {
            address = given
        } else {
            let local = try LocalPostgresServer.start(durable: true)
            address = DatabaseLocation.PostgresAddress(
                host: local.host, port: local.port, user: local.user, password: nil, database: local.database, requireTLS: false)
        }
        // The server's maintenance database, for what is done to databases as a whole.
        func onMaintenance<T: Sendable>(_ body: @Sendable @escaping (any SQLDatabase) async throws -> T) async throws -> T {
            var maintenance = address
            maintenance.database = "postgres"
            let admin = PostgresBackend(maintenance, maximumConnections: 1, logger: logger)
            let result = try await admin.read(body)
            await admin.shutdown()
            return result
        }
        if let reusing {
            // Said at once, not after the pool's connection attempts give up.
            let exists = try await onMaintenance { database in
                try await database.raw("SELECT 1 AS x FROM pg_database WHERE datname = \(bind: reusing)").first() != nil
            }
            guard exists else {
                throw FailureMessage(
                    "no database \(reusing) on \(address.host):\(address.port) (a run with DATABASE_URL keeps smepilot_bench_<pid>)"
                )
            }
            address.database = reusing
        } else {
            let name = "smepilot_bench_\(ProcessInfo.processInfo.processIdentifier)"
            try await onMaintenance { database in
                try await database.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run()
                try await database.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            }
            address.database = name
        }
        let backend = PostgresBackend(address, maximumConnections: 40, logger: logger)
        // The same switch as `serve`: `SMEPILOT_PG_PREPARED=off` measures the unnamed statements.
        if let text = ProcessInfo.processInfo.environment["SMEPILOT_PG_PREPARED"] {
            guard let setting = PostgresBackend.preparedSetting(text) else {
                throw FailureMessage("SMEPILOT_PG_PREPARED must be on or off, not '\(text)'")
            }
            backend.preparedStatements = setting
        }
        // And `SMEPILOT_PG_GROUP_COMMIT` (on, off, a width): decisions sent together or each alone.
        if let text = ProcessInfo.processInfo.environment["SMEPILOT_PG_GROUP_COMMIT"] {
            do {
                backend.groupCommitWidth = try PostgresBackend.groupCommitWidth(setting: text)
            } catch {
                throw FailureMessage(error.description)
            }
        }
        return (PilotStore(backend: backend, logger: logger), address)
    }
}
