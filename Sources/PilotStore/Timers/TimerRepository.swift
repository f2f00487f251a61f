import Foundation
import PilotDomain
import SQLKit

/// Workflow timers: pending and due timers, failures with retry, dead timers.
/// Reached as `store.timers`.
public struct TimerRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A timer that is due (or due again after a failed attempt), as the timer loop reads it.
public struct DueTimer: Sendable, Hashable {
    public var id: String
    public var instanceId: String
    public var transitionId: String
    /// Failed attempts so far.
    public var attempts: Int
}

/// A timer given up after `TimerRetryPolicy.maxAttempts` failed attempts, kept with its last error.
public struct DeadTimer: Sendable, Hashable {
    public var id: String
    public var instanceId: String
    public var transitionId: String
    public var attempts: Int
    public var lastError: String
    public var deadAt: Date
}

extension TimerRepository {
    /// Pending timers of an instance (for its page).
    public func pendingTimers(_ instanceId: String) async throws -> [(timerId: String, transitionId: String, dueAt: Date)] {
        try await backend.read { database in
            try await database.raw(
                "SELECT timer_id, transition_id, due_at FROM timers WHERE instance_id = \(bind: instanceId) AND status = 'pending' ORDER BY due_at"
            ).all().map { (try $0.string("timer_id"), try $0.string("transition_id"), try $0.date("due_at")) }
        }
    }

    /// Timers due at `now` whose backoff after a failure (if any) has passed, oldest first. Read
    /// without locks: each is then locked and fired in its own transaction (`WorkflowService.fireDueTimers`).
    public func dueTimers(now: Date, limit: Int) async throws -> [DueTimer] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, instance_id, transition_id, attempts FROM timers WHERE status = 'pending'
                AND due_at <= \(bind: now.millis) AND next_attempt_at <= \(bind: now.millis)
                ORDER BY due_at, id LIMIT \(literal: limit)
                """
            ).all().map {
                DueTimer(
                    id: try $0.string("id"), instanceId: try $0.string("instance_id"),
                    transitionId: try $0.string("transition_id"), attempts: try $0.int("attempts"))
            }
        }
    }

    /// Records a failed attempt at firing `timer` (in a transaction of its own: the firing's was
    /// rolled back): retried after the policy's backoff, or dead after its last attempt. Counted
    /// only if no one else recorded this attempt meanwhile. Returns true when the timer is now dead.
    @discardableResult
    public func recordTimerFailure(
        _ timer: DueTimer, error: String, now: Date, retry: TimerRetryPolicy
    ) async throws -> Bool {
        let attempts = timer.attempts + 1
        let dies = attempts >= retry.maxAttempts
        let next = now.addingTimeInterval(retry.delay(afterAttempts: attempts)).millis
        let deadAt: Int64? = dies ? now.millis : nil
        return try await backend.transaction { database in
            let updated = try await database.raw(
                """
                UPDATE timers SET attempts = \(bind: attempts), last_error = \(bind: String(error.prefix(1000))),
                next_attempt_at = \(bind: next), status = \(bind: dies ? "dead" : "pending"), dead_at = \(bind: deadAt)
                WHERE id = \(bind: timer.id) AND status = 'pending' AND attempts = \(bind: timer.attempts) RETURNING id
                """
            ).all()
            return dies && !updated.isEmpty
        }
    }

    /// Dead timers, the most recent first: they need a person (fix the cause, then fire the
    /// transition by hand or start the step again).
    public func deadTimers(limit: Int = 200) async throws -> [DeadTimer] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, instance_id, transition_id, attempts, last_error, dead_at FROM timers WHERE status = 'dead'
                ORDER BY dead_at DESC, id LIMIT \(literal: limit)
                """
            ).all().map {
                DeadTimer(
                    id: try $0.string("id"), instanceId: try $0.string("instance_id"),
                    transitionId: try $0.string("transition_id"), attempts: try $0.int("attempts"),
                    lastError: try $0.optionalString("last_error") ?? "", deadAt: try $0.date("dead_at"))
            }
        }
    }

    /// How many timers are dead (all of them, not only the listed ones).
    public func deadTimerCount() async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM timers WHERE status = 'dead'").first()?.int("n") ?? 0
        }
    }
}
