import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// The writes of one bulk item. Each is a `DecisionWrite` like a decision's — the instance's
/// version-checked update, its hash-chained history row, the projections a decision moves
/// (dashboard and state-entry counters, timers, scopes) — with the item's result and the job's
/// counts as follow-ups: the instance and its item are written together or not at all, so a run
/// resumed after `kill -9` never does an item twice (a done item is no longer `pending`, and an
/// instance written by another runner has a new version, which the update refuses).
extension BulkRepository {
    /// Moves `instance` to `target` in `state` (a migration, or a revert when `revertsJob` is set;
    /// with `step` `_restart` and the instance's own version, a restart from a named state).
    /// No outbox event: the national contract has no event for a version change.
    /// `rules` are the programme's rules in force: the new state's timers count the programme's
    /// days (`days_rule`, e.g. `publicity_days`), as when a decision enters the state, and the
    /// history row records the values read.
    func migrationWrite(
        _ instance: InstanceSnapshot, to target: WorkflowDefinition, state: String, job: BulkJob, position: Int,
        engine: Engine, rules: RuleBook, now: Date, step: String = BulkStep.migrate
    ) -> DecisionWrite {
        var input: [String: JSONValue] = [
            "bulk_job": .string(job.id), "from_version": .int(Int64(instance.definitionVersion)),
            "to_version": .int(Int64(target.version)),
        ]
        if let reason = job.parameters.reason, !reason.isEmpty { input["reason"] = .string(reason) }
        if let reverted = job.parameters.revertsJob { input["reverts_job"] = .string(reverted) }
        let changesState = state != instance.state
        let enteredAt = changesState ? now.millis : instance.stateEnteredAt.millis
        // The timers are worked out first, so the history row can record the rules they read.
        let timers = changesState ? engine.startTimers(entering: state, target, now, rules) : []
        let (record, hash) = historyRow(
            instance, transition: step, to: state, input: input, definitionVersion: target.version, job: job, now: now,
            ruleValues: rules.consultedValues)
        var statements = DecisionWrite(
            update: """
                UPDATE workflow_instances SET definition_version = \(bind: target.version), state = \(bind: state),
                version = \(bind: instance.version + 1), last_hash = \(bind: hash), state_entered_at = \(bind: enteredAt),
                updated_at = \(bind: now.millis) WHERE id = \(bind: instance.id) AND version = \(bind: instance.version)
                AND event_seq = \(bind: instance.eventSequence)
                """)
        statements.followUps.append(
            instances.historyInsert(record, hash: hash, idempotencyKey: nil, programmeId: instance.programmeId))
        if changesState {
            // The old state's clocks stop and the new state's start, as when a decision moves it.
            // A state kept by name keeps its running timers: its deadline did not move.
            statements.followUps.append(
                .update(
                    """
                    UPDATE timers SET status = 'cancelled' WHERE instance_id = \(bind: instance.id)
                    AND status = 'pending' AND state = \(bind: instance.state)
                    """))
            statements.followUps += instances.timerInserts(timers, instance: instance, now: now)
        }
        let facts = ProjectFacts(data: instance.data)
        let shard = DashboardCounts.shard(of: instance.id)
        statements.followUps += DashboardCounts.changes(
            programmeId: instance.programmeId, definitionId: instance.definitionId, shard: shard,
            before: (instance.state, facts), after: (state, facts))
        statements.followUps += StateEntryCounts.changes(
            programmeId: instance.programmeId, definitionId: instance.definitionId, shard: shard,
            before: (instance.state, instance.stateEnteredAt.millis), after: (state, enteredAt))
        statements.followUps += itemDone(job: job, position: position, state: state, version: instance.version + 1)
        return statements
    }

    /// Hands `from`'s part in `instance` to `to`: participants (who took which step, for separation
    /// of duties) and the assigned reviewers (whose scope the task lists follow).
    func reassignmentWrite(
        _ instance: InstanceSnapshot, from: String, to: String, job: BulkJob, position: Int, now: Date
    ) -> DecisionWrite {
        var input: [String: JSONValue] = ["bulk_job": .string(job.id), "from_user": .string(from), "to_user": .string(to)]
        if let reason = job.parameters.reason, !reason.isEmpty { input["reason"] = .string(reason) }
        let (data, participants) = BulkStep.reassigned(instance, from: from, to: to)
        let (record, hash) = historyRow(
            instance, transition: BulkStep.reassign, to: instance.state, input: input,
            definitionVersion: instance.definitionVersion, job: job, now: now)
        var after = instance
        after.data = data
        var statements = DecisionWrite(
            update: """
                UPDATE workflow_instances SET version = \(bind: instance.version + 1), data = \(bind: JSONValue.canonicalText(data)),
                participants = \(bind: Participant.text(participants)), last_hash = \(bind: hash), updated_at = \(bind: now.millis)
                WHERE id = \(bind: instance.id) AND version = \(bind: instance.version) AND event_seq = \(bind: instance.eventSequence)
                """)
        statements.followUps.append(
            instances.historyInsert(record, hash: hash, idempotencyKey: nil, programmeId: instance.programmeId))
        statements.followUps += InstanceRepository.scopeInserts(
            after.scopeKeys.keys.subtracting(instance.scopeKeys.keys), instanceId: instance.id)
        statements.followUps += InstanceRepository.scopeDeletes(
            instance.scopeKeys.keys.subtracting(after.scopeKeys.keys), instanceId: instance.id)
        statements.followUps += itemDone(job: job, position: position, state: instance.state, version: instance.version + 1)
        return statements
    }

    /// Re-arms what failed on `instance` — its dead timers (due now, attempts from zero) and its
    /// dead-lettered national events (pending now; the events after them were held back and go
    /// with them, in order) — with a `_retry` history row, in the instance's one transaction.
    func retryWrite(_ instance: InstanceSnapshot, job: BulkJob, position: Int, now: Date) -> DecisionWrite {
        var input: [String: JSONValue] = ["bulk_job": .string(job.id)]
        if let reason = job.parameters.reason, !reason.isEmpty { input["reason"] = .string(reason) }
        let (record, hash) = historyRow(
            instance, transition: BulkStep.retry, to: instance.state, input: input,
            definitionVersion: instance.definitionVersion, job: job, now: now)
        var statements = DecisionWrite(
            update: """
                UPDATE workflow_instances SET version = \(bind: instance.version + 1), last_hash = \(bind: hash),
                updated_at = \(bind: now.millis) WHERE id = \(bind: instance.id) AND version = \(bind: instance.version)
                AND event_seq = \(bind: instance.eventSequence)
                """)
        statements.followUps.append(
            instances.historyInsert(record, hash: hash, idempotencyKey: nil, programmeId: instance.programmeId))
        statements.followUps.append(
            .update(
                """
                UPDATE timers SET status = 'pending', attempts = 0, next_attempt_at = \(bind: now.millis), last_error = NULL,
                dead_at = NULL WHERE instance_id = \(bind: instance.id) AND status = 'dead'
                """))
        statements.followUps.append(
            .update(
                """
                UPDATE outbox SET status = 'pending', next_attempt_at = \(bind: now.millis)
                WHERE instance_id = \(bind: instance.id) AND status = 'dead'
                """))
        statements.followUps += itemDone(job: job, position: position, state: instance.state, version: instance.version + 1)
        return statements
    }

    /// What failed on each instance: dead timers and dead-lettered national events. Instances
    /// with nothing failed are absent.
    public struct FailedSteps: Sendable, Equatable {
        public var timers = 0
        public var events = 0
    }

    /// Counted by two grouped reads per 500 ids (SQLite binds at most 999 values).
    func failedSteps(instanceIds: [String]) async throws -> [String: FailedSteps] {
        var failed: [String: FailedSteps] = [:]
        for start in stride(from: 0, to: instanceIds.count, by: 500) {
            let part = Array(instanceIds[start..<min(start + 500, instanceIds.count)])
            let (timers, events) = try await backend.read { database in
                func counts(_ table: String) async throws -> [(String, Int)] {
                    try await database.raw(
                        """
                        SELECT instance_id, COUNT(*) AS n FROM \(unsafeRaw: table) WHERE status = 'dead'
                        AND instance_id IN (\(binds: part)) GROUP BY instance_id
                        """
                    ).all().map { row in (try row.decode(column: "instance_id", as: String.self), (try row.int("n")) ?? 0) }
                }
                return (try await counts("timers"), try await counts("outbox"))
            }
            for (id, n) in timers { failed[id, default: FailedSteps()].timers = n }
            for (id, n) in events { failed[id, default: FailedSteps()].events = n }
        }
        return failed
    }

    /// The history row of a bulk step, chained onto the instance's newest row. The job's id is
    /// its fact, so the row says which job wrote it.
    func historyRow(
        _ instance: InstanceSnapshot, transition: String, to state: String, input: [String: JSONValue],
        definitionVersion: Int, job: BulkJob, now: Date, ruleValues: [String: JSONValue] = [:]
    ) -> (HistoryRecord, String) {
        let record = HistoryRecord(
            instanceId: instance.id, seq: instance.version + 1, transitionId: transition, fromState: instance.state,
            toState: state, actorUserId: job.createdBy, actorName: job.createdByName, actorOrganisationId: nil,
            principalUserId: nil, inputJSON: JSONValue.canonicalText(input), ruleValuesJSON: JSONValue.canonicalText(ruleValues),
            definitionVersion: definitionVersion, occurredAt: now, prevHash: instance.lastHash, hash: "",
            contextJSON: DecisionContext(facts: ["bulk_job": .string(job.id)], roles: job.parameters.actorRoles).canonicalText)
        return (record, record.computedHash)
    }

    /// The item marked moved and the job's count, as follow-ups of the instance's write.
    func itemDone(job: BulkJob, position: Int, state: String, version: Int) -> [DecisionWrite.FollowUp] {
        let now = clock.now().millis
        return [
            .update(
                """
                UPDATE bulk_items SET result = 'moved', after_state = \(bind: state), after_version = \(bind: version),
                reason = NULL, done_at = \(bind: now) WHERE job_id = \(bind: job.id) AND position = \(bind: position)
                AND result = 'pending'
                """),
            .update("UPDATE bulk_jobs SET moved = moved + 1, updated_at = \(bind: now) WHERE id = \(bind: job.id)"),
        ]
    }

    /// Runs an item's statements in one transaction (one statement on PostgreSQL, as a decision).
    /// False when the instance's row was not the one the statements were made on.
    func apply(_ statements: DecisionWrite) async throws -> Bool {
        switch backend.kind {
        case .postgres:
            try await backend.read { database in try await statements.runAsOneStatement(on: database) }
        case .sqlite:
            try await backend.transaction { database in try await statements.runInSequence(on: database) }
        }
    }

    /// Marks an item skipped or failed with why, and counts it, in one transaction; nothing else
    /// is written for it. A no-op when the item was decided already.
    func markItem(jobId: String, position: Int, result: BulkItem.Result, reason: String) async throws {
        let column = result == .failed ? "failed" : "skipped"
        let now = clock.now().millis
        try await backend.transaction { database in
            let changed = try await database.raw(
                """
                UPDATE bulk_items SET result = \(bind: result.rawValue), reason = \(bind: String(reason.prefix(2000))),
                done_at = \(bind: now) WHERE job_id = \(bind: jobId) AND position = \(bind: position) AND result = 'pending'
                RETURNING position
                """
            ).first()
            guard changed != nil else { return }
            try await database.raw(
                "UPDATE bulk_jobs SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1, updated_at = \(bind: now) WHERE id = \(bind: jobId)"
            ).run()
        }
    }
}
