import Foundation
import PilotDomain
import SQLKit

/// The outbox of events for the national sync: status, per-project lag, dead letters and their replay, and the
/// relay's lease (claim, settle).
/// Reached as `store.outbox`.
public struct OutboxRepository: Sendable {
    let backend: any SQLBackend
}

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

    public init(
        rowId: Int64, eventId: String, programmeId: String, instanceId: String, sequence: Int, type: String,
        payload: [String: JSONValue], occurredAt: Date, status: String = "pending", attempts: Int = 0, lastError: String? = nil
    ) {
        self.rowId = rowId
        self.eventId = eventId
        self.programmeId = programmeId
        self.instanceId = instanceId
        self.sequence = sequence
        self.type = type
        self.payload = payload
        self.occurredAt = occurredAt
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
    }
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

extension OutboxRepository {
    static let outboxColumns =
        "id, event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts, last_error"

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

extension OutboxRepository {
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
