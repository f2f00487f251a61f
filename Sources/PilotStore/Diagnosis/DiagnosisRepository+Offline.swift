import Foundation
import PilotDomain
import SQLKit

/// An on-site diagnosis case as the assigning unit lists it: the firm, where it is, why it goes on
/// site, and the provider once assigned.
public struct OfflineCase: Sendable, Hashable {
    public var diagnosisId: String
    public var uscc: String
    public var firmName: String
    public var divisionCode: String
    public var reason: String
    public var status: String
    public var grade: Int?
    public var providerOrgId: String?
}

/// A pool member that may be assigned on-site diagnoses: in good standing, with its categories.
public struct OfflineProvider: Sendable, Hashable {
    public var organisationId: String
    public var name: String
    public var categories: [String]
}

extension DiagnosisRepository {
    /// The on-site cases beneath `division` (nil: the whole campaign) in `statuses`, by division then firm.
    public func offlineCases(
        programmeId: String, division: DivisionCode?, statuses: [String], limit: Int = 200
    ) async throws -> [OfflineCase] {
        var query = SQLQueryString(
            """
            SELECT o.diagnosis_id, o.uscc, o.reason, o.status, o.provider_org_id, d.division_code, d.grade, f.name
            FROM offline_diagnoses o JOIN diagnoses d ON d.id = o.diagnosis_id
            JOIN diagnosis_firms f ON f.programme_id = o.programme_id AND f.uscc = o.uscc
            WHERE o.programme_id = \(bind: programmeId) AND o.status IN (\(binds: statuses.isEmpty ? ["-"] : statuses))
            """)
        if let range = division?.range {
            query.appendInterpolation(
                " AND d.division_code >= \(bind: range.lower) AND d.division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendInterpolation(
            " ORDER BY d.division_code, f.name LIMIT \(literal: max(1, min(limit, 1000)))" as SQLQueryString)
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                OfflineCase(
                    diagnosisId: try row.string("diagnosis_id"), uscc: try row.string("uscc"), firmName: try row.string("name"),
                    divisionCode: try row.string("division_code"), reason: try row.string("reason"),
                    status: try row.string("status"), grade: try row.optionalInt64("grade").map(Int.init),
                    providerOrgId: try row.optionalString("provider_org_id"))
            }
        }
    }

    /// The programme's pool members in good standing that an on-site diagnosis may go to, those
    /// offering consulting (诊断咨询) first, then by name.
    public func offlineProviders(programmeId: String) async throws -> [OfflineProvider] {
        let rows = try await backend.read { database in
            try await database.raw(
                """
                SELECT o.id, o.name, o.profile FROM pool_members m JOIN organisations o ON o.id = m.organisation_id
                WHERE m.programme_id = \(bind: programmeId) AND m.standing = 'admitted' AND o.programme_id = \(bind: programmeId)
                ORDER BY o.name
                """
            ).all()
        }
        let providers = try rows.map { row in
            OfflineProvider(
                organisationId: try row.string("id"), name: try row.string("name"),
                categories: (try row.json("profile")["categories"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        return providers.filter { $0.categories.contains("consulting") }
            + providers.filter { !$0.categories.contains("consulting") }
    }

    /// Assigns a pending on-site case to a provider, in one transaction: the case's provider, who
    /// and when, status `assigned`, and the diagnosis's `offline_status`. False when the case is not
    /// pending (assigned already, filed, or not this campaign's).
    public func assignOffline(
        diagnosisId: String, programmeId: String, providerOrgId: String, by userId: String
    ) async throws -> Bool {
        let now = clock.now().millis
        return try await backend.transaction { database in
            let row = try await database.raw(
                """
                SELECT status FROM offline_diagnoses WHERE diagnosis_id = \(bind: diagnosisId)
                AND programme_id = \(bind: programmeId)
                """
            ).first()
            guard let row, try row.string("status") == "pending" else { return false }
            try await database.raw(
                """
                UPDATE offline_diagnoses SET provider_org_id = \(bind: providerOrgId), status = 'assigned',
                assigned_by = \(bind: userId), assigned_at = \(bind: now) WHERE diagnosis_id = \(bind: diagnosisId)
                """
            ).run()
            try await database.raw(
                """
                UPDATE diagnoses SET offline_status = 'assigned', updated_at = \(bind: now)
                WHERE id = \(bind: diagnosisId) AND programme_id = \(bind: programmeId)
                """
            ).run()
            return true
        }
    }
}
