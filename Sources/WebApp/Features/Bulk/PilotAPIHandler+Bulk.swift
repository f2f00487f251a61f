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
