import Foundation
import PilotDomain
import SQLKit

/// The events still to send: the sync's backlog, the figure an operator watches during an
/// endpoint outage (issue #16).
public struct OutboxBacklog: Sendable, Hashable {
    /// Pending or in flight (dead letters are counted apart: they wait for an operator).
    public var events = 0
    /// When the oldest of them happened; its age is how far the national platform is behind.
    public var oldest: Date?

    public init(events: Int = 0, oldest: Date? = nil) {
        self.events = events
        self.oldest = oldest
    }

    public func age(now: Date) -> TimeInterval { oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0 }
}

extension OutboxRepository {
    /// The backlog of one programme (nil: every programme, for the relay's metrics), read from the
    /// backlog index (migration 33): its cost follows the backlog, not the millions of delivered
    /// rows, so the relay can sample it every second.
    public func outboxBacklog(programmeId: String? = nil) async throws -> OutboxBacklog {
        try await backend.read { database in
            let row = try await database.raw(
                """
                SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM outbox
                WHERE status <> 'delivered' AND status <> 'dead'\(Self.programmeFilter(programmeId))
                """
            ).first()
            return OutboxBacklog(events: try row?.int("n") ?? 0, oldest: try row?.optionalDate("oldest"))
        }
    }

    /// Makes every event waiting out a retry backoff due now. The relay calls it when the
    /// endpoint answers again after an outage: the backoff was the endpoint's doing, and after a
    /// long outage it would hold a project back for up to the policy's cap (minutes).
    @discardableResult
    public func releaseBackoff(now: Date) async throws -> Int {
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE outbox SET next_attempt_at = \(bind: now.millis)
                WHERE status <> 'delivered' AND status = 'pending' AND next_attempt_at > \(bind: now.millis) RETURNING id
                """
            ).all().count
        }
    }
}
