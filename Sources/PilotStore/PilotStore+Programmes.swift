import Foundation
import PilotDomain
import SQLKit

/// A pilot programme: one city's (or district's) run of the pilot. Every row belongs to one.
public struct Programme: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
    public var areaCode: String
    public var rules: [String: JSONValue]
}

public struct SubIndustry: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
}

/// A functional zone, street or town (domain.md §1).
public struct Area: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var code: String
    public var name: LocalizedText
}

public struct Organisation: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var name: String
    public var uscc: String?
    public var subIndustryId: String?
    public var areaId: String?
}

extension PilotStore {
    public func createProgramme(
        code: String, name: LocalizedText, areaCode: String, rules: [String: JSONValue]
    ) async throws
        -> Programme
    {
        let programme = Programme(id: ids.make("prg"), code: code, name: name, areaCode: areaCode, rules: rules)
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO programmes (id, code, name_zh, name_en, area_code, rules, created_at) VALUES (\(bind: programme.id),
                \(bind: code), \(bind: name.zh), \(bind: name.en), \(bind: areaCode), \(bind: JSONValue.canonicalText(rules)), \(bind: now))
                """
            ).run()
            // The rules a programme starts with are its version 1 (see PilotStore+Rules).
            try await database.raw(
                """
                INSERT INTO programme_rule_versions (programme_id, version, rules, changed_by, reason, changed_at)
                VALUES (\(bind: programme.id), 1, \(bind: JSONValue.canonicalText(rules)), 'setup', 'programme created', \(bind: now))
                """
            ).run()
        }
        return programme
    }

    public func programmes() async throws -> [Programme] {
        try await backend.read { database in
            try await database.raw("SELECT id, code, name_zh, name_en, area_code, rules FROM programmes ORDER BY code").all().map
            {
                Programme(
                    id: try $0.string("id"), code: try $0.string("code"),
                    name: LocalizedText(zh: try $0.string("name_zh"), en: try $0.string("name_en")),
                    areaCode: try $0.string("area_code"), rules: try $0.json("rules"))
            }
        }
    }

    public func programme(code: String) async throws -> Programme? {
        try await programmes().first { $0.code == code }
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
            try await database.raw(
                "SELECT id, code, name_zh, name_en FROM sub_industries WHERE programme_id = \(bind: programmeId) ORDER BY code"
            ).all().map {
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

    public func addArea(programmeId: String, kind: String, code: String, name: LocalizedText) async throws -> Area {
        let area = Area(id: ids.make("area"), kind: kind, code: code, name: name)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO areas (id, programme_id, kind, code, name_zh, name_en) VALUES (\(bind: area.id), \(bind: programmeId),
                \(bind: kind), \(bind: code), \(bind: name.zh), \(bind: name.en))
                """
            ).run()
        }
        return area
    }

    public func areas(programmeId: String) async throws -> [Area] {
        try await backend.read { database in
            try await database.raw(
                "SELECT id, kind, code, name_zh, name_en FROM areas WHERE programme_id = \(bind: programmeId) ORDER BY kind, code"
            ).all().map {
                Area(
                    id: try $0.string("id"), kind: try $0.string("kind"), code: try $0.string("code"),
                    name: LocalizedText(zh: try $0.string("name_zh"), en: try $0.string("name_en")))
            }
        }
    }

    public func addOrganisation(
        programmeId: String, kind: String, name: String, uscc: USCC?, subIndustryId: String?, areaId: String?
    ) async throws -> Organisation {
        let organisation = Organisation(
            id: ids.make("org"), kind: kind, name: name, uscc: uscc?.value, subIndustryId: subIndustryId, areaId: areaId)
        let now = clock.now().millis
        let kindOfBackend = backend.kind
        do {
            try await backend.transaction { database in
                try await database.raw(
                    """
                    INSERT INTO organisations (id, programme_id, kind, name, uscc, sub_industry_id, area_id, created_at)
                    VALUES (\(bind: organisation.id), \(bind: programmeId), \(bind: kind), \(bind: name), \(bind: uscc?.value),
                    \(bind: subIndustryId), \(bind: areaId), \(bind: now))
                    """
                ).run()
            }
        } catch let error where kindOfBackend.isUniqueViolation(error) {
            throw StoreError.conflict("an organisation with unified social credit code \(uscc?.value ?? "") already exists")
        }
        return organisation
    }

    /// The organisation `id`; with `programmeId`, only if it belongs to that programme (an action
    /// checks the programme of what it touches).
    public func organisation(_ id: String, programmeId: String? = nil) async throws -> Organisation? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, kind, name, uscc, sub_industry_id, area_id FROM organisations WHERE id = \(bind: id)
                \(Self.programmeFilter(programmeId))
                """
            ).first().map {
                Organisation(
                    id: try $0.string("id"), kind: try $0.string("kind"), name: try $0.string("name"),
                    uscc: try $0.optionalString("uscc"), subIndustryId: try $0.optionalString("sub_industry_id"),
                    areaId: try $0.optionalString("area_id"))
            }
        }
    }
}
