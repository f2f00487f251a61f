import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// The district's papers for the city (policy 002 第六条(二)): a recommendation letter (推荐函)
/// per recommended application and the summary sheet (推荐信息汇总表) of all it recommended in a
/// call — printable on A4 and as XLSX. A district official sees its own district's; the city
/// bureau (a programme-wide grant) any district's, or all at once.
struct DistrictPapersHandlers {
    let services: AppServices

    /// The applications a district recommended in a call: everything that passed its preliminary
    /// review, whatever happened later.
    static let pastDistrict: Set<String> = [
        "recommended", "under_review", "reviewed", "publicity", "suspended", "admitted", "rejected",
    ]

    struct Papers {
        var call: PoolCall?
        var calls: [PoolCall]
        var division: DivisionCode?
        var divisionName: String
        var rows: [InstanceSnapshot]
    }

    /// `?call=` (default the newest) and `?division=` (default the person's own district), each
    /// checked against what the person may see.
    func papers(_ request: Request, _ identity: Identity) async throws -> Papers {
        let calls = try await services.store.admissions.calls(programmeId: identity.programmeId)
        let parameters = request.uri.queryParameters
        var call = calls.first
        if let id = parameters["call"].map(String.init), !id.isEmpty {
            guard let chosen = calls.first(where: { $0.id == id }) else { throw AppError.notFound(AdmissionText.noSuchCall) }
            call = chosen
        }
        let grants = identity.actor.grants.filter { [.districtOfficial, .admin].contains($0.role) }
        let cityWide = grants.contains { $0.scope == .programme(identity.programmeId) }
        let own = grants.compactMap { grant -> DivisionCode? in
            if case .division(let code) = grant.scope { return DivisionCode(code) }
            return nil
        }
        var division: DivisionCode? = cityWide ? nil : own.first
        if let text = parameters["division"].map(String.init), !text.isEmpty {
            guard let code = DivisionCode(text), cityWide || own.contains(where: { $0.covers(code) }) else {
                throw AppError(.badRequest, code: "invalid_filter", message: AdmissionText.badDivision)
            }
            division = code
        }
        guard cityWide || division != nil else {
            throw AppError(.forbidden, code: "forbidden", message: AdmissionText.noDistrict)
        }
        var rows: [InstanceSnapshot] = []
        if let call {
            rows = try await services.store.admissions.applicationInstances(callId: call.id, within: division)
                .filter { Self.pastDistrict.contains($0.state) }
        }
        var name = division.map { services.divisions.label($0, .zh) } ?? ""
        if division == nil { name = try await services.store.programmes.programme(id: identity.programmeId)?.name.zh ?? "" }
        return Papers(call: call, calls: calls, division: division, divisionName: name, rows: rows)
    }

    /// `GET /pool/summary`: the printable summary sheet with a link to each letter.
    func summary(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let papers = try await papers(request, identity)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.poolSummary.url)
        return .html(
            DistrictPapersView(layout: layout).summary(
                papers, definition: services.catalog.latest(AdmissionChecks.definitionId)))
    }

    /// `GET /pool/summary.xlsx`: the same sheet for the city's collection of district sheets.
    func sheet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let papers = try await papers(request, identity)
        let header = DistrictPapersView.columns.map { Cell.text($0) }
        let definition = services.catalog.latest(AdmissionChecks.definitionId)
        let rows = papers.rows.enumerated().map { index, instance in
            DistrictPapersView.cells(instance, number: index + 1, stateLabel: definition?.state(instance.state)?.label.zh)
                .map { Cell.text($0) }
        }
        let sheet = Sheet(name: "推荐信息汇总表", rows: [header] + rows, headerRows: 1)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"pool-summary.xlsx\"", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: try XLSXWriter.data(Workbook(sheets: [sheet])))))
    }

    /// `GET /pool/applications/:instance/letter`: the recommendation letter of one application, for
    /// whoever may see the application (404 otherwise) once its district has recommended it.
    func letter(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("instance")
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard instance.definitionId == AdmissionChecks.definitionId, Self.pastDistrict.contains(instance.state) else {
            throw AppError.notFound(AdmissionText.letterTitle)
        }
        let history = try await services.store.instances.history(id)
        let recommended = history.last { $0.transitionId == "recommend_application" }
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.poolLetter(id).url)
        return .html(DistrictPapersView(layout: layout).letter(instance, recommendedOn: recommended?.occurredAt))
    }
}
