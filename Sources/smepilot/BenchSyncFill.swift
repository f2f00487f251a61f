import Foundation
import PilotDomain
import PilotStore
import SQLKit

/// The outbox rows of `smepilot bench sync`, as the engine writes them: project
/// `prj_bench_NNNNNN`, sequences 1, 2, … per project, one `milestone_reported` payload.
enum SyncFill {
    static let payload = "{\"progress_percent\":50}"

    static func projectId(_ index: Int) -> String { String(format: "prj_bench_%06d", index) }
    static func projectIndex(_ projectId: String) -> Int { Int(projectId.dropFirst("prj_bench_".count)) ?? 0 }

    /// Event `k` (from 0) of a run over `projects` projects: round-robin, so each project's
    /// sequence grows by one every `projects` events.
    static func slot(_ k: Int, projects: Int) -> (project: String, sequence: Int) {
        (projectId(k % projects), k / projects + 1)
    }

    /// `count` events, `perProject` per project, oldest first.
    static func events(_ count: Int, perProject: Int, occurredAt: Date) -> [OutboxEvent] {
        let projects = max(1, count / perProject)
        return (0..<count).map { k in
            let (project, sequence) = slot(k, projects: projects)
            return OutboxEvent(
                rowId: Int64(k + 1), eventId: "\(project)-\(sequence)", programmeId: "prg_bench", instanceId: project,
                sequence: sequence, type: "milestone_reported", payload: ["progress_percent": 50], occurredAt: occurredAt)
        }
    }

    /// Writes events `from..<to` in one transaction, 500 rows a statement; returns the highest
    /// row id written.
    @discardableResult
    static func write(_ store: PilotStore, from: Int, to: Int, projects: Int, at time: Date) async throws -> Int64 {
        guard from < to else { return 0 }
        return try await store.backend.transaction { database in
            var highest: Int64 = 0
            for start in stride(from: from, to: to, by: 500) {
                var values = SQLQueryString("")
                for k in start..<min(start + 500, to) {
                    let (project, sequence) = slot(k, projects: projects)
                    if k > start { values.appendLiteral(", ") }
                    values.appendInterpolation(
                        """
                        (\(bind: "\(project)-\(sequence)"), 'prg_bench', \(bind: project), \(bind: sequence), 'milestone_reported',
                        \(bind: payload), \(bind: time.millis), 'pending', 0, \(bind: time.millis))
                        """ as SQLQueryString)
                }
                for row in try await database.raw(
                    """
                    INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                    attempts, next_attempt_at) VALUES \(values) RETURNING id
                    """
                ).all() {
                    highest = max(highest, try row.decode(column: "id", as: Int64.self))
                }
            }
            return highest
        }
    }
}
