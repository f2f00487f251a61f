import Foundation
import Funds
import PilotDomain
import SQLKit

/// A programme as the national roll-up lists it: no rules, no programme file.
public struct ProgrammeHeading: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
    public var division: String
}

/// The national roll-up's other reads, each one query for every programme at once (not one per
/// programme): the programmes' headings, their funds summaries and their current targets.
extension ProjectFactsRepository {
    public func programmeHeadings(ids: [String]? = nil) async throws -> [ProgrammeHeading] {
        if ids?.isEmpty == true { return [] }
        let only: SQLQueryString = ids.map { " WHERE id IN (\(binds: $0))" } ?? ""
        return try await backend.read { database in
            try await database.raw("SELECT id, code, name_zh, name_en, area_code FROM programmes\(only) ORDER BY code").all().map
            {
                ProgrammeHeading(
                    id: try $0.string("id"), code: try $0.string("code"),
                    name: LocalizedText(zh: try $0.string("name_zh"), en: try $0.string("name_en")),
                    division: try $0.string("area_code"))
            }
        }
    }

    /// The funds summaries kept beside the books (`funds_books.summary`), by programme. A summary is
    /// decoded only when its book's version differs from the one it was decoded at (`FundsSummaryCache`).
    public func fundsSummaries(programmeIds: [String]) async throws -> [String: FundsSummary] {
        guard !programmeIds.isEmpty else { return [:] }
        return try await backend.read { database in
            var result: [String: FundsSummary] = [:]
            let decoder = JSONDecoder()
            for row in try await database.raw(
                "SELECT programme_id, version, summary FROM funds_books WHERE programme_id IN (\(binds: programmeIds))"
            ).all() {
                let programmeId = try row.string("programme_id")
                let version = try row.int64("version")
                if let kept = fundsSummaryCache.value(programmeId, at: version) {
                    result[programmeId] = kept
                    continue
                }
                let summary = try decoder.decode(FundsSummary.self, from: Data(try row.string("summary").utf8))
                fundsSummaryCache.keep(summary, programmeId, at: version)
                result[programmeId] = summary
            }
            return result
        }
    }

    /// Each programme's latest target version (goals and deadline), by programme.
    public func currentTargets(programmeIds: [String]) async throws -> [String: TargetVersion] {
        guard !programmeIds.isEmpty else { return [:] }
        return try await backend.read { database in
            var result: [String: TargetVersion] = [:]
            for row in try await database.raw(
                """
                SELECT t.programme_id, t.version, t.targets, t.changed_by, t.reason, t.changed_at FROM target_versions t
                WHERE t.programme_id IN (\(binds: programmeIds))
                AND t.version = (SELECT MAX(l.version) FROM target_versions l WHERE l.programme_id = t.programme_id)
                """
            ).all() {
                result[try row.string("programme_id")] = try TargetRepository.decodeTargetVersion(row)
            }
            return result
        }
    }
}
