import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// Workflow instances (projects and tasks): creation, reads and lists, the decision write (one transaction:
/// conditional update, hash-chained history row, outbox events, timers, scopes), idempotent replay, the history,
/// and form drafts.
/// Reached as `store.instances.instances`.
public struct InstanceRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
    let auditKey: AuditKey?
    /// The counter shards its decisions hold while they run (one set per store; a server process
    /// has one store, and two stores on one database behave as two processes).
    let counterSlots = CounterSlots()
}

/// What a newly started instance is about.
public struct NewInstance: Sendable {
    public var programmeId: String
    public var definition: WorkflowDefinition
    public var subjectOrganisationId: String?
    public var subIndustryId: String?
    public var divisionCode: String?
    public var data: [String: JSONValue]
    /// National event to emit on creation (e.g. enterprise_registered), if any.
    public var event: String?

    public init(
        programmeId: String, definition: WorkflowDefinition, subjectOrganisationId: String? = nil,
        subIndustryId: String? = nil, divisionCode: String? = nil, data: [String: JSONValue] = [:], event: String? = nil
    ) {
        self.programmeId = programmeId
        self.definition = definition
        self.subjectOrganisationId = subjectOrganisationId
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.data = data
        self.event = event
    }
}

extension InstanceRepository {
    static let instanceColumns = """
        id, programme_id, definition_id, definition_version, state, version, data, subject_org_id, sub_industry_id,
        division_code, participants, last_hash, event_seq, state_entered_at, created_at
        """

    /// Starts an instance in the definition's initial state: the instance row, its first history
    /// row (transition `_start`, the genesis of its hash chain) and its scope rows, in one transaction.
    public func createInstance(_ new: NewInstance, actor: Actor, engine: Engine = Engine()) async throws -> InstanceSnapshot {
        try await backend.transaction { database in
            try await self.createInstance(new, actor: actor, engine: engine, on: database)
        }
    }

    /// `createInstance` on a connection inside a transaction the caller owns (a registration
    /// writes the organisation, its project and its account in one, `admitEnterprise`).
    func createInstance(
        _ new: NewInstance, actor: Actor, engine: Engine, on database: any SQLDatabase
    ) async throws -> InstanceSnapshot {
        // Whole milliseconds, as the history keeps them: a replay sees the same time.
        let now = Date(millis: clock.now().millis)
        let id = ids.make("prj")
        var instance = InstanceSnapshot(
            id: id, programmeId: new.programmeId, definitionId: new.definition.id,
            definitionVersion: new.definition.version, state: new.definition.initialState, version: 1, data: new.data,
            subjectOrganisationId: new.subjectOrganisationId, subIndustryId: new.subIndustryId, divisionCode: new.divisionCode,
            participants: [:], lastHash: "", eventSequence: new.event == nil ? 0 : 1, stateEnteredAt: now, createdAt: now)
        let record = HistoryRecord(
            instanceId: id, seq: 1, transitionId: "_start", fromState: "", toState: instance.state,
            actorUserId: actor.userId, actorName: actor.displayName, actorOrganisationId: actor.organisationId,
            principalUserId: actor.principalUserId, inputJSON: JSONValue.canonicalText(new.data), ruleValuesJSON: "{}",
            definitionVersion: new.definition.version, occurredAt: now, prevHash: "", hash: "",
            contextJSON: DecisionContext(facts: [:], roles: actor.roles).canonicalText)
        let hash = record.computedHash
        instance.lastHash = hash
        let snapshot = instance
        let events =
            new.event.map {
                [
                    OutboxEventDraft.projectEvent(
                        type: $0, sequence: 1, instance: snapshot, transition: "_start", toState: snapshot.state, at: now,
                        input: new.data)
                ]
            } ?? []
        let timers = engine.startTimers(entering: snapshot.state, new.definition, now, RuleBook())
        try await database.raw(
            """
            INSERT INTO workflow_instances (\(unsafeRaw: Self.instanceColumns), updated_at) VALUES (
            \(bind: id), \(bind: snapshot.programmeId), \(bind: snapshot.definitionId), \(bind: snapshot.definitionVersion),
            \(bind: snapshot.state), 1, \(bind: JSONValue.canonicalText(snapshot.data)), \(bind: snapshot.subjectOrganisationId),
            \(bind: snapshot.subIndustryId), \(bind: snapshot.divisionCode), '{}', \(bind: hash), \(bind: snapshot.eventSequence),
            \(bind: now.millis), \(bind: now.millis), \(bind: now.millis))
            """
        ).run()
        var followUps = [self.historyInsert(record, hash: hash, idempotencyKey: nil, programmeId: snapshot.programmeId)]
        followUps += Self.scopeInserts(snapshot.scopeKeys.keys, instanceId: id)
        followUps += self.eventInserts(events, instance: snapshot, occurredAt: now)
        followUps += self.timerInserts(timers, instance: snapshot, now: now)
        followUps.append(
            ProjectFactsRepository.factsInsert(instanceId: id, programmeId: snapshot.programmeId, data: snapshot.data))
        let shard = DashboardCounts.shard(of: id)
        followUps += DashboardCounts.changes(
            programmeId: snapshot.programmeId, definitionId: snapshot.definitionId, shard: shard, before: nil,
            after: (snapshot.state, ProjectFacts(data: snapshot.data)))
        followUps += StateEntryCounts.changes(
            programmeId: snapshot.programmeId, definitionId: snapshot.definitionId, shard: shard, before: nil,
            after: (snapshot.state, now.millis))
        try await DecisionWrite.run(followUps, on: database)
        return snapshot
    }

    public func instance(_ id: String) async throws -> InstanceSnapshot? {
        try await backend.read { database in try await self.instance(id, on: database) }
    }

    func instance(_ id: String, on database: any SQLDatabase) async throws -> InstanceSnapshot? {
        // Read before every decision: prepared on PostgreSQL (`preparedRows`).
        try await database.preparedRows(
            "SELECT \(unsafeRaw: Self.instanceColumns) FROM workflow_instances WHERE id = \(bind: id)"
        )
        .first.map(Self.decodeInstance)
    }

    static func decodeInstance(_ row: any SQLRow) throws -> InstanceSnapshot {
        let participants = Participant.parse(try row.string("participants"))
        return InstanceSnapshot(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            definitionId: try row.string("definition_id"), definitionVersion: try row.int("definition_version"),
            state: try row.string("state"), version: try row.int("version"), data: try row.json("data"),
            subjectOrganisationId: try row.optionalString("subject_org_id"),
            subIndustryId: try row.optionalString("sub_industry_id"), divisionCode: try row.optionalString("division_code"),
            participants: participants, lastHash: try row.string("last_hash"), eventSequence: try row.int("event_seq"),
            stateEnteredAt: try row.date("state_entered_at"), createdAt: try row.date("created_at"))
    }

    /// Instances in states where one of the actor's roles has a transition, within the grant's
    /// scope: the "my tasks" list. Filtering happens in SQL through `instance_scopes`, so it stays
    /// fast with many instances and never shows what the actor may not see.
    public func tasks(
        for actor: Actor, programmeId: String, catalog: WorkflowCatalog, limit: Int = 200
    ) async throws -> [InstanceSnapshot] {
        var clauses: [SQLQueryString] = []
        for definition in catalog.latestDefinitions {
            for grant in actor.grants where grant.role != .system {
                let states = Set(definition.transitions.filter { $0.roles.contains(grant.role) }.flatMap(\.from))
                    .filter { !(definition.state($0)?.terminal ?? true) }
                guard !states.isEmpty else { continue }
                clauses.append(
                    """
                    (i.definition_id = \(bind: definition.id) AND i.state IN (\(binds: states.sorted())) AND EXISTS (
                    SELECT 1 FROM instance_scopes s WHERE s.instance_id = i.id AND s.scope = \(bind: grant.scope.description)))
                    """)
            }
        }
        guard !clauses.isEmpty else { return [] }
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: Self.instanceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")) FROM workflow_instances i WHERE i.programme_id = "
        )
        // One programme at a time: a division node's scope key may be shared by several programmes.
        query.appendInterpolation(bind: programmeId)
        query.appendLiteral(" AND (")
        for (index, clause) in clauses.enumerated() {
            if index > 0 { query.appendLiteral(" OR ") }
            query.appendInterpolation(clause)
        }
        query.appendLiteral(")")
        query.appendLiteral(" ORDER BY i.state_entered_at LIMIT ")
        query.appendInterpolation(literal: limit)
        let finalQuery = query
        return try await backend.read { database in
            try await database.raw(finalQuery).all().map(Self.decodeInstance)
        }
    }

    /// Instances of a programme, newest first, optionally in one state; for lists and the demo.
    public func instances(
        programmeId: String, state: String? = nil, definitionId: String = "enterprise-project", limit: Int = 200,
        offset: Int = 0
    ) async throws
        -> [InstanceSnapshot]
    {
        try await backend.read { database in
            var query: SQLQueryString = """
                SELECT \(unsafeRaw: Self.instanceColumns) FROM workflow_instances WHERE programme_id = \(bind: programmeId)
                AND definition_id = \(bind: definitionId)
                """
            if let state { query.appendInterpolation(" AND state = \(bind: state)" as SQLQueryString) }
            query.appendLiteral(" ORDER BY created_at DESC, id LIMIT \(limit) OFFSET \(offset)")
            return try await database.raw(query).all().map(Self.decodeInstance)
        }
    }

    /// Instances of every programme in `states`, each with the due time of its pending timer that
    /// fires `timerTransition` (nil without one), in **one** query however many there are (the
    /// publicity page lists every notice with its end date; issue #11 read each one's timers apart).
    /// Per programme, in the order of `states`, newest first.
    public func instancesWithPendingTimer(
        states: [String], timerTransition: String, definitionId: String, limit: Int = 1000
    ) async throws -> [(instance: InstanceSnapshot, dueAt: Date?)] {
        guard !states.isEmpty else { return [] }
        let rows = try await backend.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.instanceColumns), (SELECT MIN(t.due_at) FROM timers t
                WHERE t.instance_id = workflow_instances.id AND t.status = 'pending'
                AND t.transition_id = \(bind: timerTransition)) AS due_at
                FROM workflow_instances WHERE state IN (\(binds: states)) AND definition_id = \(bind: definitionId)
                ORDER BY programme_id, created_at DESC, id LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map { row in (try Self.decodeInstance(row), try row.optionalDate("due_at")) }
        }
        let rank = Dictionary(states.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.enumerated().sorted {
            ($0.element.0.programmeId, rank[$0.element.0.state] ?? 0, $0.offset)
                < ($1.element.0.programmeId, rank[$1.element.0.state] ?? 0, $1.offset)
        }.map { (instance: $0.element.0, dueAt: $0.element.1) }
    }

    /// What the funds book needs to hear about each project with an approved subsidy
    /// (`project_facts`), without reading project documents: only a terminated project's document
    /// is read, for the amount to recover.
    public func subsidisedProjects(programmeId: String) async throws -> [SubsidisedProject] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT i.id, i.state, i.subject_org_id, i.division_code, i.participants, f.approved_subsidy,
                CASE WHEN i.state = 'terminated' THEN i.data END AS data
                FROM workflow_instances i JOIN project_facts f ON f.instance_id = i.id
                WHERE i.programme_id = \(bind: programmeId) AND f.programme_id = \(bind: programmeId) AND f.approved_subsidy > 0
                ORDER BY i.created_at, i.id
                """
            ).all().map { row in
                SubsidisedProject(
                    id: try row.string("id"), state: try row.string("state"),
                    enterpriseId: try row.optionalString("subject_org_id"), divisionCode: try row.optionalString("division_code"),
                    transitionsTaken: Set(Participant.parse(try row.string("participants")).keys),
                    approvedSubsidy: try row.int64("approved_subsidy"),
                    fundsToRecover: try row.optionalString("data").flatMap {
                        JSONValue.parseObject($0)["funds_to_recover"]?.intValue
                    })
            }
        }
    }

    /// Project id → the name of its enterprise, for every instance of the programme with one: what
    /// the finance workspace and its exports label tranches with, without reading any document.
    public func enterpriseNamesByInstance(programmeId: String) async throws -> [String: String] {
        try await backend.read { database in
            var names: [String: String] = [:]
            for row in try await database.raw(
                """
                SELECT i.id, o.name FROM workflow_instances i JOIN organisations o ON o.id = i.subject_org_id
                WHERE i.programme_id = \(bind: programmeId) AND o.programme_id = \(bind: programmeId)
                """
            ).all() {
                names[try row.string("id")] = try row.string("name")
            }
            return names
        }
    }

    /// Instance counts per state for a programme (the funnel).
    public func stateCounts(programmeId: String) async throws -> [String: Int] {
        try await backend.read { database in
            let rows = try await database.raw(
                "SELECT state, COUNT(*) AS n FROM workflow_instances WHERE programme_id = \(bind: programmeId) GROUP BY state"
            ).all()
            var counts: [String: Int] = [:]
            for row in rows { counts[try row.string("state")] = try row.int("n") }
            return counts
        }
    }
}
