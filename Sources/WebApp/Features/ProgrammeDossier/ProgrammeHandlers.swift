import Crypto
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The programme itself (policy 004 §五, §四(九)(十); issue #15): its phases with their status from
/// today's date, and the city's two dossiers — the mid-term evaluation and the final acceptance —
/// assembled from the data, with the office's text per section (each save a version), the required
/// documents, the checklist of what is missing, a printable A4 page and the figures as XLSX.
struct ProgrammeHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = ProgrammeHandlers(services: services)
        router.requiring(.programmeRead)
            .get("/programme") { _, context in try await handlers.overview(context) }
            .get("/programme/dossier/:kind") { request, context in try await handlers.page(request, context) }
            .get("/programme/dossier/:kind/print") { _, context in try await handlers.printPage(context) }
            .get("/programme/dossier/:kind/export.xlsx") { _, context in try await handlers.export(context) }
            .get("/programme/dossier/:kind/documents/:document") { _, context in try await handlers.download(context) }
        router.requiring(.programmeDossierEdit)
            .post("/programme/dossier/:kind/sections/:section") { request, context in
                try await handlers.saveText(request, context)
            }
            .post("/programme/dossier/:kind/documents") { request, context in try await handlers.upload(request, context) }
    }

    static let maxDocumentBytes = 20 * 1024 * 1024
    static let documentTypes: [String: String] = [
        "pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "png": "image/png",
    ]

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    var today: String { Shanghai.dateText(services.store.clock.now()) }

    /// `GET /programme`.
    func overview(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let service = DossierService(services: services)
        let phases = try await service.phases(identity.programmeId)
        var dossiers: [Dossier] = []
        for kind in DossierKind.allCases {
            dossiers.append(try await service.dossier(kind, programmeId: identity.programmeId, phases: phases))
        }
        return .html(
            ProgrammePhasesView(layout: layout(context, identity, "/programme")).render(
                phases: phases, today: today, dossiers: dossiers))
    }

    func kind(_ context: AppRequestContext) throws -> DossierKind {
        guard let kind = DossierKind(rawValue: try context.parameters.require("kind")) else {
            throw AppError.notFound(DossierPageText.dossier)
        }
        return kind
    }

    func dossier(_ context: AppRequestContext, _ identity: Identity) async throws -> Dossier {
        let kind = try self.kind(context)
        let service = DossierService(services: services)
        return try await service.dossier(
            kind, programmeId: identity.programmeId, phases: try await service.phases(identity.programmeId))
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, _ dossier: Dossier, flash: Flash?, typed: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        .html(
            DossierView(layout: layout(context, identity, "/programme/dossier/\(dossier.kind.rawValue)")).render(
                dossier, canEdit: AccessPolicy.allows(identity, .programmeDossierEdit), flash: flash, typed: typed),
            status: status)
    }

    /// `GET /programme/dossier/{midterm|final}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let dossier = try await self.dossier(context, identity)
        let done = request.uri.queryParameters["done"].map(String.init)
        let text: LocalizedText? =
            done == "text" ? DossierPageText.textSaved : done == "document" ? DossierPageText.uploaded : nil
        return render(context, identity, dossier, flash: text.map { Flash(kind: .ok, text: $0.text(context.language)) })
    }

    func printPage(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let dossier = try await self.dossier(context, identity)
        return .html(
            DossierView(layout: layout(context, identity, "/programme/dossier/\(dossier.kind.rawValue)/print")).printPage(dossier)
        )
    }

    func export(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let dossier = try await self.dossier(context, identity)
        return try SpreadsheetResponse.xlsx(DossierService.workbook(dossier), fileName: "dossier-\(dossier.kind.rawValue).xlsx")
    }

    /// `POST /programme/dossier/{kind}/sections/{section}`: the text as the version after the one the
    /// form was based on; a refusal re-shows the page with the reason.
    func saveText(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let kind = try self.kind(context)
        let section = try context.parameters.require("section")
        do {
            try await saveText(kind, section: section, text: form["text"], version: form["version"], identity)
        } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
            let text = (form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return render(
                context, identity, try await dossier(context, identity),
                flash: Flash(kind: .error, text: error.message.text(context.language)), typed: [section: text],
                status: error.status)
        }
        return .redirect("/programme/dossier/\(kind.rawValue)?done=text#section-\(section)")
    }

    /// Saves a section's text as the version after `version` (page and API): an unknown section is
    /// 404, a bad version 400, an empty or too long text 422, a newer version saved meanwhile 409;
    /// nothing is written then.
    func saveText(
        _ kind: DossierKind, section: String, text: String?, version: String?, _ identity: Identity
    ) async throws {
        guard DossierSection.keys.contains(where: { $0.0 == section }) else { throw AppError.notFound(DossierPageText.section) }
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let version = Int(version ?? ""), (0...100_000).contains(version) else {
            throw AppError(.badRequest, code: "bad_version", message: DossierPageText.stale)
        }
        if text.isEmpty { throw AppError(.unprocessableContent, code: "invalid_input", message: DossierPageText.emptyText) }
        if text.count > DossierSection.maxText {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: DossierPageText.tooLong(DossierSection.maxText))
        }
        do {
            _ = try await services.store.dossiers.saveText(
                programmeId: identity.programmeId, dossier: kind.rawValue, section: section, text: text, expected: version,
                by: identity.changeActor)
        } catch StoreError.staleVersion {
            throw AppError(.conflict, code: "stale", message: DossierPageText.stale)
        }
    }

    /// `POST /programme/dossier/{kind}/documents`: one required document (PDF, DOCX, XLSX, JPG, PNG).
    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let kind = try self.kind(context)
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: Self.maxDocumentBytes, tooLarge: DossierPageText.tooLarge)
        do {
            _ = try await addDocument(kind, documentKind: form.fields["kind"], form.files["file"], identity)
        } catch let error as AppError where error.status == .unprocessableContent {
            return render(
                context, identity, try await dossier(context, identity),
                flash: Flash(kind: .error, text: error.message.text(context.language)), status: .unprocessableContent)
        }
        return .redirect("/programme/dossier/\(kind.rawValue)?done=document#documents")
    }

    /// Stores `file` as a required document of the dossier (page and API); 422 for a kind the
    /// dossier does not require, no file or a type not accepted.
    func addDocument(
        _ kind: DossierKind, documentKind: String?, _ file: MultipartForm.File?, _ identity: Identity
    ) async throws -> DossierDocument {
        func refuse(_ message: LocalizedText) -> AppError {
            AppError(.unprocessableContent, code: "invalid_input", message: message)
        }
        guard let documentKind, kind.requiredDocuments.contains(where: { $0.key == documentKind }) else {
            throw refuse(DossierPageText.badKind)
        }
        guard let file, !file.data.isEmpty, file.data.count <= Self.maxDocumentBytes else {
            throw refuse(DossierPageText.chooseFile)
        }
        let ext = (file.fileName as NSString).pathExtension.lowercased()
        guard let contentType = Self.documentTypes[ext] else { throw refuse(DossierPageText.badType) }
        let name = String(file.fileName.suffix(120))
        let document = DossierDocument(
            id: services.store.ids.make("dsd"), dossier: kind.rawValue, kind: documentKind, fileName: name,
            contentType: contentType, size: file.data.count, sha256: Hex.encode(SHA256.hash(data: file.data)),
            uploadedBy: identity.account.displayName, uploadedAt: services.store.clock.now())
        try await services.store.dossiers.addDocument(programmeId: identity.programmeId, document, content: file.data)
        return document
    }

    /// `GET /programme/dossier/{kind}/documents/{id}`: a document of this programme's dossier, its digest checked.
    func download(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let kind = try self.kind(context)
        let id = try context.parameters.require("document")
        guard let found = try await services.store.dossiers.document(id: id, programmeId: identity.programmeId),
            found.0.dossier == kind.rawValue
        else { throw AppError.notFound(DossierPageText.document) }
        let (document, data) = found
        return try FileDownload.response(
            data, sha256: document.sha256, fileName: document.fileName, contentType: document.contentType)
    }
}
