import Foundation
import PilotDomain
import ProviderPool
import SQLKit

/// One published fact of the pool (a grade, a complaint and its finding, a removal), for the
/// provider's history and the public removal notice.
public struct PoolEvent: Sendable, Hashable {
    public var programmeId: String
    public var organisationId: String
    public var organisationName: String
    public var action: String
    public var detail: String
    public var evidence: String
    public var byUser: String
    public var at: Date
}

extension ProviderRepository {
    /// The provider's standing and record (nil: not a pool member of this programme).
    public func poolMember(organisationId: String, programmeId: String) async throws -> PoolMember? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT member FROM pool_members WHERE organisation_id = \(bind: organisationId)
                AND programme_id = \(bind: programmeId)
                """
            ).first().map { try Self.member(try $0.string("member")) }
        }
    }

    /// Every member of the programme's pool with its record, by organisation id, in one read (the
    /// pool page shows them all).
    public func poolMembers(programmeId: String) async throws -> [String: PoolMember] {
        try await backend.read { database in
            try await Self.members(programmeId: programmeId, on: database)
        }
    }

    static func members(programmeId: String, on database: any SQLDatabase) async throws -> [String: PoolMember] {
        var members: [String: PoolMember] = [:]
        for row in try await database.raw(
            "SELECT organisation_id, member FROM pool_members WHERE programme_id = \(bind: programmeId)"
        ).all() {
            members[try row.string("organisation_id")] = try Self.member(try row.string("member"))
        }
        return members
    }

    /// A change of a member's record by the pool's rules (`PoolMember`), in one transaction under the
    /// row's lock: the new record, an event row for the change, and one for a removal it causes —
    /// or, on a refusal, nothing at all.
    public func changePoolMember(
        organisationId: String, programmeId: String, action: String, detail: String, evidence: String, by userId: String,
        _ body: @escaping @Sendable (inout PoolMember) throws(PoolMember.Refusal) -> PoolMember.Effect
    ) async throws -> Result<PoolMember.Effect, PoolMember.Refusal> {
        let now = clock.now().millis
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT member, version FROM pool_members WHERE organisation_id = \(bind: organisationId)
                AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else {
                throw StoreError.notFound("provider \(organisationId) in the pool")
            }
            var member = try Self.member(try row.string("member"))
            let effect: PoolMember.Effect
            do throws(PoolMember.Refusal) { effect = try body(&member) } catch { return .failure(error) }
            let removed: String? = if case .removed(let reason) = member.standing { reason.rawValue } else { nil }
            try await database.raw(
                """
                UPDATE pool_members SET member = \(bind: try Self.text(member)),
                standing = \(bind: removed == nil ? "admitted" : "removed"), removed_reason = \(bind: removed),
                version = version + 1, updated_at = \(bind: now) WHERE organisation_id = \(bind: organisationId)
                """
            ).run()
            var events = [(action, detail)]
            if case .removed(let reason) = effect { events.append(("removed", reason.rawValue)) }
            for (eventAction, eventDetail) in events {
                try await database.raw(
                    """
                    INSERT INTO pool_events (programme_id, organisation_id, action, detail, evidence, by_user, at) VALUES
                    (\(bind: programmeId), \(bind: organisationId), \(bind: eventAction), \(bind: eventDetail),
                    \(bind: evidence), \(bind: userId), \(bind: now))
                    """
                ).run()
            }
            return .success(effect)
        }
    }

    /// Removals, newest first (one programme's, or every programme's for the public page): the
    /// public notice of 第八条 (并向社会公示).
    public func poolRemovals(programmeId: String?, limit: Int = 500) async throws -> [PoolEvent] {
        try await poolEvents(action: "removed", programmeId: programmeId, limit: limit)
    }

    /// The pool's events of one kind (`admitted`, `graded`, `removed`, …), newest first; one
    /// programme's or every programme's, one organisation's or all.
    public func poolEvents(
        action: String, programmeId: String?, organisationId: String? = nil, limit: Int = 500
    ) async throws -> [PoolEvent] {
        var query: SQLQueryString = """
            SELECT e.programme_id, e.organisation_id, o.name, e.action, e.detail, e.evidence, e.by_user, e.at
            FROM pool_events e JOIN organisations o ON o.id = e.organisation_id WHERE e.action = \(bind: action)
            """
        if let programmeId { query.appendInterpolation(" AND e.programme_id = \(bind: programmeId)" as SQLQueryString) }
        if let organisationId { query.appendInterpolation(" AND e.organisation_id = \(bind: organisationId)" as SQLQueryString) }
        query.appendLiteral(" ORDER BY e.id DESC LIMIT \(max(1, min(limit, 5000)))")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map {
                PoolEvent(
                    programmeId: try $0.string("programme_id"), organisationId: try $0.string("organisation_id"),
                    organisationName: try $0.string("name"),
                    action: try $0.string("action"), detail: try $0.string("detail"), evidence: try $0.string("evidence"),
                    byUser: try $0.string("by_user"), at: Date(millis: Int64(try $0.int("at"))))
            }
        }
    }

    /// The programme's complaints still waiting for the district's finding, oldest first: each with
    /// the provider and what the complainant wrote (`complaint_filed` events whose id is still open).
    public func openComplaints(programmeId: String) async throws -> [(complaintId: String, event: PoolEvent)] {
        let (members, filed) = try await backend.read { database in
            let members = try await Self.members(programmeId: programmeId, on: database)
            let filed = try await database.raw(
                """
                SELECT e.programme_id, e.organisation_id, o.name, e.action, e.detail, e.evidence, e.by_user, e.at
                FROM pool_events e JOIN organisations o ON o.id = e.organisation_id
                WHERE e.programme_id = \(bind: programmeId) AND e.action = 'complaint_filed' ORDER BY e.id
                """
            ).all()
            return (members, filed)
        }
        let open = Set(
            members.flatMap { id, member in member.complaints.filter { $0.verified == nil }.map { "\(id)/\($0.id)" } })
        return try filed.compactMap { row in
            // detail: "<complaint id> <what the complainant wrote>"
            let detail = try row.string("detail")
            let complaintId = String(detail.prefix { $0 != " " })
            let organisationId = try row.string("organisation_id")
            guard open.contains("\(organisationId)/\(complaintId)") else { return nil }
            return (
                complaintId,
                PoolEvent(
                    programmeId: try row.string("programme_id"), organisationId: organisationId,
                    organisationName: try row.string("name"), action: try row.string("action"),
                    detail: String(detail.dropFirst(complaintId.count + 1)), evidence: try row.string("evidence"),
                    byUser: try row.string("by_user"), at: Date(millis: Int64(try row.int("at"))))
            )
        }
    }

    /// The member row a newly admitted provider gets, inside the admission's transaction.
    static func insertMember(
        organisationId: String, programmeId: String, at now: Int64, on database: any SQLDatabase
    )
        async throws
    {
        try await database.raw(
            """
            INSERT INTO pool_members (organisation_id, programme_id, standing, removed_reason, member, version, updated_at)
            VALUES (\(bind: organisationId), \(bind: programmeId), 'admitted', NULL, '', 1, \(bind: now))
            """
        ).run()
    }

    static func member(_ text: String) throws -> PoolMember {
        guard !text.isEmpty else { return PoolMember() }
        guard let member = try? JSONDecoder().decode(PoolMember.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("pool_members.member")
        }
        return member
    }

    static func text(_ member: PoolMember) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(member), as: UTF8.self)
    }
}
