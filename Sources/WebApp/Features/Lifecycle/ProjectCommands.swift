import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Runs a project command for pages, the API and the demo alike: first the look-ups the engine
/// cannot do itself (it is pure and has no database), then the engine through `WorkflowService`.
///
/// - `assign_reviewers`: every named expert must be an active expert reviewer of the programme,
///   and none may come from the enterprise or from the organisation that filed the plan.
/// - `submit_diagnosis`: when the questionnaire details are given, the level and points must be
///   the ones they compute to (see `DiagnosisAssessment`).
/// - `file_plan`: the provider's credit code must be valid and belong to an organisation in the
///   programme's provider pool; its id becomes the fact `digital_provider_org_id`, which puts the
///   provider's people in the project's scope (see `StandardEffects.involveProvider`).
struct ProjectCommands: Sendable {
    let services: AppServices

    func execute(_ command: Command, actor: Actor) async throws -> WorkflowService.Outcome {
        guard let instance = try await services.store.instances.instance(command.instanceId) else {
            throw AppError.notFound(LocalizedText(zh: "该项目", en: "This project"))
        }
        var command = command
        // Look-ups only for someone who may take the transition at all: anyone else is refused
        // by the engine (403/404) without learning anything from a look-up's answer.
        let roles = Set(
            services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?
                .transition(command.transitionId)?.roles ?? [])
        guard !actor.grants(covering: instance.scopeKeys, roles: roles).isEmpty else {
            return try await services.workflows.execute(command, actor: actor)
        }
        let admission = try await AdmissionChecks(services: services).problems(command, instance, actor: actor)
        if !admission.isEmpty { return .refused(.invalidInput(admission)) }
        switch command.transitionId {
        case "assign_reviewers":
            if let errors = try await checkPanel(command.input["reviewer_ids"]?.stringValue, instance), !errors.isEmpty {
                return .refused(.invalidInput(errors))
            }
        case "file_plan":
            switch try await providerFact(command.input["digital_provider_uscc"]?.stringValue, instance) {
            case .organisation(let id): command.facts["digital_provider_org_id"] = .string(id)
            case .notGiven: break
            case .problem(let error): return .refused(.invalidInput([error]))
            }
        case "terminate":
            // The recovery cannot exceed what was paid (the ledger would refuse it afterwards).
            if let text = command.input["funds_to_recover"]?.stringValue, let stated = try? Fen.parseYuan(text),
                let project = try await FundsService(services: services).book(instance.programmeId).projects[instance.id]
            {
                let paid = project.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount }
                if stated > paid {
                    return .refused(
                        .invalidInput([
                            FieldError(
                                field: "funds_to_recover",
                                message: LocalizedText(
                                    zh: "应追回资金不能超过已拨付的 \(paid.yuanText) 元",
                                    en: "At most the ¥\(paid.yuanText) paid can be recovered"))
                        ]))
                }
            }
        case "close_project":
            let typed = command.input["subsidy_paid_total"]?.stringValue.flatMap { try? Fen.parseYuan($0).value }
            if let problem = try await FundsService(services: services).closingProblem(instance, typedTotal: typed) {
                return .refused(.invalidInput([problem]))
            }
        case "submit_diagnosis":
            let (errors, _) = DiagnosisAssessment.check(command.input)
            if !errors.isEmpty { return .refused(.invalidInput(errors)) }
        default:
            break
        }
        // Issue #15: application windows, record slots and the acceptance check, as facts the
        // guard `records_complete` reads (set here only, never taken from the caller).
        command.facts[ProjectRecordRepository.fundWindowFact] = nil
        command.facts[ProjectRecordRepository.problemsFact] = nil
        let records = try await RecordsFacts(services: services).facts(for: command, instance)
        command.facts.merge(records) { _, new in new }
        let outcome = try await services.workflows.execute(command, actor: actor)
        if case .applied = outcome,
            services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?.transition(
                command.transitionId)?.changesFunds == true
        {
            // The decision queued the project for the funds book in its own transaction; settling
            // now only saves the next reader the work. If it fails the queue keeps it (every funds
            // change, the finance page and the background drain settle it), so nothing is lost.
            do {
                try await FundsService(services: services).settled(instance.programmeId)
            } catch {
                services.logger.warning("funds settle after a decision deferred: \(String(reflecting: error))")
            }
        }
        return outcome
    }

    func checkPanel(_ text: String?, _ instance: InstanceSnapshot) async throws -> [FieldError]? {
        let ids = ReviewPanel.parseIds(text)
        guard !ids.isEmpty else { return nil }  // the engine reports the missing field
        let experts = try await services.store.parties.people(programmeId: instance.programmeId, role: .expertReviewer)
        let byId = Dictionary(experts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Those whose work the panel judges: whoever filed the plan, the enterprise, and the
        // plan's digital provider (its own experts may not score it either).
        var interested = Set((instance.participants["file_plan"] ?? []).compactMap(\.organisationId))
        if let enterprise = instance.subjectOrganisationId { interested.insert(enterprise) }
        if let provider = instance.data["digital_provider_org_id"]?.stringValue { interested.insert(provider) }
        var errors: [FieldError] = []
        for id in ids {
            guard let expert = byId[id] else {
                errors.append(
                    FieldError(
                        field: "reviewer_ids",
                        message: LocalizedText(zh: "“\(id)”不是本试点的评审专家", en: "'\(id)' is not an expert reviewer of this programme")
                    ))
                continue
            }
            if let organisation = expert.organisationId, interested.contains(organisation) {
                errors.append(
                    FieldError(
                        field: "reviewer_ids",
                        message: LocalizedText(
                            zh: "\(expert.name)与报送单位、企业或方案中的数字化服务商同属一个单位，应回避",
                            en:
                                "\(expert.name) belongs to the filing organisation, the enterprise or the plan's digital provider and must step aside"
                        )))
            }
        }
        return errors
    }

    enum ProviderLookup {
        case organisation(String)
        case notGiven
        case problem(FieldError)
    }

    func providerFact(_ text: String?, _ instance: InstanceSnapshot) async throws -> ProviderLookup {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .notGiven }
        let field = "digital_provider_uscc"
        let uscc: USCC
        do {
            uscc = try USCC(validating: text)
        } catch {
            return .problem(FieldError(field: field, message: error.message))
        }
        guard
            let organisation = try await services.store.parties.organisation(uscc: uscc.value, programmeId: instance.programmeId),
            organisation.kind == OrganisationKind.provider
        else {
            return .problem(
                FieldError(
                    field: field,
                    message: LocalizedText(
                        zh: "统一社会信用代码 \(uscc.value) 不在本试点的数字化服务商资源池中",
                        en: "No provider with credit code \(uscc.value) is in this programme's provider pool")))
        }
        // A provider removed from the pool (policy 002 第八条) cannot be named on a new plan.
        let member = try await services.store.providers.poolMember(
            organisationId: organisation.id, programmeId: instance.programmeId)
        if case .removed(let reason) = member?.standing {
            return .problem(
                FieldError(
                    field: field,
                    message: LocalizedText(
                        zh: "\(organisation.name) 已被移出数字化服务商资源池（\(reason.label.zh)），不能列入新的改造方案",
                        en:
                            "\(organisation.name) was removed from the provider pool (\(reason.label.en)) and cannot be named on a new plan"
                    )))
        }
        return .organisation(organisation.id)
    }
}

/// The kinds of organisation the pages distinguish (`organisations.kind`).
enum OrganisationKind {
    static let enterprise = "enterprise"
    static let provider = "provider"
    static let contractor = "contractor"
}
