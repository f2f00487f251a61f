import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// Mobilisation (policy 004 §四(七) 攻坚小组, issue #15): each zone's task force sees the above-scale
/// SMEs of its zone not yet taking part, records its visits, imports its zone's roster; the district
/// and the leadership see every zone and the city's rate against the 90% goal.
struct MobilisationHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = MobilisationHandlers(services: services)
        router.requiring(.mobilisationRead)
            .get("/mobilisation") { _, context in try await handlers.page(context) }
            .get("/mobilisation/export.xlsx") { _, context in try await handlers.export(context) }
            .get("/mobilisation/firms/:uscc") { _, context in try await handlers.firm(context) }
        router.requiring(.mobilisationVisit)
            .post("/mobilisation/firms/:uscc/visits") { request, context in try await handlers.visit(request, context) }
        router.requiring(.mobilisationImport)
            .get("/mobilisation/import") { _, context in try await handlers.importPage(context) }
            .get("/mobilisation/import/template.xlsx") { _, context in try await handlers.template(context) }
            .post("/mobilisation/import") { request, context in try await handlers.upload(request, context) }
    }

    func view(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> MobilisationView {
        MobilisationView(
            layout: Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path))
    }

    var today: String { Shanghai.dateText(services.store.clock.now()) }

    func page(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let overview = try await MobilisationService(services: services).overview(
            programmeId: identity.programmeId, divisions: MobilisationScope(identity: identity).divisions)
        return .html(
            view(context, identity, "/mobilisation").render(
                overview, canImport: AccessPolicy.allows(identity, .mobilisationImport)))
    }

    func export(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let overview = try await MobilisationService(services: services).overview(
            programmeId: identity.programmeId, divisions: MobilisationScope(identity: identity).divisions)
        return try SpreadsheetResponse.xlsx(MobilisationService.workbook(overview), fileName: "mobilisation.xlsx")
    }

    /// The roster firm if the person reaches it; 404 otherwise.
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> MobilisationFirm {
        try await reachable(identity, try context.parameters.require("uscc"))
    }

    func reachable(_ identity: Identity, _ uscc: String) async throws -> MobilisationFirm {
        guard uscc.count <= 18,
            let firm = try await services.store.mobilisation.firm(programmeId: identity.programmeId, uscc: uscc),
            MobilisationScope(identity: identity).reaches(firm.divisionCode)
        else { throw AppError.notFound(MobilisationText.firm) }
        return firm
    }

    func firmPage(
        _ context: AppRequestContext, _ identity: Identity, _ firm: MobilisationFirm, typed: [String: String] = [:],
        errors: [FieldError] = [], flash: Flash? = nil
    ) async throws -> HTML {
        let overview = try await MobilisationService(services: services).overview(
            programmeId: identity.programmeId, divisions: [DivisionCode(firm.divisionCode)].compactMap { $0 })
        return view(context, identity, "/mobilisation/firms/\(firm.uscc)").firmPage(
            firm, state: overview.status.state(firm.uscc), visits: overview.visits[firm.uscc] ?? [],
            canVisit: AccessPolicy.allows(identity, .mobilisationVisit), today: today, typed: typed, errors: errors, flash: flash)
    }

    func firm(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let firm = try await reachable(context, identity)
        return .html(try await firmPage(context, identity, firm))
    }

    /// `POST /mobilisation/firms/{uscc}/visits`: a bad field re-shows the page (422), nothing written.
    func visit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let firm = try await reachable(context, identity)
        if case .failure(let errors) = try await recordVisit(identity, firm, form.values) {
            return .html(
                try await firmPage(
                    context, identity, firm, typed: form.values, errors: errors.list,
                    flash: Flash(kind: .error, text: errors.list.first?.message.text(context.language) ?? "")),
                status: .unprocessableContent)
        }
        return .html(
            try await firmPage(
                context, identity, firm, flash: Flash(kind: .ok, text: MobilisationText.saved.text(context.language))))
    }

    /// Records the visit `values` describe to a firm in reach — the page's and the API's one rule;
    /// the field errors (nothing written) when a field is wrong.
    func recordVisit(
        _ identity: Identity, _ firm: MobilisationFirm, _ values: [String: String]
    ) async throws -> Result<MobilisationVisit, FieldErrors> {
        let result = MobilisationVisitForm.visit(values, uscc: firm.uscc, today: today)
        if case .success(let visit) = result {
            try await services.store.mobilisation.recordVisit(programmeId: identity.programmeId, visit, by: identity.changeActor)
        }
        return result
    }

    func importPage(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return .html(view(context, identity, "/mobilisation/import").importPage([], message: nil, ok: true))
    }

    func importer(_ identity: Identity) async throws -> MobilisationImport {
        MobilisationImport(
            subIndustries: try await services.store.programmes.subIndustries(programmeId: identity.programmeId),
            divisions: Set(try await services.divisions(of: identity.programmeId).map(\.code.value)),
            scope: MobilisationScope(identity: identity))
    }

    func template(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let importer = try await self.importer(identity)
        let division =
            MobilisationScope(identity: identity).divisions?.first?.value ?? identity.programmeDivision ?? ""
        let rows = MobilisationImport.template(subIndustry: importer.subIndustries.first, division: division)
        return try SpreadsheetResponse.xlsx(
            Workbook(sheets: [Sheet(name: "规上企业名单", rows: rows.map { $0.map { Cell.text($0) } }, headerRows: 1)]),
            fileName: "mobilisation-roster-template.xlsx")
    }

    /// `POST /mobilisation/import`: every row checked; any problem → the row report (422), nothing written.
    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: MobilisationImport.maxBytes, tooLarge: MobilisationText.tooLarge)
        guard let file = form.files["file"], !file.data.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: MobilisationText.chooseFile,
                fields: [FieldError(field: "file", message: MobilisationText.chooseFile)])
        }
        let view = self.view(context, identity, "/mobilisation/import")
        switch try await importRoster(identity, fileName: file.fileName, data: file.data) {
        case .failure(.file(let message)):
            return .html(view.importPage([], message: message, ok: false), status: .unprocessableContent)
        case .failure(.rows(let problems)):
            return .html(
                view.importPage(problems, message: MobilisationText.rejected(problems.count), ok: false),
                status: .unprocessableContent)
        case .success(let count):
            return .html(view.importPage([], message: MobilisationText.imported(count.added, count.updated), ok: true))
        }
    }

    /// Imports a roster file (CSV or XLSX) — the page's and the API's one rule: every row checked,
    /// any problem refuses the whole file and writes nothing.
    func importRoster(
        _ identity: Identity, fileName: String, data: Data
    ) async throws -> Result<(added: Int, updated: Int), MobilisationImport.Failure> {
        let table: [[String]]
        switch EnterpriseImport.rows(fileName: fileName, data: data) {
        case .success(let rows): table = rows
        case .failure(let error): return .failure(.file(error.message))
        }
        switch try await importer(identity).check(table) {
        case .failure(let failure): return .failure(failure)
        case .success(let firms):
            let count = try await services.store.mobilisation.importFirms(
                programmeId: identity.programmeId, firms,
                by: identity.changeActor)
            return .success((count.added, count.updated))
        }
    }
}
