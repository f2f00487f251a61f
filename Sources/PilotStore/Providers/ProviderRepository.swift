import Foundation
import PilotDomain
import SQLKit

/// The provider pool and its products, main contractors per sub-industry and their ratings, the selection of
/// excellent providers.
/// Reached as `store.providers`.
public struct ProviderRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
}

/// One 小快轻准 product or service in a provider's catalogue (domain.md §5).
public struct ProviderProduct: Sendable, Hashable {
    public var id: String
    public var organisationId: String
    public var name: String
    public var price: Fen
    /// Business-scenario keys of the level index the product serves (e.g. `production_control`).
    public var scenarios: [String]
    public var description: String
}

extension ProviderRepository {
    public func addProduct(
        programmeId: String, organisationId: String, name: String, price: Fen, scenarios: [String], description: String
    ) async throws -> ProviderProduct {
        let product = ProviderProduct(
            id: ids.make("prd"), organisationId: organisationId, name: name, price: price, scenarios: scenarios,
            description: description)
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO provider_products (id, programme_id, organisation_id, name, price_fen, scenarios, description, created_at)
                VALUES (\(bind: product.id), \(bind: programmeId), \(bind: organisationId), \(bind: name), \(bind: price.value),
                \(bind: scenarios.joined(separator: ",")), \(bind: description), \(bind: now))
                """
            ).run()
            // Resource push (issue #15): the open needs this product matches are told, in this transaction.
            try await SupplyDemandRepository.push(
                productId: product.id, programmeId: programmeId, organisationId: organisationId, scenarios: scenarios,
                price: price, at: Date(millis: now), on: database)
        }
        return product
    }

    public func products(programmeId: String) async throws -> [ProviderProduct] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, organisation_id, name, price_fen, scenarios, description FROM provider_products
                WHERE programme_id = \(bind: programmeId) ORDER BY organisation_id, name
                """
            ).all().map { row in
                ProviderProduct(
                    id: try row.string("id"), organisationId: try row.string("organisation_id"), name: try row.string("name"),
                    price: Fen(Int64(try row.int("price_fen"))),
                    scenarios: try row.string("scenarios").split(separator: ",").map(String.init),
                    description: try row.string("description"))
            }
        }
    }

    /// A provider joins the pool: the organisation with its categories, in one statement (the
    /// unique credit-code index refuses a second record of the same provider).
    public func addProvider(programmeId: String, name: String, uscc: USCC, categories: [String]) async throws -> Organisation {
        let organisation = Organisation(
            id: ids.make("org"), kind: "provider", name: name, uscc: uscc.value, subIndustryId: nil, divisionCode: nil)
        let profile = JSONValue.canonicalText(["categories": .array(categories.map { .string($0) })])
        let now = clock.now().millis
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                try await database.raw(
                    """
                    INSERT INTO organisations (id, programme_id, kind, name, uscc, created_at, profile)
                    VALUES (\(bind: organisation.id), \(bind: programmeId), 'provider', \(bind: name), \(bind: uscc.value),
                    \(bind: now), \(bind: profile))
                    """
                ).run()
                // A member of the pool in good standing from its admission (policy 002).
                try await Self.insertMember(organisationId: organisation.id, programmeId: programmeId, at: now, on: database)
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("an organisation with unified social credit code \(uscc.value) already exists")
        }
        return organisation
    }
}
