import Foundation
import PilotDomain
import SQLKit

extension SupplyDemandRepository {
    /// The enterprise accepts one answer to its open need, on the version it read. In one
    /// transaction, under the need's lock: the answer accepted and the others declined, the need
    /// accepted with its project, an `accepted` event — and the answer as a line of the project's
    /// plan draft (the `planTransition` form of every account of the sub-industry's main
    /// contractor, where `/instances/{id}` shows it), only while the project is in one of
    /// `draftingStates`. On any refusal nothing is written.
    public func accept(
        needId: String, answerId: String, programmeId: String, organisationId: String, expectedVersion: Int,
        planTransition: String, draftingStates: Set<String>, by actor: ChangeActor
    ) async throws -> Result<AcceptOutcome, AcceptRefusal> {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT status, version, need FROM hall_needs WHERE id = \(bind: needId) AND programme_id = \(bind: programmeId)
                AND organisation_id = \(bind: organisationId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("need \(needId)") }
            guard try row.int("version") == expectedVersion else { return .failure(.stale) }
            guard try row.string("status") == NeedRecord.Status.open.rawValue else { return .failure(.notOpen) }
            let content = try Self.content(try row.string("need"))
            guard
                let answer = try await database.raw(
                    """
                    SELECT a.price_fen, a.proposal, o.name, o.uscc, p.name AS product_name FROM hall_answers a
                    JOIN organisations o ON o.id = a.organisation_id LEFT JOIN provider_products p ON p.id = a.product_id
                    WHERE a.id = \(bind: answerId) AND a.need_id = \(bind: needId)
                    """
                ).first()
            else { return .failure(.unknownAnswer) }
            guard
                let project = try await Self.project(organisationId: organisationId, programmeId: programmeId, on: database)
            else { return .failure(.noProject) }
            guard draftingStates.contains(project.state) else { return .failure(.notDrafting(state: project.state)) }
            let drafters = try await database.raw(
                """
                SELECT u.id FROM users u JOIN contractor_assignments c ON c.organisation_id = u.organisation_id
                WHERE c.programme_id = \(bind: programmeId) AND c.sub_industry_id = \(bind: project.subIndustryId ?? "")
                AND c.ended_at IS NULL ORDER BY u.id
                """
            ).all().map { try $0.string("id") }
            guard !drafters.isEmpty else { return .failure(.noContractor) }

            let providerName = try answer.string("name")
            let price = Fen(Int64(try answer.int("price_fen")))
            let productName = try answer.optionalString("product_name")
            // The line in the plan's own format (PlanLines: "费用项目 | 金额（元）").
            let item = "供需对接：\(content.title)（\(providerName)）".replacingOccurrences(of: "|", with: "／")
            let budgetLine = "\(item) | \(price.plainYuanText)"
            let productLine = "\(productName ?? content.title)——\(providerName)".replacingOccurrences(of: "\n", with: " ")
            for userId in drafters {
                var values: [String: String] = [:]
                if let draft = try await database.raw(
                    """
                    SELECT form_values FROM form_drafts WHERE instance_id = \(bind: project.id)
                    AND transition_id = \(bind: planTransition) AND user_id = \(bind: userId)
                    """
                ).first() {
                    values = try draft.json("form_values").compactMapValues(\.stringValue)
                }
                values["budget_lines"] = Self.appending(budgetLine, to: values["budget_lines"])
                values["products"] = Self.appending(productLine, to: values["products"])
                if (values["digital_provider_name"] ?? "").isEmpty {
                    values["digital_provider_name"] = providerName
                    values["digital_provider_uscc"] = try answer.optionalString("uscc") ?? ""
                }
                try await database.raw(
                    """
                    DELETE FROM form_drafts WHERE instance_id = \(bind: project.id) AND transition_id = \(bind: planTransition)
                    AND user_id = \(bind: userId)
                    """
                ).run()
                try await database.raw(
                    """
                    INSERT INTO form_drafts (instance_id, transition_id, user_id, form_values, saved_at) VALUES (\(bind: project.id),
                    \(bind: planTransition), \(bind: userId), \(bind: JSONValue.canonicalText(values.mapValues { .string($0) })),
                    \(bind: now.millis))
                    """
                ).run()
            }
            try await database.raw(
                """
                UPDATE hall_answers SET status = CASE WHEN id = \(bind: answerId) THEN 'accepted' ELSE 'declined' END
                WHERE need_id = \(bind: needId)
                """
            ).run()
            try await database.raw(
                """
                UPDATE hall_needs SET status = 'accepted', accepted_answer = \(bind: answerId),
                plan_instance_id = \(bind: project.id), version = version + 1, updated_at = \(bind: now.millis)
                WHERE id = \(bind: needId) AND version = \(bind: expectedVersion)
                """
            ).run()
            try await Self.insertEvent(
                needId: needId, programmeId: programmeId, action: "accepted",
                detail: "\(providerName)：¥\(price.yuanText) → \(project.id)", by: actor, at: now, on: database)
            return .success(AcceptOutcome(instanceId: project.id, draftUserIds: drafters, budgetLine: budgetLine))
        }
    }

    /// Closes an open need without accepting (the enterprise withdraws it).
    public func close(needId: String, programmeId: String, organisationId: String, by actor: ChangeActor) async throws -> Bool {
        let now = clock.now()
        return try await backend.transaction { database in
            let open = try await database.raw(
                """
                SELECT id FROM hall_needs WHERE id = \(bind: needId) AND programme_id = \(bind: programmeId)
                AND organisation_id = \(bind: organisationId) AND status = 'open'
                """
            ).first()
            guard open != nil else { return false }
            try await database.raw(
                """
                UPDATE hall_needs SET status = 'closed', version = version + 1, updated_at = \(bind: now.millis)
                WHERE id = \(bind: needId)
                """
            ).run()
            try await Self.insertEvent(
                needId: needId, programmeId: programmeId, action: "closed", detail: "", by: actor, at: now, on: database)
            return true
        }
    }

    static func appending(_ line: String, to text: String?) -> String {
        let existing = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return existing.isEmpty ? line : existing + "\n" + line
    }
}
