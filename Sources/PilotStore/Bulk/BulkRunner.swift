import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// Runs bulk jobs: the dry run, then the run in chunks of at most `BulkRepository.chunkSize`
/// items, each item its own transaction (`BulkRepository+Writes`). A running job is leased by
/// the process running it; the lease is renewed every chunk, and a job whose lease ran out (its
/// process was killed) is taken up by whichever process looks next — a server's loop or the CLI.
/// Items already decided are never redone: a chunk reads only `pending` items, and each item's
/// result is written in its instance's transaction.
public struct BulkRunner: Sendable {
    public let service: WorkflowService
    /// Names this process in `lease_owner`.
    public let owner: String
    public let leaseSeconds: TimeInterval
    /// Items a chunk takes (at most `BulkRepository.chunkSize`; tests take fewer).
    public let chunkSize: Int

    public init(
        service: WorkflowService,
        owner: String = "bulk-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
        leaseSeconds: TimeInterval = 120, chunkSize: Int = BulkRepository.chunkSize
    ) {
        self.service = service
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.chunkSize = min(max(1, chunkSize), BulkRepository.chunkSize)
    }

    var store: PilotStore { service.store }
    var bulk: BulkRepository { service.store.bulk }

    /// The transition a cancellation takes.
    public static var cancelTransition: String { BulkRepository.cancelTransition }

    /// Judges every item against the instance as it stands now and stores the plan (can move /
    /// why not / what changes); the job may then run. Writes nothing but the items and the job.
    @discardableResult
    public func dryRun(jobId: String, programmeId: String) async throws -> BulkJob {
        guard let job = try await bulk.job(jobId, programmeId: programmeId) else {
            throw BulkRefusal(zh: "没有这个批量任务", en: "There is no such bulk job")
        }
        guard job.status == .queued || job.status == .dryRunDone else {
            throw BulkRefusal(zh: "任务已开始执行，不能再预演", en: "The job has started; no more dry runs")
        }
        let sources = try await revertSources(job)
        var offset = 0
        while true {
            let items = try await bulk.items(jobId: jobId, limit: BulkRepository.chunkSize, offset: offset)
            guard !items.isEmpty else { break }
            offset += items.count
            let found = try await instances(items.map(\.instanceId))
            // A retry can only say what it re-arms once it has counted what failed.
            let failed = job.operation == .retry ? try await bulk.failedSteps(instanceIds: Array(found.keys)) : [:]
            let plans = items.map { item -> (BulkItem, BulkItem.Plan, String?, String?, InstanceSnapshot?) in
                guard let instance = found[item.instanceId] else { return (item, .cannotMove, "the instance is gone", nil, nil) }
                var planned = plan(job, instance, sources: sources)
                if job.operation == .retry, case .move = planned { planned = Self.retryPlan(failed[instance.id]) }
                switch planned {
                case .move(_, let changes): return (item, .canMove, nil, changes.joined(separator: "; "), instance)
                case .skip(let reason): return (item, .cannotMove, reason, nil, instance)
                }
            }
            try await store.backend.transaction { database in
                for (item, plan, reason, changes, instance) in plans {
                    try await database.raw(
                        """
                        UPDATE bulk_items SET plan = \(bind: plan.rawValue), reason = \(bind: reason), changes = \(bind: changes),
                        before_version = \(bind: instance?.version), before_definition_version = \(bind: instance?.definitionVersion),
                        before_state = \(bind: instance?.state) WHERE job_id = \(bind: jobId) AND position = \(bind: item.position)
                        """
                    ).run()
                }
            }
        }
        try await setStatus(jobId, .dryRunDone, from: [.queued, .dryRunDone])
        return try await bulk.job(jobId, programmeId: programmeId) ?? job
    }

    /// Lets a dry-run job run (its items are then taken up by `runAvailable` or `run`).
    public func start(jobId: String, programmeId: String) async throws {
        guard let job = try await bulk.job(jobId, programmeId: programmeId) else {
            throw BulkRefusal(zh: "没有这个批量任务", en: "There is no such bulk job")
        }
        guard job.status == .dryRunDone else {
            throw BulkRefusal(zh: "请先预演，查看结果后再执行", en: "Run the dry run and read its result first")
        }
        try await setStatus(jobId, .running, from: [.dryRunDone])
    }

    /// Runs the job to its end in this process, calling `progress` after each chunk. Returns the
    /// job as it ends; returns early (nil) when another live process holds its lease.
    @discardableResult
    public func run(
        jobId: String, programmeId: String, chunkLimit: Int? = nil, progress: @Sendable (BulkJob) -> Void = { _ in }
    ) async throws -> BulkJob? {
        var chunks = 0
        while true {
            guard let job = try await claim(jobId: jobId) else { return nil }
            guard job.programmeId == programmeId else { return nil }
            let done = try await runChunk(job)
            chunks += 1
            let now = try await bulk.job(jobId, programmeId: programmeId) ?? job
            progress(now)
            if done == 0 {
                try await finish(job)
                return try await bulk.job(jobId, programmeId: programmeId)
            }
            if let chunkLimit, chunks >= chunkLimit { return now }
        }
    }

    /// Continues every running job whose lease ran out (the server's loop calls this). Returns
    /// how many items it decided.
    public func runAvailable() async throws -> Int {
        var decided = 0
        let now = store.clock.now().millis
        let candidates = try await store.backend.read { database in
            try await database.raw(
                """
                SELECT id FROM bulk_jobs WHERE status = 'running' AND (lease_until IS NULL OR lease_until < \(bind: now)
                OR lease_owner = \(bind: owner)) ORDER BY created_at LIMIT 10
                """
            ).all().map { try $0.string("id") }
        }
        for id in candidates {
            while let job = try await claim(jobId: id) {
                let done = try await runChunk(job)
                decided += done
                if done == 0 {
                    try await finish(job)
                    break
                }
            }
        }
        return decided
    }

    /// Takes or renews the job's lease: only a running job whose lease is free, ran out or is
    /// this process's own. The conditional update makes two processes never hold it at once.
    func claim(jobId: String) async throws -> BulkJob? {
        let now = store.clock.now()
        let until = now.addingTimeInterval(leaseSeconds).millis
        let owner = owner
        let claimed = try await store.backend.transaction { database in
            try await database.raw(
                """
                UPDATE bulk_jobs SET lease_owner = \(bind: owner), lease_until = \(bind: until), updated_at = \(bind: now.millis)
                WHERE id = \(bind: jobId) AND status = 'running'
                AND (lease_until IS NULL OR lease_until < \(bind: now.millis) OR lease_owner = \(bind: owner)) RETURNING id
                """
            ).first() != nil
        }
        guard claimed else { return nil }
        return try await store.backend.read { database in
            try await database.raw("SELECT \(unsafeRaw: BulkRepository.jobColumns) FROM bulk_jobs WHERE id = \(bind: jobId)")
                .first().map(BulkRepository.decodeJob)
        }
    }

    /// Decides the next chunk of pending items. Returns how many it decided (0: none left).
    func runChunk(_ job: BulkJob) async throws -> Int {
        let items = try await bulk.items(jobId: job.id, result: .pending, limit: chunkSize)
        guard !items.isEmpty else { return 0 }
        let sources = try await revertSources(job)
        let found = try await instances(items.map(\.instanceId))
        for item in items {
            try await runItem(item, of: job, instance: found[item.instanceId], sources: sources)
        }
        return items.count
    }

    func runItem(_ item: BulkItem, of job: BulkJob, instance read: InstanceSnapshot?, sources: [String: BulkItem]) async throws {
        var instance = read
        // Twice at most: a row that moved on between the chunk's read and the write is read again.
        for attempt in 0..<2 {
            guard let current = instance else {
                try await bulk.markItem(jobId: job.id, position: item.position, result: .failed, reason: "the instance is gone")
                return
            }
            do {
                switch try await write(item, of: job, on: current, sources: sources) {
                case .written: return
                case .skipped(let reason):
                    try await bulk.markItem(jobId: job.id, position: item.position, result: .skipped, reason: reason)
                    return
                case .stale where attempt == 0:
                    instance = try await store.instances.instance(item.instanceId)
                case .stale:
                    try await bulk.markItem(
                        jobId: job.id, position: item.position, result: .failed, reason: "the instance kept changing")
                    return
                }
            } catch let refusal as BulkRefusal {
                try await bulk.markItem(jobId: job.id, position: item.position, result: .skipped, reason: refusal.message.en)
                return
            } catch {
                // One bad instance does not stop the job: its error is its result.
                try await bulk.markItem(
                    jobId: job.id, position: item.position, result: .failed, reason: String(describing: error))
                return
            }
        }
    }

    enum ItemOutcome { case written, skipped(String), stale }

    enum Planned {
        case move(state: String, changes: [String])
        case skip(String)
    }

    /// What the job would do to `instance`, judged on the row as it stands.
    func plan(_ job: BulkJob, _ instance: InstanceSnapshot, sources: [String: BulkItem]) -> Planned {
        let catalog = service.catalog
        guard instance.definitionId == job.parameters.filter.definitionId,
            let current = catalog.definition(instance.definitionId, version: instance.definitionVersion)
        else { return .skip("workflow \(instance.definitionId) v\(instance.definitionVersion) is not loaded") }
        switch job.operation {
        case .migrate:
            guard let target = job.parameters.targetVersion.flatMap({ catalog.definition(instance.definitionId, version: $0) })
            else { return .skip("target version is not loaded") }
            switch MigrationCheck.check(instance, from: current, to: target, stateMap: job.parameters.stateMap) {
            case .canMove(let state, let changes): return .move(state: state, changes: changes)
            case .cannotMove(let reason): return .skip(reason)
            }
        case .revert:
            guard let source = sources[instance.id], let version = source.beforeDefinitionVersion,
                let state = source.beforeState
            else { return .skip("the migration did not move this instance") }
            guard instance.version == source.afterVersion else {
                return .skip("changed since the migration (version \(instance.version)) / 迁移后已有变更，不撤回")
            }
            guard catalog.definition(instance.definitionId, version: version) != nil else {
                return .skip("version \(version) is not loaded")
            }
            return .move(
                state: state,
                changes: ["version \(instance.definitionVersion) → \(version)", "state \(instance.state) → \(state)"])
        case .cancel:
            guard let transition = current.transition(BulkRepository.cancelTransition),
                transition.from.contains(instance.state)
            else { return .skip("cannot be cancelled in state '\(instance.state)' / 当前状态不能终止") }
            // The dry run tells what the engine will refuse for the role; scope, guards and input
            // are checked by the engine when the item runs (a refusal then skips it with its message).
            guard !Set(transition.roles).isDisjoint(with: job.parameters.actorRoles) else {
                return .skip(
                    Refusal.roleNotPermitted(transition: transition.id, allowed: transition.roles).message.en + " / "
                        + Refusal.roleNotPermitted(transition: transition.id, allowed: transition.roles).message.zh)
            }
            return .move(state: transition.to, changes: ["state \(instance.state) → \(transition.to)"])
        case .restart:
            let named = job.parameters.restartState ?? ""
            guard current.state(named) != nil else {
                return .skip("version \(current.version) has no state '\(named)' / 该版本流程没有此环节")
            }
            guard named != instance.state else { return .skip("already in '\(named)' / 已在该环节") }
            return .move(state: named, changes: ["state \(instance.state) → \(named)"])
        case .retry:
            // What failed is counted by the dry run (`retryPlan`) and again when the item runs.
            return .move(state: instance.state, changes: [])
        case .reassign:
            let from = job.parameters.fromUserId ?? ""
            guard BulkStep.involves(instance, user: from) else {
                return .skip("\(from) has no part in this instance / 原经办人未参与该项目")
            }
            return .move(state: instance.state, changes: ["\(from) → \(job.parameters.toUserId ?? "")"])
        }
    }

    /// A retry's plan from what failed on the instance: nothing failed, nothing to do.
    static func retryPlan(_ failed: BulkRepository.FailedSteps?) -> Planned {
        guard let failed, failed.timers + failed.events > 0 else { return .skip(nothingFailed) }
        return .move(
            state: "",
            changes: [
                "\(failed.timers) dead timer(s) → pending / \(failed.timers) 个失败的定时任务重新排队",
                "\(failed.events) dead national event(s) → pending / \(failed.events) 条失败的国家平台事件重新发送",
            ])
    }

    static let nothingFailed = "nothing failed / 没有失败的步骤"

    func write(
        _ item: BulkItem, of job: BulkJob, on instance: InstanceSnapshot, sources: [String: BulkItem]
    ) async throws
        -> ItemOutcome
    {
        let state: String
        switch plan(job, instance, sources: sources) {
        case .skip(let reason): return .skipped(reason)
        case .move(let target, _): state = target
        }
        let now = store.decisionTime()
        let statements: DecisionWrite
        // The programme's rules in force, for the timers of a state entered (fresh: it records what was read).
        let rules = try await service.rules.rules(for: instance.programmeId).fresh()
        switch job.operation {
        case .migrate, .revert:
            let version =
                job.operation == .migrate
                ? job.parameters.targetVersion : sources[instance.id]?.beforeDefinitionVersion
            guard let version, let target = service.catalog.definition(instance.definitionId, version: version) else {
                return .skipped("target version is not loaded")
            }
            statements = bulk.migrationWrite(
                instance, to: target, state: state, job: job, position: item.position, engine: service.engine, rules: rules,
                now: now)
        case .reassign:
            statements = bulk.reassignmentWrite(
                instance, from: job.parameters.fromUserId ?? "", to: job.parameters.toUserId ?? "", job: job,
                position: item.position, now: now)
        case .restart:
            guard let current = service.catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
                return .skipped("workflow version is not loaded")
            }
            statements = bulk.migrationWrite(
                instance, to: current, state: state, job: job, position: item.position, engine: service.engine, rules: rules,
                now: now, step: BulkStep.restart)
        case .retry:
            let failed = try await bulk.failedSteps(instanceIds: [instance.id])[instance.id]
            guard let failed, failed.timers + failed.events > 0 else { return .skipped(Self.nothingFailed) }
            statements = bulk.retryWrite(instance, job: job, position: item.position, now: now)
        case .cancel:
            return try await cancel(item, of: job, on: instance, now: now)
        }
        return try await bulk.apply(statements) ? .written : .stale
    }

    /// A cancellation is the workflow's own `terminate`, decided by the engine under the job
    /// maker's roles (role, scope, guards and input rules all apply; a refusal skips the item with
    /// its message) and written as that decision is — history, national event, funds queue,
    /// projections — with the item's result in the same transaction.
    func cancel(_ item: BulkItem, of job: BulkJob, on instance: InstanceSnapshot, now: Date) async throws -> ItemOutcome {
        guard let definition = service.catalog.definition(instance.definitionId, version: instance.definitionVersion) else {
            return .skipped("workflow version is not loaded")
        }
        let actor = Actor(
            userId: job.createdBy, displayName: job.createdByName, organisationId: nil,
            grants: job.parameters.actorRoles.map { RoleGrant(role: $0, scope: .programme(job.programmeId)) })
        let command = Command(
            instanceId: instance.id, transitionId: BulkRepository.cancelTransition,
            input: [BulkRepository.cancelReasonField: .string(job.parameters.reason ?? "")], expectedVersion: instance.version,
            facts: ["bulk_job": .string(job.id)])
        let rules = try await service.rules.rules(for: instance.programmeId)
        switch service.engine.decide(command, instance: instance, definition: definition, actor: actor, now: now, rules: rules) {
        case .failure(.staleVersion): return .stale
        case .failure(let refusal): return .skipped(refusal.message.en + " / " + refusal.message.zh)
        case .success(let decision):
            var (statements, _) = store.instances.decisionWrite(
                decision, to: instance, definition: definition, idempotencyKey: nil,
                counterShard: DashboardCounts.shard(of: instance.id))
            statements.followUps += bulk.itemDone(
                job: job, position: item.position, state: decision.toState, version: decision.newVersion)
            guard try await bulk.apply(statements) else { return .stale }
            service.keptInstances.forget(instance.id)
            return .written
        }
    }

    /// For a revert: the migration job's items by instance (their before/after), else empty.
    func revertSources(_ job: BulkJob) async throws -> [String: BulkItem] {
        guard job.operation == .revert, let source = job.parameters.revertsJob else { return [:] }
        var items: [String: BulkItem] = [:]
        var offset = 0
        while true {
            let page = try await bulk.items(jobId: source, result: .moved, limit: 5000, offset: offset)
            guard !page.isEmpty else { break }
            offset += page.count
            for item in page { items[item.instanceId] = item }
        }
        return items
    }

    func instances(_ ids: [String]) async throws -> [String: InstanceSnapshot] {
        var found: [String: InstanceSnapshot] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try await store.backend.read { database in
                try await database.raw(
                    "SELECT \(unsafeRaw: InstanceRepository.instanceColumns) FROM workflow_instances WHERE id IN (\(binds: part))"
                ).all().map(InstanceRepository.decodeInstance)
            }
            for row in rows { found[row.id] = row }
        }
        return found
    }

    /// The job is done when no item is pending; a revert marks its migration job reverted.
    func finish(_ job: BulkJob) async throws {
        let now = store.clock.now().millis
        try await store.backend.transaction { database in
            try await database.raw(
                """
                UPDATE bulk_jobs SET status = 'done', lease_owner = NULL, lease_until = NULL, updated_at = \(bind: now)
                WHERE id = \(bind: job.id) AND status = 'running'
                """
            ).run()
            if let source = job.parameters.revertsJob {
                try await database.raw(
                    "UPDATE bulk_jobs SET status = 'reverted', updated_at = \(bind: now) WHERE id = \(bind: source) AND status = 'done'"
                ).run()
            }
        }
    }

    func setStatus(_ jobId: String, _ status: BulkJobStatus, from: [BulkJobStatus]) async throws {
        let now = store.clock.now().millis
        let changed = try await store.backend.transaction { database in
            try await database.raw(
                """
                UPDATE bulk_jobs SET status = \(bind: status.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: jobId) AND status IN (\(binds: from.map(\.rawValue))) RETURNING id
                """
            ).first() != nil
        }
        guard changed else { throw BulkRefusal(zh: "任务状态已变化，请刷新", en: "The job's status changed; reload") }
    }
}

extension BulkRepository {
    /// The workflow transition a bulk cancellation takes, and its reason field.
    public static let cancelTransition = "terminate"
    public static let cancelReasonField = "termination_reason"
}
