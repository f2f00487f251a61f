import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// Promotion centres (policy 002 chapter 3, issue #13): a provider or contractor files one for its
/// own organisation; the district whose grant covers its division screens it (returns it with a
/// reason or recommends it with an opinion); the city bureau confirms or declines it for its list,
/// which the public register shows; confirmed centres file a self-assessment once a year.
struct CentreHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = CentreHandlers(services: services)
        let register = CentreRegisterHandlers(services: services)
        router.requiring(.centresRegister)
            .get("/centres/register") { request, context in try await register.page(request, context) }
        router.requiring(.centresRead)
            .get("/centres") { request, context in try await handlers.list(request, context) }
            .get("/centres/:centre") { request, context in try await handlers.page(request, context) }
            .get("/centres/:centre/documents/:document") { request, context in try await handlers.download(request, context) }
        router.requiring(.centresApply)
            .get("/centres/new") { request, context in try await handlers.newPage(request, context) }
            .post("/centres") { request, context in try await handlers.create(request, context) }
            .post("/centres/:centre/correction") { request, context in try await handlers.correct(request, context) }
        router.requiring(.centresScreen)
            .post("/centres/:centre/screening") { request, context in try await handlers.screen(request, context) }
        router.requiring(.centresDecide)
            .post("/centres/:centre/decision") { request, context in try await handlers.decide(request, context) }
        router.requiring(.centresSelfAssess)
            .post("/centres/:centre/assessments") { request, context in try await handlers.assess(request, context) }
    }

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    /// `GET /centres?status=&division=`: the centres in reach; a bad filter is a 400 naming it.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? { parameters[name[...]].map(String.init) }
        let choices = try await services.divisions(of: identity.programmeId)
        let records = try await centres(identity, status: value("status"), division: value("division"))
        return .html(
            CentreListView(layout: layout(context, identity, "/centres"), divisions: services.divisions).render(
                records, choices: choices, typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) },
                canApply: AccessPolicy.allows(identity, .centresApply)))
    }

    /// The centres in the person's reach, filtered by status and division (blank: any), for the page
    /// and the API; a filter that is not a status or a division of the programme is a 400 naming it.
    func centres(_ identity: Identity, status: String?, division: String?) async throws -> [CentreRecord] {
        func given(_ text: String?) -> String? {
            text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let choices = try await services.divisions(of: identity.programmeId)
        var query = CentreQuery(programmeId: identity.programmeId)
        query.reach = CentreAccess(identity: identity).reach
        if let text = given(status) {
            guard let status = PromotionCentre.Status(rawValue: text) else { throw Self.bad("status", text) }
            query.statuses = [status]
        }
        if let text = given(division) {
            guard let code = DivisionCode(text), choices.contains(where: { $0.code == code }) else {
                throw Self.bad("division", text)
            }
            query.division = code
        }
        return try await services.store.centres.centres(query)
    }

    static func bad(_ name: String, _ value: String) -> AppError {
        AppError(.badRequest, code: "bad_filter", message: CentreText.badFilter(name, String(value.prefix(40))))
    }

    /// The organisation the person files for: their own, in the programme acted in.
    func leadOrganisation(_ identity: Identity) async throws -> Organisation {
        guard let id = identity.account.organisationId,
            let organisation = try await services.store.parties.organisation(id, programmeId: identity.programmeId)
        else { throw AppError(.forbidden, code: "no_organisation", message: CentreText.noOrganisation) }
        return organisation
    }

    /// `GET /centres/new`: the application form.
    func newPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let organisation = try await leadOrganisation(identity)
        return try await formPage(context, identity, organisation, typed: ["lead_uscc": organisation.uscc ?? ""], errors: [])
    }

    func formPage(
        _ context: AppRequestContext, _ identity: Identity, _ organisation: Organisation, typed: [String: String],
        errors: [FieldError]
    ) async throws -> Response {
        let layout = layout(context, identity, "/centres/new")
        let form = CentreFormView(
            layout: layout, divisions: try await services.divisions(of: identity.programmeId), typed: typed, errors: errors)
        let page = layout.page(
            title: CentreText.newTitle.text(context.language),
            flash: errors.first.map { Flash(kind: .error, text: $0.message.text(context.language)) },
            """
            <p><a href="/centres">\(CentreText.title.text(context.language))</a></p>\
            \(form.render(action: "/centres", leadName: organisation.name, heading: CentreText.newTitle, correcting: false))
            """)
        return .html(page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `POST /centres`: files the centre; any problem re-shows the form (422) and writes nothing.
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (upload, identity) = try await CentreUpload.read(request, context)
        let organisation = try await leadOrganisation(identity)
        let centreId = services.store.ids.make("ctr")
        var errors: [FieldError] = []
        let plan = upload.document(.plan, centreId: centreId, identity: identity, services: services, errors: &errors)
        let agreement = upload.document(.agreement, centreId: centreId, identity: identity, services: services, errors: &errors)
        let divisions = Set(try await services.divisions(of: identity.programmeId).map(\.code.value))
        let form = upload.applicationForm(
            leadName: organisation.name, recordedUSCC: organisation.uscc, divisions: divisions, planId: plan?.0.id,
            agreementId: agreement?.0.id)
        let application = Self.checked(form, into: &errors)
        guard errors.isEmpty, let application else {
            return try await formPage(context, identity, organisation, typed: upload.fields, errors: Self.ordered(errors))
        }
        let documents = [plan, application.isConsortium ? agreement : nil].compactMap { $0 }
        _ = try await services.store.centres.createCentre(
            id: centreId, programmeId: identity.programmeId, leadOrganisationId: organisation.id,
            centre: PromotionCentre(filing: application), documents: documents, by: identity.changeActor)
        return .redirect("/centres/\(centreId)?done=filed")
    }

    /// The application, or its problems added to `errors` (a file refused keeps its own message).
    static func checked(_ form: CentreApplication.Form, into errors: inout [FieldError]) -> CentreApplication? {
        switch CentreApplication.check(form) {
        case .success(let application): return application
        case .failure(let problems):
            let named = Set(errors.map(\.field))
            errors += problems.list.filter { !named.contains($0.field) }.map { FieldError(field: $0.field, message: $0.message) }
            return nil
        }
    }

    /// Errors in the order of the form, so the first one shown is the first field to fix.
    static func ordered(_ errors: [FieldError]) -> [FieldError] {
        let order = [
            "name", "industry", "lead_uscc", "legal_person", "member", "agreement", "plan_summary", "plan", "commitments", "site",
            "team_size", "division", "contact_name", "contact_phone",
        ]
        func rank(_ field: String) -> Int { order.firstIndex { field.hasPrefix($0) } ?? order.count }
        return errors.enumerated().sorted { (rank($0.element.field), $0.offset) < (rank($1.element.field), $1.offset) }
            .map(\.element)
    }

    /// The centre if the person reaches it; 404 otherwise, so ids reveal nothing.
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> CentreRecord {
        try await reachable(identity, id: try context.parameters.require("centre"))
    }

    func reachable(_ identity: Identity, id: String) async throws -> CentreRecord {
        guard let record = try await services.store.centres.centre(id: id, programmeId: identity.programmeId),
            CentreAccess(identity: identity).reaches(record)
        else { throw AppError.notFound(CentreText.centre) }
        return record
    }

    /// `GET /centres/{id}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await reachable(context, identity)
        let flash = request.uri.queryParameters["done"].map { value in
            Flash(kind: .ok, text: (value == "filed" ? CentreText.filed : CentreText.saved).text(context.language))
        }
        return .html(try await view(context, identity, record, flash: flash))
    }

    func model(_ identity: Identity, _ record: CentreRecord) async throws -> CentreView.Model {
        let access = CentreAccess(identity: identity)
        return CentreView.Model(
            record: record, events: try await services.store.centres.events(centreId: record.id),
            documents: try await services.store.centres.documents(centreId: record.id), divisions: services.divisions,
            programmeDivisions: try await services.divisions(of: identity.programmeId), screens: access.screens(record),
            decides: access.decides, isLead: access.isLead(record), currentYear: currentYear)
    }

    func view(
        _ context: AppRequestContext, _ identity: Identity, _ record: CentreRecord, flash: Flash?,
        form: String? = nil, typed: [String: String] = [:], errors: [FieldError] = []
    ) async throws -> HTML {
        var model = try await model(identity, record)
        model.form = form
        model.typed = typed
        model.errors = errors
        return CentreView(layout: layout(context, identity, "/centres/\(record.id)")).render(model, flash: flash)
    }

    /// The year now in Shanghai.
    var currentYear: Int { Shanghai.calendar.component(.year, from: services.store.clock.now()) }

    /// `GET /centres/{id}/documents/{document}`: a document of a centre in reach, its digest checked.
    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await reachable(context, identity)
        let id = try context.parameters.require("document")
        guard let found = try await services.store.centres.document(id: id, programmeId: identity.programmeId),
            found.0.centreId == record.id
        else { throw AppError.notFound(CentreText.document) }
        let (document, data) = found
        return try FileDownload.response(
            data, sha256: document.sha256, fileName: document.fileName, contentType: document.contentType)
    }
}
