import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// Setting, revoking and acting under delegations (issue #17). A person delegates their own
/// roles; the principal, the delegate or an administrator of the programme revokes; only the
/// delegate acts under one, only while it runs. Acting for someone cannot delegate further.
struct DelegationHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash: Flash? =
            if let done = request.uri.queryParameters["done"] {
                switch done {
                case "created": Flash(kind: .ok, text: DelegationText.created.text(context.language))
                case "revoked": Flash(kind: .ok, text: DelegationText.revoked.text(context.language))
                case "acting": Flash(kind: .ok, text: DelegationText.acting.text(context.language))
                default: Flash(kind: .ok, text: DelegationText.stopped.text(context.language))
                }
            } else { nil }
        return .html(try await render(context, identity, errors: [], form: [:], flash: flash))
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let asked = DelegationRequest(
            principal: form["principal"], delegate: form["delegate"] ?? "",
            roles: (form["roles"] ?? "").split(separator: ",").map(String.init), startsOn: form["starts_on"] ?? "",
            endsOn: form["ends_on"] ?? "", reason: form["reason"] ?? "")
        switch try await create(asked, identity) {
        case .success: return .redirect("/delegations?done=created")
        case .failure(let refused):
            let flash = Flash(kind: .error, text: refused.fields[0].message.text(context.language))
            return .html(
                try await render(context, identity, errors: refused.fields, form: form.values, flash: flash),
                status: .unprocessableContent)
        }
    }

    /// Why a delegation was not set, each reason naming its field.
    struct Refused: Error {
        var fields: [(field: String, message: LocalizedText)]
    }

    /// A delegation as the page's form or the API's JSON asks for it (roles by name; no principal:
    /// the caller's own).
    struct DelegationRequest {
        var principal: String?
        var delegate: String
        var roles: [String]
        var startsOn: String
        var endsOn: String
        var reason: String
    }

    /// Sets `asked` up for `identity`, with the page's checks and the store's: the delegation, or
    /// every refusal (each naming its field). Nothing is written when refused.
    func create(_ asked: DelegationRequest, _ identity: Identity) async throws -> Result<Delegation, Refused> {
        let own = try await ownAccount(identity)
        var errors: [(field: String, message: LocalizedText)] = []
        // An administrator may set a delegation for someone who is away without having set one
        // (the usual case: an illness). Anyone else delegates only their own roles.
        let principal = asked.principal.flatMap { $0.isEmpty ? nil : $0 } ?? own.id
        if principal != own.id, !own.grants.contains(where: { $0.role == .admin }) {
            errors.append(("principal", DelegationText.onlyAdminForOthers))
        }
        if asked.delegate.isEmpty { errors.append(("delegate", DelegationText.badDelegate)) }
        let roles = asked.roles.compactMap(Role.init(rawValue:))
        if roles.count != asked.roles.count { errors.append(("roles", DelegationText.badRole)) }
        if identity.delegation != nil { errors.append(("delegate", DelegationText.noRedelegation)) }
        guard errors.isEmpty else { return .failure(Refused(fields: errors)) }
        do {
            return .success(
                try await services.store.delegations.create(
                    NewDelegation(
                        programmeId: identity.programmeId, principalUserId: principal, delegateUserId: asked.delegate,
                        roles: roles, startsOn: asked.startsOn, endsOn: asked.endsOn, reason: asked.reason),
                    by: identity.changeActor))
        } catch let refused as DelegationRefused {
            return .failure(Refused(fields: refused.fields))
        }
    }

    func revoke(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        _ = try await revoke(context.parameters.require("delegation"), identity)
        return .redirect("/delegations?done=revoked")
    }

    /// Revokes delegation `id` if `identity` may (its principal, its delegate, an administrator)
    /// and it still runs; else 404. The delegation as revoked.
    func revoke(_ id: String, _ identity: Identity) async throws -> Delegation {
        let delegation = try await reachable(id, identity)
        guard canRevoke(delegation) else { throw notFound }
        try await services.store.delegations.revoke(
            id: delegation.id, programmeId: identity.programmeId, by: identity.changeActor)
        return try await services.store.delegations.delegation(id: delegation.id) ?? delegation
    }

    func act(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let delegation = try await reachable(context.parameters.require("delegation"), identity)
        guard delegation.delegateUserId == identity.account.id, let token = identity.sessionToken else { throw notFound }
        guard delegation.isActive(on: today) else {
            throw AppError(.conflict, code: "delegation_not_active", message: DelegationText.notActive)
        }
        try await services.store.sessions.setActingFor(token: token, delegationId: delegation.id)
        return .redirect("/delegations?done=acting")
    }

    func stop(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        if let token = identity.sessionToken {
            try await services.store.sessions.setActingFor(token: token, delegationId: nil)
        }
        return .redirect("/delegations?done=stopped")
    }

    var today: String { Shanghai.dateText(services.store.clock.now()) }
    var notFound: AppError { AppError(.notFound, code: "not_found", message: DelegationText.notFound) }

    /// The person's own account in the programme (their own grants, also while acting for someone).
    func ownAccount(_ identity: Identity) async throws -> UserAccount {
        guard let account = try await services.store.accounts.user(id: identity.account.id, in: identity.programmeId) else {
            throw notFound
        }
        return account
    }

    func isAdministrator(_ identity: Identity) async throws -> Bool {
        try await ownAccount(identity).grants.contains { $0.role == .admin }
    }

    /// A delegation of the programme the person gave or received (an administrator: any); else 404.
    func reachable(_ id: String, _ identity: Identity) async throws -> Delegation {
        guard let delegation = try await services.store.delegations.delegation(id: id),
            delegation.programmeId == identity.programmeId
        else { throw notFound }
        let mine = delegation.principalUserId == identity.account.id || delegation.delegateUserId == identity.account.id
        if !mine, !(try await isAdministrator(identity)) { throw notFound }
        return delegation
    }

    /// The delegations `identity` gave or received (an administrator: every one of the programme),
    /// newest first: the page's table and the API's list.
    func visible(_ identity: Identity) async throws -> [Delegation] {
        let own = try await ownAccount(identity)
        return try await services.store.delegations.delegations(
            programmeId: identity.programmeId, involving: own.grants.contains { $0.role == .admin } ? nil : own.id)
    }

    /// Not yet revoked and not yet over (who may revoke is `reachable`'s question).
    func canRevoke(_ delegation: Delegation) -> Bool {
        delegation.revokedAt == nil && delegation.endsOn >= today
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, errors: [(field: String, message: LocalizedText)],
        form: [String: String], flash: Flash?
    ) async throws -> HTML {
        let own = try await ownAccount(identity)
        let administrator = own.grants.contains { $0.role == .admin }
        let delegations = try await visible(identity)
        var rows: [DelegationsView.Row] = []
        for delegation in delegations {
            rows.append(
                DelegationsView.Row(
                    delegation: delegation, uses: try await services.store.delegations.uses(of: delegation, limit: 10),
                    canRevoke: canRevoke(delegation),
                    canAct: delegation.delegateUserId == own.id && delegation.isActive(on: today)
                        && identity.delegation?.id != delegation.id))
        }
        let active = try await services.store.accounts.users(programmeId: identity.programmeId).filter(\.active)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/delegations")
        // An administrator chooses the principal, so every role anyone holds is offered (the store
        // refuses a role that principal does not hold); anyone else sees their own roles.
        let offered = administrator ? active.flatMap { $0.grants.map(\.role) } : own.grants.map(\.role)
        let roles = Array(Set(offered)).sorted { $0.rawValue < $1.rawValue }
        return DelegationsView(layout: layout).render(
            rows, colleagues: administrator ? active : active.filter { $0.id != own.id },
            principals: administrator ? active : [], ownId: own.id, ownRoles: roles, today: today, errors: errors,
            form: form, flash: flash)
    }
}
