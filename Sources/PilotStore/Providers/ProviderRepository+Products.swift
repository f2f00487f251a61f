import Foundation
import PilotDomain
import SQLKit

extension ProviderRepository {
    /// One product, if it belongs to the programme.
    public func product(id: String, programmeId: String) async throws -> ProviderProduct? {
        try await products(programmeId: programmeId).first { $0.id == id }
    }

    /// A provider corrects its own product (the API's update). The owner is part of the WHERE, so
    /// another organisation's product is not found and nothing changes (nil). Open needs are not
    /// told again: the resource push is for new products.
    public func updateProduct(
        id: String, programmeId: String, organisationId: String, name: String, price: Fen, scenarios: [String],
        description: String
    ) async throws -> ProviderProduct? {
        let updated = try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE provider_products SET name = \(bind: name), price_fen = \(bind: price.value),
                scenarios = \(bind: scenarios.joined(separator: ",")), description = \(bind: description)
                WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                AND organisation_id = \(bind: organisationId) RETURNING id
                """
            ).first() != nil
        }
        guard updated else { return nil }
        return ProviderProduct(
            id: id, organisationId: organisationId, name: name, price: price, scenarios: scenarios, description: description)
    }
}
