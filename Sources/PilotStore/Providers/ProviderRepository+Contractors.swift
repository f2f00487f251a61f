import Foundation
import PilotDomain
import SQLKit

/// One main contractor's term over one sub-industry (domain.md §2.1: exactly one active per
/// sub-industry; replaced on poor feedback, and the history of who, when and why is kept).
public struct ContractorAssignment: Sendable, Hashable {
    public var id: String
    public var subIndustryId: String
    public var organisationId: String
    public var organisationName: String
    public var taskBookNo: String
    public var startedAt: Date
    public var startedBy: String
    public var endedAt: Date?
    public var endedBy: String?
    public var endReason: String?

    public init(
        id: String, subIndustryId: String, organisationId: String, organisationName: String, taskBookNo: String,
        startedAt: Date, startedBy: String, endedAt: Date? = nil, endedBy: String? = nil, endReason: String? = nil
    ) {
        self.id = id
        self.subIndustryId = subIndustryId
        self.organisationId = organisationId
        self.organisationName = organisationName
        self.taskBookNo = taskBookNo
        self.startedAt = startedAt
        self.startedBy = startedBy
        self.endedAt = endedAt
        self.endedBy = endedBy
        self.endReason = endReason
    }
}

public struct ContractorRating: Sendable, Hashable {
    public var contractorOrgId: String
    public var enterpriseName: String
    public var score: Int
    public var comment: String
    public var ratedAt: Date
}

extension ProviderRepository {
    /// Makes `organisationId` the sub-industry's main contractor. In one transaction: the current
    /// term ends with its reason, the new term starts, and the main-contractor grants over the
    /// sub-industry move from the old organisation's people to the new one's, so every open
    /// project of the sub-industry is handed to the successor at once.
    @discardableResult
    public func assignMainContractor(
        programmeId: String, subIndustryId: String, organisationId: String, taskBookNo: String, by userId: String,
        reason: String?
    ) async throws -> ContractorAssignment {
        let id = ids.make("mca")
        let now = clock.now().millis
        try await backend.transaction { database in
            try await Self.appoint(
                id: id, programmeId: programmeId, subIndustryId: subIndustryId, organisationId: organisationId,
                taskBookNo: taskBookNo, by: userId, reason: reason, at: now, on: database)
        }
        guard let made = try await contractorAssignments(programmeId: programmeId).first(where: { $0.id == id }) else {
            throw StoreError.notFound("assignment \(id)")
        }
        return made
    }

    /// The appointment itself, inside the caller's transaction: the one path by which a main
    /// contractor is appointed, whether picked on `/contractors` or selected at the end of a round
    /// (`selectMainContractor`), which closes the round in the same transaction.
    static func appoint(
        id: String, programmeId: String, subIndustryId: String, organisationId: String, taskBookNo: String, by userId: String,
        reason: String?, at now: Int64, on database: any SQLDatabase
    ) async throws {
        let scope = Scope.subIndustry(subIndustryId)
        if let current = try await database.raw(
            """
            SELECT id, organisation_id FROM contractor_assignments
            WHERE sub_industry_id = \(bind: subIndustryId) AND ended_at IS NULL
            """
        ).first() {
            let previousOrg = try current.string("organisation_id")
            if previousOrg == organisationId { throw StoreError.conflict("already the main contractor") }
            try await database.raw(
                """
                UPDATE contractor_assignments SET ended_at = \(bind: now), ended_by = \(bind: userId),
                end_reason = \(bind: reason ?? "") WHERE id = \(bind: try current.string("id"))
                """
            ).run()
            try await database.raw(
                """
                DELETE FROM user_grants WHERE role = 'main_contractor' AND scope_kind = \(bind: scope.kind)
                AND scope_id = \(bind: scope.id) AND programme_id = \(bind: programmeId)
                AND user_id IN (SELECT id FROM users WHERE organisation_id = \(bind: previousOrg))
                """
            ).run()
        }
        try await database.raw(
            """
            INSERT INTO contractor_assignments (id, programme_id, sub_industry_id, organisation_id, task_book_no,
            started_at, started_by) VALUES (\(bind: id), \(bind: programmeId), \(bind: subIndustryId),
            \(bind: organisationId), \(bind: taskBookNo), \(bind: now), \(bind: userId))
            """
        ).run()
        let people = try await database.raw(
            "SELECT id FROM users WHERE organisation_id = \(bind: organisationId) AND programme_id = \(bind: programmeId)"
        ).all().map { try $0.string("id") }
        for person in people {
            try await database.raw(
                """
                INSERT INTO user_grants (user_id, programme_id, role, scope_kind, scope_id) VALUES (\(bind: person),
                \(bind: programmeId), 'main_contractor', \(bind: scope.kind), \(bind: scope.id)) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    /// Every term, current ones first, newest first.
    public func contractorAssignments(programmeId: String) async throws -> [ContractorAssignment] {
        try await backend.read { database in
            try await database.preparedRows(
                """
                SELECT a.id, a.sub_industry_id, a.organisation_id, o.name, a.task_book_no, a.started_at, a.started_by,
                a.ended_at, a.ended_by, a.end_reason FROM contractor_assignments a JOIN organisations o ON o.id = a.organisation_id
                WHERE a.programme_id = \(bind: programmeId)
                ORDER BY CASE WHEN a.ended_at IS NULL THEN 0 ELSE 1 END, a.started_at DESC
                """
            ).map { row in
                ContractorAssignment(
                    id: try row.string("id"), subIndustryId: try row.string("sub_industry_id"),
                    organisationId: try row.string("organisation_id"), organisationName: try row.string("name"),
                    taskBookNo: try row.string("task_book_no"), startedAt: try row.date("started_at"),
                    startedBy: try row.string("started_by"),
                    endedAt: try row.decode(column: "ended_at", as: Int64?.self).map { Date(millis: $0) },
                    endedBy: try row.optionalString("ended_by"), endReason: try row.optionalString("end_reason"))
            }
        }
    }

    /// An enterprise rates its main contractor (score 1–5 and a comment); a new rating replaces
    /// its earlier one, so each enterprise counts once.
    public func rateContractor(
        programmeId: String, contractorOrgId: String, enterpriseOrgId: String, score: Int, comment: String, by userId: String
    ) async throws {
        let now = clock.now().millis
        let id = ids.make("rat")
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM contractor_ratings WHERE contractor_org_id = \(bind: contractorOrgId)
                AND enterprise_org_id = \(bind: enterpriseOrgId)
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO contractor_ratings (id, programme_id, contractor_org_id, enterprise_org_id, score, comment,
                rated_by, rated_at) VALUES (\(bind: id), \(bind: programmeId), \(bind: contractorOrgId), \(bind: enterpriseOrgId),
                \(bind: score), \(bind: comment), \(bind: userId), \(bind: now))
                """
            ).run()
        }
    }

    public func contractorRatings(programmeId: String) async throws -> [ContractorRating] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT r.contractor_org_id, o.name, r.score, r.comment, r.rated_at FROM contractor_ratings r
                JOIN organisations o ON o.id = r.enterprise_org_id WHERE r.programme_id = \(bind: programmeId)
                ORDER BY r.rated_at DESC
                """
            ).all().map { row in
                ContractorRating(
                    contractorOrgId: try row.string("contractor_org_id"), enterpriseName: try row.string("name"),
                    score: try row.int("score"), comment: try row.string("comment"), ratedAt: try row.date("rated_at"))
            }
        }
    }
}
