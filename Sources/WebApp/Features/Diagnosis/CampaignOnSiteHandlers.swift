import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET/POST /diagnosis/offline/:diagnosisId`: the provider organisation assigned to an on-site
/// diagnosis files its report — visit date, findings per area, verified grade 1–10 and the expert
/// opinion; the row and the diagnosis become `filed` in one transaction. Anyone else: 404.
struct CampaignOnSiteHandlers {
    let services: AppServices

    /// The on-site case assigned to the person's own organisation, with its diagnosis and firm.
    func assigned(_ identity: Identity, _ id: String) async throws -> (OfflineDiagnosis, DiagnosisRecord, DiagnosisFirm) {
        let store = services.store.diagnoses
        guard id.count <= 64, let organisation = identity.account.organisationId,
            let offline = try await store.offline(diagnosisId: id, programmeId: identity.programmeId),
            offline.providerOrganisationId == organisation,
            let record = try await store.diagnosis(id: id, programmeId: identity.programmeId),
            let firm = try await store.firm(programmeId: identity.programmeId, uscc: record.uscc)
        else { throw AppError.notFound(CampaignText.offline) }
        return (offline, record, firm)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (offline, record, firm) = try await assigned(identity, try context.parameters.require("diagnosisId"))
        var typed: [String: String] = [:]
        if offline.status == "filed" {
            typed = offline.findings.reduce(into: [:]) { $0["finding_" + $1.key] = $1.value }
            typed["visited_on"] = offline.visitedOn ?? ""
            typed["verified_grade"] = offline.verifiedGrade.map(String.init) ?? ""
            typed["opinion"] = offline.opinion ?? ""
        }
        return render(context, identity, offline: offline, record: record, firm: firm, typed: typed, errors: [], flash: nil)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, offline: OfflineDiagnosis, record: DiagnosisRecord,
        firm: DiagnosisFirm, typed: [String: String], errors: [FieldError], flash: Flash?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken,
            path: "/diagnosis/offline/\(record.id)")
        return .html(
            CampaignOnSiteView(layout: layout).render(
                offline: offline, record: record, firm: firm, typed: typed, errors: errors, flash: flash),
            status: status)
    }

    func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await file(identity, try context.parameters.require("diagnosisId"), form) {
        case .filed(let record): return .redirect("/diagnosis/offline/\(record.id)?filed=1")
        case .refused(let offline, let record, let firm, let errors, let status):
            let message = errors.first?.message ?? CampaignText.notAssigned
            return render(
                context, identity, offline: offline, record: record, firm: firm,
                typed: form.values.filter { $0.key != "csrf_token" }, errors: errors,
                flash: Flash(kind: .error, text: message.text(context.language)), status: status)
        }
    }

    /// What filing an on-site report came to.
    enum Filed {
        case filed(DiagnosisRecord)
        /// Refused, nothing written: the field errors (none when it is no longer assigned) and the status.
        case refused(OfflineDiagnosis, DiagnosisRecord, DiagnosisFirm, [FieldError], HTTPResponse.Status)
    }

    /// Files the on-site report `form` gives (`visited_on`, `finding_<area>` per area,
    /// `verified_grade`, `opinion`) for the case assigned to the person's organisation — the page's
    /// and the API's one rule; 404 for anyone else.
    func file(_ identity: Identity, _ id: String, _ form: FormBody) async throws -> Filed {
        let (offline, record, firm) = try await assigned(identity, id)
        func value(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [FieldError] = []
        let today = Shanghai.dateText(services.store.clock.now())
        // A real calendar day (the contractor rounds' check), not after today.
        var dayErrors: [FieldError] = []
        let day = ContractorRoundHandlers.day(form, "visited_on", &dayErrors)
        if day == nil || day! > today { errors.append(FieldError(field: "visited_on", message: CampaignText.badDate)) }
        let visited = day ?? ""
        var findings: [String: String] = [:]
        for area in OnSiteAreas.all {
            let text = value("finding_" + area.key)
            if text.isEmpty {
                errors.append(FieldError(field: "finding_" + area.key, message: CampaignText.required(area.name)))
            } else if text.count > OnSiteAreas.findingsLimit {
                errors.append(
                    FieldError(field: "finding_" + area.key, message: CampaignText.tooLong(area.name, OnSiteAreas.findingsLimit)))
            }
            findings[area.key] = text
        }
        let gradeText = value("verified_grade")
        let grade = gradeText.count <= 2 ? Int(gradeText) : nil
        if grade == nil || !(1...10).contains(grade!) {
            errors.append(FieldError(field: "verified_grade", message: CampaignText.badGrade))
        }
        let opinion = value("opinion")
        if opinion.isEmpty {
            errors.append(FieldError(field: "opinion", message: CampaignText.required(CampaignText.opinion)))
        } else if opinion.count > 2000 {
            errors.append(FieldError(field: "opinion", message: CampaignText.tooLong(CampaignText.opinion, 2000)))
        }
        guard errors.isEmpty, let grade else { return .refused(offline, record, firm, errors, .unprocessableContent) }
        let report = OnSiteReport(visitedOn: visited, findings: findings, verifiedGrade: grade, opinion: opinion)
        switch try await services.store.diagnoses.fileOnSite(
            diagnosisId: record.id, programmeId: record.programmeId, providerOrganisationId: offline.providerOrganisationId ?? "",
            report: report, by: identity.changeActor)
        {
        case .success: return .filed(record)
        case .failure: return .refused(offline, record, firm, [], .conflict)
        }
    }
}
