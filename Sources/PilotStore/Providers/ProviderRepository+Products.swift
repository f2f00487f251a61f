import Foundation
import PilotDomain
import SQLKit

extension ProviderRepository {
    /// One product, if it belongs to the programme.
    public func product(id: String, programmeId: String) async throws -> ProviderProduct? {
        try await products(programmeId: programmeId).first { $0.id == id }
    }

    /// A provider corrects its own product (the API's update). The owner is part of the WHERE, so
    /// another organisation's product is not found and nothing changes; false when no row matched.
    /// Open needs are not told again: the resource push is for new products.
    public func updateProduct(
        _ product: ProviderProduct, programmeId: String
    ) async throws -> Bool {
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE provider_products SET name = \(bind: product.name), price_fen = \(bind: product.price.value),
                scenarios = \(bind: product.scenarios.joined(separator: ",")), description = \(bind: product.description)
                WHERE id = \(bind: product.id) AND programme_id = \(bind: programmeId)
                AND organisation_id = \(bind: product.organisationId) RETURNING id
                """
            ).first() != nil
        }
    }
}
