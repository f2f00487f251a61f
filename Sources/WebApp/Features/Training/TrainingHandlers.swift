import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// Training (policy 004 §六(二), issue #15): the bureau, the management provider, the platform,
/// contractors and providers hold sessions for the four audiences; enterprises register their people
/// within the places left; the organiser (or the bureau) records attendance on the page or from
/// XLSX; the figures by audience, zone and sub-industry show here and on the dashboard.
struct TrainingHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = TrainingHandlers(services: services)
        router.requiring(.trainingRead)
            .get("/training") { request, context in try await handlers.list(request, context) }
            .get("/training/export.xlsx") { _, context in try await handlers.export(context) }
            .get("/training/sessions/:session") { request, context in try await handlers.page(request, context) }
        router.requiring(.trainingManage)
            .post("/training/sessions") { request, context in try await handlers.create(request, context) }
            .post("/training/sessions/:session/attendance") { request, context in try await handlers.tick(request, context) }
            .get("/training/sessions/:session/attendance.xlsx") { _, context in try await handlers.template(context) }
            .post("/training/sessions/:session/attendance/import") { request, context in
                try await handlers.importAttendance(request, context)
            }
        router.requiring(.trainingRegister)
            .post("/training/sessions/:session/registrations") { request, context in try await handlers.register(request, context)
            }
    }

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    // MARK: The list and the figures

    func listModel(_ identity: Identity) async throws -> TrainingListView.Model {
        let store = services.store
        let programme = try await store.programmes.programme(id: identity.programmeId)
        return TrainingListView.Model(
            sessions: try await store.training.sessions(programmeId: identity.programmeId),
            figures: try await TrainingService(services: services).figures(identity.programmeId),
            canManage: AccessPolicy.allows(identity, .trainingManage) && identity.account.organisationId != nil,
            subIndustries: try await store.programmes.subIndustries(programmeId: identity.programmeId),
            zones: ProgrammeZones(programmeDivision: programme?.division, tree: services.divisions).zones)
    }

    /// `GET /training`.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash = request.uri.queryParameters["done"].map { _ in
            Flash(kind: .ok, text: TrainingText.created.text(context.language))
        }
        return .html(
            TrainingListView(layout: layout(context, identity, "/training")).render(try await listModel(identity), flash: flash))
    }

    /// `GET /training/export.xlsx`: the sessions and the figures (counts only: no names).
    func export(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let sessions = try await services.store.training.sessions(programmeId: identity.programmeId)
        let figures = try await TrainingService(services: services).figures(identity.programmeId)
        return try SpreadsheetResponse.xlsx(TrainingService.workbook(sessions, figures), fileName: "training.xlsx")
    }

    /// `POST /training/sessions`: a session held by one's own organisation; a bad field re-shows the
    /// form (422) and writes nothing.
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await createSession(identity, form.values) {
        case .failure(let errors):
            var model = try await listModel(identity)
            model.typed = form.values
            model.errors = errors.list
            let flash = Flash(kind: .error, text: errors.list.first?.message.text(context.language) ?? "")
            return .html(
                TrainingListView(layout: layout(context, identity, "/training")).render(model, flash: flash),
                status: .unprocessableContent)
        case .success(let session):
            return .redirect("/training/sessions/\(session.id)?done=created")
        }
    }

    /// Creates the session `values` describe, held by the person's own organisation — the page's and
    /// the API's one rule: 403 without an organisation, the field errors (nothing written) otherwise.
    func createSession(_ identity: Identity, _ values: [String: String]) async throws -> Result<TrainingSession, FieldErrors> {
        guard let organisationId = identity.account.organisationId,
            let organiser = try await services.store.parties.organisation(organisationId, programmeId: identity.programmeId)
        else { throw AppError(.forbidden, code: "no_organisation", message: TrainingText.noOrganisation) }
        let result = TrainingForm.session(
            values, id: services.store.ids.make("trs"), programmeId: identity.programmeId, organiser: organiser,
            subIndustries: try await services.store.programmes.subIndustries(programmeId: identity.programmeId),
            divisions: try await services.divisions(of: identity.programmeId),
            by: identity.changeActor, now: services.store.clock.now())
        if case .success(let session) = result { try await services.store.training.createSession(session) }
        return result
    }

    // MARK: One session

    func session(_ context: AppRequestContext, _ identity: Identity) async throws -> TrainingSession {
        try await session(identity, try context.parameters.require("session"))
    }

    func session(_ identity: Identity, _ id: String) async throws -> TrainingSession {
        guard id.count <= 64, let session = try await services.store.training.session(id: id, programmeId: identity.programmeId)
        else {
            throw AppError.notFound(TrainingText.session)
        }
        return session
    }

    func model(_ identity: Identity, _ session: TrainingSession) async throws -> TrainingSessionView.Model {
        let access = TrainingAccess(identity: identity)
        let manages = access.manages(session)
        let enterprise = access.enterpriseId
        let all = manages || enterprise != nil ? try await services.store.training.registrations(sessionId: session.id) : []
        let subIndustries = try await services.store.programmes.subIndustries(programmeId: identity.programmeId)
        let zone = session.divisionCode.flatMap(DivisionCode.init).flatMap { services.divisions[$0]?.name }
        return TrainingSessionView.Model(
            session: session, subIndustryName: subIndustries.first { $0.id == session.subIndustryId }?.name, zoneName: zone,
            manages: manages, registersFor: enterprise,
            registrations: manages ? all : all.filter { $0.enterpriseId == enterprise })
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, _ model: TrainingSessionView.Model, flash: Flash?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        .html(
            TrainingSessionView(layout: layout(context, identity, "/training/sessions/\(model.session.id)")).render(
                model, flash: flash),
            status: status)
    }

    /// `GET /training/sessions/{id}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let session = try await self.session(context, identity)
        let done = request.uri.queryParameters["done"].map(String.init)
        let text: LocalizedText? =
            switch done ?? "" {
            case "created": TrainingText.created
            case "registered": TrainingText.registeredDone
            case "attendance": TrainingText.attendanceSaved
            default: nil
            }
        return render(
            context, identity, try await model(identity, session),
            flash: text.map { Flash(kind: .ok, text: $0.text(context.language)) })
    }

    /// `POST /training/sessions/{id}/registrations`: the enterprise's people, all or none.
    func register(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let session = try await self.session(context, identity)
        if case .failure(let errors) = try await register(identity, session, form.values) {
            var model = try await self.model(identity, session)
            model.typed = form.values
            model.errors = errors.list
            return render(
                context, identity, model,
                flash: Flash(kind: .error, text: errors.list.first?.message.text(context.language) ?? ""),
                status: .unprocessableContent)
        }
        return .redirect("/training/sessions/\(session.id)?done=registered")
    }

    /// Registers the enterprise's people `values` list for `session`, all or none — the page's and
    /// the API's one rule: 403 without an enterprise, the field errors (nothing written) otherwise.
    func register(
        _ identity: Identity, _ session: TrainingSession, _ values: [String: String]
    ) async throws -> Result<
        Void, FieldErrors
    > {
        guard let enterpriseId = TrainingAccess(identity: identity).enterpriseId else {
            throw AppError(.forbidden, code: "no_organisation", message: TrainingText.noOrganisation)
        }
        let people: [TrainingPerson]
        switch TrainingForm.people(values) {
        case .failure(let errors): return .failure(errors)
        case .success(let list): people = list
        }
        let result = try await services.store.training.register(
            sessionId: session.id, programmeId: identity.programmeId, enterpriseId: enterpriseId, people: people,
            by: identity.changeActor)
        switch result {
        case .failure(.full(let remaining)):
            return .failure(FieldErrors([FieldError(field: "person_name_1", message: TrainingText.full(remaining))]))
        case .failure(.duplicate(let name)):
            return .failure(FieldErrors([FieldError(field: "person_name_1", message: TrainingText.duplicate(name))]))
        case .success: return .success(())
        }
    }

    /// The session if the person manages it; 404 otherwise (its list of names is not theirs).
    func managed(_ context: AppRequestContext, _ identity: Identity) async throws -> TrainingSession {
        try await managed(identity, try context.parameters.require("session"))
    }

    func managed(_ identity: Identity, _ id: String) async throws -> TrainingSession {
        let session = try await self.session(identity, id)
        guard TrainingAccess(identity: identity).manages(session) else { throw AppError.notFound(TrainingText.session) }
        return session
    }

    /// `POST /training/sessions/{id}/attendance`: the ticks of the page, for every registration.
    func tick(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let session = try await managed(context, identity)
        try await setAttendance(session, attended: Set((form["attended"] ?? "").split(separator: ",").map(String.init)))
        return .redirect("/training/sessions/\(session.id)?done=attendance")
    }

    /// Every registration of `session` attended or not, as `attended` (registration ids) says — the
    /// page's ticks and the API's one rule.
    func setAttendance(_ session: TrainingSession, attended: Set<String>) async throws {
        let registrations = try await services.store.training.registrations(sessionId: session.id)
        var changes: [String: Bool] = [:]
        for registration in registrations { changes[registration.id] = attended.contains(registration.id) }
        try await services.store.training.setAttendance(sessionId: session.id, changes: changes)
    }

    /// `GET /training/sessions/{id}/attendance.xlsx`: the template with the session's names.
    func template(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let session = try await managed(context, identity)
        let rows = TrainingAttendanceImport.template(try await services.store.training.registrations(sessionId: session.id))
        return try SpreadsheetResponse.xlsx(
            Workbook(sheets: [Sheet(name: "出席登记", rows: rows.map { $0.map { Cell.text($0) } }, headerRows: 1)]),
            fileName: "attendance-\(session.id).xlsx")
    }

    /// `POST /training/sessions/{id}/attendance/import`: every row checked; any problem → the row
    /// report (422) and nothing written.
    func importAttendance(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let session = try await managed(context, identity)
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: TrainingAttendanceImport.maxBytes, tooLarge: TrainingText.tooLarge)
        guard let file = form.files["file"], !file.data.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: TrainingText.chooseFile,
                fields: [FieldError(field: "file", message: TrainingText.chooseFile)])
        }
        func refuse(_ message: LocalizedText, _ problems: [TrainingAttendanceImport.Problem]) async throws -> Response {
            var model = try await self.model(identity, session)
            model.problems = problems
            return render(
                context, identity, model, flash: Flash(kind: .error, text: message.text(context.language)),
                status: .unprocessableContent)
        }
        switch try await importAttendance(session, fileName: file.fileName, data: file.data) {
        case .failure(.file(let message)): return try await refuse(message, [])
        case .failure(.rows(let problems)): return try await refuse(TrainingText.rejected(problems.count), problems)
        case .success(let count):
            var model = try await self.model(identity, try await self.session(context, identity))
            model.problems = []
            return render(
                context, identity, model, flash: Flash(kind: .ok, text: TrainingText.imported(count).text(context.language)))
        }
    }

    /// Marks attendance from a filled-in template (CSV or XLSX) — the page's and the API's one rule:
    /// every row checked, any problem refuses the file and writes nothing; the rows marked.
    func importAttendance(
        _ session: TrainingSession, fileName: String, data: Data
    ) async throws -> Result<Int, TrainingAttendanceImport.Failure> {
        let registrations = try await services.store.training.registrations(sessionId: session.id)
        let table: [[String]]
        switch EnterpriseImport.rows(fileName: fileName, data: data) {
        case .success(let rows): table = rows
        case .failure(let error): return .failure(.file(error.message))
        }
        switch TrainingAttendanceImport.check(table, registrationIds: Set(registrations.map(\.id))) {
        case .failure(let failure): return .failure(failure)
        case .success(let marks):
            try await services.store.training.setAttendance(sessionId: session.id, changes: marks)
            return .success(marks.count)
        }
    }
}
