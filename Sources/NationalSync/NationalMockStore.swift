import Foundation
import Logging
import PilotStore
import SQLKit

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

    public struct Incoming: Sendable {
        public var eventId: String
        public var projectId: String
        public var sequence: Int64
        public var type: String
        public var payload: String
        /// Set when the payload breaks a rule the platform checks (here: `"invalid": true`).
        public var invalidPayload: Bool
    }

    /// Processes a batch in order, in one transaction: duplicate (seen id), rejected (out of
    /// order or invalid), else accepted.
    public func process(_ events: [Incoming], now: Date) async throws -> [Acknowledgement] {
        try await backend.transaction { database in
            var acknowledgements: [Acknowledgement] = []
            for event in events {
                if try await database.raw("SELECT 1 AS seen FROM national_events WHERE event_id = \(bind: event.eventId)").first()
                    != nil
                {
                    acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .duplicate))
                    continue
                }
                let last =
                    try await database.raw(
                        "SELECT last_sequence FROM national_projects WHERE project_id = \(bind: event.projectId)"
                    ).first()?.decode(column: "last_sequence", as: Int64.self) ?? 0
                if event.sequence != last + 1 {
                    acknowledgements.append(
                        Acknowledgement(
                            eventId: event.eventId, status: .rejected,
                            reason: "out_of_order: expected \(last + 1), got \(event.sequence)"))
                    continue
                }
                if event.invalidPayload {
                    acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .rejected, reason: "invalid_payload"))
                    continue
                }
                try await database.raw(
                    """
                    INSERT INTO national_events (event_id, project_id, sequence, type, payload, received_at) VALUES
                    (\(bind: event.eventId), \(bind: event.projectId), \(bind: event.sequence), \(bind: event.type),
                    \(bind: event.payload), \(bind: now.millis))
                    """
                ).run()
                try await database.raw(
                    """
                    INSERT INTO national_projects (project_id, last_sequence, count) VALUES (\(bind: event.projectId), \(bind: event.sequence), 1)
                    ON CONFLICT (project_id) DO UPDATE SET last_sequence = excluded.last_sequence, count = national_projects.count + 1
                    """
                ).run()
                acknowledgements.append(Acknowledgement(eventId: event.eventId, status: .accepted))
            }
            return acknowledgements
        }
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

    public func totalEvents() async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM national_events").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func shutdown() async { await backend.shutdown() }
}
