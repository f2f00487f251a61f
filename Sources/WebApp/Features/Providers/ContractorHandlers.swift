import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// Appointing and replacing main contractors (district bureau, administrator:
/// `contractors.assign`), and enterprises rating theirs. Programme oversight roles may read the
/// page (`contractors.read`).
struct ContractorHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let model = try await model(identity)
        return .html(
            view(context, identity).render(
                model,
                flash: request.uri.queryParameters["done"] == nil
                    ? nil : Flash(kind: .ok, text: ContractorText.done.text(context.language))))
    }

    func model(_ identity: Identity) async throws -> ContractorsView.Model {
        let programmeId = identity.programmeId
        let candidates =
            try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.contractor)
            + (try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.provider))
        return ContractorsView.Model(
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId),
            assignments: try await services.store.providers.contractorAssignments(programmeId: programmeId),
            ratings: try await services.store.providers.contractorRatings(programmeId: programmeId), candidates: candidates,
            canChange: AccessPolicy.allows(identity, .contractorsAssign),
            rounds: try await services.store.providers.contractorRounds(programmeId: programmeId))
    }

    func assign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        var model = try await model(identity)
        let errors = try await appoint(
            identity, model, subIndustryId: form["sub_industry"], organisationId: form["organisation"],
            taskBookNo: form["task_book_no"] ?? "", reason: form["reason"] ?? ""
        ).errors
        if errors.isEmpty { return .redirect(AppPath.contractors.url + "?done=1") }
        model.typed = form.values
        model.errors = errors
        let flash = Flash(kind: .error, text: errors.first?.message.text(context.language) ?? "")
        return .html(view(context, identity).render(model, flash: flash), status: .unprocessableContent)
    }

    /// Appoints the main contractor of a sub-industry, for the page and the API: a pool member in
    /// good standing, a task book number, and a reason when one is replaced. The appointment, or
    /// every problem (nothing written).
    func appoint(
        _ identity: Identity, _ model: ContractorsView.Model, subIndustryId: String?, organisationId: String?,
        taskBookNo: String, reason: String
    ) async throws -> (appointed: ContractorAssignment?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let sub = model.subIndustries.first { $0.id == subIndustryId }
        if sub == nil {
            errors.append(FieldError(field: "sub_industry", message: LocalizedText(zh: "请选择细分行业", en: "Choose a sub-industry")))
        }
        let organisation = model.candidates.first { $0.id == organisationId }
        if organisation == nil {
            errors.append(FieldError(field: "organisation", message: LocalizedText(zh: "请选择服务商", en: "Choose a provider")))
        }
        var member: PoolMember?
        if let organisation {
            member = try await services.store.providers.poolMember(
                organisationId: organisation.id, programmeId: identity.programmeId)
        }
        if let organisation, member == nil {
            errors.append(
                FieldError(
                    field: "organisation",
                    message: LocalizedText(
                        zh: "\(organisation.name) 不是资源池成员，主承包服务商须从数字化服务商资源池中选定",
                        en: "\(organisation.name) is not a pool member; main contractors are chosen from the provider pool")))
        }
        if let organisation, case .removed(let why) = member?.standing {
            errors.append(
                FieldError(
                    field: "organisation",
                    message: LocalizedText(
                        zh: "\(organisation.name) 已被移出资源池（\(why.label.zh)），不能选为主承包服务商",
                        en: "\(organisation.name) was removed from the pool (\(why.label.en)) and cannot be a main contractor")))
        }
        let taskBook = taskBookNo.trimmingCharacters(in: .whitespaces)
        if taskBook.isEmpty || taskBook.count > 50 {
            errors.append(
                FieldError(
                    field: "task_book_no", message: LocalizedText(zh: "请填写承包任务书编号", en: "Enter the contracting task book number"))
            )
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let replacing = model.assignments.contains { $0.subIndustryId == sub?.id && $0.endedAt == nil }
        if replacing && reason.isEmpty {
            errors.append(
                FieldError(field: "reason", message: LocalizedText(zh: "更换主承包服务商须说明原因", en: "Say why the contractor is replaced"))
            )
        }
        guard let sub, let organisation, errors.isEmpty else { return (nil, errors) }
        do {
            let appointed = try await services.store.providers.assignMainContractor(
                programmeId: identity.programmeId, subIndustryId: sub.id, organisationId: organisation.id,
                taskBookNo: taskBook, by: identity.account.id, reason: replacing ? reason : nil)
            return (appointed, [])
        } catch StoreError.conflict {
            return (
                nil,
                [
                    FieldError(
                        field: "organisation",
                        message: LocalizedText(zh: "该服务商已是本细分行业的主承包服务商", en: "That provider is already the main contractor"))
                ]
            )
        }
    }

    func rate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let id = try context.parameters.require("instance")
        try await rate(id, score: form["score"].flatMap { Int($0) }, comment: form["comment"] ?? "", identity)
        return .redirect(AppPath.instance(id).url + "?rated=1")
    }

    /// The project's own enterprise rates the contractor who served it (page and API): 404 out of
    /// sight or no contractor to rate, 403 not the enterprise, 422 a score outside 1–5.
    func rate(_ id: String, score: Int?, comment: String, _ identity: Identity) async throws {
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard let enterprise = instance.subjectOrganisationId,
            identity.actor.grants.contains(where: { $0.role == .enterprise && $0.scope == .organisation(enterprise) })
        else { throw AppError.forbidden }
        guard let score, (1...5).contains(score) else {
            throw AppError(
                .unprocessableContent, code: "invalid_input",
                message: LocalizedText(zh: "评分应为 1–5 的整数", en: "The score must be a whole number 1–5"),
                fields: [FieldError(field: "score", message: LocalizedText(zh: "评分应为 1–5 的整数", en: "1–5"))])
        }
        let comment = String(comment.prefix(2000))
        let current = try await services.store.providers.contractorAssignments(programmeId: instance.programmeId).first(where: {
            $0.subIndustryId == instance.subIndustryId && $0.endedAt == nil
        })
        let finished = services.catalog.latest(instance.definitionId)?.state(instance.state)?.terminal == true
        let filer = instance.participants[ProjectFactRow.planFiling]?.last?.organisationId
        guard
            let rated = DashboardFigures.answerableContractor(
                finished: finished, planFiledBy: filer, current: current?.organisationId)
        else {
            throw AppError.notFound(ContractorText.current)
        }
        try await services.store.providers.rateContractor(
            programmeId: instance.programmeId, contractorOrgId: rated, enterpriseOrgId: enterprise, score: score,
            comment: comment, by: identity.account.id)
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> ContractorsView {
        ContractorsView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.contractors.url))
    }
}
