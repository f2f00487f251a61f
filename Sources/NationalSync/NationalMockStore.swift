import Foundation
import Logging
import PilotStore
import SQLKit
import Synchronization

/// What the mock national platform has accepted, in SQLite: each event once (its id is the key),
/// and per project the last sequence, so out-of-order deliveries are rejected as the real
/// platform would.
public final class NationalMockStore: Sendable {
    let backend: SQLiteBackend

    public static func open(path: String) async throws -> NationalMockStore {
        let backend = try await SQLiteBackend.open(path: path, logger: Logger(label: "national-mock"))
        try await backend.transaction { database in
            try await database.raw(
                """
                CREATE TABLE IF NOT EXISTS national_events (event_id TEXT PRIMARY KEY, project_id TEXT NOT NULL,
                sequence BIGINT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, received_at BIGINT NOT NULL)
                """
            ).run()
            try await database.raw(
                """
                CREATE TABLE IF NOT EXISTS national_projects (project_id TEXT PRIMARY KEY, last_sequence BIGINT NOT NULL,
                count BIGINT NOT NULL)
                """
            ).run()
        }
        return NationalMockStore(backend: backend)
    }

    init(backend: SQLiteBackend) { self.backend = backend }

    private let duplicates = Atomic<Int>(0)

    /// Events sent again that the mock recognised by their id and answered as duplicates (never
    /// stored twice): the re-sends a relay made after a lost answer or a lease taken over.
    public var duplicatesAnswered: Int { duplicates.load(ordering: .relaxed) }

    public struct Incoming: Sendable {
        public var eventId: String
        public var projectId: String
        public var sequence: Int64
        public var type: String
        public var payload: String
        /// Set when the payload breaks a rule the platform checks (here: `"invalid": true`).
        public var invalidPayload: Bool
    }

    /// Processes a batch in order, in one transaction: duplicate (seen id, also earlier in the
    /// same batch), rejected (out of order or invalid), else accepted. A handful of statements per
    /// batch, not per event: the mock must not be the bottleneck of the relay's benchmark.
    public func process(_ events: [Incoming], now: Date) async throws -> [Acknowledgement] {
        try await backend.transaction { database in
            var seen = Set<String>()
            for ids in Self.chunks(Array(Set(events.map(\.eventId)))) {
                for row in try await database.raw("SELECT event_id FROM national_events WHERE event_id IN (\(binds: ids))").all()
                {
                    seen.insert(try row.decode(column: "event_id", as: String.self))
                }
            }
            var last: [String: Int64] = [:]
            for projects in Self.chunks(Array(Set(events.map(\.projectId)))) {
                for row in try await database.raw(
                    "SELECT project_id, last_sequence FROM national_projects WHERE project_id IN (\(binds: projects))"
                ).all() {
                    last[try row.decode(column: "project_id", as: String.self)] = try row.decode(
                        column: "last_sequence", as: Int64.self)
                }
            }
            var acknowledgements: [Acknowledgement] = []
            var accepted: [Incoming] = []
            var added: [String: Int64] = [:]
            for event in events {
                if seen.contains(event.eventId) {
                    acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .duplicate))
                    continue
                }
                let expected = (last[event.projectId] ?? 0) + 1
                if event.sequence != expected {
                    acknowledgements.append(
                        Acknowledgement(
                            eventId: event.eventId, status: .rejected,
                            reason: "out_of_order: expected \(expected), got \(event.sequence)"))
                    continue
                }
                if event.invalidPayload {
                    acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .rejected, reason: "invalid_payload"))
                    continue
                }
                seen.insert(event.eventId)
                last[event.projectId] = event.sequence
                added[event.projectId, default: 0] += 1
                accepted.append(event)
                acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .accepted))
            }
            for rows in Self.chunks(accepted) {
                var values = SQLQueryString("")
                for (index, event) in rows.enumerated() {
                    if index > 0 { values.appendLiteral(", ") }
                    values.appendInterpolation(
                        """
                        (\(bind: event.eventId), \(bind: event.projectId), \(bind: event.sequence), \(bind: event.type),
                        \(bind: event.payload), \(bind: now.millis))
                        """ as SQLQueryString)
                }
                try await database.raw(
                    "INSERT INTO national_events (event_id, project_id, sequence, type, payload, received_at) VALUES \(values)"
                ).run()
            }
            for projects in Self.chunks(Array(added.keys)) {
                var values = SQLQueryString("")
                for (index, project) in projects.enumerated() {
                    if index > 0 { values.appendLiteral(", ") }
                    values.appendInterpolation(
                        "(\(bind: project), \(bind: last[project]!), \(bind: added[project]!))" as SQLQueryString)
                }
                try await database.raw(
                    """
                    INSERT INTO national_projects (project_id, last_sequence, count) VALUES \(values)
                    ON CONFLICT (project_id) DO UPDATE SET last_sequence = excluded.last_sequence,
                    count = national_projects.count + excluded.count
                    """
                ).run()
            }
            let repeated = acknowledgements.count { $0.status == .duplicate }
            if repeated > 0 { self.duplicates.add(repeated, ordering: .relaxed) }
            return acknowledgements
        }
    }

    /// Pieces small enough for SQLite's limit on bound values (six per event row).
    static func chunks<T>(_ items: [T], size: Int = 1000) -> [[T]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    public func acknowledged(projectId: String) async throws -> (lastSequence: Int64, count: Int64) {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    "SELECT last_sequence, count FROM national_projects WHERE project_id = \(bind: projectId)"
                ).first()
            else { return (0, 0) }
            return (try row.decode(column: "last_sequence", as: Int64.self), try row.decode(column: "count", as: Int64.self))
        }
    }

    public func projects(after: String?, limit: Int) async throws -> [(projectId: String, lastSequence: Int64, count: Int64)] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT project_id, last_sequence, count FROM national_projects WHERE project_id > \(bind: after ?? "")
                ORDER BY project_id LIMIT \(literal: limit)
                """
            ).all().map {
                (
                    try $0.decode(column: "project_id", as: String.self), try $0.decode(column: "last_sequence", as: Int64.self),
                    try $0.decode(column: "count", as: Int64.self)
                )
            }
        }
    }

    /// Every accepted event of a project, in the order received (tests check order and count).
    public func sequences(projectId: String) async throws -> [Int64] {
        try await backend.read { database in
            try await database.raw(
                "SELECT sequence FROM national_events WHERE project_id = \(bind: projectId) ORDER BY received_at, rowid"
            ).all().map { try $0.decode(column: "sequence", as: Int64.self) }
        }
    }

    /// Projects whose events arrived out of sequence (a gap, a repeat or a step back, in the order
    /// received): 0 when the relay kept every project's order.
    public func reorderedProjects() async throws -> Int {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT COUNT(DISTINCT project_id) AS n FROM (SELECT project_id, sequence,
                LAG(sequence, 1, 0) OVER (PARTITION BY project_id ORDER BY received_at, rowid) AS previous
                FROM national_events) AS received WHERE sequence <> previous + 1
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func totalEvents() async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM national_events").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func shutdown() async { await backend.shutdown() }
}
