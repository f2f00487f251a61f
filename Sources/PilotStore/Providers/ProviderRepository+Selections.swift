import Foundation
import PilotDomain
import SQLKit

/// Excellent providers chosen by the programme (domain.md §2.11). Benchmark enterprises and typical
/// cases were selections too until migration 29 moved them into the case register (`store.cases`),
/// where they go through the cases' workflow and the targets count them.
public enum SelectionKind: String, Sendable, CaseIterable {
    case excellentProvider = "excellent_provider"
}

public struct Selection: Sendable, Hashable {
    public var kind: SelectionKind
    public var subjectId: String
    public var note: String
    public var selectedBy: String
    public var selectedAt: Date
}

extension ProviderRepository {
    /// Selects (or, with `selected` false, withdraws) one subject; selecting twice keeps one row.
    public func setSelection(
        programmeId: String, kind: SelectionKind, subjectId: String, selected: Bool, note: String, by userId: String
    ) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM selections WHERE programme_id = \(bind: programmeId) AND kind = \(bind: kind.rawValue)
                AND subject_id = \(bind: subjectId)
                """
            ).run()
            if selected {
                try await database.raw(
                    """
                    INSERT INTO selections (programme_id, kind, subject_id, note, selected_by, selected_at)
                    VALUES (\(bind: programmeId), \(bind: kind.rawValue), \(bind: subjectId), \(bind: note), \(bind: userId), \(bind: now))
                    """
                ).run()
            }
        }
    }

    public func selections(programmeId: String) async throws -> [Selection] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT kind, subject_id, note, selected_by, selected_at FROM selections WHERE programme_id = \(bind: programmeId)
                ORDER BY selected_at
                """
            ).all().compactMap { row in
                guard let kind = SelectionKind(rawValue: try row.string("kind")) else { return nil }
                return Selection(
                    kind: kind, subjectId: try row.string("subject_id"), note: try row.string("note"),
                    selectedBy: try row.string("selected_by"), selectedAt: try row.date("selected_at"))
            }
        }
    }
}
