import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// What passes of the timer loop did.
public struct TimerPass: Sendable, Hashable {
    public var fired = 0
    /// Timers whose instance had moved on, or whose transition the engine refused.
    public var cancelled = 0
    /// Timers whose firing failed; each is tried again after its backoff.
    public var failed = 0
    /// Timers whose last allowed attempt failed in this pass: now dead.
    public var died = 0
    /// Timers another poller was firing at that moment (their instance or timer row locked).
    public var skipped = 0

    public init() {}

    /// Every due timer the pass looked at.
    public var examined: Int { fired + cancelled + failed + died + skipped }

    mutating func add(_ other: TimerPass) {
        fired += other.fired
        cancelled += other.cancelled
        failed += other.failed
        died += other.died
        skipped += other.skipped
    }
}

extension WorkflowService {
    enum TimerOutcome { case fired, cancelled, skipped }

    /// Fires up to `limit` due timers as the system actor, **each in its own transaction**
    /// (issue #11): a timer whose firing throws rolls back only itself, is retried after the
    /// policy's backoff and is dead after its last attempt, so it never holds up the others.
    ///
    /// Lock order, the same everywhere: **the instance row, then its timer rows.** A decision
    /// (`InstanceRepository.write`) updates the instance first and then cancels its timers; firing here
    /// locks the instance, then the timer. Taking the timer first, as a single batch transaction
    /// once did, deadlocked on PostgreSQL against a command on the same instance. Both locks are
    /// `SKIP LOCKED`: a timer whose instance or row another poller holds is left to a later pass,
    /// so several `smepilot serve` processes poll at once without waiting on each other, and the
    /// instance's version check makes a second firing impossible even if two did. On SQLite the
    /// write transaction itself excludes other pollers.
    public func fireDueTimers(limit: Int = 50, retry: TimerRetryPolicy = TimerRetryPolicy()) async throws -> TimerPass {
        let now = store.decisionTime()
        var pass = TimerPass()
        for timer in try await store.timers.dueTimers(now: now, limit: limit) {
            do {
                switch try await fireInOwnTransaction(timer, now: now) {
                case .fired: pass.fired += 1
                case .cancelled: pass.cancelled += 1
                case .skipped: pass.skipped += 1
                }
            } catch is CancellationError {
                throw CancellationError()  // shutting down: not the timer's fault, no attempt counted
            } catch {
                let died = try await store.timers.recordTimerFailure(
                    timer, error: String(reflecting: error), now: now, retry: retry)
                if died { pass.died += 1 } else { pass.failed += 1 }
            }
        }
        return pass
    }

    /// Fires batches of due timers until a batch comes back short (there may be more than one
    /// batch due, e.g. after an outage). Each timer is attempted at most once: a failed one waits
    /// out its backoff, which lies after `now`.
    public func fireAllDueTimers(batch: Int = 50, retry: TimerRetryPolicy = TimerRetryPolicy()) async throws -> TimerPass {
        var total = TimerPass()
        while true {
            let pass = try await fireDueTimers(limit: batch, retry: retry)
            total.add(pass)
            // A full batch of timers other pollers hold would come back the same: leave them to them.
            if pass.examined < batch || pass.skipped == pass.examined { return total }
        }
    }

    func fireInOwnTransaction(_ timer: DueTimer, now: Date) async throws -> TimerOutcome {
        let lock = store.backend.kind.skipLockedClause
        return try await store.backend.transaction { database in
            // 1. The instance row (see the lock order above).
            guard
                let row = try await database.raw(
                    """
                    SELECT \(unsafeRaw: InstanceRepository.instanceColumns) FROM workflow_instances
                    WHERE id = \(bind: timer.instanceId)\(unsafeRaw: lock)
                    """
                ).first()
            else { return .skipped }
            // 2. The timer row, still pending: another poller may have fired it since it was read.
            guard
                try await database.raw(
                    "SELECT id FROM timers WHERE id = \(bind: timer.id) AND status = 'pending'\(unsafeRaw: lock)"
                ).first() != nil
            else { return .skipped }
            let fired = try await self.fire(
                try InstanceRepository.decodeInstance(row), transitionId: timer.transitionId, now: now, on: database)
            try await database.raw(
                """
                UPDATE timers SET status = \(bind: fired ? "fired" : "cancelled"), fired_at = \(bind: now.millis)
                WHERE id = \(bind: timer.id)
                """
            ).run()
            return fired ? .fired : .cancelled
        }
    }

    /// Decides and writes the timer's transition on the locked instance; false when the engine
    /// refuses it (the instance moved on) or its definition is gone.
    func fire(
        _ instance: InstanceSnapshot, transitionId: String, now: Date, on database: any SQLDatabase
    ) async throws
        -> Bool
    {
        guard let definition = catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            return false
        }
        let ruleBook = try await rules.rules(for: instance.programmeId, on: database)
        let command = Command(instanceId: instance.id, transitionId: transitionId)
        let actor = Actor.system(programmeId: instance.programmeId)
        guard
            case .success(let decision) = engine.decide(
                command, instance: instance, definition: definition, actor: actor, now: now, rules: ruleBook)
        else { return false }
        try await store.instances.write(decision, to: instance, definition: definition, idempotencyKey: nil, on: database)
        // The kept row (if any) is now stale: drop it rather than pay a failed write to find out.
        keptInstances.forget(instance.id)
        return true
    }
}
