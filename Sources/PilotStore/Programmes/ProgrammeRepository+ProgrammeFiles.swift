import Foundation
import PilotDomain
import Programmes
import SQLKit

/// One saved version of a programme's file: the text as given, who gave it and why.
public struct ProgrammeVersion: Sendable, Hashable {
    public var version: Int
    public var source: String
    public var changedBy: String
    public var reason: String
    public var changedAt: Date
}

/// What `updateProgramme` changed, for the command's report.
public struct ProgrammeUpdate: Sendable, Hashable {
    public var version: Int
    public var changes: [String]
}

extension ProgrammeRepository {
    /// Creates a programme from its checked file in one transaction: the programme (kind, names,
    /// division, the parsed definition), its sub-industries, rules version 1, targets version 1
    /// and file version 1. A code already present is a conflict and writes nothing.
    public func createProgramme(from definition: ProgrammeDefinition, source: String, by userId: String) async throws -> Programme
    {
        let programme = Programme(
            id: ids.make("prg"), code: definition.code, name: definition.name, division: definition.division.value,
            rules: definition.rules, kind: definition.kind, definition: definition)
        let now = clock.now().millis
        let kind = backend.kind
        let subIndustryIds = definition.subIndustries.map { _ in ids.make("sub") }
        do {
            try await backend.transaction { database in
                try await Self.insertProgramme(programme, definitionText: definition.storedText, at: now, on: database)
                for (item, id) in zip(definition.subIndustries, subIndustryIds) {
                    try await database.raw(
                        """
                        INSERT INTO sub_industries (id, programme_id, code, name_zh, name_en) VALUES (\(bind: id),
                        \(bind: programme.id), \(bind: item.code), \(bind: item.name.zh), \(bind: item.name.en))
                        """
                    ).run()
                }
                if let targets = definition.targets {
                    try await Self.insertTargets(
                        programme.id, targets, recorded: .object([:]), version: 1, by: userId, reason: "programme created", now,
                        database)
                }
                try await Self.insertVersion(
                    programme.id, 1, source, definition, by: userId, reason: "programme created", now, database)
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("programme \(definition.code) already exists")
        }
        return programme
    }

    /// Applies a changed file to its programme, versioned with `reason`, in one transaction. Kind
    /// and division never change (that is another programme); sub-industries are added or renamed,
    /// never removed (projects point at them); changed rules and targets become new versions;
    /// funding sources change only while the programme has no funds book (money booked against a
    /// source cannot be moved by a file). Nothing changed: no new version, `changes` is empty.
    public func updateProgramme(
        from definition: ProgrammeDefinition, source: String, by userId: String, reason: String
    ) async throws -> ProgrammeUpdate {
        guard let current = try await programme(code: definition.code) else {
            throw StoreError.notFound("programme \(definition.code)")
        }
        guard current.kind == definition.kind else {
            throw StoreError.conflict("programme \(definition.code) is a \(current.kind.rawValue); its kind cannot change")
        }
        guard current.division == definition.division.value else {
            throw StoreError.conflict("programme \(definition.code) covers \(current.division); its division cannot change")
        }
        let now = clock.now().millis
        let newIds = definition.subIndustries.map { _ in ids.make("sub") }
        return try await backend.transaction { database in
            var changes: [String] = []
            let existing = try await database.raw(
                "SELECT id, code, name_zh, name_en FROM sub_industries WHERE programme_id = \(bind: current.id)"
            ).all()
            var byCode: [String: (id: String, name: LocalizedText)] = [:]
            for row in existing {
                byCode[try row.string("code")] = (
                    try row.string("id"), LocalizedText(zh: try row.string("name_zh"), en: try row.string("name_en"))
                )
            }
            let wanted = Set(definition.subIndustries.map(\.code))
            if let dropped = byCode.keys.sorted().first(where: { !wanted.contains($0) }) {
                throw StoreError.conflict("sub-industry \(dropped) cannot be removed: projects and contractors point at it")
            }
            for (item, newId) in zip(definition.subIndustries, newIds) {
                if let old = byCode[item.code] {
                    guard old.name != item.name else { continue }
                    try await database.raw(
                        "UPDATE sub_industries SET name_zh = \(bind: item.name.zh), name_en = \(bind: item.name.en) WHERE id = \(bind: old.id)"
                    ).run()
                    changes.append("sub-industry \(item.code) renamed")
                } else {
                    try await database.raw(
                        """
                        INSERT INTO sub_industries (id, programme_id, code, name_zh, name_en) VALUES (\(bind: newId),
                        \(bind: current.id), \(bind: item.code), \(bind: item.name.zh), \(bind: item.name.en))
                        """
                    ).run()
                    changes.append("sub-industry \(item.code) added")
                }
            }
            let old = current.definition
            if old?.fundingSources != definition.fundingSources || old?.sourceDivisions != definition.sourceDivisions {
                let book = try await database.raw("SELECT 1 AS x FROM funds_books WHERE programme_id = \(bind: current.id)")
                    .first()
                if book != nil {
                    throw StoreError.conflict(
                        "funding sources of \(definition.code) cannot change by file once its funds book exists")
                }
                changes.append("funding sources")
            }
            if current.name != definition.name {
                try await database.raw(
                    "UPDATE programmes SET name_zh = \(bind: definition.name.zh), name_en = \(bind: definition.name.en) WHERE id = \(bind: current.id)"
                ).run()
                changes.append("name")
            }
            // Rules: the file's values over the current ones (rules the file does not name stay).
            let rules = current.rules.merging(definition.rules) { _, new in new }
            if rules != current.rules {
                let latest =
                    try await database.raw(
                        "SELECT MAX(version) AS v FROM programme_rule_versions WHERE programme_id = \(bind: current.id)"
                    ).first()?.decode(column: "v", as: Int64?.self) ?? 0
                let text = JSONValue.canonicalText(rules)
                try await database.raw(
                    """
                    INSERT INTO programme_rule_versions (programme_id, version, rules, changed_by, reason, changed_at)
                    VALUES (\(bind: current.id), \(bind: latest + 1), \(bind: text), \(bind: userId), \(bind: reason), \(bind: now))
                    """
                ).run()
                try await database.raw("UPDATE programmes SET rules = \(bind: text) WHERE id = \(bind: current.id)").run()
                changes.append("rules (version \(latest + 1))")
            }
            if let targets = definition.targets, targets != old?.targets {
                // Figures the leadership office recorded by hand stay; only goals and deadline come from the file.
                let row = try await database.raw(
                    """
                    SELECT version, targets FROM target_versions WHERE programme_id = \(bind: current.id)
                    ORDER BY version DESC LIMIT 1
                    """
                ).first()
                let latest = Int64(try row?.int("version") ?? 0)
                let recorded = try row.map { try $0.json("targets")["recorded"] } ?? nil
                try await Self.insertTargets(
                    current.id, targets, recorded: recorded ?? .object([:]), version: Int(latest) + 1, by: userId, reason: reason,
                    now, database)
                changes.append("targets (version \(latest + 1))")
            }
            if old?.workflows != definition.workflows { changes.append("workflows") }
            if old?.holidayCalendar != definition.holidayCalendar { changes.append("holiday calendar") }
            if old?.poolEvaluation != definition.poolEvaluation { changes.append("pool evaluation criteria") }
            guard !changes.isEmpty || old != definition else { return ProgrammeUpdate(version: 0, changes: []) }
            try await database.raw(
                "UPDATE programmes SET definition = \(bind: definition.storedText) WHERE id = \(bind: current.id)"
            ).run()
            let latest =
                try await database.raw(
                    "SELECT MAX(version) AS v FROM programme_versions WHERE programme_id = \(bind: current.id)"
                ).first()?.decode(column: "v", as: Int64?.self) ?? 0
            try await Self.insertVersion(
                current.id, Int(latest) + 1, source, definition, by: userId, reason: reason, now, database)
            return ProgrammeUpdate(version: Int(latest) + 1, changes: changes)
        }
    }

    /// Every saved file version of a programme, newest first.
    public func programmeVersions(programmeId: String) async throws -> [ProgrammeVersion] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT version, source, changed_by, reason, changed_at FROM programme_versions
                WHERE programme_id = \(bind: programmeId) ORDER BY version DESC
                """
            ).all().map {
                ProgrammeVersion(
                    version: try $0.int("version"), source: try $0.string("source"), changedBy: try $0.string("changed_by"),
                    reason: try $0.string("reason"), changedAt: Date(millis: Int64(try $0.int("changed_at"))))
            }
        }
    }

    static func insertTargets(
        _ programmeId: String, _ targets: ProgrammeDefinition.Targets, recorded: JSONValue, version: Int, by userId: String,
        reason: String,
        _ now: Int64, _ database: any SQLDatabase
    ) async throws {
        // The shape WebApp's TargetSettings reads (see TargetVersion).
        let stored: [String: JSONValue] = [
            "deadline": .string(targets.deadline), "goals": .object(targets.goals.mapValues { .int(Int64($0)) }),
            "recorded": recorded,
        ]
        try await database.raw(
            """
            INSERT INTO target_versions (programme_id, version, targets, changed_by, reason, changed_at)
            VALUES (\(bind: programmeId), \(bind: version), \(bind: JSONValue.canonicalText(stored)), \(bind: userId),
            \(bind: reason), \(bind: now))
            """
        ).run()
    }

    static func insertVersion(
        _ programmeId: String, _ version: Int, _ source: String, _ definition: ProgrammeDefinition, by userId: String,
        reason: String, _ now: Int64, _ database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO programme_versions (programme_id, version, source, definition, changed_by, reason, changed_at)
            VALUES (\(bind: programmeId), \(bind: version), \(bind: source), \(bind: definition.storedText), \(bind: userId),
            \(bind: reason), \(bind: now))
            """
        ).run()
    }
}
