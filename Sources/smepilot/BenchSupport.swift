import Foundation
import PilotDomain
import PilotStore
import SQLKit
import WorkflowEngine

/// A linear workflow s0 → s1 → … → s10; every transition emits one national event, so each
/// command writes state, one history row and one outbox row.
enum BenchWorkflow {
    static let steps = 10

    static let definition = WorkflowDefinition(
        id: "bench-linear", version: 1, title: LocalizedText(zh: "基准流程", en: "Benchmark workflow"), initialState: "s0",
        states: (0...steps).map {
            StateDefinition(id: "s\($0)", label: LocalizedText(zh: "状态\($0)", en: "State \($0)"), terminal: $0 == steps)
        },
        transitions: (1...steps).map {
            TransitionDefinition(
                id: "t\($0)", label: LocalizedText(zh: "步骤\($0)", en: "Step \($0)"), from: ["s\($0 - 1)"], to: "s\($0)",
                roles: [.mainContractor], nationalEvent: "milestone_reported")
        })

    static func startInstances(_ count: Int, service: WorkflowService, programme: String, actor: Actor) async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<count {
            let instance = try await service.start(
                definitionId: definition.id, programmeId: programme, subjectOrganisationId: nil, subIndustryId: nil,
                divisionCode: nil,
                data: [:], event: nil, actor: actor)
            ids.append(instance.id)
        }
        return ids
    }

    static func verify(store: PilotStore, ids: [String]) async throws -> (ok: Bool, problem: String) {
        let counts = try await store.backend.read { database in
            try await database.raw(
                """
                SELECT i.id, i.state, (SELECT COUNT(*) FROM workflow_history h WHERE h.instance_id = i.id AND h.transition_id <> '_start') AS h,
                (SELECT COUNT(*) FROM outbox o WHERE o.instance_id = i.id) AS o FROM workflow_instances i WHERE i.id IN (\(binds: ids))
                """
            ).all().map {
                (
                    try $0.decode(column: "state", as: String.self), try $0.decode(column: "h", as: Int.self),
                    try $0.decode(column: "o", as: Int.self)
                )
            }
        }
        guard counts.count == ids.count else { return (false, "\(ids.count - counts.count) instances missing") }
        if let bad = counts.first(where: { $0.0 != "s\(steps)" || $0.1 != steps || $0.2 != steps }) {
            return (false, "an instance ended in \(bad.0) with \(bad.1) history and \(bad.2) outbox rows")
        }
        let audit = try await store.audit.verifyAudit(only: ids)
        return audit.findings.isEmpty ? (true, "") : (false, "audit: \(audit.findings.first!)")
    }
}

/// The bare SQL a transition needs, through the same driver and the same transaction wrapper:
/// conditional UPDATE with version, INSERT history, INSERT outbox, one transaction.
enum BareSQLTransition {
    static func apply(store: PilotStore, instanceId: String, step: Int, programmeId: String) async throws {
        let (update, inserts) = statements(instanceId: instanceId, step: step, programmeId: programmeId)
        try await store.backend.transaction { database in
            let updated = try await database.raw(update).first()
            guard updated != nil else { throw FailureMessage("baseline lost a race on \(instanceId)") }
            for insert in inserts { try await database.raw(insert).run() }
        }
    }

    /// The same statements in one trip with prepared statements, as the engine writes a decision
    /// on SQLite (`SQLiteWriter`): what the engine's path costs with nothing of the engine in it.
    static func applyInOneTrip(backend: SQLiteBackend, instanceId: String, step: Int, programmeId: String) async throws {
        let (update, inserts) = statements(instanceId: instanceId, step: step, programmeId: programmeId)
        guard try await backend.transactionInOneTrip(guarded: update, then: inserts) else {
            throw FailureMessage("baseline lost a race on \(instanceId)")
        }
    }

    private static func statements(
        instanceId: String, step: Int, programmeId: String
    ) -> (update: SQLQueryString, inserts: [SQLQueryString]) {
        let now = Date().millis
        let eventId = UUID().uuidString
        return (
            """
            UPDATE workflow_instances SET state = \(bind: "s\(step)"), version = \(bind: step + 1), event_seq = \(bind: step),
            updated_at = \(bind: now), state_entered_at = \(bind: now)
            WHERE id = \(bind: instanceId) AND version = \(bind: step) RETURNING version
            """,
            [
                """
                INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state, actor_user_id,
                actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version, occurred_at, idempotency_key,
                prev_hash, hash) VALUES (\(bind: instanceId), \(bind: step + 1), \(bind: programmeId), \(bind: "t\(step)"),
                \(bind: "s\(step - 1)"), \(bind: "s\(step)"), 'bench', 'bench', 'org_bench', NULL, '{}', '{}', 1, \(bind: now),
                \(bind: "\(instanceId)-\(step)"), '', '')
                """,
                """
                INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts,
                next_attempt_at) VALUES (\(bind: eventId), \(bind: programmeId), \(bind: instanceId), \(bind: step),
                'milestone_reported', '{}', \(bind: now), 'pending', 0, \(bind: now))
                """,
            ]
        )
    }
}

/// Drives instances through all steps with `clients` concurrent workers on disjoint instances,
/// timing every transition.
struct BenchRunner {
    var seconds: Double
    var latencies: [Double]
    var throughput: Double { Double(latencies.count) / seconds }

    static func run(
        ids: [String], clients: Int, transition: @escaping @Sendable (String, Int) async throws -> Void
    ) async throws -> BenchRunner {
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<clients {
                let mine = stride(from: client, to: ids.count, by: clients).map { ids[$0] }
                group.addTask {
                    var timings: [Double] = []
                    timings.reserveCapacity(mine.count * BenchWorkflow.steps)
                    for id in mine {
                        for step in 1...BenchWorkflow.steps {
                            let begin = ContinuousClock.now
                            try await transition(id, step)
                            timings.append((ContinuousClock.now - begin).milliseconds)
                        }
                    }
                    return timings
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return BenchRunner(seconds: (ContinuousClock.now - started).milliseconds / 1000, latencies: latencies.sorted())
    }

    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }

    func print(label: String) {
        Swift.print(
            label + ": "
                + String(
                    format: "%6.0f transitions/s  p50 %6.2f ms  p99 %6.2f ms  (%d transitions in %.1f s)", throughput,
                    percentile(0.5), percentile(0.99), latencies.count, seconds))
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

enum ResourceUsage {
    /// Peak resident set size of this process (VmHWM), in MB.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return -1 }
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return kilobytes / 1024
    }
}
