import Foundation
import PilotDomain
import SQLKit

/// A batch claimed by one relay, fenced by its lease token.
public struct OutboxClaim: Sendable {
    /// Fresh and random for every claim; settling names it, and changes only rows that still carry it.
    public var leaseToken: String
    /// Oldest first; each project's events consecutive and in sequence, from the first it has not
    /// delivered.
    public var events: [OutboxEvent]
}

/// What became of a claimed batch, as its relay saw it.
public struct OutboxSettlement: Sendable {
    public var leaseToken: String
    public var delivered: [Int64] = []
    public var dead: [(rowId: Int64, reason: String)] = []
    public var retry: [(rowId: Int64, at: Date, error: String)] = []

    public init(leaseToken: String) { self.leaseToken = leaseToken }
}

/// The rows a settlement changed; fewer than it named when the lease was lost meanwhile.
public struct OutboxSettled: Sendable, Hashable {
    public var delivered = 0
    public var dead = 0
    public var retried = 0

    public init(delivered: Int = 0, dead: Int = 0, retried: Int = 0) {
        self.delivered = delivered
        self.dead = dead
        self.retried = retried
    }

    public var total: Int { delivered + dead + retried }
}

extension OutboxRepository {
    /// Claims up to `limit` events for delivery, several of one project when it has a backlog
    /// (issue #16): oldest first, of projects none of whose undelivered events is dead, waiting
    /// for a retry, or in flight under a live lease — so a project's events go out in sequence,
    /// from one relay at a time, and a dead letter holds back only its own project.
    /// Claimed events are `in_flight` until `lease` passes; a relay that dies mid-batch leaves
    /// them to be claimed again after the lease (the endpoint answers repeats as duplicates).
    ///
    /// Claims are serialised (on PostgreSQL by a transaction-scoped advisory lock; SQLite has one
    /// writer): a claim is one short statement and an update, and the next claim sees the last
    /// one's rows in flight. Row locks with SKIP LOCKED would not do here: a relay skipping the
    /// locked head of a project would take its later events.
    ///
    /// Each claim writes a fresh lease token on its rows (issue #11): a relay whose lease ran out
    /// while it waited on the endpoint may find its events claimed, delivered or settled by
    /// another relay, and its late settlement must change nothing (`settleOutbox`).
    public func claimOutbox(limit: Int, now: Date, lease: TimeInterval) async throws -> OutboxClaim {
        let kind = backend.kind
        let nowMillis = now.millis
        let until = now.addingTimeInterval(lease).millis
        let token = SecretToken.make()
        let events = try await backend.transaction { database in
            if kind == .postgres { try await database.raw("SELECT pg_advisory_xact_lock(\(literal: Self.claimLock))").run() }
            // Each probe is one look-up in an index of migration 33; the tests on `o` itself are
            // implied by the NOT EXISTS but let the scan skip a row before probing.
            let candidates = try await database.raw(
                """
                SELECT \(unsafeRaw: Self.outboxColumns) FROM outbox o
                WHERE o.status <> 'delivered' AND o.status <> 'dead' AND o.next_attempt_at <= \(bind: nowMillis)
                AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.instance_id = o.instance_id AND p.status <> 'delivered'
                AND p.next_attempt_at > \(bind: nowMillis))
                AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.instance_id = o.instance_id AND d.status = 'dead')
                ORDER BY o.id LIMIT \(literal: limit)
                """
            ).all().map(Self.decodeOutbox)
            let claimed = Self.inSequence(candidates)
            guard !claimed.isEmpty else { return [OutboxEvent]() }
            try await database.raw(
                """
                UPDATE outbox SET status = 'in_flight', next_attempt_at = \(bind: until), lease_token = \(bind: token)
                WHERE id IN (\(binds: claimed.map(\.rowId)))
                """
            ).run()
            return claimed
        }
        return OutboxClaim(leaseToken: token, events: events)
    }

    /// The advisory lock that serialises claims on PostgreSQL (migrations hold 7270401).
    static let claimLock = 7_270_416

    /// Keeps of each project the events that continue its sequence without a gap. A project's
    /// events are written one transaction after another (each takes the instance row), so their
    /// ids grow with their sequence and the oldest-first scan meets them in order; should a gap
    /// ever appear (a later event cut off by the limit before an earlier one), what follows it
    /// waits for the next claim rather than overtaking.
    static func inSequence(_ candidates: [OutboxEvent]) -> [OutboxEvent] {
        var next: [String: Int] = [:]
        var kept: [OutboxEvent] = []
        kept.reserveCapacity(candidates.count)
        for event in candidates.sorted(by: { ($0.instanceId, $0.sequence) < ($1.instanceId, $1.sequence) }) {
            if let expected = next[event.instanceId], expected != event.sequence { continue }
            next[event.instanceId] = event.sequence + 1
            kept.append(event)
        }
        return kept.sorted { $0.rowId < $1.rowId }
    }

    /// Records the outcome of a batch in one transaction, one statement per outcome, fenced by the
    /// claim's lease token: only rows still `in_flight` under that token change (and give the token
    /// up, so a settlement counts once). A relay whose lease was taken over settles nothing; the
    /// counts say so.
    @discardableResult
    public func settleOutbox(_ settlement: OutboxSettlement, now: Date) async throws -> OutboxSettled {
        let fence: SQLQueryString = "outbox.status = 'in_flight' AND outbox.lease_token = \(bind: settlement.leaseToken)"
        return try await backend.transaction { database in
            var settled = OutboxSettled()
            if !settlement.delivered.isEmpty {
                settled.delivered = try await database.raw(
                    """
                    UPDATE outbox SET status = 'delivered', delivered_at = \(bind: now.millis), attempts = attempts + 1,
                    last_error = NULL, lease_token = NULL WHERE id IN (\(binds: settlement.delivered)) AND \(fence) RETURNING id
                    """
                ).all().count
            }
            if !settlement.dead.isEmpty {
                let rows = settlement.dead.map { (id: $0.rowId, at: now.millis, text: $0.reason) }
                settled.dead = try await Self.updateEach(rows, status: "dead", fence: fence, in: database)
            }
            if !settlement.retry.isEmpty {
                let rows = settlement.retry.map { (id: $0.rowId, at: $0.at.millis, text: $0.error) }
                settled.retried = try await Self.updateEach(rows, status: "pending", fence: fence, in: database)
            }
            return settled
        }
    }

    /// One UPDATE for many rows, each with its own next attempt and error text (joined from a
    /// VALUES list; both backends read `WITH v(…) AS (VALUES …) UPDATE … FROM v`).
    static func updateEach(
        _ rows: [(id: Int64, at: Int64, text: String)], status: String, fence: SQLQueryString, in database: any SQLDatabase
    ) async throws -> Int {
        var values = SQLQueryString("")
        for (index, row) in rows.enumerated() {
            if index > 0 { values.appendLiteral(", ") }
            values.appendInterpolation("(\(bind: row.id), \(bind: row.at), \(bind: row.text))" as SQLQueryString)
        }
        return try await database.raw(
            """
            WITH v (row_id, next_at, error_text) AS (VALUES \(values))
            UPDATE outbox SET status = \(bind: status), attempts = outbox.attempts + 1, next_attempt_at = v.next_at,
            last_error = v.error_text, lease_token = NULL FROM v WHERE outbox.id = v.row_id AND \(fence) RETURNING outbox.id
            """
        ).all().count
    }
}
