import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// An enterprise joining a programme: its organisation (with profile), its project and, for
/// self-registration, its first account.
public struct NewEnterprise: Sendable {
    public var programmeId: String
    public var name: String
    public var uscc: USCC
    public var subIndustryId: String
    public var divisionCode: String
    public var profile: [String: JSONValue]

    public init(
        programmeId: String, name: String, uscc: USCC, subIndustryId: String, divisionCode: String, profile: [String: JSONValue]
    ) {
        self.programmeId = programmeId
        self.name = name
        self.uscc = uscc
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.profile = profile
    }
}

/// The first account of a self-registered enterprise (its grant is the enterprise role over the
/// new organisation).
public struct NewEnterpriseAccount: Sendable {
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var language: UILanguage

    public init(username: String, displayName: String, passwordHash: String, language: UILanguage) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.language = language
    }
}

public enum EnterpriseAdmission: Sendable {
    case admitted(organisation: Organisation, instance: InstanceSnapshot, account: UserAccount?)
    /// Another organisation of the programme has this credit code (nothing was written).
    case duplicateCode
    /// The account's user name is taken (nothing was written).
    case usernameTaken
}

extension PartyRepository {
    /// Writes the organisation, its project (`project`, whose subject becomes the new
    /// organisation) and the account in **one** transaction: a failure anywhere leaves nothing,
    /// never half a registration (issue #11). A credit code or user name taken meanwhile by a
    /// parallel registration is reported, not thrown.
    public func admitEnterprise(
        _ enterprise: NewEnterprise, project: NewInstance, account: NewEnterpriseAccount?, actor: Actor, engine: Engine
    ) async throws -> EnterpriseAdmission {
        let organisation = Organisation(
            id: ids.make("org"), kind: "enterprise", name: enterprise.name, uscc: enterprise.uscc.value,
            subIndustryId: enterprise.subIndustryId, divisionCode: enterprise.divisionCode)
        var project = project
        project.subjectOrganisationId = organisation.id
        let user = account.map {
            UserAccount(
                id: ids.make("usr"), programmeId: enterprise.programmeId, username: $0.username, displayName: $0.displayName,
                passwordHash: $0.passwordHash, organisationId: organisation.id, language: $0.language, active: true,
                grants: [RoleGrant(role: .enterprise, scope: .organisation(organisation.id))])
        }
        let newProject = project
        let now = clock.now().millis
        do {
            let instance = try await backend.transaction { database in
                try await self.insertEnterprise(
                    organisation, programmeId: enterprise.programmeId, profile: enterprise.profile, on: database)
                let instance = try await instances.createInstance(newProject, actor: actor, engine: engine, on: database)
                if let user { try await AccountRepository.insertAccount(user, createdAt: now, on: database) }
                return instance
            }
            return .admitted(organisation: organisation, instance: instance, account: user)
        } catch let error where backend.kind.isUniqueViolation(error) {
            if try await self.organisation(uscc: enterprise.uscc.value, programmeId: enterprise.programmeId) != nil {
                return .duplicateCode
            }
            if let user, try await accounts.user(username: user.username) != nil { return .usernameTaken }
            throw error
        }
    }
}
