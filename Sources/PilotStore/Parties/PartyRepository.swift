import Foundation
import PilotDomain
import SQLKit

/// Organisations (enterprises, providers, bureaus) and their profiles, the people of a role, and the admission of a
/// self-registered enterprise (organisation, account and project in one transaction).
/// Reached as `store.parties`.
public struct PartyRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
    let instances: InstanceRepository
    let accounts: AccountRepository
}

/// Organisations by kind and credit code, their profiles, and the people of a role: what the
/// registration, import, reviewer-panel and provider-pool pages look up.
extension PartyRepository {
    public func organisation(uscc: String, programmeId: String) async throws -> Organisation? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, kind, name, uscc, sub_industry_id, division_code FROM organisations
                WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc)
                """
            ).first().map(Self.decodeOrganisation)
        }
    }

    public func organisations(programmeId: String, kind: String) async throws -> [Organisation] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, kind, name, uscc, sub_industry_id, division_code FROM organisations
                WHERE programme_id = \(bind: programmeId) AND kind = \(bind: kind) ORDER BY name
                """
            ).all().map(Self.decodeOrganisation)
        }
    }

    public func organisationProfile(_ id: String) async throws -> [String: JSONValue] {
        try await backend.read { database in
            try await database.raw("SELECT profile FROM organisations WHERE id = \(bind: id)").first()?.json("profile") ?? [:]
        }
    }

    public func setOrganisationProfile(_ id: String, _ profile: [String: JSONValue]) async throws {
        try await backend.transaction { database in
            try await database.raw(
                "UPDATE organisations SET profile = \(bind: JSONValue.canonicalText(profile)) WHERE id = \(bind: id)"
            ).run()
            try await database.raw(ProjectFactsRepository.flagsUpdate(organisationId: id, profile: profile)).run()
        }
    }

    static func decodeOrganisation(_ row: any SQLRow) throws -> Organisation {
        Organisation(
            id: try row.string("id"), kind: try row.string("kind"), name: try row.string("name"),
            uscc: try row.optionalString("uscc"), subIndustryId: try row.optionalString("sub_industry_id"),
            divisionCode: try row.optionalString("division_code"))
    }

    /// Active people holding `role` anywhere in the programme (e.g. the expert pool).
    public func people(programmeId: String, role: Role) async throws -> [(id: String, name: String, organisationId: String?)] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT DISTINCT u.id, u.display_name, u.organisation_id FROM users u JOIN user_grants g ON g.user_id = u.id
                WHERE g.programme_id = \(bind: programmeId) AND u.active = 1 AND g.role = \(bind: role.rawValue)
                ORDER BY u.display_name
                """
            ).all().map { (try $0.string("id"), try $0.string("display_name"), try $0.optionalString("organisation_id")) }
        }
    }
}

extension PartyRepository {
    /// An enterprise with its profile, in one statement (the unique credit-code index refuses a
    /// duplicate even when two registrations race).
    public func addEnterprise(
        programmeId: String, name: String, uscc: USCC, subIndustryId: String, divisionCode: String, profile: [String: JSONValue]
    ) async throws -> Organisation {
        let organisation = Organisation(
            id: ids.make("org"), kind: "enterprise", name: name, uscc: uscc.value, subIndustryId: subIndustryId,
            divisionCode: divisionCode)
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                try await self.insertEnterprise(organisation, programmeId: programmeId, profile: profile, on: database)
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("an organisation with unified social credit code \(uscc.value) already exists")
        }
        return organisation
    }

    /// The organisation row of an enterprise and its profile flags, inside the caller's transaction.
    func insertEnterprise(
        _ organisation: Organisation, programmeId: String, profile: [String: JSONValue], on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO organisations (id, programme_id, kind, name, uscc, sub_industry_id, division_code, created_at, profile)
            VALUES (\(bind: organisation.id), \(bind: programmeId), 'enterprise', \(bind: organisation.name),
            \(bind: organisation.uscc), \(bind: organisation.subIndustryId), \(bind: organisation.divisionCode),
            \(bind: clock.now().millis), \(bind: JSONValue.canonicalText(profile)))
            """
        ).run()
        try await database.raw(ProjectFactsRepository.flagsUpdate(organisationId: organisation.id, profile: profile)).run()
    }

    public func userCount(organisationId: String) async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM users WHERE organisation_id = \(bind: organisationId)").first()?
                .int("n") ?? 0
        }
    }
}

/// Organisations of any kind: added one by one (providers, bureaus, banks) and looked up by id.
extension PartyRepository {
    public func addOrganisation(
        programmeId: String, kind: String, name: String, uscc: USCC?, subIndustryId: String?, divisionCode: String?
    ) async throws -> Organisation {
        let organisation = Organisation(
            id: ids.make("org"), kind: kind, name: name, uscc: uscc?.value, subIndustryId: subIndustryId,
            divisionCode: divisionCode)
        let now = clock.now().millis
        let kindOfBackend = backend.kind
        do {
            try await backend.transaction { database in
                try await database.raw(
                    """
                    INSERT INTO organisations (id, programme_id, kind, name, uscc, sub_industry_id, division_code, created_at)
                    VALUES (\(bind: organisation.id), \(bind: programmeId), \(bind: kind), \(bind: name), \(bind: uscc?.value),
                    \(bind: subIndustryId), \(bind: divisionCode), \(bind: now))
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
                SELECT id, kind, name, uscc, sub_industry_id, division_code FROM organisations WHERE id = \(bind: id)
                \(OutboxRepository.programmeFilter(programmeId))
                """
            ).first().map {
                Organisation(
                    id: try $0.string("id"), kind: try $0.string("kind"), name: try $0.string("name"),
                    uscc: try $0.optionalString("uscc"), subIndustryId: try $0.optionalString("sub_industry_id"),
                    divisionCode: try $0.optionalString("division_code"))
            }
        }
    }
}
