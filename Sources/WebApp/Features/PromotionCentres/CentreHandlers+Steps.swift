import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The steps on one centre after it is filed: the lead's correction and yearly self-assessment, the
/// district's screening, the city's decision. Each checks its form first and re-shows the centre
/// with 422 on a problem; the change itself is one transaction with its history row, and a refusal
/// by the rules (a step the centre's status does not allow, a second self-assessment of a year)
/// writes nothing.
extension CentreHandlers {
    /// `POST /centres/{id}/correction`: the lead files the returned application again, corrected;
    /// a document not uploaded again stays as it was.
    func correct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (upload, identity) = try await CentreUpload.read(request, context)
        let record = try await reachable(context, identity)
        guard CentreAccess(identity: identity).isLead(record) else { throw AppError.forbidden }
        let before = record.centre.application
        var errors: [FieldError] = []
        let plan = upload.document(.plan, centreId: record.id, identity: identity, services: services, errors: &errors)
        let agreement = upload.document(.agreement, centreId: record.id, identity: identity, services: services, errors: &errors)
        let divisions = Set(try await services.divisions(of: identity.programmeId).map(\.code.value))
        let recorded = try await services.store.parties.organisation(record.leadOrganisationId)?.uscc
        let form = upload.applicationForm(
            leadName: before.leadName, recordedUSCC: recorded, divisions: divisions,
            planId: plan?.0.id ?? before.planDocumentId, agreementId: agreement?.0.id ?? before.agreementDocumentId)
        let application = Self.checked(form, into: &errors)
        guard errors.isEmpty, let application else {
            return try await refuse(context, identity, record, "correction", upload.fields, Self.ordered(errors))
        }
        let documents = [plan, application.isConsortium ? agreement : nil].compactMap { $0 }
        let outcome = try await change(
            identity, record, action: "corrected", detail: application.name, field: "name", documents: documents
        ) { centre throws(PromotionCentre.Refusal) in try centre.correct(application) }
        return try await respond(context, identity, record, outcome, form: "correction", typed: upload.fields)
    }

    /// `POST /centres/{id}/screening`: decision `return` (with the reason) or `recommend` (with the
    /// opinion), by the district official whose grant covers the centre's division.
    func screen(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        let outcome = try await screen(identity, record, decision: form["decision"], note: form["note"])
        return try await respond(context, identity, record, outcome, form: "screening", typed: form.values)
    }

    /// The screening of a centre in reach, for the page and the API: 404 unless the person's grant
    /// covers its division; the step done, or every problem (nothing written).
    func screen(_ identity: Identity, _ record: CentreRecord, decision: String?, note: String?) async throws -> Outcome {
        // Reached but not screened by this person (a lead's own official account): not theirs to see.
        guard CentreAccess(identity: identity).screens(record) else { throw AppError.notFound(CentreText.centre) }
        let (decision, note, errors) = Self.decision(decision, note, ["return", "recommend"])
        guard errors.isEmpty, let decision, let note else { return (nil, errors) }
        let recommend = decision == "recommend"
        return try await change(
            identity, record, action: recommend ? "recommended" : "returned", detail: note, field: "decision"
        ) { centre throws(PromotionCentre.Refusal) in
            if recommend { try centre.recommend(opinion: note) } else { try centre.returnForCorrection(reason: note) }
        }
    }

    /// `POST /centres/{id}/decision`: the city bureau confirms (`confirm`) or declines (`decline`)
    /// a recommended centre, with its note.
    func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        let outcome = try await decide(identity, record, decision: form["decision"], note: form["note"])
        return try await respond(context, identity, record, outcome, form: "decision", typed: form.values)
    }

    /// The city's decision on a centre, for the page and the API: the step done, or every problem.
    func decide(_ identity: Identity, _ record: CentreRecord, decision: String?, note: String?) async throws -> Outcome {
        let (decision, note, errors) = Self.decision(decision, note, ["confirm", "decline"])
        guard errors.isEmpty, let decision, let note else { return (nil, errors) }
        let confirm = decision == "confirm"
        let outcome = try await change(
            identity, record, action: confirm ? "confirmed" : "declined", detail: note, field: "decision"
        ) { centre throws(PromotionCentre.Refusal) in
            if confirm { try centre.confirm(note: note) } else { try centre.decline(reason: note) }
        }
        if confirm && outcome.done != nil {
            services.logger.notice("promotion centre put on the city's list", metadata: ["centre": .string(record.id)])
        }
        return outcome
    }

    /// `POST /centres/{id}/assessments`: the lead's self-assessment of a year, one score (0–100)
    /// and its evidence per committed function and content. One per year.
    func assess(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        var scores: [String: (score: String, evidence: String)] = [:]
        for commitment in record.centre.application.commitments {
            let key = commitment.rawValue
            scores[key] = (form["score_\(key)"] ?? "", form["evidence_\(key)"] ?? "")
        }
        let outcome = try await assess(identity, record, year: form["year"] ?? "", scores: scores)
        return try await respond(context, identity, record, outcome, form: "assessment", typed: form.values)
    }

    /// The lead's self-assessment, for the page and the API: 403 for anyone but the lead's people;
    /// a year up to this one, and for each committed function (by key) a score 0–100 and its
    /// evidence. The step done, or every problem (nothing written).
    func assess(
        _ identity: Identity, _ record: CentreRecord, year yearText: String, scores: [String: (score: String, evidence: String)]
    ) async throws -> Outcome {
        guard CentreAccess(identity: identity).isLead(record) else { throw AppError.forbidden }
        var errors: [FieldError] = []
        let yearText = yearText.trimmingCharacters(in: .whitespaces)
        let year = yearText.count == 4 ? Int(yearText).flatMap { (2020...currentYear).contains($0) ? $0 : nil } : nil
        if year == nil { errors.append(FieldError(field: "year", message: CentreText.chooseYear)) }
        var ratings: [CentreSelfAssessment.Rating] = []
        for commitment in record.centre.application.commitments {
            let key = commitment.rawValue
            let scoreText = (scores[key]?.score ?? "").trimmingCharacters(in: .whitespaces)
            let score =
                scoreText.count <= 3 && scoreText.allSatisfy({ $0.isASCII && $0.isNumber })
                ? Int(scoreText).flatMap { (0...100).contains($0) ? $0 : nil } : nil
            let problem = PromotionCentre.Refusal.badRating(commitment).message
            if score == nil { errors.append(FieldError(field: "score_\(key)", message: problem)) }
            let evidence = (scores[key]?.evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if evidence.isEmpty || evidence.count > CentreSelfAssessment.maxEvidence {
                errors.append(FieldError(field: "evidence_\(key)", message: problem))
            }
            if let score { ratings.append(.init(commitment: commitment, score: score, evidence: evidence)) }
        }
        guard errors.isEmpty, let year else { return (nil, errors) }
        let assessment = CentreSelfAssessment(year: year, ratings: ratings)
        let now = currentYear
        return try await change(
            identity, record, action: "self_assessed", detail: "\(year)：\(assessment.average)", field: "year"
        ) { centre throws(PromotionCentre.Refusal) in try centre.selfAssess(assessment, currentYear: now) }
    }

    /// The outcome chosen among `choices` and its note (required, bounded), or the field errors.
    static func decision(_ decision: String?, _ note: String?, _ choices: [String]) -> (String?, String?, [FieldError]) {
        var errors: [FieldError] = []
        let decision = decision.flatMap { choices.contains($0) ? $0 : nil }
        if decision == nil { errors.append(FieldError(field: "decision", message: CentreText.choose)) }
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let bounded = !note.isEmpty && note.count <= PromotionCentre.maxNote ? note : nil
        if bounded == nil { errors.append(FieldError(field: "note", message: CentreText.noteNeeded)) }
        return (decision, bounded, errors)
    }

    /// A step's outcome: the action done (nil on a problem) and the problems.
    typealias Outcome = (done: String?, errors: [FieldError])

    /// Applies a rule in one transaction with its history row; a refusal is the rule's message on
    /// `field`, having written nothing.
    func change(
        _ identity: Identity, _ record: CentreRecord, action: String, detail: String, field: String,
        documents: [(CentreDocument, Data)] = [],
        _ rule: @escaping @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void
    ) async throws -> Outcome {
        let outcome = try await services.store.centres.changeCentre(
            id: record.id, programmeId: record.programmeId, action: action, detail: detail, by: identity.changeActor,
            documents: documents, rule)
        switch outcome {
        case .success: return (action, [])
        case .failure(let refusal): return (nil, [FieldError(field: field, message: refusal.message)])
        }
    }

    /// The page's answer to a step: back to the centre, or the centre again with 422 and the problems.
    func respond(
        _ context: AppRequestContext, _ identity: Identity, _ record: CentreRecord, _ outcome: Outcome, form: String,
        typed: [String: String]
    ) async throws -> Response {
        guard let done = outcome.done else { return try await refuse(context, identity, record, form, typed, outcome.errors) }
        return .redirect("/centres/\(record.id)?done=\(done)")
    }

    func refuse(
        _ context: AppRequestContext, _ identity: Identity, _ record: CentreRecord, _ form: String, _ typed: [String: String],
        _ errors: [FieldError]
    ) async throws -> Response {
        // The centre as it is now (a refusal may come from a change made meanwhile).
        let current = try await services.store.centres.centre(id: record.id, programmeId: record.programmeId) ?? record
        let flash = Flash(kind: .error, text: errors[0].message.text(context.language))
        return .html(
            try await view(context, identity, current, flash: flash, form: form, typed: typed, errors: errors),
            status: .unprocessableContent)
    }
}
