import Foundation
import PilotDomain

/// A yearly call for applications to the provider pool (申报通知, policy 002 第六条(一)): the city
/// bureau's dates and requirements. Dates are Asia/Shanghai calendar days, `YYYY-MM-DD`.
public struct PoolCall: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var year: Int
    public var title: String
    public var opensOn: String
    public var closesOn: String
    public var requirements: String
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: String, programmeId: String, year: Int, title: String, opensOn: String, closesOn: String, requirements: String,
        createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.year = year
        self.title = title
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.requirements = requirements
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether applications are taken on `day` (`YYYY-MM-DD`, Asia/Shanghai): both ends included.
    public func isOpen(on day: String) -> Bool { opensOn <= day && day <= closesOn }
}

/// One provider's application to a call: the workflow instance that carries it, and the
/// district (the provider's registered division) that reviews it first.
public struct PoolApplication: Sendable, Hashable {
    public var instanceId: String
    public var callId: String
    public var organisationId: String
    public var divisionCode: String
}

public enum PoolApplicationStart: Sendable {
    case started(instanceId: String)
    /// The provider already has an application in this call (nothing was written).
    case alreadyApplied(instanceId: String)
}
