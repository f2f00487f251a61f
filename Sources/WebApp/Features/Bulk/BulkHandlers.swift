import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// The bulk pages (issue #17): the job list and the form for a new one, a job's page with its
/// dry-run table, progress and results, and the buttons that dry-run, run and revert. The run
/// itself happens in `BulkJobService`, in whichever server process takes the job's lease.
struct BulkHandlers {
    let services: AppServices

    var runner: BulkRunner { BulkRunner(service: services.workflows) }
    var notFound: AppError { AppError(.notFound, code: "not_found", message: BulkText.notFound) }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return .html(try await renderList(context, identity, form: [:], flash: nil))
    }

    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        do {
            let parameters = try await self.parameters(form, identity)
            let operation = BulkOperation(rawValue: form["operation"] ?? "") ?? .migrate
            let job = try await services.store.bulk.createJob(
                programmeId: identity.programmeId, operation: operation, parameters: parameters, by: identity.changeActor,
                catalog: services.workflows.catalog)
            return .redirect("/bulk/\(job.id)?done=created")
        } catch let refusal as BulkRefusal {
            let flash = Flash(kind: .error, text: refusal.message.text(context.language))
            return .html(
                try await renderList(context, identity, form: form.values, flash: flash), status: .unprocessableContent)
        }
    }

    /// The job's parameters from the form; a bad number or a bad CSV is a `BulkRefusal`.
    func parameters(_ form: FormBody, _ identity: Identity) async throws -> BulkParameters {
        func number(_ field: String) throws -> Int? {
            let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                throw BulkRefusal(zh: "\(field)：" + BulkText.badNumber.zh, en: "\(field): " + BulkText.badNumber.en)
            }
            return value
        }
        func text(_ field: String) -> String? {
            let value = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        var filter = BulkFilter(
            definitionId: text("workflow") ?? "enterprise-project", definitionVersion: try number("version"),
            states: (form["states"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }, division: text("division"), subIndustryId: text("sub_industry"), enteredBeforeDays: try number("older_than_days"))
        if let csv = text("csv") {
            filter.instanceIds = try await services.store.bulk.instanceIds(fromCSV: csv, programmeId: identity.programmeId)
        }
        var stateMap: [String: String] = [:]
        for line in (form["state_map"] ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw BulkRefusal(zh: "状态映射“\(line)”应为 旧=新", en: "State map line '\(line)' is not old=new")
            }
            stateMap[parts[0]] = parts[1]
        }
        return BulkParameters(
            filter: filter, targetVersion: try number("target_version"), stateMap: stateMap, reason: text("reason"),
            fromUserId: text("from_user"), toUserId: text("to_user"), restartState: text("restart_state"),
            actorRoles: identity.actor.roles.sorted { $0.rawValue < $1.rawValue })
    }

    func job(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let job = try await reachable(context, identity)
        let page = max(0, Int(request.uri.queryParameters["page"].map(String.init) ?? "") ?? 0)
        let items = try await services.store.bulk.items(
            jobId: job.id, limit: BulkJobView.pageSize, offset: page * BulkJobView.pageSize)
        let counts = try await services.store.bulk.planCounts(jobId: job.id)
        let flash: Flash? =
            switch request.uri.queryParameters["done"].map(String.init) {
            case "created": Flash(kind: .ok, text: BulkText.created.text(context.language))
            case "planned": Flash(kind: .ok, text: BulkText.planned.text(context.language))
            case "started": Flash(kind: .ok, text: BulkText.started.text(context.language))
            default: nil
            }
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/bulk")
        return .html(BulkJobView(layout: layout).render(job, items: items, page: page, planCounts: counts, flash: flash))
    }

    func dryRun(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let job = try await reachable(context, identity)
        try await refusalAsConflict { try await runner.dryRun(jobId: job.id, programmeId: identity.programmeId) }
        return .redirect("/bulk/\(job.id)?done=planned")
    }

    func run(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let job = try await reachable(context, identity)
        try await refusalAsConflict { try await runner.start(jobId: job.id, programmeId: identity.programmeId) }
        return .redirect("/bulk/\(job.id)?done=started")
    }

    func revert(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let job = try await reachable(context, identity)
        let revert = try await refusalAsConflict {
            let made = try await services.store.bulk.createRevert(
                of: job.id, programmeId: identity.programmeId, by: identity.changeActor)
            try await runner.dryRun(jobId: made.id, programmeId: identity.programmeId)
            return made
        }
        return .redirect("/bulk/\(revert.id)?done=planned")
    }

    /// A job of the actor's programme, else 404 (never another programme's).
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> BulkJob {
        guard let job = try await services.store.bulk.job(context.parameters.require("job"), programmeId: identity.programmeId)
        else { throw notFound }
        return job
    }

    /// A refused step (wrong status, nothing to revert) is a 409 with the message in both languages.
    func refusalAsConflict<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let refusal as BulkRefusal {
            throw AppError(.conflict, code: "bulk_refused", message: refusal.message)
        }
    }

    func renderList(
        _ context: AppRequestContext, _ identity: Identity, form: [String: String], flash: Flash?
    ) async throws -> HTML {
        let jobs = try await services.store.bulk.jobs(programmeId: identity.programmeId)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/bulk")
        let workflows = services.workflows.catalog.latestDefinitions.map(\.id)
        return BulkListView(layout: layout).render(jobs, workflows: workflows, form: form, flash: flash)
    }
}
