import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// Accounts of the programme, for its administrators (`users.administer`): who may sign in with which role, new
/// accounts (imported enterprises have none until one is made here), one-time passwords, and
/// switching accounts off and on. One-time passwords are shown once, on the response to the
/// form, never in a URL or a log.
struct UserAdminHandlers {
    let services: AppServices
    /// Rows the list shows at most; the filter narrows it.
    static let shown = 100

    func model(_ identity: Identity, query: String, role: Role?) async throws -> UserAdminView.Model {
        let store = services.store
        let programmeId = identity.programmeId
        let everyone = try await store.accounts.users(programmeId: programmeId)
        let names = try await store.facts.organisationNames(Set(everyone.compactMap(\.organisationId)))
        let needle = query.lowercased()
        let matching = everyone.filter { account in
            (role == nil || account.grants.contains { $0.role == role })
                && (needle.isEmpty || account.username.lowercased().contains(needle)
                    || account.displayName.lowercased().contains(needle)
                    || (account.organisationId.flatMap { names[$0] }?.lowercased().contains(needle) ?? false))
        }
        let divisions = try await services.divisions(of: programmeId)
        return UserAdminView.Model(
            accounts: Array(matching.prefix(Self.shown)), matching: matching.count, total: everyone.count,
            usernames: Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0.username) }),
            organisationNames: names,
            organisations: try await store.accounts.nonEnterpriseOrganisations(programmeId: programmeId),
            subIndustries: Dictionary(
                uniqueKeysWithValues: try await store.programmes.subIndustries(programmeId: programmeId).map { ($0.id, $0.name) }),
            zones: divisions,
            areaNames: Dictionary(uniqueKeysWithValues: divisions.map { ($0.code.value, $0.name) }),
            withoutAccount: try await store.accounts.enterprisesWithoutAccount(programmeId: programmeId),
            log: try await store.accounts.accountLog(programmeId: programmeId), query: query, role: role,
            selfId: identity.account.id)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let parameters = request.uri.queryParameters
        var model = try await model(
            identity, query: parameters["q"].map(String.init) ?? "",
            role: parameters["role_filter"].flatMap { Role(rawValue: String($0)) })
        // A link from the list of enterprises without an account fills the form in.
        for key: Substring in ["role", "uscc", "display_name"] { model.typed[String(key)] = parameters[key].map { String($0) } }
        let flash = parameters["done"].flatMap { UserAdminText.done[String($0)] }.map {
            Flash(kind: .ok, text: $0.text(context.language))
        }
        return .html(view(context, identity).render(model, flash: flash))
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        var model = try await model(identity, query: "", role: nil)
        let outcome = try await createAccount(identity, model, language: context.language) { form[$0] }
        if let issued = outcome.issued {
            var fresh = try await self.model(identity, query: "", role: nil)
            fresh.issued = .init(username: issued.username, password: issued.password, reset: false)
            return .html(view(context, identity).render(fresh, flash: nil))
        }
        let errors = outcome.errors
        model.typed = form.values
        model.errors = errors
        return .html(
            view(context, identity).render(model, flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
            status: .unprocessableContent)
    }

    /// Makes an account from the typed fields (`username`, `display_name`, `role`, `uscc`,
    /// `organisation`, `zone`), for the page and the API: its id and one-time password, or every
    /// problem (nothing written).
    func createAccount(
        _ identity: Identity, _ model: UserAdminView.Model, language: UILanguage, _ field: (String) -> String?
    ) async throws -> (issued: (id: String, username: String, password: String)?, errors: [FieldError]) {
        let programmeId = identity.programmeId
        let store = services.store
        var errors: [FieldError] = []
        let username = (field("username") ?? "").trimmingCharacters(in: .whitespaces)
        let displayName = (field("display_name") ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = AccountRoles.usernameProblem(username) { errors.append(FieldError(field: "username", message: problem)) }
        if displayName.isEmpty || displayName.count > 60 {
            errors.append(FieldError(field: "display_name", message: UserAdminText.displayNameProblem))
        }
        let role = field("role").flatMap(Role.init(rawValue:)).flatMap { AccountRoles.grantable.contains($0) ? $0 : nil }
        var organisationId: String?
        var divisionCode: String?
        if let role {
            switch AccountRoles.organisationRule(role) {
            case .enterpriseByCreditCode:
                var uscc: USCC?
                do { uscc = try USCC(validating: field("uscc") ?? "") } catch {
                    errors.append(FieldError(field: "uscc", message: error.message))
                }
                if let uscc {
                    let found = try await store.parties.organisation(uscc: uscc.value, programmeId: programmeId)
                    if let found, found.kind == OrganisationKind.enterprise {
                        organisationId = found.id
                    } else {
                        errors.append(FieldError(field: "uscc", message: UserAdminText.noSuchEnterprise))
                    }
                }
            case .required(let kind):
                if let chosen = model.organisations.first(where: { $0.id == field("organisation") && $0.kind == kind }) {
                    organisationId = chosen.id
                } else {
                    errors.append(FieldError(field: "organisation", message: UserAdminText.organisationOfKind(kind)))
                }
            case .optional:
                let chosen = field("organisation") ?? ""
                if !chosen.isEmpty {
                    if model.organisations.contains(where: { $0.id == chosen }) {
                        organisationId = chosen
                    } else {
                        errors.append(FieldError(field: "organisation", message: UserAdminText.unknownOrganisation))
                    }
                }
            }
            let chosenZone = field("zone") ?? ""
            if AccountRoles.needsZone(role) || (AccountRoles.mayHoldAtNode(role) && !chosenZone.isEmpty) {
                if let zone = model.zones.first(where: { $0.code.value == chosenZone }) {
                    divisionCode = zone.code.value
                } else {
                    errors.append(FieldError(field: "zone", message: UserAdminText.chooseZone))
                }
            }
        } else {
            errors.append(FieldError(field: "role", message: UserAdminText.chooseRole))
        }
        guard errors.isEmpty, let role else { return (nil, errors) }
        let password = PasswordPolicy.oneTime()
        do {
            let made = try await store.accounts.createUser(
                programmeId: programmeId, username: username, displayName: displayName,
                passwordHash: try await services.passwords.hash(password), organisationId: organisationId,
                grants: AccountRoles.grants(
                    role, programmeId: programmeId, organisationId: organisationId, divisionCode: divisionCode),
                language: language, mustChangePassword: true, contractorTerms: role == .mainContractor,
                ownPanels: role == .expertReviewer,
                log: identity.changeActor)
            services.logger.notice("account created", metadata: ["user": .string(username), "role": .string(role.rawValue)])
            return ((made.id, username, password), [])
        } catch StoreError.conflict {
            return (nil, [FieldError(field: "username", message: UserAdminText.usernameTaken)])
        }
    }

    /// The account named in the path, of the administrator's own programme; not the administrator.
    func target(_ context: AppRequestContext, _ identity: Identity) async throws -> UserAccount {
        try await target(id: context.parameters.get("user") ?? "", identity)
    }

    func target(id: String, _ identity: Identity) async throws -> UserAccount {
        guard let account = try await services.store.accounts.user(id: id), account.programmeId == identity.programmeId else {
            throw AppError.notFound(UserAdminText.account)
        }
        guard account.id != identity.account.id else {
            throw AppError(.unprocessableContent, code: "own_account", message: UserAdminText.notYourself)
        }
        return account
    }

    func resetPassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let account = try await target(context, identity)
        let password = try await resetPassword(account, identity)
        var model = try await model(identity, query: "", role: nil)
        model.issued = .init(username: account.username, password: password, reset: true)
        return .html(view(context, identity).render(model, flash: nil))
    }

    /// Issues `account` a one-time password it must change at the next sign-in, ending its sessions
    /// (page and API); the password is returned to be shown once.
    func resetPassword(_ account: UserAccount, _ identity: Identity) async throws -> String {
        let password = PasswordPolicy.oneTime()
        try await services.store.accounts.setPassword(
            userId: account.id, programmeId: account.programmeId, hash: try await services.passwords.hash(password),
            mustChange: true, keepingSession: nil,
            by: identity.changeActor)
        services.logger.notice("one-time password issued", metadata: ["user": .string(account.username)])
        return password
    }

    func setActive(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let account = try await target(context, identity)
        guard let active = ["1": true, "0": false][form["active"] ?? ""] else {
            throw AppError(.unprocessableContent, code: "invalid_input", message: UserAdminText.badActive)
        }
        try await services.store.accounts.setAccountActive(
            userId: account.id, programmeId: account.programmeId, active: active,
            by: identity.changeActor)
        services.logger.notice(
            active ? "account switched on" : "account switched off", metadata: ["user": .string(account.username)])
        return .redirect(AppPath.users.url + "?done=" + (active ? "reactivated" : "deactivated"))
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> UserAdminView {
        UserAdminView(
            layout: Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.users.url)
        )
    }
}
