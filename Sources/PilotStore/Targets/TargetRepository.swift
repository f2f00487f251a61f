import Foundation
import PilotDomain
import SQLKit

/// The programme's targets, their versions and weekly snapshots.
/// Reached as `store.targets`.
public struct TargetRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// One version of a programme's targets (each target's goal and the deadline): who set them, when
/// and why. Kept like the rules, so a past weekly snapshot can be read against the goal of its day.
public struct TargetVersion: Sendable, Hashable {
    public var version: Int
    /// `{"deadline": "YYYY-MM-DD", "goals": {"level3": 50, …}}`; WebApp's `TargetSettings` reads it.
    public var targets: [String: JSONValue]
    public var changedBy: String
    public var reason: String
    public var changedAt: Date

    public init(version: Int, targets: [String: JSONValue], changedBy: String, reason: String, changedAt: Date) {
        self.version = version
        self.targets = targets
        self.changedBy = changedBy
        self.reason = reason
        self.changedAt = changedAt
    }
}

extension TargetRepository {
    /// Stores a new version of the targets. `basedOn` is the version the editor saw: when someone
    /// else saved in between, nothing is written and `StoreError.conflict` says so.
    @discardableResult
    public func updateTargets(
        programmeId: String, targets: [String: JSONValue], basedOn: Int, by userId: String, reason: String
    ) async throws -> TargetVersion {
        let now = clock.now()
        let text = JSONValue.canonicalText(targets)
        let kind = backend.kind
        do {
            let version = try await backend.transaction { database -> Int in
                let latest =
                    try await database.raw(
                        "SELECT MAX(version) AS v FROM target_versions WHERE programme_id = \(bind: programmeId)"
                    ).first()?.decode(column: "v", as: Int64?.self) ?? 0
                guard Int(latest) == basedOn else {
                    throw StoreError.conflict("the targets were changed by someone else (now version \(latest))")
                }
                try await database.raw(
                    """
                    INSERT INTO target_versions (programme_id, version, targets, changed_by, reason, changed_at)
                    VALUES (\(bind: programmeId), \(bind: basedOn + 1), \(bind: text), \(bind: userId), \(bind: reason),
                    \(bind: now.millis))
                    """
                ).run()
                return basedOn + 1
            }
            return TargetVersion(version: version, targets: targets, changedBy: userId, reason: reason, changedAt: now)
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("the targets were changed by someone else at the same time")
        }
    }

    /// Every version, newest first (empty when the programme never set its own).
    public func targetVersions(programmeId: String) async throws -> [TargetVersion] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT version, targets, changed_by, reason, changed_at FROM target_versions
                WHERE programme_id = \(bind: programmeId) ORDER BY version DESC
                """
            ).all().map(Self.decodeTargetVersion)
        }
    }

    /// The version in force, without reading the history.
    public func currentTargets(programmeId: String) async throws -> TargetVersion? {
        try await backend.read { database in
            try await database.preparedRows(
                """
                SELECT version, targets, changed_by, reason, changed_at FROM target_versions
                WHERE programme_id = \(bind: programmeId) ORDER BY version DESC LIMIT 1
                """
            ).first.map(Self.decodeTargetVersion)
        }
    }

    static func decodeTargetVersion(_ row: any SQLRow) throws -> TargetVersion {
        TargetVersion(
            version: try row.int("version"), targets: try row.json("targets"), changedBy: try row.string("changed_by"),
            reason: try row.string("reason"), changedAt: try row.date("changed_at"))
    }

    /// Records each target's value for a week (the week's Monday as YYYY-MM-DD). Taking the
    /// snapshot again in the same week replaces it: a week's figure is the latest taken in it.
    public func recordTargetSnapshot(programmeId: String, week: String, values: [String: Int?]) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                try await database.raw(
                    """
                    INSERT INTO target_snapshots (programme_id, week, target_key, value, taken_at)
                    VALUES (\(bind: programmeId), \(bind: week), \(bind: key), \(bind: value.map(Int64.init)), \(bind: now))
                    ON CONFLICT (programme_id, week, target_key) DO UPDATE SET value = excluded.value, taken_at = excluded.taken_at
                    """
                ).run()
            }
        }
    }

    /// Weekly values per target, oldest week first: `[(week, [key: value])]`.
    public func targetSnapshots(programmeId: String) async throws -> [(week: String, values: [String: Int?])] {
        try await backend.read { database in
            var weeks: [(week: String, values: [String: Int?])] = []
            for row in try await database.preparedRows(
                """
                SELECT week, target_key, value FROM target_snapshots WHERE programme_id = \(bind: programmeId)
                ORDER BY week, target_key
                """
            ) {
                let week = try row.string("week")
                let value = try row.optionalInt64("value").map(Int.init)
                if weeks.last?.week != week { weeks.append((week, [:])) }
                weeks[weeks.count - 1].values[try row.string("target_key")] = .some(value)
            }
            return weeks
        }
    }
}
