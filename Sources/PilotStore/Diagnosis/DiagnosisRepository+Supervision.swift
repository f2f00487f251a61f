import Foundation
import PilotDomain
import SQLKit

/// A unit's diagnosis quota for one year: `split` when the unit above divided its own target
/// (分解任务指标), `official` for a published table's row.
public struct DiagnosisQuota: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable { case split, official }
    public var divisionCode: String
    public var year: Int
    public var source: Source
    public var firms: Int
    public var setBy: String
    public var setAt: Date
}

/// An in-app reminder from a unit to a sub-unit (`division`, a division code) or to a firm (`firm`, a credit code).
public struct DiagnosisReminder: Sendable, Hashable {
    public enum TargetKind: String, Sendable, Hashable { case division, firm }
    public var id: Int
    public var programmeId: String
    public var targetKind: TargetKind
    public var target: String
    public var message: String
    public var byUser: String
    public var byName: String
    public var byDivision: String
    public var at: Date
    public var readAt: Date?
}

extension DiagnosisRepository {
    /// Every quota row of the campaign, by year, division and source.
    public func quotas(programmeId: String) async throws -> [DiagnosisQuota] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT division_code, year, source, firms, set_by, set_at FROM diagnosis_quotas
                WHERE programme_id = \(bind: programmeId) ORDER BY year, division_code, source
                """
            ).all().map { row in
                DiagnosisQuota(
                    divisionCode: try row.string("division_code"), year: try row.int("year"),
                    source: DiagnosisQuota.Source(rawValue: try row.string("source")) ?? .split, firms: try row.int("firms"),
                    setBy: try row.string("set_by"), setAt: Date(millis: try row.int64("set_at")))
            }
        }
    }

    /// Replaces a unit's split for one year, in one transaction: the split rows of every one of the
    /// unit's `subUnits` for `year` go, and `firms` (sub-unit → firms, zero rows left out) are written.
    public func replaceSplit(
        programmeId: String, year: Int, subUnits: [String], firms: [String: Int], by userId: String
    ) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            if !subUnits.isEmpty {
                try await database.raw(
                    """
                    DELETE FROM diagnosis_quotas WHERE programme_id = \(bind: programmeId) AND year = \(bind: year)
                    AND source = 'split' AND division_code IN (\(binds: subUnits))
                    """
                ).run()
            }
            for (division, count) in firms.sorted(by: { $0.key < $1.key }) where count > 0 {
                try await database.raw(
                    """
                    INSERT INTO diagnosis_quotas (programme_id, division_code, year, source, firms, set_by, set_at)
                    VALUES (\(bind: programmeId), \(bind: division), \(bind: year), 'split', \(bind: count), \(bind: userId),
                    \(bind: now))
                    """
                ).run()
            }
        }
    }

    /// Sends a reminder (one row).
    public func addReminder(
        programmeId: String, targetKind: DiagnosisReminder.TargetKind, target: String, message: String, byUser: String,
        byName: String, byDivision: String
    ) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO diagnosis_reminders (programme_id, target_kind, target, message, by_user, by_name, by_division, at)
                VALUES (\(bind: programmeId), \(bind: targetKind.rawValue), \(bind: target), \(bind: message), \(bind: byUser),
                \(bind: byName), \(bind: byDivision), \(bind: now))
                """
            ).run()
        }
    }

    /// The reminders addressed to exactly this sub-unit or firm, newest first (at most `limit`).
    public func reminders(
        programmeId: String, targetKind: DiagnosisReminder.TargetKind, target: String, limit: Int = 50
    ) async throws -> [DiagnosisReminder] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, target_kind, target, message, by_user, by_name, by_division, at, read_at
                FROM diagnosis_reminders WHERE programme_id = \(bind: programmeId) AND target_kind = \(bind: targetKind.rawValue)
                AND target = \(bind: target) ORDER BY at DESC, id DESC LIMIT \(literal: max(1, min(limit, 500)))
                """
            ).all().map { row in
                DiagnosisReminder(
                    id: try row.int("id"), programmeId: try row.string("programme_id"),
                    targetKind: DiagnosisReminder.TargetKind(rawValue: try row.string("target_kind")) ?? .division,
                    target: try row.string("target"), message: try row.string("message"), byUser: try row.string("by_user"),
                    byName: try row.string("by_name"), byDivision: try row.string("by_division"),
                    at: Date(millis: try row.int64("at")), readAt: try row.optionalDate("read_at"))
            }
        }
    }

    /// Marks a reminder read, only when it is addressed to this target; false when it is not (or unknown).
    public func markReminderRead(
        id: Int, programmeId: String, targetKind: DiagnosisReminder.TargetKind, target: String
    ) async throws -> Bool {
        let now = clock.now().millis
        return try await backend.transaction { database in
            let row = try await database.raw(
                """
                SELECT id FROM diagnosis_reminders WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                AND target_kind = \(bind: targetKind.rawValue) AND target = \(bind: target)
                """
            ).first()
            guard row != nil else { return false }
            try await database.raw(
                "UPDATE diagnosis_reminders SET read_at = \(bind: now) WHERE id = \(bind: id) AND read_at IS NULL"
            ).run()
            return true
        }
    }
}

extension DiagnosisRepository {
    /// The firms beneath `division` diagnosed for the first time in each of `years` (Asia/Shanghai
    /// calendar years; a re-diagnosis does not count again), from the year counts each first
    /// submission moves — a few rows per node, not the roster.
    public func diagnosedByYear(programmeId: String, division: DivisionCode, years: [Int]) async throws -> [Int: Int] {
        guard !years.isEmpty else { return [:] }
        var query = SQLQueryString(
            """
            SELECT year, CAST(SUM(firms) AS BIGINT) AS n FROM diagnosis_year_counts WHERE programme_id = \(bind: programmeId)
            AND year IN (\(binds: years))
            """)
        if let range = division.range {
            query.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendLiteral(" GROUP BY year")
        let statement = query
        return try await backend.read { database in
            var counts = Dictionary(uniqueKeysWithValues: years.map { ($0, 0) })
            for row in try await database.raw(statement).all() {
                counts[try row.int("year")] = try row.optionalInt64("n").map(Int.init) ?? 0
            }
            return counts
        }
    }
}
