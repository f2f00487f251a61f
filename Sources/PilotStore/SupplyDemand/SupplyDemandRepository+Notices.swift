import Foundation
import PilotDomain
import SQLKit

extension SupplyDemandRepository {
    /// Resource push (供需资源推送): inside the transaction that inserts a product, one notice per
    /// open need (deadline not passed) the product matches (`NeedMatch`) for the need's enterprise —
    /// only for a provider in good standing in the pool. Called by `ProviderRepository.addProduct`.
    static func push(
        productId: String, programmeId: String, organisationId: String, scenarios: [String], price: Fen, at now: Date,
        on database: any SQLDatabase
    ) async throws {
        guard
            let provider = try await database.raw(
                """
                SELECT o.profile FROM organisations o JOIN pool_members m ON m.organisation_id = o.id
                WHERE o.id = \(bind: organisationId) AND m.standing = 'admitted'
                """
            ).first()
        else { return }
        let categories = (try provider.json("profile")["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
        let today = Shanghai.dateText(now)
        let needs = try await database.raw(
            """
            SELECT id, organisation_id, need FROM hall_needs WHERE programme_id = \(bind: programmeId) AND status = 'open'
            """
        ).all()
        for row in needs {
            let content = try content(try row.string("need"))
            guard content.deadline >= today,
                NeedMatch.matches(content, scenarios: scenarios, price: price, providerCategories: categories)
            else { continue }
            try await database.raw(
                """
                INSERT INTO hall_notices (programme_id, organisation_id, need_id, product_id, created_at)
                VALUES (\(bind: programmeId), \(bind: try row.string("organisation_id")), \(bind: try row.string("id")),
                \(bind: productId), \(bind: now.millis))
                """
            ).run()
        }
    }

    /// The enterprise's push notices, newest first (unread only, or all).
    public func notices(
        programmeId: String, organisationId: String, unreadOnly: Bool, needId: String? = nil
    )
        async throws -> [HallNotice]
    {
        var query: SQLQueryString = """
            SELECT h.id, h.need_id, n.title, h.product_id, p.name AS product_name, o.name AS provider_name, p.price_fen,
            h.created_at, h.read_at FROM hall_notices h JOIN hall_needs n ON n.id = h.need_id
            JOIN provider_products p ON p.id = h.product_id JOIN organisations o ON o.id = p.organisation_id
            WHERE h.programme_id = \(bind: programmeId) AND h.organisation_id = \(bind: organisationId)
            """
        if unreadOnly { query.appendLiteral(" AND h.read_at IS NULL") }
        if let needId { query.appendInterpolation(" AND h.need_id = \(bind: needId)" as SQLQueryString) }
        query.appendLiteral(" ORDER BY h.created_at DESC, h.id DESC LIMIT 200")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                HallNotice(
                    id: try row.int("id"), needId: try row.string("need_id"), needTitle: try row.string("title"),
                    productId: try row.string("product_id"), productName: try row.string("product_name"),
                    providerName: try row.string("provider_name"), price: Fen(Int64(try row.int("price_fen"))),
                    createdAt: try row.date("created_at"), readAt: try row.optionalDate("read_at"))
            }
        }
    }

    /// Marks the notices of one need as read (the enterprise opened the need).
    public func markNoticesRead(needId: String, organisationId: String) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE hall_notices SET read_at = \(bind: now) WHERE need_id = \(bind: needId)
                AND organisation_id = \(bind: organisationId) AND read_at IS NULL
                """
            ).run()
        }
    }
}
