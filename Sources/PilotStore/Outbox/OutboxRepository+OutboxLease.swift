import Foundation
import PilotDomain
import SQLKit

/// A batch claimed by one relay, fenced by its lease token.
public struct OutboxClaim: Sendable {
    /// Fresh and random for every claim; settling names it, and changes only rows that still carry it.
    public var leaseToken: String
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
    /// Claims up to `limit` due events for delivery, at most the head of each project's queue:
    /// an event is due only when every earlier event of its project is delivered, so a project's
    /// events arrive in sequence and a dead-lettered event holds back only its own project.
    /// Claimed events are `in_flight` until `lease` passes; a relay that dies mid-batch leaves
    /// them to be claimed again after the lease (the endpoint answers repeats as duplicates).
    /// `SKIP LOCKED` lets several relays on PostgreSQL claim disjoint batches.
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
            let rows = try await database.raw(
                """
                SELECT \(unsafeRaw: Self.outboxColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM outbox o
                WHERE (o.status = 'pending' OR o.status = 'in_flight') AND o.next_attempt_at <= \(bind: nowMillis)
                AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.instance_id = o.instance_id AND p.seq < o.seq AND p.status <> 'delivered')
                ORDER BY o.id LIMIT \(literal: limit)\(unsafeRaw: kind.skipLockedClause)
                """
            ).all().map(Self.decodeOutbox)
            guard !rows.isEmpty else { return [OutboxEvent]() }
            try await database.raw(
                """
                UPDATE outbox SET status = 'in_flight', next_attempt_at = \(bind: until), lease_token = \(bind: token)
                WHERE id IN (\(binds: rows.map(\.rowId)))
                """
            ).run()
            return rows
        }
        return OutboxClaim(leaseToken: token, events: events)
    }

    /// Records the outcome of a batch in one transaction, fenced by the claim's lease token: only
    /// rows still `in_flight` under that token change (and give the token up, so a settlement
    /// counts once). A relay whose lease was taken over settles nothing; the counts say so.
    @discardableResult
    public func settleOutbox(_ settlement: OutboxSettlement, now: Date) async throws -> OutboxSettled {
        let fence: SQLQueryString = "status = 'in_flight' AND lease_token = \(bind: settlement.leaseToken)"
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
            for dead in settlement.dead {
                settled.dead += try await database.raw(
                    """
                    UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = \(bind: dead.reason),
                    lease_token = NULL WHERE id = \(bind: dead.rowId) AND \(fence) RETURNING id
                    """
                ).all().count
            }
            for retry in settlement.retry {
                settled.retried += try await database.raw(
                    """
                    UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = \(bind: retry.at.millis),
                    last_error = \(bind: retry.error), lease_token = NULL WHERE id = \(bind: retry.rowId) AND \(fence) RETURNING id
                    """
                ).all().count
            }
            return settled
        }
    }
}
