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
    /// firm of the deployment scored by the same model version — each firm's latest result. Read
    /// from the peer histograms (at most 111 rows a set) plus one index range of the firm's own
    /// point, so the cost does not grow with the number of firms.
    public func benchmark(_ record: DiagnosisRecord) async throws -> [PeerSet: PeerStanding] {
        guard let scored = record.scored else { return [:] }
        let total = scored.base.total
        let point = min(100, total / 100)
        let programmeId = record.programmeId
        let region = Self.region(record.divisionCode)
        let keys = Self.peerKeys(
            programmeId: programmeId, region: region, industryGroup: record.industryGroup, size: record.size.rawValue,
            model: scored.base.model)
        let model = scored.base.model
        // One statement for the four sets, a handful of rows each: the grade histogram, the firms
        // counted and those in lower points (from the peer counts), and the firms below and level
        // within the firm's own point (one index range of `diagnoses`).
        var statement = SQLQueryString("")
        for (index, (set, key)) in keys.enumerated() {
            if index > 0 { statement.appendLiteral(" UNION ALL ") }
            let name = set.rawValue
            statement.appendInterpolation(
                """
                SELECT \(bind: name) AS peer_set, 'grade' AS kind, value, firms AS n FROM diagnosis_peer_counts
                WHERE peer_set = \(bind: name) AND peer_key = \(bind: key) AND kind = 'grade' AND firms <> 0
                UNION ALL SELECT \(bind: name), 'points', 0,
                CAST(SUM(CASE WHEN value < \(bind: point) THEN firms * 1000000000 ELSE 0 END) + SUM(firms) AS BIGINT)
                FROM diagnosis_peer_counts WHERE peer_set = \(bind: name) AND peer_key = \(bind: key) AND kind = 'point'
                UNION ALL SELECT \(bind: name), 'within', 0,
                CAST(SUM(CASE WHEN total < \(bind: total) THEN 1000000000 ELSE 0 END) + SUM(CASE WHEN total = \(bind: total) THEN 1 ELSE 0 END) AS BIGINT)
                FROM diagnoses WHERE
                """ as SQLQueryString)
            statement.appendLiteral(" ")
            switch set {
            case .region:
                statement.appendInterpolation(
                    "programme_id = \(bind: programmeId) AND latest = 1 AND region_code = \(bind: region)" as SQLQueryString)
            case .industryGroup:
                statement.appendInterpolation(
                    "programme_id = \(bind: programmeId) AND latest = 1 AND industry_group = \(bind: record.industryGroup)"
                        as SQLQueryString)
            case .sizeBand:
                statement.appendInterpolation(
                    "programme_id = \(bind: programmeId) AND latest = 1 AND size = \(bind: record.size.rawValue)"
                        as SQLQueryString)
            case .deployment:
                statement.appendInterpolation(
                    "latest = 1 AND model_id = \(bind: model.id) AND model_version = \(bind: model.version)" as SQLQueryString)
            }
            statement.appendInterpolation(" AND total >= \(bind: point * 100)" as SQLQueryString)
            if point < 100 { statement.appendInterpolation(" AND total < \(bind: point * 100 + 100)" as SQLQueryString) }
        }
        let query = statement
        return try await backend.read { database in
            var standings: [PeerSet: PeerStanding] = [:]
            for set in PeerSet.allCases { standings[set] = PeerStanding(below: 0, equal: 0, count: 0, grades: [:]) }
            for row in try await database.raw(query).all() {
                guard let set = PeerSet(rawValue: try row.string("peer_set")) else { continue }
                // Two counts packed in one column (×1,000,000,000 + …): fewer rows through the driver.
                let packed = try row.optionalInt64("n").map(Int.init) ?? 0
                switch try row.string("kind") {
                case "grade": standings[set]?.grades[try row.int("value")] = packed
                case "points":
                    standings[set]?.below += packed / 1_000_000_000
                    standings[set]?.count += packed % 1_000_000_000
                default:
                    standings[set]?.below += packed / 1_000_000_000
                    standings[set]?.equal += packed % 1_000_000_000
                }
            }
            return standings
        }
    }

    /// The coverage of `unit`'s sub-units at `childLevel` (a district's streets, a region's cities):
    /// one grouped range scan over the unit counts (a few rows per division node), not the roster.
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
            SELECT SUBSTR(division_code, 1, \(unsafeRaw: String(length))) AS unit, progress, CAST(SUM(firms) AS BIGINT) AS n
            FROM diagnosis_unit_counts WHERE programme_id = \(bind: programmeId)
            """)
        if let range = unit.range {
            query.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendLiteral(" GROUP BY SUBSTR(division_code, 1, \(length)), progress")
        let statement = query
        return try await backend.read { database in
            var rows: [String: CoverageRow] = [:]
            for row in try await database.raw(statement).all() {
                var prefix = try row.string("unit")
                if length == 4, prefix.count == 4 { prefix += "00" }
                var line = rows[prefix] ?? CoverageRow(divisionCode: prefix, firms: 0, diagnosed: 0, filling: 0, grades: [:])
                let count = try row.optionalInt64("n").map(Int.init) ?? 0
                // A count that went back to zero (the firm moved on) is no grade of the unit.
                guard count != 0 else { continue }
                let progress = try row.int("progress")
                line.firms += count
                if progress == -1 { line.filling += count }
                if progress > 0 {
                    line.diagnosed += count
                    line.grades[progress, default: 0] += count
                }
                rows[prefix] = line
            }
            return rows.values.filter { $0.firms > 0 }.sorted { $0.divisionCode < $1.divisionCode }
        }
    }
}
