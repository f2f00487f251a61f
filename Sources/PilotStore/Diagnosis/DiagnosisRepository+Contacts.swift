import Foundation
import PilotDomain
import SQLKit

/// A contact of the liaison chain (003 市-区-街镇联络人; 001 附件2 work contacts per level) or, with
/// `uscc`, one firm's service contact (001 附件3).
public struct DiagnosisContact: Sendable, Hashable {
    public var id: Int
    public var programmeId: String
    public var divisionCode: String
    public var uscc: String?
    public var role: String
    public var name: String
    public var position: String
    public var phone: String
    public var email: String
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        id: Int = 0, programmeId: String, divisionCode: String, uscc: String?, role: String, name: String, position: String,
        phone: String, email: String, updatedBy: String, updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.programmeId = programmeId
        self.divisionCode = divisionCode
        self.uscc = uscc
        self.role = role
        self.name = name
        self.position = position
        self.phone = phone
        self.email = email
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

extension DiagnosisRepository {
    /// Adds a contact (one row).
    public func addContact(_ contact: DiagnosisContact) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO diagnosis_contacts (programme_id, division_code, uscc, role, name, position, phone, email, updated_by,
                updated_at) VALUES (\(bind: contact.programmeId), \(bind: contact.divisionCode), \(bind: contact.uscc),
                \(bind: contact.role), \(bind: contact.name), \(bind: contact.position), \(bind: contact.phone),
                \(bind: contact.email), \(bind: contact.updatedBy), \(bind: now))
                """
            ).run()
        }
    }

    /// The contacts beneath `division` (the node and its subtree): the units' when `firms` is false,
    /// the firms' service contacts when true; by division, then role and name. At most `limit`.
    public func contacts(
        programmeId: String, division: DivisionCode, firms: Bool, limit: Int = 5000
    ) async throws -> [DiagnosisContact] {
        var query = SQLQueryString(
            """
            SELECT id, programme_id, division_code, uscc, role, name, position, phone, email, updated_by, updated_at
            FROM diagnosis_contacts WHERE programme_id = \(bind: programmeId)
            """)
        query.appendLiteral(firms ? " AND uscc IS NOT NULL" : " AND uscc IS NULL")
        if let range = division.range {
            query.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendInterpolation(
            " ORDER BY division_code, uscc, role, name, id LIMIT \(literal: max(1, min(limit, 20_000)))" as SQLQueryString)
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                DiagnosisContact(
                    id: try row.int("id"), programmeId: try row.string("programme_id"),
                    divisionCode: try row.string("division_code"),
                    uscc: try row.optionalString("uscc"), role: try row.string("role"), name: try row.string("name"),
                    position: try row.string("position"), phone: try row.string("phone"), email: try row.string("email"),
                    updatedBy: try row.string("updated_by"), updatedAt: Date(millis: try row.int64("updated_at")))
            }
        }
    }

    /// Removes a contact when it sits beneath `division`; false when there is none such.
    public func removeContact(id: Int, programmeId: String, division: DivisionCode) async throws -> Bool {
        var query = SQLQueryString(
            "DELETE FROM diagnosis_contacts WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)")
        if let range = division.range {
            query.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        let statement = query
        return try await backend.transaction { database in
            let before =
                try await database.raw(
                    "SELECT COUNT(*) AS n FROM diagnosis_contacts WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)"
                ).first().map { try $0.int("n") } ?? 0
            try await database.raw(statement).run()
            let after =
                try await database.raw(
                    "SELECT COUNT(*) AS n FROM diagnosis_contacts WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)"
                ).first().map { try $0.int("n") } ?? 0
            return before > after
        }
    }
}
