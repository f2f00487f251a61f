import Foundation
import PilotDomain
import SQLKit

/// The firm's feedback on one report.
public struct DiagnosisFeedback: Sendable, Hashable {
    public var diagnosisId: String
    public var rating: Int
    public var comment: String
    public var byUser: String
    public var at: Date
}

/// The on-site (offline) diagnosis of a submitted one, as `offline_diagnoses` keeps it.
public struct OfflineDiagnosis: Sendable, Hashable {
    public var diagnosisId: String
    public var programmeId: String
    public var uscc: String
    /// `rule` (the campaign's rule sent it) or `request` (the firm asked).
    public var reason: String
    /// pending, assigned, filed.
    public var status: String
    public var providerOrganisationId: String?
    public var visitedOn: String?
    /// Area key → the provider's findings there.
    public var findings: [String: String]
    public var verifiedGrade: Int?
    public var opinion: String?
    public var filedAt: Date?
    public var createdAt: Date
}

/// What the assigned provider files after its visit.
public struct OnSiteReport: Sendable, Hashable {
    public var visitedOn: String
    public var findings: [String: String]
    public var verifiedGrade: Int
    public var opinion: String

    public init(visitedOn: String, findings: [String: String], verifiedGrade: Int, opinion: String) {
        self.visitedOn = visitedOn
        self.findings = findings
        self.verifiedGrade = verifiedGrade
        self.opinion = opinion
    }
}

/// Why an offline request or an on-site report is refused (nothing written).
public enum OfflineChangeRefusal: Error, Sendable, Hashable {
    /// The diagnosis is a draft, or has an on-site diagnosis already.
    case notOpen
    /// Not assigned to this provider (or not assigned yet), or filed already.
    case notAssigned
}

extension DiagnosisRepository {
    /// The firm asks for an on-site diagnosis of a submitted result (Tianjin, 000): the offline
    /// row (reason `request`) and the diagnosis's status in one transaction; refused when it is
    /// not submitted or has one already.
    public func requestOffline(diagnosisId: String, programmeId: String) async throws -> Result<Void, OfflineChangeRefusal> {
        let now = clock.now().millis
        let kind = backend.kind
        return try await backend.transaction { database in
            let current = try await Self.lockedState(id: diagnosisId, programmeId: programmeId, kind: kind, on: database)
            guard current.status == .submitted else { return .failure(.notOpen) }
            let existing = try await database.raw(
                "SELECT diagnosis_id FROM offline_diagnoses WHERE diagnosis_id = \(bind: diagnosisId)"
            ).first()
            guard existing == nil else { return .failure(.notOpen) }
            try await database.raw(
                """
                INSERT INTO offline_diagnoses (diagnosis_id, programme_id, uscc, reason, status, created_at)
                VALUES (\(bind: diagnosisId), \(bind: programmeId), \(bind: current.uscc), 'request', 'pending', \(bind: now))
                """
            ).run()
            try await database.raw(
                """
                UPDATE diagnoses SET offline_status = 'pending', updated_at = \(bind: now)
                WHERE id = \(bind: diagnosisId) AND programme_id = \(bind: programmeId)
                """
            ).run()
            return .success(())
        }
    }

    static let offlineColumns = """
        diagnosis_id, programme_id, uscc, reason, status, provider_org_id, visited_on, findings, verified_grade, opinion,
        filed_at, created_at
        """

    /// The on-site diagnosis of one diagnosis of the campaign, if any.
    public func offline(diagnosisId: String, programmeId: String) async throws -> OfflineDiagnosis? {
        try await backend.read { database in
            var query = SQLQueryString("SELECT ")
            query.appendLiteral(Self.offlineColumns)
            query.appendInterpolation(
                " FROM offline_diagnoses WHERE diagnosis_id = \(bind: diagnosisId) AND programme_id = \(bind: programmeId)"
                    as SQLQueryString)
            return try await database.raw(query).first().map(Self.offline)
        }
    }

    /// Every on-site diagnosis of a firm, newest first.
    public func offlineDiagnoses(programmeId: String, uscc: String) async throws -> [OfflineDiagnosis] {
        try await backend.read { database in
            var query = SQLQueryString("SELECT ")
            query.appendLiteral(Self.offlineColumns)
            query.appendInterpolation(
                " FROM offline_diagnoses WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc) ORDER BY created_at DESC"
                    as SQLQueryString)
            return try await database.raw(query).all().map(Self.offline)
        }
    }

    /// The assigned provider files its on-site report: the row becomes `filed` and so does the
    /// diagnosis's offline status, in one transaction. Refused (nothing written) unless it is
    /// assigned to `providerOrganisationId` and not filed yet.
    public func fileOnSite(
        diagnosisId: String, programmeId: String, providerOrganisationId: String, report: OnSiteReport, by actor: ChangeActor
    ) async throws -> Result<Void, OfflineChangeRefusal> {
        let now = clock.now().millis
        let findings = try Self.text(report.findings)
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT status, provider_org_id FROM offline_diagnoses WHERE diagnosis_id = \(bind: diagnosisId)
                AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first(), try row.string("status") == "assigned",
                try row.optionalString("provider_org_id") == providerOrganisationId
            else { return .failure(.notAssigned) }
            try await database.raw(
                """
                UPDATE offline_diagnoses SET status = 'filed', visited_on = \(bind: report.visitedOn), findings = \(bind: findings),
                verified_grade = \(bind: report.verifiedGrade), opinion = \(bind: report.opinion), filed_by = \(bind: actor.userId),
                filed_at = \(bind: now) WHERE diagnosis_id = \(bind: diagnosisId)
                """
            ).run()
            try await database.raw(
                """
                UPDATE diagnoses SET offline_status = 'filed', updated_at = \(bind: now)
                WHERE id = \(bind: diagnosisId) AND programme_id = \(bind: programmeId)
                """
            ).run()
            return .success(())
        }
    }

    static func offline(_ row: any SQLRow) throws -> OfflineDiagnosis {
        let findings = try row.optionalString("findings").map { text in
            guard let value = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
                throw StoreError.corrupt("offline_diagnoses.findings")
            }
            return value
        }
        return OfflineDiagnosis(
            diagnosisId: try row.string("diagnosis_id"), programmeId: try row.string("programme_id"),
            uscc: try row.string("uscc"), reason: try row.string("reason"), status: try row.string("status"),
            providerOrganisationId: try row.optionalString("provider_org_id"), visitedOn: try row.optionalString("visited_on"),
            findings: findings ?? [:], verifiedGrade: try row.optionalInt64("verified_grade").map(Int.init),
            opinion: try row.optionalString("opinion"), filedAt: try row.optionalDate("filed_at"),
            createdAt: try row.date("created_at"))
    }

    /// Adds the firm's feedback on a submitted report.
    public func addFeedback(
        diagnosisId: String, programmeId: String, rating: Int, comment: String, by actor: ChangeActor
    ) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO diagnosis_feedback (diagnosis_id, programme_id, rating, comment, by_user, at)
                VALUES (\(bind: diagnosisId), \(bind: programmeId), \(bind: rating), \(bind: comment), \(bind: actor.userId),
                \(bind: now))
                """
            ).run()
        }
    }

    /// The feedback on the diagnoses of a firm (all of them when `diagnosisId` is nil), newest first.
    public func feedback(programmeId: String, uscc: String, diagnosisId: String? = nil) async throws -> [DiagnosisFeedback] {
        var query: SQLQueryString = """
            SELECT f.diagnosis_id, f.rating, f.comment, f.by_user, f.at FROM diagnosis_feedback f
            JOIN diagnoses d ON d.id = f.diagnosis_id WHERE f.programme_id = \(bind: programmeId) AND d.uscc = \(bind: uscc)
            """
        if let diagnosisId { query.appendInterpolation(" AND f.diagnosis_id = \(bind: diagnosisId)" as SQLQueryString) }
        query.appendLiteral(" ORDER BY f.at DESC, f.id DESC LIMIT 200")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                DiagnosisFeedback(
                    diagnosisId: try row.string("diagnosis_id"), rating: try row.int("rating"),
                    comment: try row.string("comment"),
                    byUser: try row.string("by_user"), at: try row.date("at"))
            }
        }
    }
}
