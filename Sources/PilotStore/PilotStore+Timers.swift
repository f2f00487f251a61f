import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// What one pass of the timer loop did.
public struct TimerPass: Sendable, Hashable {
    public var fired = 0
    /// Timers whose instance had moved on, or whose transition the engine refused.
    public var cancelled = 0
}

extension WorkflowService {
    /// Fires due timers as the system actor. Each timer is claimed and fired in one transaction;
    /// on PostgreSQL `FOR UPDATE SKIP LOCKED` lets several `smepilot serve` processes poll at once
    /// without taking the same timer, and the instance's version check makes a second firing
    /// impossible even if two did. On SQLite the write transaction itself excludes other pollers.
    public func fireDueTimers(limit: Int = 50) async throws -> TimerPass {
        let now = store.clock.now()
        let kind = store.backend.kind
        return try await store.backend.transaction { database in
            let due = try await database.raw(
                """
                SELECT id, instance_id, transition_id FROM timers WHERE status = 'pending' AND due_at <= \(bind: now.millis)
                ORDER BY due_at, id LIMIT \(literal: limit)\(unsafeRaw: kind.skipLockedClause)
                """
            ).all()
            var pass = TimerPass()
            for row in due {
                let timerId = try row.string("id")
                let fired = try await self.fire(
                    instanceId: try row.string("instance_id"), transitionId: try row.string("transition_id"), now: now,
                    on: database)
                try await database.raw(
                    """
                    UPDATE timers SET status = \(bind: fired ? "fired" : "cancelled"), fired_at = \(bind: now.millis)
                    WHERE id = \(bind: timerId)
                    """
                ).run()
                if fired { pass.fired += 1 } else { pass.cancelled += 1 }
            }
            return pass
        }
    }

    func fire(instanceId: String, transitionId: String, now: Date, on database: any SQLDatabase) async throws -> Bool {
        guard
            let row = try await database.raw(
                "SELECT \(unsafeRaw: PilotStore.instanceColumns) FROM workflow_instances WHERE id = \(bind: instanceId)"
            ).first()
        else { return false }
        let instance = try PilotStore.decodeInstance(row)
        guard let definition = catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            return false
        }
        let ruleBook = try await rules.rules(for: instance.programmeId, on: database)
        let command = Command(instanceId: instanceId, transitionId: transitionId)
        let actor = Actor.system(programmeId: instance.programmeId)
        guard
            case .success(let decision) = engine.decide(
                command, instance: instance, definition: definition, actor: actor, now: now, rules: ruleBook)
        else { return false }
        try await store.write(decision, to: instance, definition: definition, idempotencyKey: nil, on: database)
        return true
    }
}

extension PilotStore {
    /// Pending timers of an instance (for its page).
    public func pendingTimers(_ instanceId: String) async throws -> [(timerId: String, transitionId: String, dueAt: Date)] {
        try await backend.read { database in
            try await database.raw(
                "SELECT timer_id, transition_id, due_at FROM timers WHERE instance_id = \(bind: instanceId) AND status = 'pending' ORDER BY due_at"
            ).all().map { (try $0.string("timer_id"), try $0.string("transition_id"), try $0.date("due_at")) }
        }
    }
}
