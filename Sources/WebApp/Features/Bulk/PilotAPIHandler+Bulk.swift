import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore

/// `/api/v1/bulk/jobs…`: the bulk jobs as data, through the same store and runner calls as
/// `/bulk` (issue #17). Another programme's job is simply not found.
extension PilotAPIHandler {
    func listBulkJobs(_ input: Operations.ListBulkJobs.Input) async throws -> Operations.ListBulkJobs.Output {
        let identity = try identity(for: .bulkManage)
        let jobs = try await services.store.bulk.jobs(programmeId: identity.programmeId)
        return .ok(.init(body: .json(.init(jobs: jobs.map(Self.bulkJob)))))
    }

    func getBulkJob(_ input: Operations.GetBulkJob.Input) async throws -> Operations.GetBulkJob.Output {
        let job = try await reachableBulkJob(input.path.jobId)
        let items = try await services.store.bulk.items(jobId: job.id, limit: 100, offset: input.query.offset ?? 0)
        return .ok(
            .init(
                body: .json(
                    .init(
                        job: Self.bulkJob(job),
                        items: items.map { item in
                            .init(
                                position: item.position, instanceId: item.instanceId,
                                plan: .init(rawValue: item.plan.rawValue) ?? .unplanned,
                                result: .init(rawValue: item.result.rawValue) ?? .pending, reason: item.reason,
                                changes: item.changes)
                        }))))
    }

    func dryRunBulkJob(_ input: Operations.DryRunBulkJob.Input) async throws -> Operations.DryRunBulkJob.Output {
        let job = try await reachableBulkJob(input.path.jobId)
        let planned = try await bulkStep {
            try await BulkRunner(service: services.workflows).dryRun(jobId: job.id, programmeId: job.programmeId)
        }
        return .ok(.init(body: .json(Self.bulkJob(planned))))
    }

    func runBulkJob(_ input: Operations.RunBulkJob.Input) async throws -> Operations.RunBulkJob.Output {
        let job = try await reachableBulkJob(input.path.jobId)
        try await bulkStep {
            try await BulkRunner(service: services.workflows).start(jobId: job.id, programmeId: job.programmeId)
        }
        let started = try await services.store.bulk.job(job.id, programmeId: job.programmeId) ?? job
        return .ok(.init(body: .json(Self.bulkJob(started))))
    }

    /// The `/bulk` form's job, from a JSON body: the same store call and the same refusals (422).
    func createBulkJob(_ input: Operations.CreateBulkJob.Input) async throws -> Operations.CreateBulkJob.Output {
        let identity = try identity(for: .bulkManage)
        let body: Components.Schemas.BulkJobInput
        switch input.body {
        case .json(let json): body = json
        }
        try Self.checkBounds(body)
        let job = try await bulkRefusalAsInvalid {
            var filter = BulkFilter(
                definitionId: body.workflow, definitionVersion: body.version, states: body.states ?? [],
                division: body.division, subIndustryId: body.subIndustry, enteredBeforeDays: body.olderThanDays)
            if let ids = body.instanceIds {
                // An id is letters, digits, '_' and '-': one with a line break or a comma would
                // otherwise read as other lines or cells of the CSV below.
                if let bad = ids.first(where: { !BulkRepository.isInstanceId($0) }) {
                    throw BulkRefusal(zh: "“\(bad.prefix(40))”不是项目编号", en: "'\(bad.prefix(40))' is not an instance id")
                }
                // Checked as the page checks a pasted CSV: each id must be one of the programme's.
                filter.instanceIds = try await services.store.bulk.instanceIds(
                    fromCSV: ids.joined(separator: "\n"), programmeId: identity.programmeId)
            }
            let parameters = BulkParameters(
                filter: filter, targetVersion: body.targetVersion, stateMap: body.stateMap?.additionalProperties ?? [:],
                reason: body.reason, fromUserId: body.fromUser, toUserId: body.toUser, restartState: body.restartState,
                actorRoles: identity.actor.roles.sorted { $0.rawValue < $1.rawValue })
            return try await services.store.bulk.createJob(
                programmeId: identity.programmeId, operation: BulkOperation(rawValue: body.operation.rawValue) ?? .migrate,
                parameters: parameters, by: identity.changeActor, catalog: services.workflows.catalog)
        }
        return .created(.init(body: .json(Self.bulkJob(job))))
    }

    /// The revert of a finished migration, made and dry-run as the page's button does.
    func revertBulkJob(_ input: Operations.RevertBulkJob.Input) async throws -> Operations.RevertBulkJob.Output {
        let identity = try identity(for: .bulkManage)
        let job = try await reachableBulkJob(input.path.jobId)
        let revert = try await bulkStep {
            let made = try await services.store.bulk.createRevert(
                of: job.id, programmeId: job.programmeId, by: identity.changeActor)
            return try await BulkRunner(service: services.workflows).dryRun(jobId: made.id, programmeId: job.programmeId)
        }
        return .created(.init(body: .json(Self.bulkJob(revert))))
    }

    /// The contract's limits on a job's body (the generated layer does not check them).
    static func checkBounds(_ body: Components.Schemas.BulkJobInput) throws {
        try APIBounds.check(body.workflow, "workflow", 1...100)
        try APIBounds.count(body.states?.count ?? 0, "states", 0...50)
        for state in body.states ?? [] { try APIBounds.check(state, "states", 1...100) }
        try APIBounds.check(body.division, "division", 0...40)
        try APIBounds.check(body.subIndustry, "subIndustry", 0...100)
        try APIBounds.count(body.instanceIds?.count ?? 0, "instanceIds", 0...10_000)
        for id in body.instanceIds ?? [] { try APIBounds.check(id, "instanceIds", 1...100) }
        let map = body.stateMap?.additionalProperties ?? [:]
        try APIBounds.count(map.count, "stateMap", 0...50)
        // The contract bounds the values; a key that is no state of the workflow (empty, too long)
        // is the store's refusal (422), as on the page.
        for to in map.values { try APIBounds.check(to, "stateMap", 1...100) }
        try APIBounds.check(body.reason, "reason", 0...500)
        try APIBounds.check(body.fromUser, "fromUser", 0...100)
        try APIBounds.check(body.toUser, "toUser", 0...100)
        try APIBounds.check(body.restartState, "restartState", 0...100)
        if let version = body.version { try APIBounds.value(version, "version", 1...1000) }
        if let target = body.targetVersion { try APIBounds.value(target, "targetVersion", 1...1000) }
        if let days = body.olderThanDays { try APIBounds.value(days, "olderThanDays", 0...36_500) }
    }

    /// A job that cannot be made as asked is 422 with the refusal's message; nothing was written.
    func bulkRefusalAsInvalid<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refusal as BulkRefusal {
            throw AppError(.unprocessableContent, code: "invalid_input", message: refusal.message)
        }
    }

    func reachableBulkJob(_ id: String) async throws -> BulkJob {
        let identity = try identity(for: .bulkManage)
        guard let job = try await services.store.bulk.job(id, programmeId: identity.programmeId) else {
            throw AppError(.notFound, code: "not_found", message: BulkText.notFound)
        }
        return job
    }

    /// A step the job is not ready for is a 409 with the refusal's message.
    func bulkStep<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refusal as BulkRefusal {
            throw AppError(.conflict, code: "bulk_refused", message: refusal.message)
        }
    }

    static func bulkJob(_ job: BulkJob) -> Components.Schemas.BulkJob {
        .init(
            id: job.id, operation: .init(rawValue: job.operation.rawValue) ?? .migrate,
            status: .init(rawValue: job.status.rawValue) ?? .queued, total: job.total, moved: job.moved, skipped: job.skipped,
            failed: job.failed, createdBy: job.createdByName, createdAt: job.createdAt)
    }
}
