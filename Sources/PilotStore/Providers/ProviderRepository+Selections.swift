import Foundation
import PilotDomain
import SQLKit

/// Benchmark enterprises, typical cases and excellent providers chosen by the programme
/// (domain.md §2.11, policy 004 §四(十)); the leadership targets count them.
public enum SelectionKind: String, Sendable, CaseIterable {
    case benchmarkEnterprise = "benchmark_enterprise"
    case typicalCase = "typical_case"
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
