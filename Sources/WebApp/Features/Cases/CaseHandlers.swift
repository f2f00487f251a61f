import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The case register (policy 004 §三 "10+20", "6+", "5+"; §四(九)(十); issue #15): proposed by an
/// enterprise for itself, a provider or contractor for its own work or an enterprise it serves, a
/// district official for its zone; reviewed by the district whose grant covers it; selected or not
/// by leadership or the office (never by the proposer); published on the public page; withdrawn.
/// Each step is one transaction with its history row.
struct CaseHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = CaseHandlers(services: services)
        let published = CasePublicHandlers(services: services)
        router.requiring(.casesPublic)
            .get("/cases/public") { request, context in try await published.list(request, context) }
            .get("/cases/public/:case") { request, context in try await published.page(request, context) }
        router.requiring(.casesPropose)
            .get("/cases/new") { request, context in try await handlers.newPage(request, context) }
            .post("/cases") { request, context in try await handlers.create(request, context) }
            .post("/cases/:case/documents") { request, context in try await handlers.upload(request, context) }
        router.requiring(.casesRead)
            .get("/cases") { request, context in try await handlers.list(request, context) }
            .get("/cases/:case") { request, context in try await handlers.page(request, context) }
            .get("/cases/:case/documents/:document") { request, context in try await handlers.download(request, context) }
            // The proposer or leadership/the office: the handler decides.
            .post("/cases/:case/withdrawal") { request, context in try await handlers.withdraw(request, context) }
        router.requiring(.casesReview)
            .post("/cases/:case/review") { request, context in try await handlers.review(request, context) }
        router.requiring(.casesDecide)
            .post("/cases/:case/decision") { request, context in try await handlers.decide(request, context) }
            .post("/cases/:case/publication") { request, context in try await handlers.publish(request, context) }
    }

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    static func bad(_ name: String, _ value: String) -> AppError {
        AppError(.badRequest, code: "bad_filter", message: CaseText.badFilter(name, String(value.prefix(40))))
    }

    static let pageSize = 50

    /// `GET /cases?kind=&status=&zone=&page=`: the cases in reach; a bad filter is a 400 naming it.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters[name[...]].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let zones = try await services.divisions(of: identity.programmeId)
        let page = try PageNumber.parse(value("page"))
        let query = try self.query(identity, kind: value("kind"), status: value("status"), zone: value("zone"), zones, page: page)
        let (rows, total) = try await services.store.cases.cases(query)
        let typed = parameters.reduce(into: [String: String]()) { $0[String($1.key)] = String($1.value) }
        return .html(
            CaseListView(layout: layout(context, identity, "/cases"), divisions: services.divisions).render(
                rows, total: total, page: page, pageSize: Self.pageSize, zones: zones, typed: typed,
                canPropose: AccessPolicy.allows(identity, .casesPropose), candidates: try await candidates(identity)))
    }

    /// The register's filters (page and API): the cases in the person's reach, of a kind, at a step,
    /// beneath one of the programme's `zones`; a bad value is a 400 naming it.
    func query(
        _ identity: Identity, kind: String?, status: String?, zone: String?, _ zones: [Division], page: Int
    ) throws -> CaseQuery {
        var query = CaseQuery(programmeId: identity.programmeId)
        query.reach = CaseAccess(identity: identity).reach
        if let text = kind {
            guard let kind = CaseKind(rawValue: text) else { throw Self.bad("kind", text) }
            query.kinds = [kind]
        }
        if let text = status {
            guard let status = CaseStatus(rawValue: text) else { throw Self.bad("status", text) }
            query.statuses = [status]
        }
        if let text = zone {
            guard let code = DivisionCode(text), zones.contains(where: { $0.code == code }) else { throw Self.bad("zone", text) }
            query.division = code
        }
        query.limit = Self.pageSize
        query.offset = PageNumber.offset(page, limit: Self.pageSize)
        return query
    }

    /// For a district official: accepted projects in its reach that acceptance recommended as a
    /// benchmark or typical case, each one click from a proposal linked to it.
    func candidates(_ identity: Identity) async throws -> [InstanceSnapshot] {
        let access = CaseAccess(identity: identity)
        guard access.isDistrictOfficial, AccessPolicy.allows(identity, .casesPropose) else { return [] }
        var found: [InstanceSnapshot] = []
        for state in DashboardData.completedStates.sorted() {
            found += try await services.store.instances.instances(programmeId: identity.programmeId, state: state)
        }
        return found.filter { instance in
            (instance.data["benchmark_candidate"]?.boolValue == true
                || instance.data["typical_case_candidate"]?.boolValue == true)
                && access.districtCovers(instance.divisionCode ?? "")
        }
    }

    /// `GET /cases/new?kind=`: the proposal form.
    func newPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var typed: [String: String] = [:]
        if let kind = request.uri.queryParameters["kind"].map(String.init), CaseKind(rawValue: kind) != nil {
            typed["kind"] = kind
        }
        // From an acceptance recommendation: the project linked, its enterprise as the subject.
        if let project = request.uri.queryParameters["project"].map(String.init),
            let instance = try await services.store.instances.instance(project), instance.programmeId == identity.programmeId,
            services.authorizer.canView(identity.actor, instance)
        {
            typed["project_\(instance.id)"] = "on"
            typed["subject_kind"] = CaseSubjectKind.enterprise.rawValue
            typed["subject_uscc"] = instance.data["uscc"]?.stringValue ?? ""
        }
        return try await formPage(context, identity, typed: typed, errors: [])
    }

    func formPage(
        _ context: AppRequestContext, _ identity: Identity, typed: [String: String], errors: [FieldError]
    ) async throws -> Response {
        let store = services.store
        var query = ProjectQuery(
            programmeId: identity.programmeId,
            scopes: identity.actor.grants.filter { $0.role != .publicMember && $0.role != .system }.map(\.scope.description))
        query.limit = 200
        query.sort = .name
        let projects = try await store.instances.projects(query).rows
        let products = try await store.providers.products(programmeId: identity.programmeId)
        let programme = try await store.programmes.programme(id: identity.programmeId)
        var regions = try await services.divisions(of: identity.programmeId)
        if let code = programme.flatMap({ DivisionCode($0.division) }), let node = services.divisions[code] {
            regions.insert(node, at: 0)
        }
        let layout = layout(context, identity, "/cases/new")
        let view = CaseFormView(layout: layout, typed: typed, errors: errors)
        return .html(
            view.render(projects: projects, products: products, regions: regions, divisions: services.divisions),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `POST /cases`: proposes a case; any problem re-shows the form (422) and writes nothing.
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let id = services.store.ids.make("cas")
        let proposal = CaseProposal(fields: form.values, services: services, identity: identity)
        switch try await proposal.check(id: id) {
        case .problems(let errors): return try await formPage(context, identity, typed: form.values, errors: errors)
        case .proposal(let record):
            _ = try await services.store.cases.propose(record)
            return .redirect("/cases/\(id)?done=proposed")
        }
    }

    /// The case if the person reaches it; 404 otherwise, so ids reveal nothing.
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> CaseRecord {
        try await reachable(try context.parameters.require("case"), identity)
    }

    /// Case `id` if the person reaches it (page and API); 404 otherwise.
    func reachable(_ id: String, _ identity: Identity) async throws -> CaseRecord {
        guard let record = try await services.store.cases.record(id: id, programmeId: identity.programmeId),
            CaseAccess(identity: identity).reaches(record)
        else { throw AppError.notFound(CaseText.theCase) }
        return record
    }

    /// `GET /cases/{id}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await reachable(context, identity)
        let flash = request.uri.queryParameters["done"].map { value in
            Flash(kind: .ok, text: (value == "proposed" ? CaseText.proposed : CaseText.done).text(context.language))
        }
        return .html(try await view(context, identity, record, flash: flash))
    }

    func view(
        _ context: AppRequestContext, _ identity: Identity, _ record: CaseRecord, flash: Flash?, form: String? = nil,
        typed: [String: String] = [:], errors: [FieldError] = []
    ) async throws -> HTML {
        let access = CaseAccess(identity: identity)
        let model = CaseView.Model(
            record: record, events: try await services.store.cases.events(caseId: record.id),
            documents: try await services.store.cases.documents(caseId: record.id), divisions: services.divisions,
            reviews: access.reviews(record) && AccessPolicy.allows(identity, .casesReview), decides: access.decides,
            isProposer: access.isProposer(record), form: form, typed: typed, errors: errors)
        return CaseView(layout: layout(context, identity, "/cases/\(record.id)")).render(model, flash: flash)
    }

    /// A note of at most 2000 characters; `required` refuses an empty one.
    enum Note {
        case note(String)
        case invalid(FieldError)
    }

    static func note(_ text: String?, required: Bool, message: LocalizedText) -> Note {
        let note = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if (required && note.isEmpty) || note.count > 2000 { return .invalid(FieldError(field: "note", message: message)) }
        return .note(note)
    }

    /// The steps a case page posts, by form name.
    enum Action: String {
        case review, decision, publication, withdrawal
    }

    /// A step form checked: the step to take, or the field's problem.
    enum Checked {
        case step(CaseStep)
        case invalid(FieldError)
    }

    /// The step `action` asks for with `note` (and `decision`), checked for the person and the case
    /// (page and API): 403 when it is not theirs to take, else the step or the field's problem.
    static func step(
        _ action: Action, note text: String?, decision: String?, _ record: CaseRecord, _ identity: Identity
    ) throws -> Checked {
        let access = CaseAccess(identity: identity)
        switch action {
        case .review:
            guard access.reviews(record) else {
                throw AppError(.forbidden, code: "not_reviewer", message: CaseText.notReviewer)
            }
        case .withdrawal:
            guard access.isProposer(record) || access.decides else {
                throw AppError(.forbidden, code: "not_proposer", message: CaseText.notYours)
            }
        case .decision, .publication: break
        }
        var selected = false
        if action == .decision {
            switch decision {
            case "select": selected = true
            case "not_select": selected = false
            default: return .invalid(FieldError(field: "decision", message: CaseText.badDecision))
            }
        }
        let message = action == .withdrawal ? CaseText.reasonRequired : CaseText.noteRequired
        switch note(text, required: action != .publication, message: message) {
        case .invalid(let error): return .invalid(error)
        case .note(let note):
            let step: CaseStep =
                switch action {
                case .review: .review(note: note)
                case .decision: .decide(selected: selected, note: note)
                case .publication: .publish(note: note)
                case .withdrawal: .withdraw(note: note)
                }
            return .step(step)
        }
    }

    /// Takes `step` on the case in one transaction (page and API); a refusal is the error to show:
    /// 409 for a case that moved on, 403 for the proposer selecting.
    func take(_ step: CaseStep, _ record: CaseRecord, _ identity: Identity) async throws -> AppError? {
        switch try await services.store.cases.step(
            id: record.id, programmeId: identity.programmeId, step, by: identity.changeActor)
        {
        case .success: return nil
        case .failure(.wrongStatus(let current)):
            return AppError(.conflict, code: "wrong_status", message: CaseText.wrongStatus(current))
        case .failure(.proposerDecides): return AppError(.forbidden, code: "four_eyes", message: CaseText.fourEyes)
        }
    }

    /// A page's step form: checked, taken, or the page again with the reason.
    func post(_ action: Action, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await reachable(context, identity)
        switch try Self.step(action, note: form["note"], decision: form["decision"], record, identity) {
        case .invalid(let error): return try await invalid(error, form: action.rawValue, form, context, identity, record)
        case .step(let step): return try await run(step, form: action.rawValue, form, context, identity, record)
        }
    }

    /// Runs one step; a refusal re-shows the page with the reason (409 for a case that moved on,
    /// 403 for the proposer selecting), an invalid form 422, each writing nothing.
    func run(
        _ step: CaseStep, form name: String, _ form: FormBody, _ context: AppRequestContext, _ identity: Identity,
        _ record: CaseRecord
    ) async throws -> Response {
        guard let error = try await take(step, record, identity) else {
            return .redirect("/cases/\(record.id)?done=\(step.action)")
        }
        return .html(
            try await view(
                context, identity, record, flash: Flash(kind: .error, text: error.message.text(context.language)), form: name,
                typed: form.values),
            status: error.status)
    }

    func invalid(
        _ error: FieldError, form name: String, _ form: FormBody, _ context: AppRequestContext, _ identity: Identity,
        _ record: CaseRecord
    ) async throws -> Response {
        .html(
            try await view(
                context, identity, record, flash: Flash(kind: .error, text: error.message.text(context.language)), form: name,
                typed: form.values, errors: [error]),
            status: .unprocessableContent)
    }

    /// `POST /cases/{id}/review`: the district covering the case takes it up with its opinion.
    func review(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await post(.review, request, context)
    }

    /// `POST /cases/{id}/decision`: selected or not, with the opinion; never by the proposer.
    func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await post(.decision, request, context)
    }

    /// `POST /cases/{id}/publication`: a selected case appears on the public page.
    func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await post(.publication, request, context)
    }

    /// `POST /cases/{id}/withdrawal`: the proposer, or leadership/the office, with the reason.
    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await post(.withdrawal, request, context)
    }

    /// `POST /cases/{id}/documents`: the proposer adds a photo or document while the case is open.
    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let upload = try await MultipartForm.read(
            request, identity: identity, maxBytes: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let record = try await reachable(context, identity)
        _ = try await addDocument(upload.files["file"], record, identity)
        return .redirect("/cases/\(record.id)?done=document")
    }

    /// The proposer adds `file` to the case while it is open (page and API).
    func addDocument(_ file: MultipartForm.File?, _ record: CaseRecord, _ identity: Identity) async throws -> CaseDocument {
        guard CaseAccess(identity: identity).isProposer(record) else {
            throw AppError(.forbidden, code: "not_proposer", message: CaseText.notUploader)
        }
        guard !record.status.isFinal else { throw AppError(.conflict, code: "case_closed", message: CaseText.closed) }
        guard let file, !file.fileName.isEmpty, !file.data.isEmpty else {
            throw AppError(.unprocessableContent, code: "no_file", message: CaseText.noFile)
        }
        switch AttachmentPolicy.check(fileName: file.fileName, data: file.data) {
        case .refused(let message): throw AppError(.unprocessableContent, code: "file_refused", message: message)
        case .accepted(let contentType):
            let document = CaseDocument(
                id: services.store.ids.make("cdc"), programmeId: identity.programmeId, caseId: record.id,
                fileName: AttachmentPolicy.cleanName(file.fileName), contentType: contentType, size: file.data.count,
                sha256: Hex.encode(SHA256.hash(data: file.data)), uploadedBy: identity.account.displayName,
                uploadedAt: services.store.clock.now())
            try await services.store.cases.addDocument(document, content: file.data, by: identity.changeActor)
            return document
        }
    }

    /// `GET /cases/{id}/documents/{document}`: a document of a case in reach, its digest checked.
    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await reachable(context, identity)
        let id = try context.parameters.require("document")
        guard let found = try await services.store.cases.document(id: id, programmeId: identity.programmeId),
            found.0.caseId == record.id
        else { throw AppError.notFound(CaseText.document) }
        let (document, data) = found
        return try FileDownload.response(
            data, sha256: document.sha256, fileName: document.fileName, contentType: document.contentType)
    }
}
