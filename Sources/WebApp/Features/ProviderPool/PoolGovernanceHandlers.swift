import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The pool's supervision (policy 002 第七条, 第八条): the bureau records a member's annual grade,
/// a complaint's finding and a removal for one of the eight reasons, each with its evidence; an
/// unqualified grade and the third verified complaint remove the provider by themselves; every
/// removal is published on a public notice (`/providers/removals`, no sign-in).
struct PoolGovernanceHandlers {
    let services: AppServices

    /// `GET /providers/removals`: the public notice, every programme's removals with its name.
    func notice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let removals = try await services.store.providers.poolRemovals(programmeId: nil)
        let names = Dictionary(
            uniqueKeysWithValues: try await services.store.programmes.programmes().map { ($0.id, $0.name) })
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken,
            path: "/providers/removals")
        return .html(PoolNoticeView(layout: layout).render(removals, programmeNames: names))
    }

    /// `POST /providers/grades`: year, the score — one overall, or one per criterion of the
    /// programme's `pool_evaluation` with the enterprises' feedback computed (`GradeSheet`) — and evidence.
    func grade(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await record(request, context, action: "graded", try await gradeRule(identity))
    }

    /// The grade's own checks (page and API): a year 2020–2100 and the sheet's scores.
    func gradeRule(_ identity: Identity) async throws -> Rule {
        let criteria = try await services.store.programmes.programme(id: identity.programmeId)?.definition?.poolEvaluation
        let ratings = try await services.store.providers.contractorRatings(programmeId: identity.programmeId)
        return { form, errors in
            let year = Int(form["year"] ?? "").flatMap { (2020...2100).contains($0) ? $0 : nil }
            if year == nil { errors.append(FieldError(field: "year", message: PoolText.yearProblem)) }
            let theirs = ratings.filter { $0.contractorOrgId == form["provider"] }.map(\.score)
            let sheet = GradeSheet.read(form, criteria: criteria, ratings: theirs, errors: &errors)
            guard let year, let sheet else { return nil }
            let score = sheet.score
            let detail = "\(year): \(score)" + (sheet.breakdown.isEmpty ? "" : "（\(sheet.breakdown)）")
            return (detail, { member throws(PoolMember.Refusal) in try member.grade(year: year, score: score) })
        }
    }

    /// `POST /providers/complaints/filed`: an enterprise or another provider complains about a pool
    /// member (第八条(4)); the complaint waits for the district's finding.
    func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let model = try await ProviderHandlers(services: services).model(identity)
        let errors = try await file(identity, model, provider: form["provider"], summary: form["summary"]).errors
        guard errors.isEmpty else { return try await refuse(context, identity, model, form, errors) }
        return .redirect("/providers?pool=filed")
    }

    /// Files a complaint about another pool member in good standing, for the page and the API: the
    /// complaint's id, or every problem (nothing written).
    func file(
        _ identity: Identity, _ model: ProvidersView.Model, provider providerId: String?, summary typed: String?
    ) async throws -> (complaintId: String?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let provider = model.providers.first {
            $0.organisation.id == providerId && $0.organisation.id != identity.account.organisationId
                && model.members[$0.organisation.id]?.isInGoodStanding == true
        }?.organisation
        if provider == nil { errors.append(FieldError(field: "provider", message: PoolText.chooseProvider)) }
        let summary = Self.summary(FormBody(values: ["summary": typed ?? ""]), &errors)
        guard errors.isEmpty, let provider, let summary else { return (nil, errors) }
        let id = services.store.ids.make("cpl")
        let outcome = try await services.store.providers.changePoolMember(
            organisationId: provider.id, programmeId: identity.programmeId, action: "complaint_filed", detail: "\(id) \(summary)",
            evidence: "", by: identity.account.id
        ) { member throws(PoolMember.Refusal) in
            guard member.isInGoodStanding else { throw .notInPool }
            member.fileComplaint(id: id)
            return .recorded
        }
        guard case .success = outcome else { return (nil, [FieldError(field: "provider", message: PoolText.chooseProvider)]) }
        return (id, [])
    }

    /// `POST /providers/complaints`: the district's finding — on a complaint filed earlier
    /// (`complaint`), or on one it received otherwise and records with its summary now.
    func complaint(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await record(request, context, action: "complaint", complaintRule())
    }

    /// The finding's own checks (page and API): a filed complaint's id, or a summary; the finding.
    func complaintRule() -> Rule {
        let newId = services.store.ids.make("cpl")
        return { form, errors in
            let filed = form["complaint"].flatMap { $0.isEmpty ? nil : $0 }
            let summary = filed == nil ? Self.summary(form, &errors) : nil
            let finding = Self.finding(form, &errors)
            guard let finding, errors.isEmpty else { return nil }
            let id = filed ?? newId
            return (
                "\(finding ? "verified" : "not_verified"): \(filed ?? summary ?? "")",
                { member throws(PoolMember.Refusal) in
                    if filed == nil { member.fileComplaint(id: id) }
                    return try member.decideComplaint(id: id, verified: finding)
                }
            )
        }
    }

    /// What the complaint says: required, at most 500 characters.
    static func summary(_ form: FormBody, _ errors: inout [FieldError]) -> String? {
        let summary = (form["summary"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty, summary.count <= 500 else {
            errors.append(FieldError(field: "summary", message: PoolText.summaryNeeded))
            return nil
        }
        return summary
    }

    /// The district's finding: verified (属实) or not.
    static func finding(_ form: FormBody, _ errors: inout [FieldError]) -> Bool? {
        switch form["finding"] {
        case "verified": return true
        case "not_verified": return false
        default:
            errors.append(FieldError(field: "finding", message: PoolText.chooseFinding))
            return nil
        }
    }

    /// `POST /providers/removals`: one of the six reasons recorded by hand, with its evidence.
    func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await record(request, context, action: "removal", Self.removalRule())
    }

    /// The removal's own check (page and API): a reason the bureau records by hand.
    static func removalRule() -> Rule {
        { form, errors in
            guard let reason = RemovalReason(rawValue: form["reason"] ?? ""), !reason.isAutomatic else {
                errors.append(FieldError(field: "reason", message: PoolText.chooseReason))
                return nil
            }
            return (reason.rawValue, { member throws(PoolMember.Refusal) in try member.remove(reason) })
        }
    }

    typealias Change = @Sendable (inout PoolMember) throws(PoolMember.Refusal) -> PoolMember.Effect
    /// A record's own checks: the change and its detail, or nil with `errors` naming each field.
    typealias Rule = (FormBody, inout [FieldError]) -> (detail: String, change: Change)?

    /// Reads the form (CSRF), then `record`s; any problem re-shows the pool page with 422.
    func record(
        _ request: Request, _ context: AppRequestContext, action: String, _ rule: Rule
    ) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let model = try await ProviderHandlers(services: services).model(identity)
        switch try await record(identity, model, form, action: action, rule) {
        case .success(.removed): return .redirect("/providers?pool=removed")
        case .success(.recorded): return .redirect("/providers?pool=recorded")
        case .failure(let problems): return try await refuse(context, identity, model, form, problems.list)
        }
    }

    /// Checks the provider and the evidence and what `rule` checks, for the page and the API (whose
    /// JSON is read into the same names); then applies the change in one transaction. Nothing is
    /// written on a problem.
    func record(
        _ identity: Identity, _ model: ProvidersView.Model, _ form: FormBody, action: String, _ rule: Rule
    ) async throws -> Result<PoolMember.Effect, FieldErrors> {
        var errors: [FieldError] = []
        let provider = model.providers.first { $0.organisation.id == form["provider"] }?.organisation
        if provider == nil { errors.append(FieldError(field: "provider", message: PoolText.chooseProvider)) }
        let evidence = (form["evidence"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if evidence.isEmpty || evidence.count > 500 {
            errors.append(FieldError(field: "evidence", message: PoolText.evidenceNeeded))
        }
        let parsed = rule(form, &errors)
        guard errors.isEmpty, let provider, let parsed else { return .failure(FieldErrors(errors)) }
        let outcome = try await services.store.providers.changePoolMember(
            organisationId: provider.id, programmeId: identity.programmeId, action: action, detail: parsed.detail,
            evidence: evidence, by: identity.account.id, parsed.change)
        switch outcome {
        case .success(let effect):
            if case .removed(let reason) = effect {
                services.logger.notice(
                    "provider removed from the pool",
                    metadata: ["provider": .string(provider.id), "reason": .string(reason.rawValue)])
            }
            return .success(effect)
        case .failure(let refusal):
            return .failure(FieldErrors([FieldError(field: "provider", message: refusal.message)]))
        }
    }

    func refuse(
        _ context: AppRequestContext, _ identity: Identity, _ model: ProvidersView.Model, _ form: FormBody,
        _ errors: [FieldError]
    ) async throws -> Response {
        var model = model
        model.typed = form.values
        model.errors = errors
        return .html(
            ProviderHandlers(services: services).view(context, identity).render(
                model, flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
            status: .unprocessableContent)
    }
}
