import Foundation
import PilotDomain
import Programmes
import SQLKit

/// Programmes: created and updated from their files (versioned), their rules and rule versions, sub-industries.
/// Reached as `store.programmes.programmes`.
public struct ProgrammeRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
}

/// A programme: a city pilot, a diagnosis campaign or a provider pool (design.md §9). Every row
/// belongs to one. Created from its file (`Workflows/programmes/<code>.yaml`) by
/// `createProgramme(from:)`; `definition` is that file as parsed (nil for a programme made before
/// programmes were files, or by `admin create` with no file).
public struct Programme: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
    /// The node of the division tree it covers (GB/T 2260 code).
    public var division: String
    public var rules: [String: JSONValue]
    public var kind: ProgrammeKind = .cityPilot
    public var definition: ProgrammeDefinition? = nil
}

public struct SubIndustry: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
}

public struct Organisation: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var name: String
    public var uscc: String?
    public var subIndustryId: String?
    /// The division node it belongs to (a street, town or zone for an enterprise).
    public var divisionCode: String?
}

extension ProgrammeRepository {
    /// A programme with no file behind it (`admin create` on an empty database, tests): its
    /// division and version-1 rules only.
    public func createProgramme(
        code: String, name: LocalizedText, division: String, rules: [String: JSONValue], kind: ProgrammeKind = .cityPilot
    ) async throws -> Programme {
        let programme = Programme(id: ids.make("prg"), code: code, name: name, division: division, rules: rules, kind: kind)
        let now = clock.now().millis
        try await backend.transaction { database in
            try await Self.insertProgramme(programme, definitionText: "{}", at: now, on: database)
        }
        return programme
    }

    static func insertProgramme(
        _ programme: Programme, definitionText: String, at now: Int64, on database: any SQLDatabase
    )
        async throws
    {
        let rules = JSONValue.canonicalText(programme.rules)
        try await database.raw(
            """
            INSERT INTO programmes (id, code, name_zh, name_en, area_code, rules, created_at, kind, definition) VALUES
            (\(bind: programme.id), \(bind: programme.code), \(bind: programme.name.zh), \(bind: programme.name.en),
            \(bind: programme.division), \(bind: rules), \(bind: now), \(bind: programme.kind.rawValue), \(bind: definitionText))
            """
        ).run()
        // The rules a programme starts with are its version 1 (see ProgrammeRepository+Rules).
        try await database.raw(
            """
            INSERT INTO programme_rule_versions (programme_id, version, rules, changed_by, reason, changed_at)
            VALUES (\(bind: programme.id), 1, \(bind: rules), 'setup', 'programme created', \(bind: now))
            """
        ).run()
    }

    public func programmes() async throws -> [Programme] {
        try await backend.read { database in
            try await database.raw(
                "SELECT id, code, name_zh, name_en, area_code, rules, kind, definition FROM programmes ORDER BY code"
            ).all().map { try Self.programme($0) }
        }
    }

    static func programme(_ row: any SQLRow) throws -> Programme {
        let text = try row.string("definition")
        var definition: ProgrammeDefinition?
        if text != "{}" {
            guard let parsed = ProgrammeDefinition(storedText: text) else { throw StoreError.corrupt("programmes.definition") }
            definition = parsed
        }
        return Programme(
            id: try row.string("id"), code: try row.string("code"),
            name: LocalizedText(zh: try row.string("name_zh"), en: try row.string("name_en")),
            division: try row.string("area_code"), rules: try row.json("rules"),
            kind: ProgrammeKind(rawValue: try row.string("kind")) ?? .cityPilot,
            definition: definition)
    }

    public func programme(code: String) async throws -> Programme? {
        try await backend.read { database in
            try await database.raw(
                "SELECT id, code, name_zh, name_en, area_code, rules, kind, definition FROM programmes WHERE code = \(bind: code)"
            ).first().map { try Self.programme($0) }
        }
    }

    public func programme(id: String) async throws -> Programme? {
        try await backend.read { database in
            try await database.preparedRows(
                "SELECT id, code, name_zh, name_en, area_code, rules, kind, definition FROM programmes WHERE id = \(bind: id)"
            ).first.map { try Self.programme($0) }
        }
    }

    public func programmeRules(_ programmeId: String) async throws -> [String: JSONValue] {
        try await backend.read { database in try await Self.programmeRules(programmeId, on: database) }
    }

    static func programmeRules(_ programmeId: String, on database: any SQLDatabase) async throws -> [String: JSONValue] {
        try await database.raw("SELECT rules FROM programmes WHERE id = \(bind: programmeId)").first()?.json("rules") ?? [:]
    }

    public func addSubIndustry(programmeId: String, code: String, name: LocalizedText) async throws -> SubIndustry {
        let item = SubIndustry(id: ids.make("sub"), code: code, name: name)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO sub_industries (id, programme_id, code, name_zh, name_en) VALUES (\(bind: item.id),
                \(bind: programmeId), \(bind: code), \(bind: name.zh), \(bind: name.en))
                """
            ).run()
        }
        return item
    }

    public func subIndustries(programmeId: String) async throws -> [SubIndustry] {
        try await backend.read { database in
            try await database.preparedRows(
                "SELECT id, code, name_zh, name_en FROM sub_industries WHERE programme_id = \(bind: programmeId) ORDER BY code"
            ).map {
                SubIndustry(
                    id: try $0.string("id"), code: try $0.string("code"),
                    name: LocalizedText(zh: try $0.string("name_zh"), en: try $0.string("name_en")))
            }
        }
    }

    /// Renames a sub-industry (its id, and so every project's link to it, stays).
    public func renameSubIndustry(_ id: String, to name: LocalizedText) async throws {
        try await backend.transaction { database in
            try await database.raw(
                "UPDATE sub_industries SET name_zh = \(bind: name.zh), name_en = \(bind: name.en) WHERE id = \(bind: id)"
            ).run()
        }
    }
}
