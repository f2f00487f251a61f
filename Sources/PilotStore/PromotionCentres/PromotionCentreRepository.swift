import Foundation
import PilotDomain
import ProviderPool
import SQLKit

/// Promotion centres (policy 002 chapter 3): each centre with its application and standing
/// (`ProviderPool.PromotionCentre`), its history and its documents. Every change is one
/// transaction under the centre row's lock: the new centre, its event row and any new documents —
/// or, on a refusal, nothing at all. Reached as `store.centres`.
public struct PromotionCentreRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A centre as stored: the rules' value and what the lists need beside it.
public struct CentreRecord: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var leadOrganisationId: String
    public var centre: PromotionCentre
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
}

/// One step of a centre's history.
public struct CentreEvent: Sendable, Hashable {
    public var action: String
    public var fromStatus: PromotionCentre.Status?
    public var toStatus: PromotionCentre.Status
    public var detail: String
    public var byUserId: String
    public var byName: String
    public var at: Date
}

/// Which centres a list shows: the whole programme, or the union of division subtrees (a district
/// official's grants, by code range like the projects) and one lead organisation's own.
public enum CentreReach: Sendable, Hashable {
    case programme
    case limited(divisions: [DivisionCode], leadOrganisationId: String?)
}

/// A list's filters, each already checked by the page.
public struct CentreQuery: Sendable, Hashable {
    /// nil: every programme (the public register).
    public var programmeId: String?
    public var reach: CentreReach = .programme
    public var statuses: [PromotionCentre.Status] = []
    /// Beneath this node (the register's district filter).
    public var division: DivisionCode?

    public init(programmeId: String?) { self.programmeId = programmeId }
}

extension PromotionCentreRepository {
    /// Files a new centre: its row, the documents uploaded with it and the `filed` event, in one
    /// transaction.
    public func createCentre(
        id: String, programmeId: String, leadOrganisationId: String, centre: PromotionCentre,
        documents: [(CentreDocument, Data)], by actor: ChangeActor
    ) async throws -> CentreRecord {
        let now = clock.now()
        let text = try Self.text(centre)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO promotion_centres (id, programme_id, lead_org_id, name, division_code, status, centre, version,
                created_at, updated_at) VALUES (\(bind: id), \(bind: programmeId), \(bind: leadOrganisationId),
                \(bind: centre.application.name), \(bind: centre.application.divisionCode), \(bind: centre.status.rawValue),
                \(bind: text), 1, \(bind: now.millis), \(bind: now.millis))
                """
            ).run()
            for (document, content) in documents { try await Self.insert(document, content: content, on: database) }
            try await Self.insertEvent(
                centreId: id, programmeId: programmeId, action: "filed", from: nil, to: centre.status,
                detail: centre.application.name, by: actor, at: now, on: database)
        }
        return CentreRecord(
            id: id, programmeId: programmeId, leadOrganisationId: leadOrganisationId, centre: centre, version: 1,
            createdAt: now, updatedAt: now)
    }

    /// A change by the centre rules, under the row's lock: the new centre, the documents that go
    /// with it and one event row; on a refusal nothing is written.
    public func changeCentre(
        id: String, programmeId: String, action: String, detail: String, by actor: ChangeActor,
        documents: [(CentreDocument, Data)] = [],
        _ body: @escaping @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void
    ) async throws -> Result<PromotionCentre, PromotionCentre.Refusal> {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT centre FROM promotion_centres WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("centre \(id)") }
            var centre = try Self.centre(try row.string("centre"))
            let before = centre.status
            do throws(PromotionCentre.Refusal) { try body(&centre) } catch { return .failure(error) }
            try await database.raw(
                """
                UPDATE promotion_centres SET centre = \(bind: try Self.text(centre)), status = \(bind: centre.status.rawValue),
                name = \(bind: centre.application.name), division_code = \(bind: centre.application.divisionCode),
                version = version + 1, updated_at = \(bind: now.millis) WHERE id = \(bind: id)
                """
            ).run()
            for (document, content) in documents { try await Self.insert(document, content: content, on: database) }
            try await Self.insertEvent(
                centreId: id, programmeId: programmeId, action: action, from: before, to: centre.status, detail: detail,
                by: actor, at: now, on: database)
            return .success(centre)
        }
    }

    /// One centre of the programme (nil: none with this id there).
    public func centre(id: String, programmeId: String) async throws -> CentreRecord? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, lead_org_id, centre, version, created_at, updated_at FROM promotion_centres
                WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                """
            ).first().map(Self.record)
        }
    }

    /// The centres a query reaches, by division then name.
    public func centres(_ query: CentreQuery) async throws -> [CentreRecord] {
        var filter = SQLQueryString("1 = 1")
        if let programmeId = query.programmeId {
            filter.appendInterpolation(" AND programme_id = \(bind: programmeId)" as SQLQueryString)
        }
        if case .limited(let divisions, let organisation) = query.reach {
            // A grant at a node reaches its subtree: one index range over the codes (DivisionCode.range).
            var reach: [SQLQueryString] = divisions.map { code in
                guard let range = code.range else { return "1 = 1" }
                return "(division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper))"
            }
            if let organisation { reach.append("lead_org_id = \(bind: organisation)") }
            guard !reach.isEmpty else { return [] }
            filter.appendLiteral(" AND (")
            for (index, part) in reach.enumerated() {
                if index > 0 { filter.appendLiteral(" OR ") }
                filter.appendInterpolation(part)
            }
            filter.appendLiteral(")")
        }
        if !query.statuses.isEmpty {
            filter.appendInterpolation(" AND status IN (\(binds: query.statuses.map(\.rawValue)))" as SQLQueryString)
        }
        if let range = query.division?.range {
            filter.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        var select = SQLQueryString(
            "SELECT id, programme_id, lead_org_id, centre, version, created_at, updated_at FROM promotion_centres WHERE ")
        select.appendInterpolation(filter)
        select.appendLiteral(" ORDER BY division_code, name, id")
        let statement = select
        return try await backend.read { database in
            try await database.raw(statement).all().map(Self.record)
        }
    }

    /// The centre's history, oldest first.
    public func events(centreId: String) async throws -> [CentreEvent] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT action, from_status, to_status, detail, by_user, by_name, at FROM centre_events
                WHERE centre_id = \(bind: centreId) ORDER BY id
                """
            ).all().map { row in
                CentreEvent(
                    action: try row.string("action"),
                    fromStatus: try row.optionalString("from_status").flatMap(PromotionCentre.Status.init(rawValue:)),
                    toStatus: PromotionCentre.Status(rawValue: try row.string("to_status")) ?? .submitted,
                    detail: try row.string("detail"), byUserId: try row.string("by_user"), byName: try row.string("by_name"),
                    at: try row.date("at"))
            }
        }
    }

    static func insertEvent(
        centreId: String, programmeId: String, action: String, from: PromotionCentre.Status?, to: PromotionCentre.Status,
        detail: String, by actor: ChangeActor, at now: Date, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO centre_events (programme_id, centre_id, action, from_status, to_status, detail, by_user, by_name, at)
            VALUES (\(bind: programmeId), \(bind: centreId), \(bind: action), \(bind: from?.rawValue), \(bind: to.rawValue),
            \(bind: detail), \(bind: actor.userId), \(bind: actor.name), \(bind: now.millis))
            """
        ).run()
    }

    static func record(_ row: any SQLRow) throws -> CentreRecord {
        CentreRecord(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            leadOrganisationId: try row.string("lead_org_id"), centre: try centre(try row.string("centre")),
            version: try row.int("version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func centre(_ text: String) throws -> PromotionCentre {
        guard let centre = try? JSONDecoder().decode(PromotionCentre.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("promotion_centres.centre")
        }
        return centre
    }

    static func text(_ centre: PromotionCentre) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(centre), as: UTF8.self)
    }
}
