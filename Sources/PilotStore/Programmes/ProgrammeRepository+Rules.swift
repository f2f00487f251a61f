import Foundation
import PilotDomain
import SQLKit

/// One version of a programme's rules (publicity length and mode, reviewers required, subsidy
/// caps, …): who changed them, when and why. Decisions record the values they read, so an old
/// decision can always be explained by the version in force then.
public struct RuleVersion: Sendable, Hashable {
    public var version: Int
    public var rules: [String: JSONValue]
    public var changedBy: String
    public var reason: String
    public var changedAt: Date
}

extension ProgrammeRepository {
    /// Stores a new version and makes it current, in one transaction. With `basedOn` (the version
    /// the editor saw), a version saved meanwhile by someone else refuses the save with
    /// `StoreError.staleVersion` instead of silently overwriting it (a lost update).
    @discardableResult
    public func updateRules(
        programmeId: String, rules: [String: JSONValue], by userId: String, reason: String, basedOn: Int? = nil
    ) async throws -> RuleVersion {
        let now = clock.now()
        let text = JSONValue.canonicalText(rules)
        let version = try await backend.transaction { database -> Int in
            let latest =
                try await database.raw(
                    "SELECT MAX(version) AS v FROM programme_rule_versions WHERE programme_id = \(bind: programmeId)"
                ).first()?.decode(column: "v", as: Int64?.self) ?? 0
            if let basedOn, basedOn != Int(latest) {
                throw StoreError.staleVersion(expected: basedOn, actual: Int(latest))
            }
            let next = Int(latest) + 1
            try await database.raw(
                """
                INSERT INTO programme_rule_versions (programme_id, version, rules, changed_by, reason, changed_at)
                VALUES (\(bind: programmeId), \(bind: next), \(bind: text), \(bind: userId), \(bind: reason), \(bind: now.millis))
                """
            ).run()
            try await database.raw("UPDATE programmes SET rules = \(bind: text) WHERE id = \(bind: programmeId)").run()
            return next
        }
        return RuleVersion(version: version, rules: rules, changedBy: userId, reason: reason, changedAt: now)
    }

    public func ruleVersions(programmeId: String) async throws -> [RuleVersion] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT version, rules, changed_by, reason, changed_at FROM programme_rule_versions
                WHERE programme_id = \(bind: programmeId) ORDER BY version DESC
                """
            ).all().map { row in
                RuleVersion(
                    version: try row.int("version"), rules: try row.json("rules"), changedBy: try row.string("changed_by"),
                    reason: try row.string("reason"), changedAt: try row.date("changed_at"))
            }
        }
    }
}
