import Foundation
import PilotStore

/// Runs each system of `bench transitions` between two readings of what it cost: this process's
/// CPU (the engine and the baseline run in it), or pgbench's own; and on PostgreSQL the server's
/// CPU, commits and WAL over the same interval.
struct TransitionsMeasurement {
    var store: PilotStore
    var meter: PostgresMeter?

    func inProcess(
        _ phase: String, _ work: () async throws -> BenchRunner
    ) async throws -> (run: BenchRunner, costs: TransitionCosts) {
        let before = try await reading()
        let cpu = ProcessCPU.seconds()
        Self.mark(phase, "begins")
        let run = try await work()
        Self.mark(phase, "ends")
        let clientCPU = ProcessCPU.seconds() - cpu
        let costs = try await self.costs(from: before, clientCPU: clientCPU, settle: true)
        return (run, costs)
    }

    /// "phase <name> begins|ends <time>" on standard error, written at once: the report on standard
    /// output comes at the end (and is buffered when redirected), so a profiler attached to one phase
    /// (`perf record` of the engine's or the server's CPU) waits for these lines instead.
    static func mark(_ phase: String, _ event: String) {
        let line = "phase \(phase) \(event) \(Date().timeIntervalSince1970)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The one-statement limit and the BEGIN…COMMIT script, on instances of their own.
    func pgbench(
        address: DatabaseLocation.PostgresAddress, n: Int, clients: Int, programmeId: String
    ) async throws -> [(label: String, run: BenchRunner, costs: TransitionCosts)] {
        guard let executable = PgbenchScript.executable() else {
            print("pgbench not found (PATH, /usr/lib/postgresql/*/bin): the limits are not measured")
            return []
        }
        let perClient = PgbenchScript.instancesPerClient(n, clients: clients)
        var results: [(label: String, run: BenchRunner, costs: TransitionCosts)] = []
        for (label, script) in [
            ("pgbench one statement", PgbenchScript.oneStatement), ("pgbench BEGIN…COMMIT", PgbenchScript.transaction),
        ] {
            try await store.backend.read { try await script.seed(count: perClient * clients, programmeId: programmeId, on: $0) }
            let before = try await reading()
            let phase = label.replacingOccurrences(of: " ", with: "-")
            Self.mark(phase, "begins")
            let (run, cpu) = try script.run(
                pgbench: executable, address: address, clients: clients, perClient: perClient, programmeId: programmeId)
            Self.mark(phase, "ends")
            // pgbench's backends report their statistics as they disconnect: no wait needed.
            results.append((label, run, try await costs(from: before, clientCPU: cpu, settle: false)))
            let unfinished = try await store.backend.read { try await script.unfinished(on: $0) }
            guard unfinished == 0 else { throw FailureMessage("\(label): \(unfinished) instances did not reach s10") }
        }
        return results
    }

    private func reading() async throws -> PostgresMeter.Reading? {
        guard let meter else { return nil }
        return try await store.backend.read { try await meter.read(on: $0) }
    }

    private func costs(from before: PostgresMeter.Reading?, clientCPU: Double, settle: Bool) async throws -> TransitionCosts {
        guard let meter, let before else { return TransitionCosts(clientCPUSeconds: clientCPU) }
        // The server's CPU is read at once; commits only once every backend has reported them.
        let serverCPU = meter.postmaster.flatMap(PostgresMeter.serverCPU)
        if settle { try await PostgresMeter.settleStatistics() }
        var reading = try await store.backend.read { try await meter.read(on: $0) }
        reading.serverCPU = serverCPU
        let after = reading
        return try await store.backend.read { try await meter.costs(from: before, to: after, clientCPU: clientCPU, on: $0) }
    }
}

/// The lines `bench transitions` prints: one per system, then the ratios the goals name.
enum TransitionsReport {
    static func line(_ label: String, _ run: BenchRunner, _ costs: TransitionCosts) {
        run.print(label: label.padding(toLength: 22, withPad: " ", startingAt: 0))
        print(String(repeating: " ", count: 24) + costs.perTransition(run.latencies.count))
    }

    /// limits: [one statement, BEGIN…COMMIT] when pgbench ran.
    static func ratios(engine: BenchRunner, baseline: BenchRunner, limits: [BenchRunner]) {
        if limits.count == 2 {
            print(String(format: "engine ÷ one-statement limit: %.2f× (goal ≥ 0.5×)", engine.throughput / limits[0].throughput))
            print(String(format: "engine ÷ BEGIN…COMMIT script: %.2f× (goal ≥ 1×)", engine.throughput / limits[1].throughput))
            print(
                String(
                    format: "engine p99 ÷ limit p99: %.2f× (goal ≤ 3×)",
                    engine.percentile(0.99) / max(limits[0].percentile(0.99), 0.001)))
        }
        print(String(format: "engine ÷ baseline: %.2f× (transitions/s)", engine.throughput / baseline.throughput))
    }
}
