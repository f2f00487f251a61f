import Foundation
import PilotDomain
import ProviderPool
import SQLKit

/// A selection round for one sub-industry's main contractor (policy 004 §四(五): 在遴选出的数字化服务商
/// 资源池中，通过自主申报，择优选定): the bureau opens it, pool members apply, the bureau scores and selects.
public struct ContractorRound: Sendable, Hashable {
    public var id: String
    public var subIndustryId: String
    /// Applications are taken on these Shanghai days (YYYY-MM-DD, inclusive).
    public var applicationsFrom: String
    public var applicationsUntil: String
    /// The last day of the contracting term the selection begins.
    public var termUntil: String
    public var requirements: String
    public var openedBy: String
    public var openedAt: Date
    /// Set when the round is closed by its selection.
    public var selectedApplicationId: String?
    public var selectionReason: String?
    public var closedBy: String?
    public var closedAt: Date?
    /// The term (`contractor_assignments`) the selection began.
    public var assignmentId: String?

    public var isOpen: Bool { closedAt == nil }
}

/// One pool member's application to a round, with its proposal and, once scored, the bureau's scores.
public struct ContractorApplication: Sendable, Hashable {
    public var id: String
    public var roundId: String
    public var organisationId: String
    public var organisationName: String
    public var uscc: String?
    public var proposal: ContractorProposal
    public var appliedBy: String
    public var appliedAt: Date
    /// Each criterion's score in hundredths (empty until scored).
    public var scores: [String: Int]
    public var total: EvaluationScore?
    public var scoredBy: String?
    public var scoredAt: Date?
}

/// What an applicant proposes (服务方案): its plan, team, the enterprises it commits to serve, its
/// relevant cases and its price and discount commitments.
public struct ContractorProposal: Sendable, Hashable {
    public var servicePlan: String
    public var team: String
    public var committedEnterprises: Int
    public var cases: String
    public var priceCommitment: String

    public init(servicePlan: String, team: String, committedEnterprises: Int, cases: String, priceCommitment: String) {
        self.servicePlan = servicePlan
        self.team = team
        self.committedEnterprises = committedEnterprises
        self.cases = cases
        self.priceCommitment = priceCommitment
    }
}

/// One side's signature of a round's contracting task book (承包任务书).
public struct ContractorSignature: Sendable, Hashable {
    public enum Party: String, Sendable, Hashable, CaseIterable {
        /// The district industry bureau (甲方).
        case bureau
        /// The selected main contractor (乙方).
        case contractor
    }

    public var party: Party
    public var userId: String
    public var signerName: String
    public var signedAt: Date
}

extension ProviderRepository {
    /// Opens a round for a sub-industry.
    public func openContractorRound(
        programmeId: String, subIndustryId: String, applicationsFrom: String, applicationsUntil: String, termUntil: String,
        requirements: String, by userId: String
    ) async throws -> ContractorRound {
        let round = ContractorRound(
            id: ids.make("rnd"), subIndustryId: subIndustryId, applicationsFrom: applicationsFrom,
            applicationsUntil: applicationsUntil, termUntil: termUntil, requirements: requirements, openedBy: userId,
            openedAt: Date(millis: clock.now().millis))
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO contractor_rounds (id, programme_id, sub_industry_id, applications_from, applications_until,
                term_until, requirements, status, opened_by, opened_at) VALUES (\(bind: round.id), \(bind: programmeId),
                \(bind: subIndustryId), \(bind: applicationsFrom), \(bind: applicationsUntil), \(bind: termUntil),
                \(bind: requirements), 'open', \(bind: userId), \(bind: round.openedAt.millis))
                """
            ).run()
        }
        return round
    }

    /// The programme's rounds, open ones first, newest first.
    public func contractorRounds(programmeId: String) async throws -> [ContractorRound] {
        try await backend.read { database in
            try await Self.rounds(programmeId: programmeId, id: nil, on: database)
        }
    }

    /// One round of the programme (nil: none such in this programme).
    public func contractorRound(_ id: String, programmeId: String) async throws -> ContractorRound? {
        try await backend.read { database in
            try await Self.rounds(programmeId: programmeId, id: id, on: database).first
        }
    }

    /// The round's applications, oldest first.
    public func contractorApplications(roundId: String) async throws -> [ContractorApplication] {
        try await backend.read { database in try await Self.applications(roundId: roundId, on: database) }
    }

    /// A pool member applies. In one transaction: the round must be open and `today` within its
    /// window, the applicant a member of the pool in good standing (read in the same transaction), and
    /// not yet an applicant of the round; a refusal writes nothing.
    public func applyForContractorRound(
        roundId: String, programmeId: String, organisationId: String, proposal: ContractorProposal, today: String,
        by userId: String
    ) async throws -> Result<ContractorApplication, ContractorRoundRefusal> {
        let id = ids.make("cap")
        let now = clock.now().millis
        let kind = backend.kind
        do {
            let outcome = try await backend.transaction { database -> ContractorRoundRefusal? in
                guard let round = try await Self.rounds(programmeId: programmeId, id: roundId, on: database).first else {
                    throw StoreError.notFound("round \(roundId)")
                }
                guard round.isOpen else { return .roundClosed }
                if let refusal = ContractorSelection.within(
                    day: today, from: round.applicationsFrom, until: round.applicationsUntil)
                {
                    return refusal
                }
                let member = try await database.raw(
                    """
                    SELECT member FROM pool_members WHERE organisation_id = \(bind: organisationId)
                    AND programme_id = \(bind: programmeId)
                    """
                ).first().map { try Self.member(try $0.string("member")) }
                if let refusal = ContractorSelection.eligibility(member) { return refusal }
                if try await database.raw(
                    """
                    SELECT id FROM contractor_applications WHERE round_id = \(bind: roundId)
                    AND organisation_id = \(bind: organisationId)
                    """
                ).first() != nil {
                    return .appliedAlready
                }
                try await database.raw(
                    """
                    INSERT INTO contractor_applications (id, round_id, programme_id, organisation_id, service_plan, team,
                    committed_enterprises, cases, price_commitment, applied_by, applied_at, scores) VALUES (\(bind: id),
                    \(bind: roundId), \(bind: programmeId), \(bind: organisationId), \(bind: proposal.servicePlan),
                    \(bind: proposal.team), \(bind: proposal.committedEnterprises), \(bind: proposal.cases),
                    \(bind: proposal.priceCommitment), \(bind: userId), \(bind: now), '')
                    """
                ).run()
                return nil
            }
            if let outcome { return .failure(outcome) }
        } catch let error where kind.isUniqueViolation(error) {
            // Two applications of one provider at once: the unique index lets one through.
            return .failure(.appliedAlready)
        }
        guard let made = try await contractorApplications(roundId: roundId).first(where: { $0.id == id }) else {
            throw StoreError.notFound("application \(id)")
        }
        return .success(made)
    }

    /// The bureau's scores of one application (each criterion in hundredths, and their weighted total,
    /// computed and bounded by `ContractorCriteria`); a later scoring replaces an earlier one while the
    /// round is open.
    public func scoreContractorApplication(
        roundId: String, programmeId: String, applicationId: String, scores: [String: Int], total: EvaluationScore,
        by userId: String
    ) async throws -> ContractorRoundRefusal? {
        let now = clock.now().millis
        let encoded = try Self.json(scores)
        return try await backend.transaction { database -> ContractorRoundRefusal? in
            guard let round = try await Self.rounds(programmeId: programmeId, id: roundId, on: database).first else {
                throw StoreError.notFound("round \(roundId)")
            }
            guard round.isOpen else { return .roundClosed }
            guard
                try await database.raw(
                    "SELECT id FROM contractor_applications WHERE id = \(bind: applicationId) AND round_id = \(bind: roundId)"
                ).first() != nil
            else { return .unknownApplication }
            try await database.raw(
                """
                UPDATE contractor_applications SET scores = \(bind: encoded), total_hundredths = \(bind: total.hundredths),
                scored_by = \(bind: userId), scored_at = \(bind: now) WHERE id = \(bind: applicationId)
                """
            ).run()
            return nil
        }
    }

    /// The bureau selects the round's main contractor. In one transaction, under the round's lock: the
    /// round must be open, every application scored and the chosen one the best or given a reason
    /// (`ContractorSelection.check`), its applicant still in good standing in the pool; then the
    /// appointment (`appoint`, the same path as `/contractors`; an incumbent chosen again starts a new
    /// term) and the round's closure. A refusal writes nothing.
    public func selectMainContractor(
        roundId: String, programmeId: String, applicationId: String, reason: String, taskBookNo: String, by userId: String
    ) async throws -> Result<ContractorAssignment, ContractorRoundRefusal> {
        let assignmentId = ids.make("mca")
        let now = clock.now().millis
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        let refusal = try await backend.transaction { database -> ContractorRoundRefusal? in
            var query: SQLQueryString = """
                SELECT id FROM contractor_rounds WHERE id = \(bind: roundId) AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard try await database.raw(query).first() != nil,
                let round = try await Self.rounds(programmeId: programmeId, id: roundId, on: database).first
            else { throw StoreError.notFound("round \(roundId)") }
            guard round.isOpen else { return .roundClosed }
            let applications = try await Self.applications(roundId: roundId, on: database)
            let totals = Dictionary(uniqueKeysWithValues: applications.map { ($0.id, $0.total) })
            if let refusal = ContractorSelection.check(totals: totals, chosen: applicationId, reason: reason) {
                return refusal
            }
            guard let chosen = applications.first(where: { $0.id == applicationId }) else { return .unknownApplication }
            let member = try await database.raw(
                """
                SELECT member FROM pool_members WHERE organisation_id = \(bind: chosen.organisationId)
                AND programme_id = \(bind: programmeId)
                """
            ).first().map { try Self.member(try $0.string("member")) }
            if let refusal = ContractorSelection.eligibility(member) { return refusal }
            let current = try await database.raw(
                """
                SELECT organisation_id FROM contractor_assignments WHERE sub_industry_id = \(bind: round.subIndustryId)
                AND ended_at IS NULL
                """
            ).first().map { try $0.string("organisation_id") }
            let why = reason.isEmpty ? "综合评分最高" : reason
            // The incumbent chosen again (the periodic adjustment, 定期调整): its term ends and a new
            // one begins with the new task book, through the same appointment path; its people keep
            // their grant throughout.
            if current == chosen.organisationId {
                try await database.raw(
                    """
                    UPDATE contractor_assignments SET ended_at = \(bind: now), ended_by = \(bind: userId),
                    end_reason = \(bind: "遴选续任（\(why)）") WHERE sub_industry_id = \(bind: round.subIndustryId)
                    AND ended_at IS NULL
                    """
                ).run()
            }
            try await Self.appoint(
                id: assignmentId, programmeId: programmeId, subIndustryId: round.subIndustryId,
                organisationId: chosen.organisationId, taskBookNo: taskBookNo, by: userId,
                reason: current == nil || current == chosen.organisationId ? nil : "遴选择优更换（\(why)）", at: now,
                on: database)
            try await database.raw(
                """
                UPDATE contractor_rounds SET status = 'closed', selected_application_id = \(bind: applicationId),
                selection_reason = \(bind: reason), closed_by = \(bind: userId), closed_at = \(bind: now),
                assignment_id = \(bind: assignmentId) WHERE id = \(bind: roundId)
                """
            ).run()
            return nil
        }
        if let refusal { return .failure(refusal) }
        guard let made = try await contractorAssignments(programmeId: programmeId).first(where: { $0.id == assignmentId })
        else { throw StoreError.notFound("assignment \(assignmentId)") }
        return .success(made)
    }

    /// One side signs the closed round's contracting task book; each side signs once.
    public func signContractorTaskBook(
        roundId: String, programmeId: String, party: ContractorSignature.Party, userId: String, signerName: String
    ) async throws -> ContractorRoundRefusal? {
        let now = clock.now().millis
        return try await backend.transaction { database -> ContractorRoundRefusal? in
            guard let round = try await Self.rounds(programmeId: programmeId, id: roundId, on: database).first else {
                throw StoreError.notFound("round \(roundId)")
            }
            guard !round.isOpen else { return .roundOpen }
            if try await database.raw(
                "SELECT party FROM contractor_signatures WHERE round_id = \(bind: roundId) AND party = \(bind: party.rawValue)"
            ).first() != nil {
                return .signedAlready
            }
            try await database.raw(
                """
                INSERT INTO contractor_signatures (round_id, party, user_id, signer_name, signed_at) VALUES
                (\(bind: roundId), \(bind: party.rawValue), \(bind: userId), \(bind: signerName), \(bind: now))
                """
            ).run()
            return nil
        }
    }

    /// The signatures of a round's contracting task book.
    public func contractorSignatures(roundId: String) async throws -> [ContractorSignature] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT party, user_id, signer_name, signed_at FROM contractor_signatures WHERE round_id = \(bind: roundId)
                ORDER BY signed_at
                """
            ).all().compactMap { row in
                guard let party = ContractorSignature.Party(rawValue: try row.string("party")) else { return nil }
                return ContractorSignature(
                    party: party, userId: try row.string("user_id"), signerName: try row.string("signer_name"),
                    signedAt: try row.date("signed_at"))
            }
        }
    }

    /// Makes an existing organisation (e.g. a main contractor's) a pool member in good standing, as
    /// admission does for a new provider; a member already is left as it is.
    public func admitToPool(organisationId: String, programmeId: String) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            guard
                try await database.raw(
                    "SELECT organisation_id FROM pool_members WHERE organisation_id = \(bind: organisationId)"
                ).first() == nil
            else { return }
            try await Self.insertMember(organisationId: organisationId, programmeId: programmeId, at: now, on: database)
        }
    }

    static func rounds(programmeId: String, id: String?, on database: any SQLDatabase) async throws -> [ContractorRound] {
        try await database.raw(
            """
            SELECT id, sub_industry_id, applications_from, applications_until, term_until, requirements, opened_by,
            opened_at, selected_application_id, selection_reason, closed_by, closed_at, assignment_id
            FROM contractor_rounds WHERE programme_id = \(bind: programmeId)\(id.map { " AND id = \(bind: $0)" as SQLQueryString } ?? "")
            ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, opened_at DESC, id DESC
            """
        ).all().map { row in
            ContractorRound(
                id: try row.string("id"), subIndustryId: try row.string("sub_industry_id"),
                applicationsFrom: try row.string("applications_from"),
                applicationsUntil: try row.string("applications_until"), termUntil: try row.string("term_until"),
                requirements: try row.string("requirements"), openedBy: try row.string("opened_by"),
                openedAt: try row.date("opened_at"), selectedApplicationId: try row.optionalString("selected_application_id"),
                selectionReason: try row.optionalString("selection_reason"), closedBy: try row.optionalString("closed_by"),
                closedAt: try row.decode(column: "closed_at", as: Int64?.self).map { Date(millis: $0) },
                assignmentId: try row.optionalString("assignment_id"))
        }
    }

    static func applications(roundId: String, on database: any SQLDatabase) async throws -> [ContractorApplication] {
        try await database.raw(
            """
            SELECT a.id, a.round_id, a.organisation_id, o.name, o.uscc, a.service_plan, a.team, a.committed_enterprises,
            a.cases, a.price_commitment, a.applied_by, a.applied_at, a.scores, a.total_hundredths, a.scored_by, a.scored_at
            FROM contractor_applications a JOIN organisations o ON o.id = a.organisation_id
            WHERE a.round_id = \(bind: roundId) ORDER BY a.applied_at, a.id
            """
        ).all().map { row in
            let scoresText = try row.string("scores")
            let scores: [String: Int] =
                scoresText.isEmpty ? [:] : try JSONDecoder().decode([String: Int].self, from: Data(scoresText.utf8))
            return ContractorApplication(
                id: try row.string("id"), roundId: try row.string("round_id"),
                organisationId: try row.string("organisation_id"), organisationName: try row.string("name"),
                uscc: try row.optionalString("uscc"),
                proposal: ContractorProposal(
                    servicePlan: try row.string("service_plan"), team: try row.string("team"),
                    committedEnterprises: try row.int("committed_enterprises"), cases: try row.string("cases"),
                    priceCommitment: try row.string("price_commitment")),
                appliedBy: try row.string("applied_by"), appliedAt: try row.date("applied_at"), scores: scores,
                total: try row.decode(column: "total_hundredths", as: Int64?.self).flatMap {
                    EvaluationScore(hundredths: Int($0))
                },
                scoredBy: try row.optionalString("scored_by"),
                scoredAt: try row.decode(column: "scored_at", as: Int64?.self).map { Date(millis: $0) })
        }
    }

    static func json(_ scores: [String: Int]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(scores), as: UTF8.self)
    }
}
