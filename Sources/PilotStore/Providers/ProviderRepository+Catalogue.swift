import Foundation
import PilotDomain
import ProviderPool
import SQLKit

/// One 小快轻准 product as the public catalogue lists it: with its provider, the provider's
/// categories and latest grade, and the programme whose pool it belongs to.
public struct CatalogueEntry: Sendable, Hashable {
    public var product: ProviderProduct
    public var programmeId: String
    public var providerName: String
    public var categories: [String]
    /// The provider's latest annual grade (nil: not graded yet).
    public var grade: ProviderGrade?
}

/// What the catalogue is searched by; every field optional.
public struct CatalogueQuery: Sendable, Hashable {
    public var programmeId: String?
    public var category: ProviderCategory?
    public var scenario: String?
    public var maxPrice: Fen?
    public var text: String?
    public var limit = 200

    public init() {}
}

extension ProviderRepository {
    /// The products of providers in good standing in their pool (issue #13: a removed provider's
    /// products leave the catalogue), cheapest first; scenario, price and text filtered in SQL,
    /// the category on the provider's profile.
    public func catalogue(_ query: CatalogueQuery) async throws -> [CatalogueEntry] {
        var filter: SQLQueryString = ""
        if let programmeId = query.programmeId {
            filter.appendInterpolation(" AND p.programme_id = \(bind: programmeId)" as SQLQueryString)
        }
        if let scenario = query.scenario {
            filter.appendInterpolation(" AND (',' || p.scenarios || ',') LIKE \(bind: "%," + scenario + ",%")" as SQLQueryString)
        }
        if let maxPrice = query.maxPrice {
            filter.appendInterpolation(" AND p.price_fen <= \(bind: maxPrice.value)" as SQLQueryString)
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            filter.appendInterpolation(
                " AND (p.name LIKE \(bind: pattern) OR p.description LIKE \(bind: pattern) OR o.name LIKE \(bind: pattern))"
                    as SQLQueryString)
        }
        let condition = filter
        let rows = try await backend.read { database in
            try await database.raw(
                """
                SELECT p.id, p.organisation_id, p.programme_id, p.name, p.price_fen, p.scenarios, p.description,
                o.name AS provider_name, o.profile, m.member
                FROM provider_products p JOIN pool_members m ON m.organisation_id = p.organisation_id AND m.standing = 'admitted'
                JOIN organisations o ON o.id = p.organisation_id WHERE 1 = 1\(condition)
                ORDER BY p.price_fen, p.name LIMIT \(literal: max(1, min(query.limit, 1000)))
                """
            ).all()
        }
        return try rows.compactMap { row in
            let categories = (try row.json("profile")["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
            if let category = query.category, !categories.contains(category.rawValue) { return nil }
            let member = try Self.member(try row.string("member"))
            return CatalogueEntry(
                product: ProviderProduct(
                    id: try row.string("id"), organisationId: try row.string("organisation_id"), name: try row.string("name"),
                    price: Fen(Int64(try row.int("price_fen"))),
                    scenarios: try row.string("scenarios").split(separator: ",").map(String.init),
                    description: try row.string("description")),
                programmeId: try row.string("programme_id"), providerName: try row.string("provider_name"),
                categories: categories, grade: member.grades.max { $0.key < $1.key }?.value)
        }
    }
}
