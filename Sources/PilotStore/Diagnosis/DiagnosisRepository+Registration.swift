import Foundation
import PilotDomain
import SQLKit

/// A roster firm's self-registration for its campaign: who it says it is and its first account.
public struct FirmRegistration: Sendable, Hashable {
    public var programmeId: String
    public var uscc: String
    /// The name as the roster has it: a registration under another name is refused.
    public var name: String
    public var contactName: String
    public var contactPhone: String
    public var username: String
    public var passwordHash: String
    public var language: UILanguage

    public init(
        programmeId: String, uscc: String, name: String, contactName: String, contactPhone: String, username: String,
        passwordHash: String, language: UILanguage
    ) {
        self.programmeId = programmeId
        self.uscc = uscc
        self.name = name
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.username = username
        self.passwordHash = passwordHash
        self.language = language
    }
}

/// How a firm's registration went; every refusal wrote nothing.
public enum FirmRegistrationOutcome: Sendable, Hashable {
    case registered(organisationId: String, userId: String)
    /// No firm with this credit code and name on the campaign's roster.
    case notOnRoster
    /// The roster firm (or an organisation with its credit code) registered already.
    case alreadyRegistered
    case usernameTaken
}

extension DiagnosisRepository {
    /// Registers a roster firm in ONE transaction: the organisation (kind enterprise, the roster's
    /// credit code, name and division), the account with the enterprise grant over it in the
    /// campaign, the roster row linked to it with the contact the firm gave. A failure anywhere
    /// leaves nothing; a parallel registration of the same firm or user name is reported, not thrown.
    public func registerFirm(
        _ registration: FirmRegistration, organisationId: String, userId: String
    ) async throws -> FirmRegistrationOutcome {
        let now = clock.now().millis
        let kind = backend.kind
        do {
            return try await backend.transaction { database in
                var query: SQLQueryString = """
                    SELECT name, division_code, organisation_id FROM diagnosis_firms
                    WHERE programme_id = \(bind: registration.programmeId) AND uscc = \(bind: registration.uscc)
                    """
                if kind == .postgres { query.appendLiteral(" FOR UPDATE") }
                guard let row = try await database.raw(query).first(),
                    try Self.sameName(row.string("name"), registration.name)
                else { return .notOnRoster }
                guard try row.optionalString("organisation_id") == nil else { return .alreadyRegistered }
                let taken = try await database.raw(
                    """
                    SELECT id FROM organisations WHERE programme_id = \(bind: registration.programmeId)
                    AND uscc = \(bind: registration.uscc)
                    """
                ).first()
                guard taken == nil else { return .alreadyRegistered }
                let name = try row.string("name")
                let division = try row.string("division_code")
                try await database.raw(
                    """
                    INSERT INTO organisations (id, programme_id, kind, name, uscc, division_code, created_at)
                    VALUES (\(bind: organisationId), \(bind: registration.programmeId), 'enterprise', \(bind: name),
                    \(bind: registration.uscc), \(bind: division), \(bind: now))
                    """
                ).run()
                let account = UserAccount(
                    id: userId, programmeId: registration.programmeId, username: registration.username,
                    displayName: registration.contactName + "（" + name + "）", passwordHash: registration.passwordHash,
                    organisationId: organisationId, language: registration.language, active: true,
                    grants: [RoleGrant(role: .enterprise, scope: .organisation(organisationId))])
                try await AccountRepository.insertAccount(account, createdAt: now, on: database)
                guard
                    try await link(
                        programmeId: registration.programmeId, uscc: registration.uscc, organisationId: organisationId,
                        on: database)
                else { throw StoreError.conflict("firm \(registration.uscc) registered meanwhile") }
                try await database.raw(
                    """
                    UPDATE diagnosis_firms SET contact_name = \(bind: registration.contactName),
                    contact_phone = \(bind: registration.contactPhone)
                    WHERE programme_id = \(bind: registration.programmeId) AND uscc = \(bind: registration.uscc)
                    """
                ).run()
                return .registered(organisationId: organisationId, userId: userId)
            }
        } catch let error where kind.isUniqueViolation(error) {
            if try await usernameTaken(registration.username) { return .usernameTaken }
            return .alreadyRegistered
        }
    }

    /// Names compared as people type them: surrounding spaces and full-width brackets do not count.
    static func sameName(_ roster: String, _ typed: String) -> Bool {
        func normal(_ text: String) -> String {
            text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "（", with: "(")
                .replacingOccurrences(of: "）", with: ")").replacingOccurrences(of: " ", with: "")
        }
        return normal(roster) == normal(typed)
    }

    func usernameTaken(_ username: String) async throws -> Bool {
        try await backend.read { database in
            try await database.raw("SELECT id FROM users WHERE username = \(bind: username)").first() != nil
        }
    }
}
