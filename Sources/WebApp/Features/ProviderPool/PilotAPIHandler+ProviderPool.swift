import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// `/api/v1/providers…` and `/api/v1/pool…`: the provider pool as data — admission, the annual
/// grade, complaints and removals, the calls and applications — through the pages' own rules
/// (`ProviderHandlers.admit`, `PoolGovernanceHandlers.record`/`.file` with the same rules,
/// `CallHandlers.open`/`.apply`, `ApplicationListHandlers.applications`,
/// `PoolResultsHandlers.results`) and the same `providers.*` and `admission.*` actions.
extension PilotAPIHandler {
    func listPoolProviders(_ input: Operations.ListPoolProviders.Input) async throws -> Operations.ListPoolProviders.Output {
        let identity = try identity(for: .providersRead)
        let model = try await ProviderHandlers(services: services).model(identity)
        let open = Self.openComplaintCounts(model.members)
        return .ok(
            .init(
                body: .json(
                    model.providers.map {
                        Self.poolProvider(
                            $0.organisation, categories: $0.categories, member: model.members[$0.organisation.id], open)
                    })))
    }

    func admitProvider(_ input: Operations.AdmitProvider.Input) async throws -> Operations.AdmitProvider.Output {
        let identity = try identity(for: .providersAdmit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.name, "name", 0...200)
        try APIBounds.check(body.uscc, "uscc", 0...50)
        try APIBounds.count(body.categories.count, "categories", 0...20)
        for category in body.categories { try APIBounds.check(category, "categories", 0...50) }
        let outcome = try await ProviderHandlers(services: services).admit(
            identity, name: body.name, uscc: body.uscc, categories: body.categories)
        guard let admitted = outcome.admitted else { throw Self.invalidInput(outcome.errors) }
        let member = try await services.store.providers.poolMember(organisationId: admitted.id, programmeId: identity.programmeId)
        return .created(.init(body: .json(Self.poolProvider(admitted, categories: body.categories, member: member, [:]))))
    }

    func listPoolGrades(_ input: Operations.ListPoolGrades.Input) async throws -> Operations.ListPoolGrades.Output {
        try AccessPolicy.require(scope.identity, .providersGrades)
        let results = try await PoolResultsHandlers(services: services).results(year: input.query.year, language: .zh)
        return .ok(
            .init(
                body: .json(
                    .init(
                        year: results.year, years: results.years,
                        rows: results.rows.map { row in
                            .init(
                                programmeId: row.programmeId, programmeName: row.programme, organisationId: row.organisationId,
                                organisationName: row.provider, score: row.score?.description,
                                grade: .init(rawValue: row.grade.rawValue) ?? .unqualified)
                        }))))
    }

    func gradePoolProvider(_ input: Operations.GradePoolProvider.Input) async throws -> Operations.GradePoolProvider.Output {
        let identity = try identity(for: .providersGovern)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.providerId, "provider_id", 0...100)
        try APIBounds.value(body.year, "year", 2020...2100)
        try APIBounds.check(body.score, "score", 0...10)
        try APIBounds.check(body.evidence, "evidence", 0...500)
        let items = body.items?.additionalProperties ?? [:]
        try APIBounds.count(items.count, "items", 0...20)
        var values = ["provider": body.providerId, "year": String(body.year), "evidence": body.evidence]
        for (id, score) in items {
            try APIBounds.check(score, "items", 0...10)
            values["item_" + id] = score
        }
        if let score = body.score { values["score"] = score }
        let handlers = PoolGovernanceHandlers(services: services)
        return .ok(
            .init(
                body: .json(
                    try await poolRecord(
                        identity, FormBody(values: values), action: "graded", try await handlers.gradeRule(identity)))
            ))
    }

    func listOpenComplaints(_ input: Operations.ListOpenComplaints.Input) async throws -> Operations.ListOpenComplaints.Output {
        let identity = try identity(for: .providersGovern)
        let open = try await services.store.providers.openComplaints(programmeId: identity.programmeId)
        return .ok(
            .init(
                body: .json(
                    open.map { complaint in
                        // The filed event's detail is "<id> <summary>".
                        let detail = complaint.event.detail
                        let summary =
                            detail.hasPrefix(complaint.complaintId + " ")
                            ? String(detail.dropFirst(complaint.complaintId.count + 1)) : detail
                        return .init(
                            complaintId: complaint.complaintId, providerId: complaint.event.organisationId,
                            providerName: complaint.event.organisationName, summary: summary, filedAt: complaint.event.at)
                    })))
    }

    func recordComplaintFinding(
        _ input: Operations.RecordComplaintFinding.Input
    ) async throws -> Operations.RecordComplaintFinding.Output {
        let identity = try identity(for: .providersGovern)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.providerId, "provider_id", 0...100)
        try APIBounds.check(body.complaintId, "complaint_id", 0...100)
        try APIBounds.check(body.summary, "summary", 0...500)
        try APIBounds.check(body.evidence, "evidence", 0...500)
        var values = ["provider": body.providerId, "finding": body.finding.rawValue, "evidence": body.evidence]
        if let complaint = body.complaintId { values["complaint"] = complaint }
        if let summary = body.summary { values["summary"] = summary }
        let rule = PoolGovernanceHandlers(services: services).complaintRule()
        return .ok(.init(body: .json(try await poolRecord(identity, FormBody(values: values), action: "complaint", rule))))
    }

    func fileProviderComplaint(
        _ input: Operations.FileProviderComplaint.Input
    ) async throws -> Operations.FileProviderComplaint.Output {
        let identity = try identity(for: .providersComplain)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.providerId, "provider_id", 0...100)
        try APIBounds.check(body.summary, "summary", 0...500)
        let model = try await ProviderHandlers(services: services).model(identity)
        let outcome = try await PoolGovernanceHandlers(services: services).file(
            identity, model, provider: body.providerId, summary: body.summary)
        guard let id = outcome.complaintId else { throw Self.invalidInput(outcome.errors) }
        return .created(.init(body: .json(.init(complaintId: id, providerId: body.providerId))))
    }

    func listPoolRemovals(_ input: Operations.ListPoolRemovals.Input) async throws -> Operations.ListPoolRemovals.Output {
        try AccessPolicy.require(scope.identity, .providersRemovalNotice)
        let removals = try await services.store.providers.poolRemovals(programmeId: nil)
        let names = Dictionary(
            uniqueKeysWithValues: try await services.store.programmes.programmes().map { ($0.id, $0.name.zh) })
        return .ok(
            .init(
                body: .json(
                    removals.map { event in
                        .init(
                            programmeId: event.programmeId, programmeName: names[event.programmeId] ?? "",
                            organisationId: event.organisationId, organisationName: event.organisationName, reason: event.detail,
                            articleItem: RemovalReason(rawValue: event.detail)?.article, evidence: event.evidence,
                            removedAt: event.at)
                    })))
    }

    func removePoolProvider(_ input: Operations.RemovePoolProvider.Input) async throws -> Operations.RemovePoolProvider.Output {
        let identity = try identity(for: .providersGovern)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.providerId, "provider_id", 0...100)
        try APIBounds.check(body.evidence, "evidence", 0...500)
        let values = ["provider": body.providerId, "reason": body.reason.rawValue, "evidence": body.evidence]
        return .ok(
            .init(
                body: .json(
                    try await poolRecord(
                        identity, FormBody(values: values), action: "removal", PoolGovernanceHandlers.removalRule()))))
    }

    func listPoolCalls(_ input: Operations.ListPoolCalls.Input) async throws -> Operations.ListPoolCalls.Output {
        try AccessPolicy.require(scope.identity, .admissionCalls)
        let model = try await CallHandlers(services: services).model(scope.identity)
        return .ok(.init(body: .json(model.calls.map { Self.poolCall($0, today: model.today, applied: model.applied[$0.id]) })))
    }

    func openPoolCall(_ input: Operations.OpenPoolCall.Input) async throws -> Operations.OpenPoolCall.Output {
        let identity = try identity(for: .admissionOpenCall)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.year, "year", 2020...2100)
        try APIBounds.check(body.title, "title", 0...200)
        try APIBounds.check(body.opensOn, "opens_on", 0...10)
        try APIBounds.check(body.closesOn, "closes_on", 0...10)
        try APIBounds.check(body.requirements, "requirements", 0...8000)
        let outcome = try await CallHandlers(services: services).open(
            identity, year: String(body.year), title: body.title, opensOn: body.opensOn, closesOn: body.closesOn,
            requirements: body.requirements)
        guard let call = outcome.call else { throw Self.invalidInput(outcome.errors) }
        return .created(
            .init(body: .json(Self.poolCall(call, today: Shanghai.dateText(services.store.clock.now()), applied: nil))))
    }

    func listPoolApplications(
        _ input: Operations.ListPoolApplications.Input
    ) async throws -> Operations.ListPoolApplications.Output {
        let identity = try identity(for: .admissionList)
        try APIBounds.check(input.query.state, "state", 0...100)
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let state = input.query.state.flatMap { $0.isEmpty ? nil : $0 }
        let (rows, total, definition) = try await Self.filterRefused {
            try await ApplicationListHandlers(services: services).applications(identity, state: state, page: page)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: rows.map { instance in
                            .init(
                                instanceId: instance.id, providerName: instance.subjectName ?? instance.id,
                                uscc: instance.data["uscc"]?.stringValue,
                                divisionName: instance.data["division_name"]?.stringValue,
                                callTitle: instance.data["call_title"]?.stringValue, state: instance.state,
                                stateLabel: APIMapping.text(
                                    definition?.state(instance.state)?.label
                                        ?? LocalizedText(zh: instance.state, en: instance.state)),
                                version: instance.version)
                        }, total: total, page: page, pageSize: ApplicationListHandlers.pageSize))))
    }

    func applyToPool(_ input: Operations.ApplyToPool.Input) async throws -> Operations.ApplyToPool.Output {
        let identity = try identity(for: .admissionApply)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.callId, "call_id", 0...100)
        try APIBounds.check(body.division, "division", 0...20)
        switch try await CallHandlers(services: services).apply(identity, callId: body.callId, division: body.division) {
        case .success(let id): return .created(.init(body: .json(.init(instanceId: id))))
        case .failure(let problems): throw Self.invalidInput(problems.list)
        }
    }

    // MARK: Helpers

    /// One pool record through the page's `record` (provider, evidence, the rule), then the member
    /// as it is now; every problem is `422 invalid_input`.
    func poolRecord(
        _ identity: Identity, _ form: FormBody, action: String, _ rule: PoolGovernanceHandlers.Rule
    ) async throws -> Components.Schemas.PoolProviderView {
        let handlers = ProviderHandlers(services: services)
        let model = try await handlers.model(identity)
        if case .failure(let problems) = try await PoolGovernanceHandlers(services: services).record(
            identity, model, form, action: action, rule)
        {
            throw Self.invalidInput(problems.list)
        }
        let after = try await handlers.model(identity)
        guard let provider = after.providers.first(where: { $0.organisation.id == form["provider"] }) else {
            throw AppError.notFound(PoolText.provider)
        }
        return Self.poolProvider(
            provider.organisation, categories: provider.categories, member: after.members[provider.organisation.id],
            Self.openComplaintCounts(after.members))
    }

    /// A filter value the page refuses with 400 (a hand-typed URL) is well-formed API input that the
    /// programme's data refuses: `422` with the same code and message.
    static func filterRefused<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as AppError where error.status == .badRequest {
            throw AppError(.unprocessableContent, code: error.code, message: error.message, fields: error.fields)
        }
    }

    static func openComplaintCounts(_ members: [String: PoolMember]) -> [String: Int] {
        members.mapValues { $0.complaints.count { $0.verified == nil } }
    }

    static func poolProvider(
        _ organisation: Organisation, categories: [String], member: PoolMember?, _ openComplaints: [String: Int]
    ) -> Components.Schemas.PoolProviderView {
        var standing = Components.Schemas.PoolProviderView.StandingPayload.notMember
        var reason: Components.Schemas.PoolProviderView.RemovalReasonPayload?
        switch member?.standing {
        case .admitted: standing = .admitted
        case .removed(let why):
            standing = .removed
            reason = .init(rawValue: why.rawValue)
        case nil: break
        }
        return .init(
            id: organisation.id, name: organisation.name, uscc: organisation.uscc,
            kind: organisation.kind == OrganisationKind.contractor ? .contractor : .provider, categories: categories,
            standing: standing, removalReason: reason,
            grades: (member?.grades ?? [:]).sorted { $0.key > $1.key }.map { year, grade in
                .init(
                    year: year, grade: .init(rawValue: grade.rawValue) ?? .unqualified,
                    score: member?.scores?[year]?.description)
            }, openComplaints: openComplaints[organisation.id] ?? 0)
    }

    static func poolCall(_ call: PoolCall, today: String, applied: String?) -> Components.Schemas.PoolCallView {
        .init(
            id: call.id, programmeId: call.programmeId, year: call.year, title: call.title, opensOn: call.opensOn,
            closesOn: call.closesOn, requirements: call.requirements, openToday: call.isOpen(on: today),
            applicationInstanceId: applied)
    }
}
