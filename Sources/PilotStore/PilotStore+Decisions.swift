import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// The outcome of a command the store applied (or had applied before, for a replayed key).
public struct CommandResult: Sendable, Hashable, Codable {
    public var instanceId: String
    public var transitionId: String
    public var fromState: String
    public var toState: String
    public var version: Int
    /// True when an earlier command with the same idempotency key produced this result.
    public var replayed: Bool

    public init(instanceId: String, transitionId: String, fromState: String, toState: String, version: Int, replayed: Bool) {
        self.instanceId = instanceId
        self.transitionId = transitionId
        self.fromState = fromState
        self.toState = toState
        self.version = version
        self.replayed = replayed
    }
}

extension PilotStore {
    /// Applies a decision atomically: the conditional state update (optimistic concurrency on
    /// `version`), one hash-chained history row, the outbox events, timer changes and scope
    /// changes — all in one transaction, or none of it.
    /// Throws `StoreError.staleVersion` when another command won the race, and `UniqueViolation`
    /// when the idempotency key was already used.
    public func apply(
        _ decision: Decision, to instance: InstanceSnapshot, definition: WorkflowDefinition, idempotencyKey: String?
    ) async throws -> CommandResult {
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                try await self.write(decision, to: instance, definition: definition, idempotencyKey: idempotencyKey, on: database)
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw UniqueViolation(detail: "idempotency key already used")
        } catch StoreError.staleVersion {
            let current = try await self.instance(decision.instanceId)
            throw StoreError.staleVersion(expected: decision.baseVersion, actual: current?.version ?? -1)
        }
        return CommandResult(
            instanceId: decision.instanceId, transitionId: decision.transitionId, fromState: decision.fromState,
            toState: decision.toState, version: decision.newVersion, replayed: false)
    }

    /// The writes of `apply`, on a connection already inside a transaction (the timer loop uses
    /// this to claim a timer and fire it in one transaction).
    func write(
        _ decision: Decision, to instance: InstanceSnapshot, definition: WorkflowDefinition, idempotencyKey: String?,
        on database: any SQLDatabase
    ) async throws {
        let record = HistoryRecord(
            instanceId: decision.instanceId, seq: decision.newVersion, transitionId: decision.transitionId,
            fromState: decision.fromState, toState: decision.toState, actorUserId: decision.actor.userId,
            actorName: decision.actor.displayName, actorOrganisationId: decision.actor.organisationId,
            principalUserId: decision.actor.principalUserId, inputJSON: JSONValue.canonicalText(decision.input),
            ruleValuesJSON: JSONValue.canonicalText(decision.ruleValues), definitionVersion: decision.definitionVersion,
            occurredAt: decision.occurredAt, prevHash: instance.lastHash, hash: "")
        let hash = record.computedHash
        var after = instance
        after.data = decision.data
        let newScopes = after.scopeKeys.keys.subtracting(instance.scopeKeys.keys)
        let participantsJSON = String(decoding: try JSONEncoder.sorted.encode(decision.participants), as: UTF8.self)
        let eventSequence = instance.eventSequence + decision.events.count
        let leavesTimedState = decision.changesState && !definition.timers(enteringState: decision.fromState).isEmpty
        let millis = decision.occurredAt.millis
        let enteredAt = decision.changesState ? millis : instance.stateEnteredAt.millis
        let updated = try await database.raw(
            """
            UPDATE workflow_instances SET state = \(bind: decision.toState), version = \(bind: decision.newVersion),
            data = \(bind: JSONValue.canonicalText(decision.data)), participants = \(bind: participantsJSON),
            last_hash = \(bind: hash), event_seq = \(bind: eventSequence), state_entered_at = \(bind: enteredAt),
            updated_at = \(bind: millis)
            WHERE id = \(bind: decision.instanceId) AND version = \(bind: decision.baseVersion) RETURNING version
            """
        ).first()
        guard updated != nil else { throw StoreError.staleVersion(expected: decision.baseVersion, actual: -1) }
        try await Self.insertHistory(
            record, hash: hash, idempotencyKey: idempotencyKey, programmeId: decision.programmeId, on: database)
        try await self.insertEvents(decision.events, instance: instance, occurredAt: decision.occurredAt, on: database)
        if leavesTimedState {
            try await database.raw(
                """
                UPDATE timers SET status = 'cancelled' WHERE instance_id = \(bind: decision.instanceId)
                AND status = 'pending' AND state = \(bind: decision.fromState)
                """
            ).run()
        }
        try await self.insertTimers(decision.timers, instance: instance, now: decision.occurredAt, on: database)
        if !newScopes.isEmpty { try await Self.insertScopes(newScopes, instanceId: decision.instanceId, on: database) }
    }

    /// The result of the command an actor sent earlier with `key`, if any.
    public func priorResult(actorUserId: String, idempotencyKey key: String) async throws -> CommandResult? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT instance_id, transition_id, from_state, to_state, seq FROM workflow_history
                WHERE actor_user_id = \(bind: actorUserId) AND idempotency_key = \(bind: key)
                """
            ).first().map { row in
                CommandResult(
                    instanceId: try row.string("instance_id"), transitionId: try row.string("transition_id"),
                    fromState: try row.string("from_state"), toState: try row.string("to_state"), version: try row.int("seq"),
                    replayed: true)
            }
        }
    }

    static func insertHistory(
        _ record: HistoryRecord, hash: String, idempotencyKey: String?, programmeId: String, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state,
            actor_user_id, actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version,
            occurred_at, idempotency_key, prev_hash, hash) VALUES (\(bind: record.instanceId), \(bind: record.seq),
            \(bind: programmeId), \(bind: record.transitionId), \(bind: record.fromState), \(bind: record.toState),
            \(bind: record.actorUserId), \(bind: record.actorName), \(bind: record.actorOrganisationId),
            \(bind: record.principalUserId), \(bind: record.inputJSON), \(bind: record.ruleValuesJSON),
            \(bind: record.definitionVersion), \(bind: record.occurredAt.millis), \(bind: idempotencyKey),
            \(bind: record.prevHash), \(bind: hash))
            """
        ).run()
    }

    func insertEvents(
        _ events: [OutboxEventDraft], instance: InstanceSnapshot, occurredAt: Date, on database: any SQLDatabase
    ) async throws {
        for event in events {
            try await database.raw(
                """
                INSERT INTO outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status,
                attempts, next_attempt_at) VALUES (\(bind: ids.make("evt")), \(bind: instance.programmeId),
                \(bind: instance.id), \(bind: event.sequence), \(bind: event.type),
                \(bind: JSONValue.canonicalText(event.payload)), \(bind: occurredAt.millis), 'pending', 0, \(bind: occurredAt.millis))
                """
            ).run()
        }
    }

    func insertTimers(_ timers: [TimerStart], instance: InstanceSnapshot, now: Date, on database: any SQLDatabase) async throws {
        for timer in timers {
            try await database.raw(
                """
                INSERT INTO timers (id, programme_id, instance_id, timer_id, transition_id, state, due_at, status, created_at)
                VALUES (\(bind: ids.make("tmr")), \(bind: instance.programmeId), \(bind: instance.id), \(bind: timer.timerId),
                \(bind: timer.transitionId), \(bind: timer.state), \(bind: timer.dueAt.millis), 'pending', \(bind: now.millis))
                """
            ).run()
        }
    }

    /// An instance's history, oldest first.
    public func history(_ instanceId: String) async throws -> [HistoryRecord] {
        try await backend.read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: Self.historyColumns) FROM workflow_history WHERE instance_id = \(bind: instanceId) ORDER BY seq"
            ).all().map(Self.decodeHistory)
        }
    }

    static let historyColumns = """
        instance_id, seq, transition_id, from_state, to_state, actor_user_id, actor_name, actor_org_id,
        principal_user_id, input, rule_values, definition_version, occurred_at, prev_hash, hash
        """

    static func decodeHistory(_ row: any SQLRow) throws -> HistoryRecord {
        HistoryRecord(
            instanceId: try row.string("instance_id"), seq: try row.int("seq"), transitionId: try row.string("transition_id"),
            fromState: try row.string("from_state"), toState: try row.string("to_state"),
            actorUserId: try row.string("actor_user_id"), actorName: try row.string("actor_name"),
            actorOrganisationId: try row.optionalString("actor_org_id"),
            principalUserId: try row.optionalString("principal_user_id"), inputJSON: try row.string("input"),
            ruleValuesJSON: try row.string("rule_values"), definitionVersion: try row.int("definition_version"),
            occurredAt: try row.date("occurred_at"), prevHash: try row.string("prev_hash"), hash: try row.string("hash"))
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// One row of the outbox, as the national-sync relay and the tests read it.
public struct OutboxEvent: Sendable, Hashable {
    public var eventId: String
    public var instanceId: String
    public var sequence: Int
    public var type: String
    public var payload: [String: JSONValue]
    public var status: String
}

extension PilotStore {
    public func outboxEvents(instanceId: String) async throws -> [OutboxEvent] {
        try await backend.read { database in
            try await database.raw(
                "SELECT event_id, instance_id, seq, event_type, payload, status FROM outbox WHERE instance_id = \(bind: instanceId) ORDER BY seq"
            ).all().map {
                OutboxEvent(
                    eventId: try $0.string("event_id"), instanceId: try $0.string("instance_id"), sequence: try $0.int("seq"),
                    type: try $0.string("event_type"), payload: try $0.json("payload"), status: try $0.string("status"))
            }
        }
    }
}
