import Foundation
import PilotDomain
import SQLKit

/// The supply–demand hall (issue #15; 004 §四(三) 供需大厅、供需资源推送): enterprises' needs with
/// their history, providers' answers, and the resource-push notices a new matching product writes
/// in the product's own transaction. Reached as `store.hall`.
public struct SupplyDemandRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// Why an answer was refused; nothing was written.
public enum AnswerRefusal: Error, Sendable, Hashable {
    case notOpen
    case alreadyAnswered
}

extension SupplyDemandRepository {
    static let needColumns = """
        n.id, n.programme_id, n.organisation_id, o.name AS organisation_name, n.sub_industry_id, n.division_code, n.status,
        n.need, n.accepted_answer, n.plan_instance_id, n.version, n.created_at
        """

    /// Posts a need of the enterprise: its row and the `posted` event, in one transaction.
    public func postNeed(
        id: String, programmeId: String, organisation: Organisation, content: NeedContent, by actor: ChangeActor
    ) async throws -> NeedRecord {
        let now = clock.now()
        let text = try Self.text(content)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO hall_needs (id, programme_id, organisation_id, status, title, scenarios, sub_industry_id,
                division_code, need, version, created_at, updated_at) VALUES (\(bind: id), \(bind: programmeId),
                \(bind: organisation.id), 'open', \(bind: content.title), \(bind: "," + content.scenarios.joined(separator: ",") + ","),
                \(bind: organisation.subIndustryId), \(bind: organisation.divisionCode), \(bind: text), 1, \(bind: now.millis),
                \(bind: now.millis))
                """
            ).run()
            try await Self.insertEvent(
                needId: id, programmeId: programmeId, action: "posted", detail: content.title, by: actor, at: now, on: database)
        }
        return NeedRecord(
            id: id, programmeId: programmeId, organisationId: organisation.id, organisationName: organisation.name,
            subIndustryId: organisation.subIndustryId, divisionCode: organisation.divisionCode, status: .open,
            content: content, acceptedAnswerId: nil, planInstanceId: nil, version: 1, createdAt: now)
    }

    /// One need (nil: none with this id, or not of the programme when one is given).
    public func need(id: String, programmeId: String?) async throws -> NeedRecord? {
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.needColumns) FROM hall_needs n JOIN organisations o ON o.id = n.organisation_id
            WHERE n.id = \(bind: id)
            """
        if let programmeId { query.appendInterpolation(" AND n.programme_id = \(bind: programmeId)" as SQLQueryString) }
        let statement = query
        return try await backend.read { database in try await database.raw(statement).first().map(Self.need) }
    }

    /// Needs, newest first: of a programme (nil: all), of one enterprise, in some statuses.
    public func needs(
        programmeId: String?, organisationId: String? = nil, statuses: [NeedRecord.Status] = [], limit: Int = 500
    ) async throws -> [NeedRecord] {
        var filter: SQLQueryString = "1 = 1"
        if let programmeId { filter.appendInterpolation(" AND n.programme_id = \(bind: programmeId)" as SQLQueryString) }
        if let organisationId {
            filter.appendInterpolation(" AND n.organisation_id = \(bind: organisationId)" as SQLQueryString)
        }
        if !statuses.isEmpty {
            filter.appendInterpolation(" AND n.status IN (\(binds: statuses.map(\.rawValue)))" as SQLQueryString)
        }
        let condition = filter
        return try await backend.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.needColumns) FROM hall_needs n JOIN organisations o ON o.id = n.organisation_id
                WHERE \(condition) ORDER BY n.created_at DESC, n.id LIMIT \(literal: max(1, min(limit, 2000)))
                """
            ).all().map(Self.need)
        }
    }

    /// A provider answers an open need (once per need).
    public func answer(
        id: String, needId: String, programmeId: String, provider: Organisation, proposal: String, price: Fen,
        productId: String?, timeline: String, by actor: ChangeActor
    ) async throws -> Result<Void, AnswerRefusal> {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT status, need FROM hall_needs WHERE id = \(bind: needId) AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("need \(needId)") }
            let content = try Self.content(try row.string("need"))
            guard try row.string("status") == NeedRecord.Status.open.rawValue,
                content.deadline >= Shanghai.dateText(now)
            else { return .failure(.notOpen) }
            let existing = try await database.raw(
                """
                SELECT id FROM hall_answers WHERE need_id = \(bind: needId) AND organisation_id = \(bind: provider.id)
                """
            ).first()
            guard existing == nil else { return .failure(.alreadyAnswered) }
            try await database.raw(
                """
                INSERT INTO hall_answers (id, programme_id, need_id, organisation_id, status, proposal, price_fen, product_id,
                timeline, by_user, created_at) VALUES (\(bind: id), \(bind: programmeId), \(bind: needId), \(bind: provider.id),
                'submitted', \(bind: proposal), \(bind: price.value), \(bind: productId), \(bind: timeline),
                \(bind: actor.userId), \(bind: now.millis))
                """
            ).run()
            try await Self.insertEvent(
                needId: needId, programmeId: programmeId, action: "answered",
                detail: "\(provider.name)：¥\(price.yuanText)", by: actor, at: now, on: database)
            return .success(())
        }
    }

    /// The answers to a need, oldest first (nil organisation: all; else that provider's own).
    public func answers(needId: String, organisationId: String? = nil) async throws -> [HallAnswer] {
        var query: SQLQueryString = """
            SELECT a.id, a.need_id, a.organisation_id, o.name AS provider_name, o.uscc, a.status, a.proposal, a.price_fen,
            a.product_id, p.name AS product_name, a.timeline, a.created_at FROM hall_answers a
            JOIN organisations o ON o.id = a.organisation_id LEFT JOIN provider_products p ON p.id = a.product_id
            WHERE a.need_id = \(bind: needId)
            """
        if let organisationId {
            query.appendInterpolation(" AND a.organisation_id = \(bind: organisationId)" as SQLQueryString)
        }
        query.appendLiteral(" ORDER BY a.created_at, a.id")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                HallAnswer(
                    id: try row.string("id"), needId: try row.string("need_id"),
                    organisationId: try row.string("organisation_id"), providerName: try row.string("provider_name"),
                    providerUSCC: try row.optionalString("uscc"),
                    status: HallAnswer.Status(rawValue: try row.string("status")) ?? .submitted,
                    proposal: try row.string("proposal"), price: Fen(Int64(try row.int("price_fen"))),
                    productId: try row.optionalString("product_id"), productName: try row.optionalString("product_name"),
                    timeline: try row.string("timeline"), createdAt: try row.date("created_at"))
            }
        }
    }

    /// A need's history, oldest first.
    public func events(needId: String) async throws -> [HallEvent] {
        try await backend.read { database in
            try await database.raw(
                "SELECT action, detail, by_name, at FROM hall_events WHERE need_id = \(bind: needId) ORDER BY id"
            ).all().map { row in
                HallEvent(
                    action: try row.string("action"), detail: try row.string("detail"), byName: try row.string("by_name"),
                    at: try row.date("at"))
            }
        }
    }

    /// The enterprise's project in the programme (its newest `enterprise-project`), if any.
    public func project(organisationId: String, programmeId: String) async throws -> InstanceSnapshotRow? {
        try await backend.read { database in
            try await Self.project(organisationId: organisationId, programmeId: programmeId, on: database)
        }
    }

    static func project(
        organisationId: String, programmeId: String, on database: any SQLDatabase
    ) async throws
        -> InstanceSnapshotRow?
    {
        try await database.raw(
            """
            SELECT id, state, version, sub_industry_id, data FROM workflow_instances WHERE programme_id = \(bind: programmeId)
            AND subject_org_id = \(bind: organisationId) AND definition_id = 'enterprise-project'
            ORDER BY created_at DESC, id LIMIT 1
            """
        ).first().map { row in
            InstanceSnapshotRow(
                id: try row.string("id"), state: try row.string("state"), version: try row.int("version"),
                subIndustryId: try row.optionalString("sub_industry_id"), data: try row.json("data"))
        }
    }

    static func insertEvent(
        needId: String, programmeId: String, action: String, detail: String, by actor: ChangeActor, at now: Date,
        on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO hall_events (programme_id, need_id, action, detail, by_user, by_name, at) VALUES (\(bind: programmeId),
            \(bind: needId), \(bind: action), \(bind: detail), \(bind: actor.userId), \(bind: actor.name), \(bind: now.millis))
            """
        ).run()
    }

    static func need(_ row: any SQLRow) throws -> NeedRecord {
        NeedRecord(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            organisationId: try row.string("organisation_id"), organisationName: try row.string("organisation_name"),
            subIndustryId: try row.optionalString("sub_industry_id"), divisionCode: try row.optionalString("division_code"),
            status: NeedRecord.Status(rawValue: try row.string("status")) ?? .closed,
            content: try content(try row.string("need")), acceptedAnswerId: try row.optionalString("accepted_answer"),
            planInstanceId: try row.optionalString("plan_instance_id"), version: try row.int("version"),
            createdAt: try row.date("created_at"))
    }

    static func content(_ text: String) throws -> NeedContent {
        guard let content = try? JSONDecoder().decode(NeedContent.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("hall_needs.need")
        }
        return content
    }

    static func text(_ content: NeedContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }
}

/// The few fields of an enterprise's project the hall and the policy profile read.
public struct InstanceSnapshotRow: Sendable, Hashable {
    public var id: String
    public var state: String
    public var version: Int
    public var subIndustryId: String?
    public var data: [String: JSONValue]
}
