import Diagnosis
import Foundation
import PilotDomain
import SQLKit

/// One unit's line of the coverage table: the firms on its roster, by progress and by grade.
public struct CoverageRow: Sendable, Hashable {
    /// The sub-unit's division code (a district, a street …); the parent's own code for firms
    /// registered at the parent itself.
    public var divisionCode: String
    public var firms: Int
    public var diagnosed: Int
    public var filling: Int
    /// Grade 1–10 → diagnosed firms at that grade.
    public var grades: [Int: Int]

    public var notStarted: Int { firms - diagnosed - filling }
}

extension DiagnosisRepository {
    /// Where a submitted diagnosis stands among its peers: its region (the firm's county-level
    /// division in the campaign), its industry group and size band in the campaign, and every
    /// firm of the deployment scored by the same model version. Each peer set is each firm's latest
    /// result; each count is one index range (`diagnoses_*` end in `total`).
    public func benchmark(_ record: DiagnosisRecord) async throws -> [PeerSet: PeerStanding] {
        guard let scored = record.scored else { return [:] }
        let total = scored.base.total
        let programmeId = record.programmeId
        let region = DivisionCode(record.divisionCode).flatMap { code in
            code.level == .township ? DivisionCode(String(code.value.prefix(6))) : code
        }
        let model = scored.base.model
        return try await backend.read { database in
            var standings: [PeerSet: PeerStanding] = [:]
            for set in PeerSet.allCases {
                var filter: SQLQueryString
                switch set {
                case .region:
                    filter = "programme_id = \(bind: programmeId) AND latest = 1"
                    if let range = region?.range {
                        filter.appendInterpolation(
                            " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)"
                                as SQLQueryString)
                    }
                case .industryGroup:
                    filter =
                        "programme_id = \(bind: programmeId) AND latest = 1 AND industry_group = \(bind: record.industryGroup)"
                case .sizeBand:
                    filter = "programme_id = \(bind: programmeId) AND latest = 1 AND size = \(bind: record.size.rawValue)"
                case .deployment:
                    filter = "latest = 1 AND model_id = \(bind: model.id) AND model_version = \(bind: model.version)"
                }
                var query = SQLQueryString(
                    "SELECT grade, COUNT(*) AS n, SUM(CASE WHEN total < \(bind: total) THEN 1 ELSE 0 END) AS below, ")
                query.appendInterpolation(
                    "SUM(CASE WHEN total = \(bind: total) THEN 1 ELSE 0 END) AS equal FROM diagnoses WHERE " as SQLQueryString)
                query.appendInterpolation(filter)
                query.appendLiteral(" GROUP BY grade")
                var standing = PeerStanding(below: 0, equal: 0, count: 0, grades: [:])
                for row in try await database.raw(query).all() {
                    let count = try row.int("n")
                    standing.count += count
                    standing.below += try row.optionalInt64("below").map(Int.init) ?? 0
                    standing.equal += try row.optionalInt64("equal").map(Int.init) ?? 0
                    if let grade = try row.optionalInt64("grade") { standing.grades[Int(grade)] = count }
                }
                standings[set] = standing
            }
            return standings
        }
    }

    /// The coverage of `unit`'s sub-units at `childLevel` (a district's streets, a region's cities):
    /// one grouped range scan over the roster.
    public func coverage(
        programmeId: String, unit: DivisionCode, childLevel: DivisionCode.Level
    ) async throws
        -> [CoverageRow]
    {
        let length =
            switch childLevel {
            case .nation, .province: 2
            case .prefecture: 4
            case .county: 6
            case .township: 9
            }
        var query = SQLQueryString(
            """
            SELECT SUBSTR(division_code, 1, \(unsafeRaw: String(length))) AS unit, latest_grade,
            SUM(CASE WHEN latest_grade IS NULL AND draft_id IS NOT NULL THEN 1 ELSE 0 END) AS filling, COUNT(*) AS n
            FROM diagnosis_firms WHERE programme_id = \(bind: programmeId)
            """)
        if let range = unit.range {
            query.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendLiteral(" GROUP BY SUBSTR(division_code, 1, \(length)), latest_grade")
        let statement = query
        return try await backend.read { database in
            var rows: [String: CoverageRow] = [:]
            for row in try await database.raw(statement).all() {
                var prefix = try row.string("unit")
                if length == 4, prefix.count == 4 { prefix += "00" }
                var line = rows[prefix] ?? CoverageRow(divisionCode: prefix, firms: 0, diagnosed: 0, filling: 0, grades: [:])
                let count = try row.int("n")
                line.firms += count
                line.filling += try row.optionalInt64("filling").map(Int.init) ?? 0
                if let grade = try row.optionalInt64("latest_grade") {
                    line.diagnosed += count
                    line.grades[Int(grade), default: 0] += count
                }
                rows[prefix] = line
            }
            return rows.values.sorted { $0.divisionCode < $1.divisionCode }
        }
    }
}
