import PilotDomain

/// Which roles an administrator may give a new account, and what each needs: the scope of a
/// grant follows from the role and the person's organisation, so an administrator never types a
/// scope (and cannot give a contractor the whole programme by mistake).
enum AccountRoles {
    /// In the order the form lists them: the people a programme adds most often first.
    static let grantable: [Role] = [
        .enterprise, .mainContractor, .digitalProvider, .expertReviewer, .zoneTaskForce, .districtOfficial, .financeOfficer,
        .leadership, .managementProvider, .platformOperator, .admin,
    ]

    enum OrganisationRule: Equatable {
        /// The enterprise, found by its unified social credit code; the grant covers it alone.
        case enterpriseByCreditCode
        /// An organisation of this kind, chosen from the list; the grant covers it (a provider)
        /// or the sub-industries it serves as main contractor now.
        case required(kind: String)
        /// Chosen from the list or left empty (e.g. a bureau's officials, an expert's university).
        case optional
    }

    static func organisationRule(_ role: Role) -> OrganisationRule {
        switch role {
        case .enterprise: .enterpriseByCreditCode
        case .mainContractor: .required(kind: OrganisationKind.contractor)
        case .digitalProvider: .required(kind: OrganisationKind.provider)
        default: .optional
        }
    }

    /// True for the roles whose grant covers one division node (chosen on the form): a zone or
    /// street task force works in its own zone or street.
    static func needsZone(_ role: Role) -> Bool { role == .zoneTaskForce }

    /// Roles that may be held at a division node below the programme instead of over all of it: a
    /// district or street office sees and acts on its own subtree only (issue #12).
    static func mayHoldAtNode(_ role: Role) -> Bool { role == .districtOfficial }

    /// The grants of a new account, except those the store adds in its transaction (a main
    /// contractor's current sub-industries, an expert's own panels).
    static func grants(_ role: Role, programmeId: String, organisationId: String?, divisionCode: String?) -> [RoleGrant] {
        switch role {
        case .enterprise, .digitalProvider: organisationId.map { [RoleGrant(role: role, scope: .organisation($0))] } ?? []
        case .mainContractor, .expertReviewer: []
        case .zoneTaskForce, .serviceTeam: divisionCode.map { [RoleGrant(role: role, scope: .division($0))] } ?? []
        case .districtOfficial where divisionCode != nil: [RoleGrant(role: role, scope: .division(divisionCode!))]
        default: [RoleGrant(role: role, scope: .programme(programmeId))]
        }
    }

    /// A user name: 3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter.
    static func usernameProblem(_ name: String) -> LocalizedText? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...32).contains(name.count), name.first.map({ $0.isLetter && $0.isASCII }) == true,
            name.allSatisfy({ allowed.contains($0) })
        else {
            return LocalizedText(
                zh: "用户名为 3–32 位小写字母、数字或 . _ -，以字母开头",
                en: "3–32 lower-case letters, digits, '.', '_' or '-', starting with a letter")
        }
        return nil
    }
}
