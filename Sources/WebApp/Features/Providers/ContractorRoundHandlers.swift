import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// Choosing a sub-industry's main contractor from the pool on merit (policy 004 §四(五)): the bureau
/// (`contractors.assign`) opens a round, scores each application on the criteria of
/// `Workflows/pool/contractor-criteria.yaml` and selects the winner, which appoints it through the
/// one appointment path (`ProviderRepository.appoint`) in the round's closing transaction. Programme
/// oversight reads the rounds (`contractors.read`). Every refusal answers 422 naming the field and
/// changes nothing.
struct ContractorRoundHandlers {
    let services: AppServices

    /// `POST /contractors/rounds`: sub-industry, the application window, the term, the requirements.
    func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let contractors = ContractorHandlers(services: services)
        var model = try await contractors.model(identity)
        let outcome = try await open(
            identity, subIndustries: model.subIndustries, subIndustryId: form["round_sub_industry"],
            applicationsFrom: form["applications_from"], applicationsUntil: form["applications_until"],
            termUntil: form["term_until"], requirements: form["requirements"])
        guard let round = outcome.round else {
            model.typed = form.values
            model.errors = outcome.errors
            return .html(
                contractors.view(context, identity).render(
                    model, flash: Flash(kind: .error, text: outcome.errors[0].message.text(context.language))),
                status: .unprocessableContent)
        }
        return .redirect(AppPath.contractorRound(round.id).url)
    }

    /// Opens a round, for the page and the API: a sub-industry of the programme, real dates in order
    /// (from ≤ until ≤ term), the requirements. The round, or every problem (nothing written).
    func open(
        _ identity: Identity, subIndustries: [SubIndustry], subIndustryId: String?, applicationsFrom: String?,
        applicationsUntil: String?, termUntil: String?, requirements: String?
    ) async throws -> (round: ContractorRound?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let sub = subIndustries.first { $0.id == subIndustryId }
        if sub == nil { errors.append(FieldError(field: "round_sub_industry", message: ContractorRoundText.chooseSubIndustry)) }
        let from = Self.day(applicationsFrom, "applications_from", &errors)
        let until = Self.day(applicationsUntil, "applications_until", &errors)
        let term = Self.day(termUntil, "term_until", &errors)
        if let from, let until, until < from {
            errors.append(FieldError(field: "applications_until", message: ContractorRoundText.untilBeforeFrom))
        }
        if let until, let term, term < until {
            errors.append(FieldError(field: "term_until", message: ContractorRoundText.termBeforeUntil))
        }
        let requirements = Self.text(requirements, "requirements", &errors, message: ContractorRoundText.requirementsNeeded)
        guard errors.isEmpty, let sub, let from, let until, let term, let requirements else { return (nil, errors) }
        let round = try await services.store.providers.openContractorRound(
            programmeId: identity.programmeId, subIndustryId: sub.id, applicationsFrom: from, applicationsUntil: until,
            termUntil: term, requirements: requirements, by: identity.account.id)
        return (round, [])
    }

    /// `GET /contractors/rounds/{id}`: the round, its applications beside each applicant's pool grade,
    /// the scores, the selection; once closed, the task book's signatures and the periodic review.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let model = try await model(identity, try context.parameters.require("round"))
        let parameters = request.uri.queryParameters
        let flash: Flash? =
            parameters["scored"] != nil
            ? Flash(kind: .ok, text: ContractorRoundText.scored.text(context.language))
            : parameters["selected"] != nil
                ? Flash(kind: .ok, text: ContractorRoundText.selected.text(context.language)) : nil
        return .html(view(context, identity, model.round.id).render(model, flash: flash))
    }

    func model(_ identity: Identity, _ roundId: String) async throws -> ContractorRoundView.Model {
        let store = services.store.providers
        guard let round = try await store.contractorRound(roundId, programmeId: identity.programmeId) else {
            throw AppError.notFound(ContractorRoundText.round)
        }
        let subIndustries = try await services.store.programmes.subIndustries(programmeId: identity.programmeId)
        let assignments = try await store.contractorAssignments(programmeId: identity.programmeId)
        return ContractorRoundView.Model(
            round: round, subIndustry: subIndustries.first { $0.id == round.subIndustryId },
            applications: try await store.contractorApplications(roundId: round.id),
            members: try await store.poolMembers(programmeId: identity.programmeId), criteria: services.contractorCriteria,
            ratings: try await store.contractorRatings(programmeId: identity.programmeId),
            assignment: assignments.first { $0.id == round.assignmentId },
            current: assignments.first { $0.subIndustryId == round.subIndustryId && $0.endedAt == nil },
            signatures: round.isOpen ? [] : try await store.contractorSignatures(roundId: round.id),
            canChange: AccessPolicy.allows(identity, .contractorsAssign))
    }

    /// `POST /contractors/rounds/{id}/scores`: one application's typed criteria (0–100, two decimals at
    /// most); the pool-grade criterion is computed from the applicant's latest grade.
    func score(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let model = try await model(identity, try context.parameters.require("round"))
        let typed = (model.criteria?.typed ?? []).reduce(into: [String: String]()) { typed, criterion in
            typed[criterion.key] = form["score_\(criterion.key)"]
        }
        let errors = try await score(identity, model, applicationId: form["application"], typed: typed)
        guard errors.isEmpty else { return refuse(context, identity, model, form, errors) }
        return .redirect(AppPath.contractorRound(model.round.id).url + "?scored=1")
    }

    /// Scores one application, for the page and the API: each typed criterion (key → text, 0–100, two
    /// decimals at most); the pool-grade criterion from the applicant's latest grade. Every problem,
    /// or none when saved (nothing written on a problem).
    func score(
        _ identity: Identity, _ model: ContractorRoundView.Model, applicationId: String?, typed texts: [String: String]
    ) async throws -> [FieldError] {
        guard let criteria = model.criteria else {
            return [FieldError(field: "application", message: ContractorRoundText.criteriaMissing)]
        }
        var errors: [FieldError] = []
        let application = model.applications.first { $0.id == applicationId }
        if application == nil { errors.append(FieldError(field: "application", message: ContractorRoundText.chooseApplication)) }
        var typed: [String: EvaluationScore] = [:]
        for criterion in criteria.typed {
            let field = "score_\(criterion.key)"
            switch EvaluationScore.parse(texts[criterion.key] ?? "") {
            case .success(let score): typed[criterion.key] = score
            case .failure(let problem):
                errors.append(
                    FieldError(
                        field: field,
                        message: LocalizedText(
                            zh: "\(criterion.name.zh)：\(problem.message.zh)", en: "\(criterion.name.en): \(problem.message.en)")))
            }
        }
        guard errors.isEmpty, let application,
            let scores = criteria.scores(
                typed: typed, grade: model.members[application.organisationId]?.latestGrade?.grade),
            let total = criteria.total(scores)
        else { return errors }
        if let refusal = try await services.store.providers.scoreContractorApplication(
            roundId: model.round.id, programmeId: identity.programmeId, applicationId: application.id,
            scores: scores.mapValues(\.hundredths), total: total, by: identity.account.id)
        {
            return [FieldError(field: "application", message: refusal.message)]
        }
        return []
    }

    /// `POST /contractors/rounds/{id}/selection`: the application chosen, the reason when it is not the
    /// best, the task book's number. Appoints and closes the round in one transaction.
    func select(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let model = try await model(identity, try context.parameters.require("round"))
        let errors = try await select(
            identity, model, applicationId: form["selected_application"], reason: form["selection_reason"] ?? "",
            taskBookNo: form["task_book_no"] ?? "")
        guard errors.isEmpty else { return refuse(context, identity, model, form, errors) }
        return .redirect(AppPath.contractorRound(model.round.id).url + "?selected=1")
    }

    /// Selects the round's main contractor, for the page and the API: an application of the round, a
    /// reason (2,000 characters at most; required when not the best), the task book's number. Every
    /// problem, or none when appointed and closed (nothing written on a problem).
    func select(
        _ identity: Identity, _ model: ContractorRoundView.Model, applicationId: String?, reason: String, taskBookNo: String
    ) async throws -> [FieldError] {
        var errors: [FieldError] = []
        let application = model.applications.first { $0.id == applicationId }
        if application == nil {
            errors.append(FieldError(field: "selected_application", message: ContractorRoundText.chooseApplication))
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count > 2000 { errors.append(FieldError(field: "selection_reason", message: ContractorRoundText.textNeeded)) }
        let taskBook = taskBookNo.trimmingCharacters(in: .whitespaces)
        if taskBook.isEmpty || taskBook.count > 50 {
            errors.append(FieldError(field: "task_book_no", message: ContractorRoundText.taskBookNeeded))
        }
        guard errors.isEmpty, let application else { return errors }
        switch try await services.store.providers.selectMainContractor(
            roundId: model.round.id, programmeId: identity.programmeId, applicationId: application.id, reason: reason,
            taskBookNo: taskBook, by: identity.account.id)
        {
        case .success(let assignment):
            services.logger.notice(
                "main contractor selected",
                metadata: ["round": .string(model.round.id), "organisation": .string(assignment.organisationId)])
            return []
        case .failure(let refusal):
            let field = refusal == .reasonNeeded ? "selection_reason" : "selected_application"
            return [FieldError(field: field, message: refusal.message)]
        }
    }

    func refuse(
        _ context: AppRequestContext, _ identity: Identity, _ model: ContractorRoundView.Model, _ form: FormBody,
        _ errors: [FieldError]
    ) -> Response {
        var model = model
        model.typed = form.values
        model.errors = errors
        return .html(
            view(context, identity, model.round.id).render(
                model, flash: Flash(kind: .error, text: errors.first?.message.text(context.language) ?? "")),
            status: .unprocessableContent)
    }

    func view(_ context: AppRequestContext, _ identity: Identity, _ roundId: String) -> ContractorRoundView {
        ContractorRoundView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken,
                path: AppPath.contractorRound(roundId).url))
    }

    /// A calendar day typed as YYYY-MM-DD (a real date between 2000 and 2100), or an error on `field`.
    static func day(_ typed: String?, _ field: String, _ errors: inout [FieldError]) -> String? {
        let text = (typed ?? "").trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (2000...2100).contains(year),
            let date = Shanghai.calendar.date(from: DateComponents(year: year, month: month, day: day)),
            Shanghai.dateText(date) == text
        else {
            errors.append(FieldError(field: field, message: ContractorRoundText.badDate))
            return nil
        }
        return text
    }

    static func day(_ form: FormBody, _ field: String, _ errors: inout [FieldError]) -> String? {
        day(form[field], field, &errors)
    }

    /// Required text of at most 2,000 characters, or an error on `field`.
    static func text(
        _ typed: String?, _ field: String, _ errors: inout [FieldError], message: LocalizedText = ContractorRoundText.textNeeded
    ) -> String? {
        let text = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2000 else {
            errors.append(FieldError(field: field, message: message))
            return nil
        }
        return text
    }
}
