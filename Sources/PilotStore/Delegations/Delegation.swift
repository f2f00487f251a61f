import Foundation
import PilotDomain

/// A principal's roles handed to a delegate for a period (issue #17; design.md §3 "Delegation").
/// Days are Shanghai dates, both ends included.
public struct Delegation: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var principalUserId: String
    public var principalName: String
    public var delegateUserId: String
    public var delegateName: String
    public var roles: [Role]
    public var startsOn: String
    public var endsOn: String
    public var reason: String
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?

    /// Whether the delegate may act under it on `day` (a Shanghai date, `YYYY-MM-DD`).
    public func isActive(on day: String) -> Bool { revokedAt == nil && startsOn <= day && day <= endsOn }
}

/// A delegation as asked for, before its checks.
public struct NewDelegation: Sendable, Hashable {
    public var programmeId: String
    public var principalUserId: String
    public var delegateUserId: String
    public var roles: [Role]
    public var startsOn: String
    public var endsOn: String
    public var reason: String

    public init(
        programmeId: String, principalUserId: String, delegateUserId: String, roles: [Role], startsOn: String, endsOn: String,
        reason: String
    ) {
        self.programmeId = programmeId
        self.principalUserId = principalUserId
        self.delegateUserId = delegateUserId
        self.roles = roles
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.reason = reason
    }
}

/// Why a delegation was refused, field by field, in both languages.
public struct DelegationRefused: Error, Sendable {
    public var fields: [(field: String, message: LocalizedText)]
}

/// One use of a delegation: a step the delegate took for the principal (a history row, or a
/// line of the funds log).
public struct DelegationUse: Sendable, Hashable {
    /// The project the step was taken on; nil for a step on the programme's funds.
    public var instanceId: String?
    /// The workflow transition, or the funds action (`approve_release`, `prepare_correction`, …).
    public var transitionId: String
    /// A funds step's detail as logged (which release, source, amount); nil for a workflow step.
    public var detail: String?
    public var occurredAt: Date
}
