import Diagnosis
import Foundation
import PilotDomain
import SQLKit

/// The counters coverage and benchmarking read (`diagnosis_unit_counts`, `diagnosis_peer_counts`):
/// moved by the same transaction as the import, start or submission that changes what they count,
/// never recomputed from the roster on a page view.
extension DiagnosisRepository {
    /// A firm's progress as the unit counts key it: its latest grade, -1 filling in its first
    /// diagnosis, 0 not started.
    static func progress(grade: Int?, draft: String?) -> Int { grade ?? (draft == nil ? 0 : -1) }

    /// The region a firm is benchmarked in: its county-level node (a firm filed at a prefecture or
    /// a district stays there).
    static func region(_ divisionCode: String) -> String { String(divisionCode.prefix(6)) }

    static func bumpUnit(
        programmeId: String, division: String, progress: Int, by delta: Int, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO diagnosis_unit_counts (programme_id, division_code, progress, firms)
            VALUES (\(bind: programmeId), \(bind: division), \(bind: progress), \(bind: delta))
            ON CONFLICT (programme_id, division_code, progress)
            DO UPDATE SET firms = diagnosis_unit_counts.firms + excluded.firms
            """
        ).run()
    }

    /// The peer keys of a latest result, one per peer set.
    static func peerKeys(
        programmeId: String, region: String, industryGroup: String, size: String, model: ModelKey
    ) -> [(PeerSet, String)] {
        [
            (.region, "\(programmeId)|\(region)"), (.industryGroup, "\(programmeId)|\(industryGroup)"),
            (.sizeBand, "\(programmeId)|\(size)"), (.deployment, "\(model.id)@\(model.version)"),
        ]
    }

    /// Adds (1) or removes (-1) one latest result from its four peer sets' histograms.
    static func bumpPeers(
        keys: [(PeerSet, String)], total: Int, grade: Int?, by delta: Int, on database: any SQLDatabase
    ) async throws {
        for (set, key) in keys {
            var entries: [(String, Int)] = [("point", min(100, total / 100))]
            if let grade { entries.append(("grade", grade)) }
            for (kind, value) in entries {
                try await database.raw(
                    """
                    INSERT INTO diagnosis_peer_counts (peer_set, peer_key, kind, value, firms)
                    VALUES (\(bind: set.rawValue), \(bind: key), \(bind: kind), \(bind: value), \(bind: delta))
                    ON CONFLICT (peer_set, peer_key, kind, value) DO UPDATE SET firms = diagnosis_peer_counts.firms + excluded.firms
                    """
                ).run()
            }
        }
    }

    /// The peer keys and scores of a firm's current latest result, to take it out of the counts when
    /// a newer one replaces it.
    static func latestResult(
        programmeId: String, uscc: String, on database: any SQLDatabase
    ) async throws -> (
        keys: [(PeerSet, String)], total: Int, grade: Int?
    )? {
        guard
            let row = try await database.raw(
                """
                SELECT region_code, industry_group, size, model_id, model_version, total, grade FROM diagnoses
                WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc) AND latest = 1
                """
            ).first(),
            let modelId = try row.optionalString("model_id"), let version = try row.optionalInt64("model_version"),
            let total = try row.optionalInt64("total")
        else { return nil }
        let keys = peerKeys(
            programmeId: programmeId, region: try row.string("region_code"), industryGroup: try row.string("industry_group"),
            size: try row.string("size"), model: ModelKey(id: modelId, version: Int(version)))
        return (keys, Int(total), try row.optionalInt64("grade").map(Int.init))
    }

    static func bumpYear(
        programmeId: String, division: String, year: Int, by delta: Int, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO diagnosis_year_counts (programme_id, division_code, year, firms)
            VALUES (\(bind: programmeId), \(bind: division), \(bind: year), \(bind: delta))
            ON CONFLICT (programme_id, division_code, year) DO UPDATE SET firms = diagnosis_year_counts.firms + excluded.firms
            """
        ).run()
    }

    /// The calendar year of a moment in Asia/Shanghai.
    static func year(_ date: Date) -> Int { Shanghai.calendar.component(.year, from: date) }
}
