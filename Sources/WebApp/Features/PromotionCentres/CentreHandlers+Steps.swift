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
        return try await change(
            context, identity, record, action: "corrected", detail: application.name, form: "correction",
            typed: upload.fields, field: "name", documents: documents
        ) { centre throws(PromotionCentre.Refusal) in try centre.correct(application) }
    }

    /// `POST /centres/{id}/screening`: decision `return` (with the reason) or `recommend` (with the
    /// opinion), by the district official whose grant covers the centre's division.
    func screen(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        // Reached but not screened by this person (a lead's own official account): not theirs to see.
        guard CentreAccess(identity: identity).screens(record) else { throw AppError.notFound(CentreText.centre) }
        let (decision, note, errors) = Self.decision(form, ["return", "recommend"])
        guard errors.isEmpty, let decision, let note else {
            return try await refuse(context, identity, record, "screening", form.values, errors)
        }
        let recommend = decision == "recommend"
        return try await change(
            context, identity, record, action: recommend ? "recommended" : "returned", detail: note, form: "screening",
            typed: form.values, field: "decision"
        ) { centre throws(PromotionCentre.Refusal) in
            if recommend { try centre.recommend(opinion: note) } else { try centre.returnForCorrection(reason: note) }
        }
    }

    /// `POST /centres/{id}/decision`: the city bureau confirms (`confirm`) or declines (`decline`)
    /// a recommended centre, with its note.
    func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        let (decision, note, errors) = Self.decision(form, ["confirm", "decline"])
        guard errors.isEmpty, let decision, let note else {
            return try await refuse(context, identity, record, "decision", form.values, errors)
        }
        let confirm = decision == "confirm"
        if confirm {
            services.logger.notice("promotion centre put on the city's list", metadata: ["centre": .string(record.id)])
        }
        return try await change(
            context, identity, record, action: confirm ? "confirmed" : "declined", detail: note, form: "decision",
            typed: form.values, field: "decision"
        ) { centre throws(PromotionCentre.Refusal) in
            if confirm { try centre.confirm(note: note) } else { try centre.decline(reason: note) }
        }
    }

    /// `POST /centres/{id}/assessments`: the lead's self-assessment of a year, one score (0–100)
    /// and its evidence per committed function and content. One per year.
    func assess(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        guard CentreAccess(identity: identity).isLead(record) else { throw AppError.forbidden }
        var errors: [FieldError] = []
        let yearText = (form["year"] ?? "").trimmingCharacters(in: .whitespaces)
        let year = yearText.count == 4 ? Int(yearText).flatMap { (2020...currentYear).contains($0) ? $0 : nil } : nil
        if year == nil { errors.append(FieldError(field: "year", message: CentreText.chooseYear)) }
        var ratings: [CentreSelfAssessment.Rating] = []
        for commitment in record.centre.application.commitments {
            let key = commitment.rawValue
            let scoreText = (form["score_\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
            let score =
                scoreText.count <= 3 && scoreText.allSatisfy({ $0.isASCII && $0.isNumber })
                ? Int(scoreText).flatMap { (0...100).contains($0) ? $0 : nil } : nil
            let problem = PromotionCentre.Refusal.badRating(commitment).message
            if score == nil { errors.append(FieldError(field: "score_\(key)", message: problem)) }
            let evidence = (form["evidence_\(key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if evidence.isEmpty || evidence.count > CentreSelfAssessment.maxEvidence {
                errors.append(FieldError(field: "evidence_\(key)", message: problem))
            }
            if let score { ratings.append(.init(commitment: commitment, score: score, evidence: evidence)) }
        }
        guard errors.isEmpty, let year else {
            return try await refuse(context, identity, record, "assessment", form.values, errors)
        }
        let assessment = CentreSelfAssessment(year: year, ratings: ratings)
        let now = currentYear
        return try await change(
            context, identity, record, action: "self_assessed", detail: "\(year)：\(assessment.average)", form: "assessment",
            typed: form.values, field: "year"
        ) { centre throws(PromotionCentre.Refusal) in try centre.selfAssess(assessment, currentYear: now) }
    }

    /// The outcome chosen among `choices` and its note (required, bounded), or the field errors.
    static func decision(_ form: FormBody, _ choices: [String]) -> (String?, String?, [FieldError]) {
        var errors: [FieldError] = []
        let decision = form["decision"].flatMap { choices.contains($0) ? $0 : nil }
        if decision == nil { errors.append(FieldError(field: "decision", message: CentreText.choose)) }
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let bounded = !note.isEmpty && note.count <= PromotionCentre.maxNote ? note : nil
        if bounded == nil { errors.append(FieldError(field: "note", message: CentreText.noteNeeded)) }
        return (decision, bounded, errors)
    }

    /// Applies a rule in one transaction with its history row; a refusal re-shows the centre (422)
    /// with the rule's message on `field`, having written nothing.
    func change(
        _ context: AppRequestContext, _ identity: Identity, _ record: CentreRecord, action: String, detail: String,
        form: String, typed: [String: String], field: String, documents: [(CentreDocument, Data)] = [],
        _ rule: @escaping @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void
    ) async throws -> Response {
        let outcome = try await services.store.centres.changeCentre(
            id: record.id, programmeId: record.programmeId, action: action, detail: detail, by: identity.changeActor,
            documents: documents, rule)
        switch outcome {
        case .success: return .redirect("/centres/\(record.id)?done=\(action)")
        case .failure(let refusal):
            return try await refuse(context, identity, record, form, typed, [FieldError(field: field, message: refusal.message)])
        }
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
