import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// Runs commands: loads the instance, its pinned definition and the programme's rules, asks the
/// engine to decide, and has the store apply the decision. Pages, the API, the timer loop, the
/// demo seed and the benchmark all go through `execute`.
public final class WorkflowService: Sendable {
    public let store: PilotStore
    public let catalog: WorkflowCatalog
    public let engine: Engine
    let rules: RuleCache
    /// The rows this service's decisions wrote last: the next command on the instance decides on
    /// them without reading it (see `InstanceCache` for why that is safe).
    public let keptInstances: InstanceCache

    public enum Outcome: Sendable, Hashable {
        case applied(CommandResult)
        /// The idempotency key was seen before: this is the first command's result; nothing was written.
        case replayed(CommandResult)
        case refused(Refusal)
    }

    public init(
        store: PilotStore, catalog: WorkflowCatalog, engine: Engine = Engine(),
        keptInstances: InstanceCache = InstanceCache()
    ) {
        self.store = store
        self.catalog = catalog
        self.engine = engine
        self.rules = RuleCache(store: store)
        self.keptInstances = keptInstances
    }

    /// Executes one command. A refusal writes nothing. With an idempotency key, a repeat returns
    /// the first result; the key is checked only when the command cannot be applied as new, so
    /// the common path costs no extra query (the unique index on the key settles races).
    public func execute(_ command: Command, actor: Actor) async throws -> Outcome {
        guard let cached = keptInstances.snapshot(command.instanceId) else {
            return try await execute(command, actor: actor, on: nil)
        }
        do {
            switch try await execute(command, actor: actor, on: cached) {
            case .refused: break
            case let answer: return answer
            }
        } catch StoreError.staleVersion {
            // The row moved on since this process wrote it (another process, the timer command):
            // read it and decide again, once.
        }
        keptInstances.forget(command.instanceId)
        // A refusal made on the kept row is made again on the row as it stands, so a stale entry
        // can never be the reason for a refusal either.
        return try await execute(command, actor: actor, on: nil)
    }

    /// `execute` on `kept` (from `keptInstances`, which throws `StoreError.staleVersion` when the row
    /// moved on) or, when nil, on the row read now.
    private func execute(_ command: Command, actor: Actor, on kept: InstanceSnapshot?) async throws -> Outcome {
        let read: InstanceSnapshot? = if let kept { kept } else { try await store.instances.instance(command.instanceId) }
        guard let instance = read else {
            throw StoreError.notFound("instance \(command.instanceId)")
        }
        guard let definition = catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            throw StoreError.notFound("workflow \(instance.definitionId) version \(instance.definitionVersion)")
        }
        let ruleBook = try await rules.rules(for: instance.programmeId)
        let decision: Decision
        switch engine.decide(
            command, instance: instance, definition: definition, actor: actor, now: store.decisionTime(), rules: ruleBook)
        {
        case .success(let made):
            decision = made
        case .failure(let refusal):
            if kept != nil { return .refused(refusal) }
            return try await replay(command, actor: actor, definition: definition) ?? .refused(refusal)
        }
        // The decision was made on `instance` as read; the write's version check refuses it if
        // anything changed since (optimistic concurrency), so no lock is held while deciding.
        do {
            let after = try await store.instances.commit(
                decision, to: instance, definition: definition, idempotencyKey: command.idempotencyKey)
            keptInstances.keep(after)
        } catch StoreError.staleVersion where kept != nil {
            throw StoreError.staleVersion(expected: decision.baseVersion, actual: -1)
        } catch let error where store.backend.kind.isUniqueViolation(error) {
            keptInstances.forget(command.instanceId)
            // Only the idempotency key makes this a replay: the key is taken exactly when an
            // earlier command of this actor carries it. Any other unique violation is a fault of
            // its own, reported as what it is (issue #11: all were reported as a key conflict).
            if let replay = try await replay(command, actor: actor, definition: definition) { return replay }
            throw error
        } catch StoreError.staleVersion(let expected, _) {
            if let replay = try await replay(command, actor: actor, definition: definition) { return replay }
            let actual = try await store.instances.instance(command.instanceId)?.version ?? -1
            return .refused(.staleVersion(expected: expected, actual: actual))
        } catch {
            // Written or not (a lost connection, say), the row may no longer be the kept one; the
            // caller hears of the failure as before (never retried here: it may have been written).
            keptInstances.forget(command.instanceId)
            throw error
        }
        return .applied(
            CommandResult(
                instanceId: decision.instanceId, transitionId: decision.transitionId, fromState: decision.fromState,
                toState: decision.toState, version: decision.newVersion, replayed: false))
    }

    /// The first result when an earlier command of `actor` carried this idempotency key, nil when
    /// none did. The key stands for one command: a repeat must be that command — same instance,
    /// transition and (validated) input — or it is refused as `idempotency_key_reused`; returning
    /// the first result for a changed command would drop the new one silently (issue #11).
    func replay(_ command: Command, actor: Actor, definition: WorkflowDefinition) async throws -> Outcome? {
        guard let key = command.idempotencyKey,
            let prior = try await store.instances.priorCommand(actorUserId: actor.userId, idempotencyKey: key)
        else { return nil }
        guard prior.result.instanceId == command.instanceId && prior.result.transitionId == command.transitionId,
            let transition = definition.transition(command.transitionId),
            case .success(let input) = InputValidation.validate(command.input, against: transition.input),
            JSONValue.canonicalText(input) == prior.inputJSON
        else { return .refused(.idempotencyKeyReused) }
        return .replayed(prior.result)
    }

    /// Starts a new instance of the newest version of `definitionId`.
    public func start(
        definitionId: String, programmeId: String, subjectOrganisationId: String?, subIndustryId: String?, divisionCode: String?,
        data: [String: JSONValue], event: String?, actor: Actor
    ) async throws -> InstanceSnapshot {
        try await store.instances.createInstance(
            try newInstance(
                definitionId: definitionId, programmeId: programmeId, subjectOrganisationId: subjectOrganisationId,
                subIndustryId: subIndustryId, divisionCode: divisionCode, data: data, event: event),
            actor: actor, engine: engine)
    }

    /// What `start` writes, for a caller that writes it together with other rows in one
    /// transaction (`PartyRepository.admitEnterprise`).
    public func newInstance(
        definitionId: String, programmeId: String, subjectOrganisationId: String?, subIndustryId: String?, divisionCode: String?,
        data: [String: JSONValue], event: String?
    ) throws -> NewInstance {
        guard let definition = catalog.latest(definitionId) else { throw StoreError.notFound("workflow \(definitionId)") }
        return NewInstance(
            programmeId: programmeId, definition: definition, subjectOrganisationId: subjectOrganisationId,
            subIndustryId: subIndustryId, divisionCode: divisionCode, data: data, event: event)
    }
}

/// Programme rules change rarely and are read on every command: keep them for a short while.
/// Several server processes each keep their own copy; a change reaches all within `lifetime`.
/// A lock rather than an actor: the cache sits on every command's path and a hit must not hop.
final class RuleCache: @unchecked Sendable {
    let store: PilotStore
    let lifetime: TimeInterval = 30
    private let lock = NSLock()
    private var cached: [String: (RuleBook, Date)] = [:]

    init(store: PilotStore) { self.store = store }

    func rules(for programmeId: String, on database: (any SQLDatabase)? = nil) async throws -> RuleBook {
        let now = Date()
        let hit = lock.withLock { cached[programmeId] }
        if let (book, loaded) = hit, now.timeIntervalSince(loaded) < lifetime { return book }
        let values =
            if let database { try await ProgrammeRepository.programmeRules(programmeId, on: database) } else {
                try await store.programmes.programmeRules(programmeId)
            }
        let book = RuleBook(values)
        lock.withLock { cached[programmeId] = (book, now) }
        return book
    }

    /// After an administrator changes the rules: the next decision reads them fresh on this
    /// instance (other server instances within `lifetime`).
    func invalidate(_ programmeId: String) { _ = lock.withLock { cached.removeValue(forKey: programmeId) } }
}

extension WorkflowService {
    public func rulesChanged(programmeId: String) { rules.invalidate(programmeId) }

    /// `AuditRepository.verifyAudit` with this service's workflows and engine, so every decision is
    /// replayed and the instances compared with their history (`smepilot audit verify`).
    public func verifyAudit(only: [String]? = nil) async throws -> AuditReport {
        try await store.audit.verifyAudit(only: only, catalog: catalog, engine: engine)
    }
}
