import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// The project operations of the API: the same services as the project list, registration,
/// publicity and diagnosis pages.
extension PilotAPIHandler {
    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let caller = try identity(for: .projectsList)
        let actor = caller.actor
        var query = ProjectQuery(
            programmeId: caller.programmeId,
            scopes: actor.grants.filter { $0.role != .publicMember && $0.role != .system }.map(\.scope.description))
        query.state = input.query.state
        query.subIndustryId = input.query.subIndustry
        query.divisionCode = input.query.zone
        query.text = input.query.q
        query.sort = input.query.sort.flatMap { ProjectQuery.Sort(rawValue: $0.rawValue) } ?? .updated
        let page = try PageNumber.bounded(input.query.page ?? 1)
        query.offset = PageNumber.offset(page, limit: query.limit)
        let (rows, total) = try await services.store.instances.projects(query)
        let items = rows.map { instance -> Components.Schemas.ProjectSummary in
            let state = services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?.state(
                instance.state)
            let due = state?.slaDays.flatMap { Shanghai.calendar.date(byAdding: .day, value: $0, to: instance.stateEnteredAt) }
            return .init(
                id: instance.id, enterpriseName: instance.data["enterprise_name"]?.stringValue ?? "", state: instance.state,
                stateLabel: APIMapping.text(state?.label ?? LocalizedText(zh: instance.state, en: instance.state)),
                subIndustryId: instance.subIndustryId, zoneId: instance.divisionCode, stateEnteredAt: instance.stateEnteredAt,
                dueOn: due.map(Shanghai.dateText), version: instance.version)
        }
        return .ok(.init(body: .json(.init(items: items, total: total, page: page, pageSize: query.limit))))
    }

    func registerEnterprise(_ input: Operations.RegisterEnterprise.Input) async throws -> Operations.RegisterEnterprise.Output {
        let identity = try identity(for: .enterprisesRegister)
        let programmeId = identity.programmeId
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        func flag(_ value: Bool?) -> String { value == true ? "是" : "否" }
        let raw: [String: String] = [
            "name": body.name, "uscc": body.uscc, "sub_industry": body.subIndustry, "zone": body.zone,
            "street": body.street ?? "",
            "above_scale": flag(body.aboveScale), "specialised": flag(body.specialised), "cloud": flag(body.cloud),
            "contact_name": body.contactName, "contact_phone": body.contactPhone,
            "baseline_level": body.baselineLevel.map(String.init) ?? "",
        ]
        let reference = EnterpriseRecord.Reference(
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId),
            areas: try await services.divisions(of: programmeId))
        switch EnterpriseRecord.validate(raw, reference: reference) {
        case .failure(let problems):
            throw AppError(
                .unprocessableContent, code: "invalid_input",
                message: problems.list.first?.message ?? LocalizedText(zh: "", en: ""),
                fields: problems.list)
        case .success(let record):
            switch try await EnterpriseOnboarding(services: services).admit(
                record, programmeId: programmeId, actor: identity.actor)
            {
            case .duplicate(let existing):
                throw AppError(.conflict, code: "duplicate", message: EnterpriseOnboarding.duplicateMessage(existing))
            case .usernameTaken:
                throw StoreError.conflict("user name")  // no account is made here
            case .created(let organisation, let instanceId):
                return .created(.init(body: .json(.init(organisationId: organisation.id, instanceId: instanceId))))
            }
        }
    }

    func evaluateLevel(_ input: Operations.EvaluateLevel.Input) async throws -> Operations.EvaluateLevel.Output {
        _ = try identity(for: .levelsEvaluate)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        // null or absent is the current edition; anything else must name one (the generated enum
        // also decodes "" — the contract allows null, not an empty name).
        guard let edition = LevelIndexEdition.named(body.edition?.rawValue ?? "2024") else {
            throw AppError(
                .badRequest, code: "bad_request",
                message: LocalizedText(zh: "edition 须为 2024 或 2022", en: "edition must be 2024 or 2022"))
        }
        let assessment = LevelAssessment(
            points: body.points.additionalProperties, ratings: body.ratings?.additionalProperties ?? [:],
            applicableScenarios: Set(body.applicableScenarios ?? []))
        let problems = edition.validate(assessment)
        guard problems.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: problems[0].message,
                fields: problems.map { FieldError(field: $0.field, message: $0.message) })
        }
        let result = edition.evaluate(assessment)
        return .ok(
            .init(
                body: .json(
                    .init(
                        edition: edition.id, level: result.level, levelName: APIMapping.text(result.levelName),
                        totalPoints: result.totalPoints, shortfall: result.shortfall.map { APIMapping.text($0.message) },
                        standings: result.standings.map {
                            .init(
                                level: $0.threshold.level, met: $0.isMet, scenarios: $0.scenarios,
                                constrainedScenarios: $0.constrainedScenarios)
                        }))))
    }

    func listPublicity(_ input: Operations.ListPublicity.Input) async throws -> Operations.ListPublicity.Output {
        try AccessPolicy.require(scope.identity, .publicityRead)
        let notices = try await PublicObjections(services: services).notices().map {
            notice -> Components.Schemas.PublicityNotice in
            let data = notice.instance.data
            return .init(
                instanceId: notice.instance.id, programmeCode: notice.programme.code,
                enterpriseName: data["enterprise_name"]?.stringValue ?? "",
                noticeTitle: data["notice_title"]?.stringValue, noticeText: data["notice_text"]?.stringValue,
                providerName: data["digital_provider_name"]?.stringValue, deliverables: data["deliverables"]?.stringValue,
                approvedSubsidyYuan: data["approved_subsidy"]?.intValue.map { Fen($0).plainYuanText },
                state: notice.instance.state, suspended: notice.instance.state == "suspended",
                lastDay: notice.lastDay.map(Shanghai.dateText))
        }
        // The reading ticket an objection must send back (at least the page's read time later).
        let ticket = ObjectionTicket.issue(
            client: scope.client, now: services.store.clock.now(), key: try await ObjectionTicket.key(services))
        return .ok(.init(headers: .init(xObjectionTicket: ticket), body: .json(notices)))
    }

    func fileObjection(_ input: Operations.FileObjection.Input) async throws -> Operations.FileObjection.Output {
        try AccessPolicy.require(scope.identity, .publicityObject)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        // The page's checks against robots, by API (issue #11): a reading ticket from GET
        // /api/v1/publicity, at least the page's minimum read time old, then the hourly limit.
        let now = services.store.clock.now()
        switch ObjectionTicket.check(
            input.headers.xObjectionTicket, client: scope.client, now: now, key: try await ObjectionTicket.key(services))
        {
        case .valid: break
        // Present (the contract requires the header) but not one we issued to this address.
        case .invalid: throw AppError(.unprocessableContent, code: "objection_ticket_invalid", message: PublicText.ticketRequired)
        case .tooSoon: throw AppError(.unprocessableContent, code: "too_fast", message: PublicText.tooFast)
        }
        guard let instance = try await services.store.instances.instance(input.path.instanceId) else {
            throw AppError.notFound(LocalizedText(zh: "该项目", en: "This project"))
        }
        if let closed = PublicObjections.closedReason(instance) {
            throw AppError(.unprocessableContent, code: "not_allowed_in_state", message: closed)
        }
        let objections = PublicObjections(services: services)
        guard try await objections.admit(instance, client: scope.client) else {
            throw AppError(.tooManyRequests, code: "too_many_requests", message: PublicText.tooMany)
        }
        switch try await objections.file(
            instance, name: body.objectorName, contact: body.objectorContact, objection: body.objection)
        {
        case .applied(let result), .replayed(let result):
            return .created(.init(body: .json(APIMapping.result(result))))
        case .refused(let refusal):
            throw AppError.refusal(refusal)
        }
    }

    func getProgrammeRules(_ input: Operations.GetProgrammeRules.Input) async throws -> Operations.GetProgrammeRules.Output {
        let programmeId = try identity(for: .rulesRead).programmeId
        guard let current = try await services.store.programmes.ruleVersions(programmeId: programmeId).first else {
            throw AppError.notFound(RulesText.title)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        version: current.version, rules: try APIMapping.object(current.rules), changedAt: current.changedAt,
                        reason: current.reason))))
    }
}
