import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/delegations…`, `/api/v1/inbox/settings`, `/api/v1/programme/rules/versions` and
/// `/api/v1/sync/replay`: the delegations page, the inbox's mail settings, a new rule version and
/// the sync monitor's replay as data — through the same handler functions the pages call.
extension PilotAPIHandler {
    var delegationPages: DelegationHandlers { DelegationHandlers(services: services) }

    func listDelegations(_ input: Operations.ListDelegations.Input) async throws -> Operations.ListDelegations.Output {
        let identity = try identity(for: .delegationsManage)
        let today = delegationPages.today
        return .ok(.init(body: .json(try await delegationPages.visible(identity).map { Self.delegation($0, today: today) })))
    }

    func createDelegation(_ input: Operations.CreateDelegation.Input) async throws -> Operations.CreateDelegation.Output {
        let identity = try identity(for: .delegationsManage)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        if body.principal != nil { try APIBounds.check(body.principal, "principal", 1...100) }
        try APIBounds.check(body.delegate, "delegate", 1...100)
        try APIBounds.count(body.roles.count, "roles", 1...30)
        for role in body.roles { try APIBounds.check(role, "roles", 1...50) }
        try APIBounds.check(body.startsOn, "starts_on", 1...10)
        try APIBounds.check(body.endsOn, "ends_on", 1...10)
        try APIBounds.check(body.reason, "reason", 1...1000)
        let asked = DelegationHandlers.DelegationRequest(
            principal: body.principal, delegate: body.delegate, roles: body.roles, startsOn: body.startsOn, endsOn: body.endsOn,
            reason: body.reason)
        switch try await delegationPages.create(asked, identity) {
        case .success(let delegation):
            return .created(.init(body: .json(Self.delegation(delegation, today: delegationPages.today))))
        case .failure(let refused):
            let fields = refused.fields.map { FieldError(field: $0.field, message: $0.message) }
            throw AppError(.unprocessableContent, code: "invalid_input", message: fields[0].message, fields: fields)
        }
    }

    func revokeDelegation(_ input: Operations.RevokeDelegation.Input) async throws -> Operations.RevokeDelegation.Output {
        let identity = try identity(for: .delegationsManage)
        try APIBounds.check(input.path.delegationId, "delegationId", 1...100)
        let delegation = try await delegationPages.revoke(input.path.delegationId, identity)
        return .ok(.init(body: .json(Self.delegation(delegation, today: delegationPages.today))))
    }

    static func delegation(_ delegation: Delegation, today: String) -> Components.Schemas.DelegationView {
        .init(
            id: delegation.id, principalUserId: delegation.principalUserId, principalName: delegation.principalName,
            delegateUserId: delegation.delegateUserId, delegateName: delegation.delegateName,
            roles: delegation.roles.map(\.rawValue), startsOn: delegation.startsOn, endsOn: delegation.endsOn,
            reason: delegation.reason, createdAt: delegation.createdAt, revokedAt: delegation.revokedAt,
            revokedBy: delegation.revokedBy, active: delegation.isActive(on: today))
    }

    // MARK: Inbox settings

    func getInboxSettings(_ input: Operations.GetInboxSettings.Input) async throws -> Operations.GetInboxSettings.Output {
        let identity = try identity(for: .notificationsRead)
        return .ok(.init(body: .json(try await inboxSettings(identity))))
    }

    func putInboxSettings(_ input: Operations.PutInboxSettings.Input) async throws -> Operations.PutInboxSettings.Output {
        let identity = try identity(for: .notificationsRead)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.address, "address", 0...254)
        try APIBounds.count(body.kinds.count, "kinds", 0...50)
        for kind in body.kinds { try APIBounds.check(kind, "kinds", 1...50) }
        let errors = try await InboxHandlers(services: services).saveSettings(
            identity, address: body.address ?? "", kinds: body.kinds)
        guard errors.isEmpty else {
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors[0].message, fields: errors)
        }
        return .ok(.init(body: .json(try await inboxSettings(identity))))
    }

    func inboxSettings(_ identity: Identity) async throws -> Components.Schemas.InboxSettings {
        let settings = try await services.store.notifications.mailSettings(userId: identity.account.id)
        return .init(
            address: settings?.address, kinds: (settings?.kinds ?? []).map(\.rawValue).sorted(),
            mailConfigured: services.configuration.mail != nil)
    }

    // MARK: Programme rules, sync replay

    func saveProgrammeRules(_ input: Operations.SaveProgrammeRules.Input) async throws -> Operations.SaveProgrammeRules.Output {
        let identity = try identity(for: .rulesEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let values = body.values.additionalProperties
        try APIBounds.count(values.count, "values", 0...100)
        for (key, value) in values {
            try APIBounds.check(key, "values", 1...100)
            try APIBounds.check(value, "values", 0...100)
        }
        try APIBounds.check(body.reason, "reason", 1...1000)
        if let basedOn = body.basedOn { try APIBounds.value(basedOn, "based_on", 0...1_000_000) }
        switch try await RuleHandlers(services: services).saveVersion(
            identity, values: values, reason: body.reason, basedOn: body.basedOn)
        {
        case .invalid(let errors):
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors[0].message, fields: errors)
        case .stale(let message): throw AppError(.conflict, code: "conflict", message: message)
        case .saved:
            // The version now in force, as `getProgrammeRules` reads it.
            guard case .ok(let current) = try await getProgrammeRules(.init()) else { throw AppError.notFound(RulesText.title) }
            return .created(.init(body: .json(try current.body.json)))
        }
    }

    func replaySyncDeadLetters(
        _ input: Operations.ReplaySyncDeadLetters.Input
    ) async throws -> Operations.ReplaySyncDeadLetters.Output {
        let identity = try identity(for: .syncMonitor)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        if body.project != nil { try APIBounds.check(body.project, "project", 1...100) }
        let count = try await SyncHandlers(services: services).replay(identity, project: body.project)
        return .ok(.init(body: .json(.init(replayed: count))))
    }
}
