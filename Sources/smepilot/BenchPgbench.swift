import Foundation
import LocalPostgres
import PilotStore
import SQLKit

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL's own limit beside `bench transitions`, measured by pgbench on the same server and
/// database in the same run: the scripts in `Benchmarks/pgbench` on instances of their own, seeded
/// in s0 and driven through the same 10 transitions by the same number of clients on disjoint
/// instances. Latency percentiles come from pgbench's per-transaction log (`-l`); the client's CPU
/// from the rusage of the pgbench process itself (wait4).
struct PgbenchScript {
    /// File name in `Benchmarks/pgbench`; also what its instance ids start with.
    var file: String
    var idPrefix: String

    static let oneStatement = PgbenchScript(file: "one-statement.sql", idPrefix: "pgone-")
    static let transaction = PgbenchScript(file: "transaction.sql", idPrefix: "pgtx-")

    /// The repository's `Benchmarks/pgbench`, found from this source file (the binary runs from its
    /// checkout), or `SMEPILOT_PGBENCH_SCRIPTS` when it runs elsewhere.
    static var directory: String {
        if let given = ProcessInfo.processInfo.environment["SMEPILOT_PGBENCH_SCRIPTS"] { return given }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/pgbench").path
    }

    /// pgbench from PATH, else the newest `/usr/lib/postgresql/*/bin`.
    static func executable() -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let debian = versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        return (path + debian).map { "\($0)/pgbench" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Instances per client: every client drives the same number, so pgbench's `-t` is exact.
    static func instancesPerClient(_ n: Int, clients: Int) -> Int { (n + clients - 1) / clients }

    /// Inserts the script's instances in s0 at version 1, as `start` leaves a bench instance.
    func seed(count: Int, programmeId: String, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO workflow_instances (id, programme_id, definition_id, definition_version, state, version, data,
            participants, last_hash, event_seq, state_entered_at, created_at, updated_at)
            SELECT \(bind: idPrefix) || n, \(bind: programmeId), \(bind: BenchWorkflow.definition.id), 1, 's0', 1, '{}', '[]',
            '', 0, 0, 0, 0 FROM generate_series(0, \(bind: count - 1)) n
            """
        ).run()
    }

    /// Instances of this script not at the last state with 10 history and 10 outbox rows (0 after a good run).
    func unfinished(on database: any SQLDatabase) async throws -> Int {
        try await database.raw(
            """
            SELECT COUNT(*) AS bad FROM workflow_instances i WHERE i.id LIKE \(bind: idPrefix + "%") AND (i.state <> 's10'
            OR (SELECT COUNT(*) FROM workflow_history h WHERE h.instance_id = i.id) <> 10
            OR (SELECT COUNT(*) FROM outbox o WHERE o.instance_id = i.id) <> 10)
            """
        ).first()?.decode(column: "bad", as: Int.self) ?? -1
    }

    /// Runs pgbench with this script: C clients, `perClient` instances each, 10 transitions each.
    func run(
        pgbench: String, address: DatabaseLocation.PostgresAddress, clients: Int, perClient: Int, programmeId: String
    ) throws -> (run: BenchRunner, clientCPUSeconds: Double) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-pgbench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let transactions = perClient * BenchWorkflow.steps
        let argv = [
            pgbench, "-M", "prepared", "-n", "-c", "\(clients)", "-j", "2", "-t", "\(transactions)", "-h", address.host, "-p",
            "\(address.port)", "-U", address.user, "-D", "clients=\(clients)", "-D", "k=0", "-D", "programme=\(programmeId)",
            "-f", "\(Self.directory)/\(file)", "-l", "--log-prefix=\(work)/log", address.database,
        ]
        var environment: [String: String] = [:]
        if let password = address.password { environment["PGPASSWORD"] = password }
        if address.requireTLS { environment["PGSSLMODE"] = "require" }
        let output = "\(work)/output"
        let pid = try ChildProcess.spawn(argv, environment: environment, outputPath: output)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0, let tps = Self.tps(in: text) else {
            throw FailureMessage("pgbench \(file) failed: \(text.suffix(600))")
        }
        let latencies = try Self.latencies(inLogsUnder: work)
        guard latencies.count == clients * transactions else {
            throw FailureMessage("pgbench \(file) logged \(latencies.count) of \(clients * transactions) transactions")
        }
        let cpu = usage.ru_utime.seconds + usage.ru_stime.seconds
        return (BenchRunner(seconds: Double(latencies.count) / tps, latencies: latencies.sorted()), cpu)
    }

    /// "tps = 8378.123 (without initial connection time)".
    static func tps(in output: String) -> Double? {
        output.split(separator: "\n").first { $0.hasPrefix("tps = ") }
            .flatMap { Double($0.dropFirst(6).prefix { $0 != " " }) }
    }

    /// Per-transaction log lines "client transaction latency_us script epoch us", one file per thread.
    static func latencies(inLogsUnder directory: String) throws -> [Double] {
        var latencies: [Double] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("log.") {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count >= 3, let micros = Double(fields[2]) { latencies.append(micros / 1000) }
            }
        }
        return latencies
    }
}

extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1e6 }
}
