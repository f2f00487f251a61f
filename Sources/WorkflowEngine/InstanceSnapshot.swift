import Foundation
import PilotDomain

/// Everything the engine needs to know about one running instance, as read from the store.
public struct InstanceSnapshot: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var definitionId: String
    public var definitionVersion: Int
    public var state: String
    /// Bumped by every decision; a command built on an older version is refused (optimistic concurrency).
    public var version: Int
    public var data: [String: JSONValue]
    /// The organisation the instance is about (the pilot enterprise).
    public var subjectOrganisationId: String?
    public var subIndustryId: String?
    public var divisionCode: String?
    /// Who took which transition, for separation of duties: transition id → actors.
    public var participants: [String: [Participant]]
    /// Hash of the newest history row: the next row chains onto it.
    public var lastHash: String
    /// The per-instance sequence number of the newest outbox event.
    public var eventSequence: Int
    public var stateEnteredAt: Date
    public var createdAt: Date

    public init(
        id: String, programmeId: String, definitionId: String, definitionVersion: Int, state: String, version: Int,
        data: [String: JSONValue] = [:], subjectOrganisationId: String? = nil, subIndustryId: String? = nil,
        divisionCode: String? = nil, participants: [String: [Participant]] = [:], lastHash: String = "",
        eventSequence: Int = 0, stateEnteredAt: Date, createdAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.definitionId = definitionId
        self.definitionVersion = definitionVersion
        self.state = state
        self.version = version
        self.data = data
        self.subjectOrganisationId = subjectOrganisationId
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.participants = participants
        self.lastHash = lastHash
        self.eventSequence = eventSequence
        self.stateEnteredAt = stateEnteredAt
        self.createdAt = createdAt
    }

    /// The scopes this instance falls under; a role grant over any of them covers it.
    /// Organisations taking part (provider, contractor) are listed in data `involved_organisations`,
    /// reviewers assigned to it in data `assigned_reviewers`.
    public var scopeKeys: ScopeKeys {
        var keys: Set<Scope> = [.programme(programmeId)]
        if let subIndustryId { keys.insert(.subIndustry(subIndustryId)) }
        // The enterprise's node and every node above it: a grant anywhere on that path covers the
        // instance, and the task and project lists find it by one index look-up (instance_scopes).
        for code in divisionCode.flatMap(DivisionCode.init)?.ancestorsOrSelf ?? [] { keys.insert(.division(code.value)) }
        if let subjectOrganisationId { keys.insert(.organisation(subjectOrganisationId)) }
        for organisation in data["involved_organisations"]?.arrayValue ?? [] {
            if let id = organisation.stringValue { keys.insert(.organisation(id)) }
        }
        for reviewer in data["assigned_reviewers"]?.arrayValue ?? [] {
            if let id = reviewer.stringValue { keys.insert(.user(id)) }
        }
        return ScopeKeys(keys)
    }
}

/// One actor that took a transition on an instance.
public struct Participant: Sendable, Hashable, Codable {
    public var userId: String
    public var organisationId: String?
    public var principalUserId: String?

    public init(userId: String, organisationId: String?, principalUserId: String? = nil) {
        self.userId = userId
        self.organisationId = organisationId
        self.principalUserId = principalUserId
    }
}

/// A request to take a transition.
public struct Command: Sendable, Hashable {
    public var instanceId: String
    public var transitionId: String
    public var input: [String: JSONValue]
    /// The version the caller saw; nil skips the check (the engine still guards against races).
    public var expectedVersion: Int?
    /// A repeat with the same key returns the first result and writes nothing.
    public var idempotencyKey: String?
    /// Facts the service looked up on the server for this command, never typed by the user: e.g.
    /// the pool organisation behind a provider's credit code. Guards and effects read them; the
    /// engine stays pure because the lookup happened before it was called.
    public var facts: [String: JSONValue]

    public init(
        instanceId: String, transitionId: String, input: [String: JSONValue] = [:], expectedVersion: Int? = nil,
        idempotencyKey: String? = nil, facts: [String: JSONValue] = [:]
    ) {
        self.facts = facts
        self.instanceId = instanceId
        self.transitionId = transitionId
        self.input = input
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
    }
}
