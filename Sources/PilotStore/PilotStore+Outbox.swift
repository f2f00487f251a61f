import Foundation
import PilotDomain
import SQLKit

/// One row of the outbox: an event the national platform must receive (design.md §5).
public struct OutboxEvent: Sendable, Hashable {
    public var rowId: Int64
    public var eventId: String
    public var programmeId: String
    public var instanceId: String
    public var sequence: Int
    public var type: String
    public var payload: [String: JSONValue]
    public var occurredAt: Date
    public var status: String
    public var attempts: Int
    public var lastError: String?
}

/// Outbox counts for metrics and the sync monitor.
public struct OutboxStatus: Sendable, Hashable {
    public var pending = 0
    public var inFlight = 0
    public var delivered = 0
    public var dead = 0
    /// When the oldest undelivered event happened (lag = now − this).
    public var oldestUndelivered: Date?
}

/// What became of a claimed batch.
public struct OutboxSettlement: Sendable {
    public var delivered: [Int64] = []
    public var dead: [(rowId: Int64, reason: String)] = []
    public var retry: [(rowId: Int64, at: Date, error: String)] = []

    public init() {}
}

extension PilotStore {
    static let outboxColumns =
        "id, event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts, last_error"

    /// Claims up to `limit` due events for delivery, at most the head of each project's queue:
    /// an event is due only when every earlier event of its project is delivered, so a project's
    /// events arrive in sequence and a dead-lettered event holds back only its own project.
    /// Claimed events are `in_flight` until `lease` passes; a relay that dies mid-batch leaves
    /// them to be claimed again after the lease (the endpoint answers repeats as duplicates).
    /// `SKIP LOCKED` lets several relays on PostgreSQL claim disjoint batches.
    public func claimOutbox(limit: Int, now: Date, lease: TimeInterval) async throws -> [OutboxEvent] {
        let kind = backend.kind
        let nowMillis = now.millis
        let until = now.addingTimeInterval(lease).millis
        return try await backend.transaction { database in
            let rows = try await database.raw(
                """
                SELECT \(unsafeRaw: Self.outboxColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM outbox o
                WHERE (o.status = 'pending' OR o.status = 'in_flight') AND o.next_attempt_at <= \(bind: nowMillis)
                AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.instance_id = o.instance_id AND p.seq < o.seq AND p.status <> 'delivered')
                ORDER BY o.id LIMIT \(literal: limit)\(unsafeRaw: kind.skipLockedClause)
                """
            ).all().map(Self.decodeOutbox)
            guard !rows.isEmpty else { return [] }
            try await database.raw(
                """
                UPDATE outbox SET status = 'in_flight', next_attempt_at = \(bind: until) WHERE id IN (\(binds: rows.map(\.rowId)))
                """
            ).run()
            return rows
        }
    }

    /// Records the outcome of a batch in one transaction.
    public func settleOutbox(_ settlement: OutboxSettlement, now: Date) async throws {
        try await backend.transaction { database in
            if !settlement.delivered.isEmpty {
                try await database.raw(
                    """
                    UPDATE outbox SET status = 'delivered', delivered_at = \(bind: now.millis), attempts = attempts + 1,
                    last_error = NULL WHERE id IN (\(binds: settlement.delivered))
                    """
                ).run()
            }
            for dead in settlement.dead {
                try await database.raw(
                    """
                    UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = \(bind: dead.reason)
                    WHERE id = \(bind: dead.rowId)
                    """
                ).run()
            }
            for retry in settlement.retry {
                try await database.raw(
                    """
                    UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = \(bind: retry.at.millis),
                    last_error = \(bind: retry.error) WHERE id = \(bind: retry.rowId)
                    """
                ).run()
            }
        }
    }

    /// Puts dead-lettered events back in the queue (a programme's, or one project's of it; every
    /// programme's only from the command line) after the cause is fixed.
    @discardableResult
    public func replayDeadLetters(programmeId: String? = nil, instanceId: String? = nil, now: Date) async throws -> Int {
        try await backend.transaction { database in
            var query: SQLQueryString =
                "UPDATE outbox SET status = 'pending', next_attempt_at = \(bind: now.millis) WHERE status = 'dead'"
            query.appendInterpolation(Self.programmeFilter(programmeId))
            if let instanceId { query.appendInterpolation(" AND instance_id = \(bind: instanceId)" as SQLQueryString) }
            query.appendLiteral(" RETURNING id")
            return try await database.raw(query).all().count
        }
    }

    /// Counts by status and the oldest undelivered event, of one programme (nil: every programme,
    /// for the command line).
    public func outboxStatus(programmeId: String? = nil) async throws -> OutboxStatus {
        try await backend.read { database in
            var status = OutboxStatus()
            for row in try await database.raw(
                "SELECT status, COUNT(*) AS n FROM outbox WHERE 1 = 1\(Self.programmeFilter(programmeId)) GROUP BY status"
            ).all() {
                let count = try row.int("n")
                switch try row.string("status") {
                case "pending": status.pending = count
                case "in_flight": status.inFlight = count
                case "delivered": status.delivered = count
                case "dead": status.dead = count
                default: break
                }
            }
            status.oldestUndelivered = try await database.raw(
                "SELECT MIN(occurred_at) AS oldest FROM outbox WHERE status <> 'delivered'\(Self.programmeFilter(programmeId))"
            ).first()?.optionalDate("oldest")
            return status
        }
    }

    public func outboxEvents(instanceId: String) async throws -> [OutboxEvent] {
        try await backend.read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: Self.outboxColumns) FROM outbox WHERE instance_id = \(bind: instanceId) ORDER BY seq"
            ).all().map(Self.decodeOutbox)
        }
    }

    /// Dead-lettered events with their reasons, for the sync monitor.
    public func deadLetters(programmeId: String? = nil, limit: Int = 200) async throws -> [OutboxEvent] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.outboxColumns) FROM outbox WHERE status = 'dead'\(Self.programmeFilter(programmeId))
                ORDER BY id LIMIT \(literal: limit)
                """
            ).all().map(Self.decodeOutbox)
        }
    }

    static func decodeOutbox(_ row: any SQLRow) throws -> OutboxEvent {
        OutboxEvent(
            rowId: try row.int64("id"), eventId: try row.string("event_id"), programmeId: try row.string("programme_id"),
            instanceId: try row.string("instance_id"), sequence: try row.int("seq"), type: try row.string("event_type"),
            payload: try row.json("payload"), occurredAt: try row.date("occurred_at"), status: try row.string("status"),
            attempts: try row.int("attempts"), lastError: try row.optionalString("last_error"))
    }
}

extension PilotStore {
    /// Per project: the highest sequence delivered and how many events are not yet delivered.
    public func outboxProjects(programmeId: String? = nil) async throws -> [(projectId: String, delivered: Int, undelivered: Int)]
    {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT instance_id, MAX(CASE WHEN status = 'delivered' THEN seq ELSE 0 END) AS delivered,
                SUM(CASE WHEN status = 'delivered' THEN 0 ELSE 1 END) AS undelivered FROM outbox
                WHERE 1 = 1\(Self.programmeFilter(programmeId)) GROUP BY instance_id
                ORDER BY instance_id
                """
            ).all().map { (try $0.string("instance_id"), try $0.int("delivered"), try $0.int("undelivered")) }
        }
    }

    /// Projects with events still to deliver, the longest waiting first: pending count, the oldest
    /// undelivered event's time (lag) and whether a dead letter holds the project back.
    public func laggingProjects(
        programmeId: String? = nil, limit: Int = 100
    ) async throws -> [(projectId: String, undelivered: Int, oldest: Date, blocked: Bool)] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT instance_id, COUNT(*) AS undelivered, MIN(occurred_at) AS oldest,
                SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead FROM outbox WHERE status <> 'delivered'
                \(Self.programmeFilter(programmeId)) GROUP BY instance_id ORDER BY MIN(occurred_at), instance_id LIMIT \(literal: limit)
                """
            ).all().map {
                (try $0.string("instance_id"), try $0.int("undelivered"), try $0.date("oldest"), try $0.int("dead") > 0)
            }
        }
    }

    /// " AND programme_id = …", or nothing for every programme (the operator's command line only).
    static func programmeFilter(_ programmeId: String?) -> SQLQueryString {
        programmeId.map { " AND programme_id = \(bind: $0)" } ?? ""
    }
}
