import ArgumentParser
import Foundation
import Logging
import PilotDomain
import PilotStore
import WorkflowEngine

/// `smepilot bench bulk`: seeds N instances of the benchmark workflow on version 1, migrates all
/// of them to version 2 with a bulk job (dry run, then the run: chunks of 1,000, each instance its
/// own transaction with its history row, projections and item result), and measures in the same
/// run the peer: N single-row UPDATEs of the same rows, each its own transaction, one after
/// another on the same pool — the floor for "one transaction per instance". Goal (issue #17):
/// 10,000 migrated in < 60 s on PostgreSQL.
struct BulkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk", abstract: "Measure a bulk migration of N instances against N single-row updates.")

    @ArgumentParser.Option(help: "Number of instances") var instances = 10_000
    @Flag(help: "On PostgreSQL (DATABASE_URL, else a throwaway local server with fsync on); default SQLite")
    var postgres = false

    func run() async throws {
        guard instances > 0 else { throw ValidationError("--instances must be positive") }
        LoggingSystem.bootstrapOnce(level: .warning)
        let store = postgres ? try await BenchDatabase.openPostgres().store : try await BenchDatabase.open(.sqlite)
        defer { Task { await store.shutdown() } }
        try await store.migrate()
        let one = BenchWorkflow.definition
        var two = one
        two.version = 2
        // Seeded by a service that knows only version 1 (a start takes the newest version), migrated by
        // one that knows both.
        let seeder = WorkflowService(store: store, catalog: WorkflowCatalog([one]))
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([one, two]))
        let programme = try await store.programmes.createProgramme(
            code: "BENCH", name: LocalizedText(zh: "基准", en: "Benchmark"), division: "000000", rules: [:])
        let actor = Actor(
            userId: "bench", displayName: "bench", organisationId: "org_bench",
            grants: [RoleGrant(role: .mainContractor, scope: .programme(programme.id))])
        print("backend \(postgres ? "postgres" : "sqlite"), \(instances) instances, durable commits")

        let seedStart = ContinuousClock.now
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            let clients = 8
            for client in 0..<clients {
                let share = instances / clients + (client < instances % clients ? 1 : 0)
                group.addTask {
                    try await BenchWorkflow.startInstances(share, service: seeder, programme: programme.id, actor: actor)
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        print("seeded \(ids.count) instances in \(seconds(ContinuousClock.now - seedStart)) s")

        let job = try await store.bulk.createJob(
            programmeId: programme.id, operation: .migrate,
            parameters: BulkParameters(filter: BulkFilter(definitionId: one.id, definitionVersion: 1), targetVersion: 2),
            by: ChangeActor(userId: "bench", name: "bench"), catalog: service.catalog)
        let runner = BulkRunner(service: service)
        let dryStart = ContinuousClock.now
        try await runner.dryRun(jobId: job.id, programmeId: programme.id)
        let dry = seconds(ContinuousClock.now - dryStart)
        try await runner.start(jobId: job.id, programmeId: programme.id)
        let runStart = ContinuousClock.now
        let ended = try await runner.run(jobId: job.id, programmeId: programme.id) { job in
            showProgress(job)
        }
        let migrated = seconds(ContinuousClock.now - runStart)
        print("")
        guard let ended, ended.moved == instances else {
            throw FailureMessage("check: FAILED — the job moved \(ended?.moved ?? 0) of \(instances)")
        }

        // The peer, on the same rows and pool: one autocommit UPDATE per row, in sequence.
        let peerStart = ContinuousClock.now
        for id in ids {
            try await store.backend.transaction { database in
                try await database.raw(
                    "UPDATE workflow_instances SET updated_at = updated_at + 1 WHERE id = \(bind: id)"
                ).run()
            }
        }
        let peer = seconds(ContinuousClock.now - peerStart)
        let sample = Array(ids.shuffled().prefix(200))
        let audit = try await service.verifyAudit(only: sample)

        print("dry run:   \(instances) instances judged in \(dry) s")
        print("migration: \(instances) instances moved in \(migrated) s = \(rate(instances, migrated)) instances/s")
        print("peer:      \(instances) single-row UPDATEs, one transaction each, in \(peer) s = \(rate(instances, peer))/s")
        print("ratio:     migration takes \(String(format: "%.2f", migrated / max(peer, 0.001)))× the peer's time")
        let scaled = migrated * 10_000 / Double(instances)
        print(
            postgres
                ? "goal:      10,000 in < 60 s on PostgreSQL: \(scaled < 60 ? "met" : "NOT met") (\(String(format: "%.1f", scaled)) s per 10,000)"
                : "goal:      (the 60 s goal is for PostgreSQL: --postgres)")
        print("peak RSS: \(ResourceUsage.peakResidentMegabytes()) MB")
        print(
            audit.findings.isEmpty
                ? "check: ok — all \(instances) on version 2; the history of 200 sampled instances verifies (chain and replay)"
                : "check: FAILED — \(audit.findings.prefix(3))")
        if !audit.findings.isEmpty { throw ExitCode(1) }
    }

    func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return ((Double(whole) + Double(attoseconds) / 1e18) * 1000).rounded() / 1000
    }

    func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%.0f", Double(count) / max(seconds, 0.001)) }
}
