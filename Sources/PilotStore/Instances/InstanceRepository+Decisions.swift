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

extension InstanceRepository {
    /// Applies a decision atomically, in its own transaction: on PostgreSQL the single statement
    /// of `DecisionWrite` is one (autocommit); on SQLite the statements run in sequence inside
    /// `BEGIN IMMEDIATE … COMMIT`, all in one trip to the writer's thread.
    /// Returns the instance as its row now stands (what a read would return), for `InstanceCache`.
    @discardableResult
    public func commit(
        _ decision: Decision, to instance: InstanceSnapshot, definition: WorkflowDefinition, idempotencyKey: String?
    ) async throws -> InstanceSnapshot {
        if let sqlite = backend as? SQLiteBackend {
            // One connection: whatever runs inside its transaction runs alone, so the statements are
            // made before it, and one shard serves (no two decisions run at once). The whole
            // transaction goes in one trip, its statements prepared once per process (issue #16).
            let (statements, after) = decisionWrite(
                decision, to: instance, definition: definition, idempotencyKey: idempotencyKey, counterShard: 0)
            try Self.requireMatched(try await statements.runInOneTrip(on: sqlite), decision)
            return after
        }
        // PostgreSQL: the decision's statement is its transaction: it holds a counter slot until it
        // ends, so no decision of this store running meanwhile waits on the same counter rows.
        let slot = counterSlots.take()
        // The statements are made (hashing, canonical JSON, SQL) before the connection is taken.
        let (statements, after) = decisionWrite(
            decision, to: instance, definition: definition, idempotencyKey: idempotencyKey,
            counterShard: slot ?? DashboardCounts.shard(of: instance.id))
        // It may share its statement with others (`GroupCommit`) when its counter shard is its own
        // slot, and unless it admits a provider (the pool's rows are the organisation's, not the
        // instance's: two admissions of one provider must not meet in one statement).
        if let slot, let postgres = backend as? PostgresBackend, let group = postgres.groupCommit,
            definition.transition(decision.transitionId)?.admitsToPool != true
        {
            // The deadline covers the wait in the queue too: behind statements that hang (a lock
            // wait, a server that stopped answering) the caller is answered 503 at its own deadline,
            // not at theirs plus its own (the chaos harness counts a request unanswered after 15 s
            // as hung). Its decision stays queued and is sent, like any operation left at its
            // deadline — holding its slot until then, so no later decision of this store takes the
            // same counter shard into a batch beside it.
            let slots = counterSlots
            let matched = try await postgres.bounded {
                defer { slots.release(slot) }
                return try await group.commit(statements, instanceId: decision.instanceId) { writes in
                    try await postgres.read { database in try await DecisionWrite.runAsOneStatement(writes, on: database) }
                }
            }
            try Self.requireMatched(matched, decision)
        } else {
            defer { if let slot { counterSlots.release(slot) } }
            try await backend.read { database in try await self.run(statements, of: decision, on: database) }
        }
        return after
    }

    /// Writes a decision on a connection inside a transaction (`WorkflowService.execute` and the
    /// timer loop own the transaction): the conditional state update (optimistic concurrency on
    /// `version`), one hash-chained history row, the outbox events, timer changes and scope
    /// changes. Throws `StoreError.staleVersion` when another command won the race — or a record
    /// slot's final mark (issue #15) took the project's next event number meanwhile; a reused
    /// idempotency key fails the history insert with a unique violation.
    func write(
        _ decision: Decision, to instance: InstanceSnapshot, definition: WorkflowDefinition, idempotencyKey: String?,
        on database: any SQLDatabase
    ) async throws {
        let shard = DashboardCounts.shard(of: instance.id)
        try await run(
            decisionWrite(decision, to: instance, definition: definition, idempotencyKey: idempotencyKey, counterShard: shard)
                .statements,
            of: decision, on: database)
    }

    /// Runs a decision's statements: one statement on PostgreSQL, in sequence on SQLite.
    func run(_ statements: DecisionWrite, of decision: Decision, on database: any SQLDatabase) async throws {
        let matched =
            backend.kind == .postgres
            ? try await statements.runAsOneStatement(on: database) : try await statements.runInSequence(on: database)
        try Self.requireMatched(matched, decision)
    }

    /// A decision's update that matched no row lost the race: `StoreError.staleVersion`.
    static func requireMatched(_ matched: Bool, _ decision: Decision) throws {
        guard matched else { throw StoreError.staleVersion(expected: decision.baseVersion, actual: -1) }
    }

    /// The statements that write a decision (no database needed: built outside any transaction),
    /// and the instance as they leave its row. `counterShard`: the counter rows' shard its changes go to.
    func decisionWrite(
        _ decision: Decision, to instance: InstanceSnapshot, definition: WorkflowDefinition, idempotencyKey: String?,
        counterShard: Int64
    ) -> (statements: DecisionWrite, after: InstanceSnapshot) {
        let record = HistoryRecord(
            instanceId: decision.instanceId, seq: decision.newVersion, transitionId: decision.transitionId,
            fromState: decision.fromState, toState: decision.toState, actorUserId: decision.actor.userId,
            actorName: decision.actor.displayName, actorOrganisationId: decision.actor.organisationId,
            principalUserId: decision.actor.principalUserId, inputJSON: JSONValue.canonicalText(decision.input),
            ruleValuesJSON: JSONValue.canonicalText(decision.ruleValues), definitionVersion: decision.definitionVersion,
            occurredAt: decision.occurredAt, prevHash: instance.lastHash, hash: "",
            contextJSON: DecisionContext(facts: decision.facts, roles: decision.actor.roles).canonicalText)
        let hash = record.computedHash
        var after = instance
        after.data = decision.data
        let newScopes = after.scopeKeys.keys.subtracting(instance.scopeKeys.keys)
        // Scope follows the work both ways: a conflicted or removed expert and a replaced provider
        // leave the lists and task pages with the decision (issue #11, defect 10).
        let goneScopes = instance.scopeKeys.keys.subtracting(after.scopeKeys.keys)
        let participantsJSON = Participant.text(decision.participants)
        let eventSequence = instance.eventSequence + decision.events.count
        let leavesTimedState = decision.changesState && !definition.timers(enteringState: decision.fromState).isEmpty
        let millis = decision.occurredAt.millis
        let enteredAt = decision.changesState ? millis : instance.stateEnteredAt.millis
        var statements = DecisionWrite(
            InstanceUpdate(
                id: decision.instanceId, baseVersion: Int64(decision.baseVersion),
                baseEventSequence: Int64(instance.eventSequence), state: decision.toState,
                version: Int64(decision.newVersion), data: JSONValue.canonicalText(decision.data),
                participants: participantsJSON, lastHash: hash, eventSequence: Int64(eventSequence),
                stateEnteredAt: enteredAt, updatedAt: millis))
        statements.followUps.append(
            historyInsert(record, hash: hash, idempotencyKey: idempotencyKey, programmeId: decision.programmeId))
        statements.followUps += eventInserts(decision.events, instance: instance, occurredAt: decision.occurredAt)
        if leavesTimedState {
            statements.followUps.append(
                .update(
                    """
                    UPDATE timers SET status = 'cancelled' WHERE instance_id = \(bind: decision.instanceId)
                    AND status = 'pending' AND state = \(bind: decision.fromState)
                    """))
        }
        statements.followUps += timerInserts(decision.timers, instance: instance, now: decision.occurredAt)
        statements.followUps += Self.scopeInserts(newScopes, instanceId: decision.instanceId)
        statements.followUps += Self.scopeDeletes(goneScopes, instanceId: decision.instanceId)
        let filer = decision.transitionId == ProjectFactRow.planFiling ? decision.actor.organisationId : nil
        // Unchanged facts need no write (one statement less on SQLite, one CTE less on PostgreSQL):
        // the row already holds them, written from the instance's data with that data.
        if filer != nil || ProjectFacts(data: decision.data) != ProjectFacts(data: instance.data) {
            statements.followUps.append(
                ProjectFactsRepository.factsUpdate(instanceId: decision.instanceId, data: decision.data, planFiledBy: filer))
        }
        // The dashboard's counters move with the facts and the state, in the same statement (issue #16).
        statements.followUps += DashboardCounts.changes(
            programmeId: decision.programmeId, definitionId: instance.definitionId, shard: counterShard,
            before: (instance.state, ProjectFacts(data: instance.data)),
            after: (decision.toState, ProjectFacts(data: decision.data)))
        // And the state-entry counters the overdue counts read (migration 34), after them: sorted locks.
        statements.followUps += StateEntryCounts.changes(
            programmeId: decision.programmeId, definitionId: instance.definitionId, shard: counterShard,
            before: (instance.state, instance.stateEnteredAt.millis), after: (decision.toState, enteredAt))
        if let window = decision.facts[ProjectRecordRepository.fundWindowFact]?.stringValue {
            // The plan's filing records the application window it was filed into (issue #15), with
            // the decision; a plan filed again after revision moves to the window of that filing.
            statements.followUps.append(
                .upsert(
                    target: "fund_window_filings (instance_id, programme_id, window_id, filed_at)",
                    values: "\(bind: decision.instanceId), \(bind: decision.programmeId), \(bind: window), \(bind: millis)",
                    conflict: "(instance_id) DO UPDATE SET window_id = excluded.window_id, filed_at = excluded.filed_at"))
        }
        if definition.transition(decision.transitionId)?.changesFunds == true {
            // The funds book hears of it through this row, written with the decision: it cannot be
            // lost between two transactions (README "Money and workflow").
            statements.followUps.append(
                .upsert(
                    target: "funds_pending (instance_id, programme_id, version, queued_at)",
                    values:
                        "\(bind: decision.instanceId), \(bind: decision.programmeId), \(bind: decision.newVersion), \(bind: millis)",
                    conflict: "(instance_id) DO UPDATE SET version = excluded.version, queued_at = excluded.queued_at"))
        }
        if definition.transition(decision.transitionId)?.admitsToPool == true, let provider = instance.subjectOrganisationId {
            // Admission and membership in one transaction (policy 002 第六条; README "The provider pool").
            statements.followUps += ProviderRepository.admissionWrites(
                organisationId: provider, programmeId: decision.programmeId, data: decision.data,
                instanceId: decision.instanceId, at: millis)
        }
        // The row as the update leaves it, as `decodeInstance` would read it back.
        var stored = after
        stored.state = decision.toState
        stored.version = decision.newVersion
        stored.data = decision.data.mapValues(\.asStored)
        stored.participants = decision.participants
        stored.lastHash = hash
        stored.eventSequence = eventSequence
        stored.stateEnteredAt = Date(millis: enteredAt)
        return (statements, stored)
    }

    /// The result of the command an actor sent earlier with `key`, if any, and the validated input
    /// it was applied with (canonical JSON), so a repeat can be told from a different command.
    public func priorCommand(
        actorUserId: String, idempotencyKey key: String
    ) async throws -> (result: CommandResult, inputJSON: String)? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT instance_id, transition_id, from_state, to_state, seq, input FROM workflow_history
                WHERE actor_user_id = \(bind: actorUserId) AND idempotency_key = \(bind: key)
                """
            ).first().map { row in
                (
                    CommandResult(
                        instanceId: try row.string("instance_id"), transitionId: try row.string("transition_id"),
                        fromState: try row.string("from_state"), toState: try row.string("to_state"),
                        version: try row.int("seq"), replayed: true),
                    try row.string("input")
                )
            }
        }
    }

    /// The history row of `record` with its `hash`, and its MAC when the store holds the audit key.
    func historyInsert(
        _ record: HistoryRecord, hash: String, idempotencyKey: String?, programmeId: String
    )
        -> DecisionWrite.FollowUp
    {
        let mac = auditKey?.mac(of: hash)
        return .insert(
            target: """
                workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state, actor_user_id,
                actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version, occurred_at,
                idempotency_key, prev_hash, hash, context, mac)
                """,
            values: """
                \(bind: record.instanceId), \(bind: record.seq), \(bind: programmeId), \(bind: record.transitionId),
                \(bind: record.fromState), \(bind: record.toState), \(bind: record.actorUserId), \(bind: record.actorName),
                \(bind: record.actorOrganisationId), \(bind: record.principalUserId), \(bind: record.inputJSON),
                \(bind: record.ruleValuesJSON), \(bind: record.definitionVersion), \(bind: record.occurredAt.millis),
                \(bind: idempotencyKey), \(bind: record.prevHash), \(bind: hash), \(bind: record.contextJSON), \(bind: mac)
                """,
            ignoreConflicts: false)
    }

    func eventInserts(_ events: [OutboxEventDraft], instance: InstanceSnapshot, occurredAt: Date) -> [DecisionWrite.FollowUp] {
        events.map { event in
            .insert(
                target: """
                    outbox (event_id, programme_id, instance_id, seq, event_type, payload, occurred_at, status, attempts,
                    next_attempt_at)
                    """,
                values: """
                    \(bind: ids.make("evt")), \(bind: instance.programmeId), \(bind: instance.id), \(bind: event.sequence),
                    \(bind: event.type), \(bind: JSONValue.canonicalText(event.payload)), \(bind: occurredAt.millis), 'pending', 0,
                    \(bind: occurredAt.millis)
                    """,
                ignoreConflicts: false)
        }
    }

    func timerInserts(_ timers: [TimerStart], instance: InstanceSnapshot, now: Date) -> [DecisionWrite.FollowUp] {
        timers.map { timer in
            .insert(
                target: "timers (id, programme_id, instance_id, timer_id, transition_id, state, due_at, status, created_at)",
                values: """
                    \(bind: ids.make("tmr")), \(bind: instance.programmeId), \(bind: instance.id), \(bind: timer.timerId),
                    \(bind: timer.transitionId), \(bind: timer.state), \(bind: timer.dueAt.millis), 'pending', \(bind: now.millis)
                    """,
                ignoreConflicts: false)
        }
    }

    static func scopeInserts(_ scopes: Set<Scope>, instanceId: String) -> [DecisionWrite.FollowUp] {
        scopes.sorted { $0.description < $1.description }.map { scope in
            .insert(
                target: "instance_scopes (instance_id, scope)", values: "\(bind: instanceId), \(bind: scope.description)",
                ignoreConflicts: true)
        }
    }

    static func scopeDeletes(_ scopes: Set<Scope>, instanceId: String) -> [DecisionWrite.FollowUp] {
        scopes.sorted { $0.description < $1.description }.map { scope in
            .update("DELETE FROM instance_scopes WHERE instance_id = \(bind: instanceId) AND scope = \(bind: scope.description)")
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
        principal_user_id, input, rule_values, definition_version, occurred_at, prev_hash, hash, context, mac
        """

    static func decodeHistory(_ row: any SQLRow) throws -> HistoryRecord {
        HistoryRecord(
            instanceId: try row.string("instance_id"), seq: try row.int("seq"), transitionId: try row.string("transition_id"),
            fromState: try row.string("from_state"), toState: try row.string("to_state"),
            actorUserId: try row.string("actor_user_id"), actorName: try row.string("actor_name"),
            actorOrganisationId: try row.optionalString("actor_org_id"),
            principalUserId: try row.optionalString("principal_user_id"), inputJSON: try row.string("input"),
            ruleValuesJSON: try row.string("rule_values"), definitionVersion: try row.int("definition_version"),
            occurredAt: try row.date("occurred_at"), prevHash: try row.string("prev_hash"), hash: try row.string("hash"),
            contextJSON: try row.optionalString("context"), mac: try row.optionalString("mac"))
    }
}
