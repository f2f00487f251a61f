import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/accounts…`: the accounts page as data, for the programme's administrators
/// (`users.administer`), through `UserAdminHandlers` — the same checks and the same account log.
extension PilotAPIHandler {
    var users: UserAdminHandlers { UserAdminHandlers(services: services) }

    func listAccounts(_ input: Operations.ListAccounts.Input) async throws -> Operations.ListAccounts.Output {
        let identity = try identity(for: .usersAdminister)
        try APIBounds.check(input.query.q, "q", 0...100)
        let model = try await users.model(
            identity, query: input.query.q ?? "", role: input.query.role.flatMap { Role(rawValue: $0.rawValue) })
        return .ok(
            .init(body: .json(.init(items: model.accounts.map(Self.account), matching: model.matching, total: model.total))))
    }

    func createAccount(_ input: Operations.CreateAccount.Input) async throws -> Operations.CreateAccount.Output {
        let identity = try identity(for: .usersAdminister)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        for (value, field, range) in [
            (body.username, "username", 1...100), (body.displayName, "display_name", 1...100), (body.role, "role", 1...50),
            (body.uscc, "uscc", 0...30), (body.organisationId, "organisation_id", 0...100), (body.zone, "zone", 0...20),
        ] as [(String?, String, ClosedRange<Int>)] {
            try APIBounds.check(value, field, range)
        }
        let fields: [String: String] = [
            "username": body.username, "display_name": body.displayName, "role": body.role, "uscc": body.uscc ?? "",
            "organisation": body.organisationId ?? "", "zone": body.zone ?? "",
        ]
        let model = try await users.model(identity, query: "", role: nil)
        let outcome = try await users.createAccount(identity, model, language: scope.language) { fields[$0] }
        guard let issued = outcome.issued, let made = try await services.store.accounts.user(id: issued.id) else {
            throw Self.invalidInput(outcome.errors)
        }
        return .created(.init(body: .json(.init(account: Self.account(made), oneTimePassword: issued.password))))
    }

    func setAccountActive(_ input: Operations.SetAccountActive.Input) async throws -> Operations.SetAccountActive.Output {
        let identity = try identity(for: .usersAdminister)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let account = try await users.target(id: input.path.userId, identity)
        try await services.store.accounts.setAccountActive(
            userId: account.id, programmeId: account.programmeId, active: body.active, by: identity.changeActor)
        services.logger.notice(
            body.active ? "account switched on" : "account switched off", metadata: ["user": .string(account.username)])
        guard let now = try await services.store.accounts.user(id: account.id) else {
            throw AppError.notFound(UserAdminText.account)
        }
        return .ok(.init(body: .json(Self.account(now))))
    }

    static func account(_ account: UserAccount) -> Components.Schemas.AccountView {
        var roles: [String] = []
        for grant in account.grants where !roles.contains(grant.role.rawValue) { roles.append(grant.role.rawValue) }
        return .init(
            id: account.id, username: account.username, displayName: account.displayName,
            organisationId: account.organisationId, roles: roles, active: account.active)
    }
}
