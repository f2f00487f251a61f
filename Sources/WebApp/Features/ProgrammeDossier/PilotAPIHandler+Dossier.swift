import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore

/// `/api/v1/programme/dossiers…` and `/api/v1/accounts/{id}/password` (issue 17): the city's two
/// dossiers through `DossierService` and `ProgrammeHandlers` like the pages (each save a version,
/// a stale one refused), and the administrators' password reset through `UserAdminHandlers`.
extension PilotAPIHandler {
    var programmeHandlers: ProgrammeHandlers { ProgrammeHandlers(services: services) }

    func getDossier(_ input: Operations.GetDossier.Input) async throws -> Operations.GetDossier.Output {
        let identity = try identity(for: .programmeRead)
        return .ok(.init(body: .json(try await dossier(input.path.kind.rawValue, identity))))
    }

    func saveDossierText(_ input: Operations.SaveDossierText.Input) async throws -> Operations.SaveDossierText.Output {
        let identity = try identity(for: .programmeDossierEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(input.path.section, "section", 1...50)
        try APIBounds.check(body.text, "text", 1...DossierSection.maxText)
        try APIBounds.value(body.version, "version", 0...100_000)
        let kind = try Self.dossierKind(input.path.kind.rawValue)
        try await programmeHandlers.saveText(
            kind, section: input.path.section, text: body.text, version: String(body.version), identity)
        return .ok(.init(body: .json(try await dossier(kind.rawValue, identity))))
    }

    func addDossierDocument(
        _ input: Operations.AddDossierDocument.Input
    ) async throws
        -> Operations.AddDossierDocument.Output
    {
        let identity = try identity(for: .programmeDossierEdit)
        try APIBounds.check(input.query.documentKind, "document_kind", 1...50)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        let kind = try Self.dossierKind(input.path.kind.rawValue)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: ProgrammeHandlers.maxDocumentBytes, tooLarge: DossierPageText.tooLarge)
        let document = try await programmeHandlers.addDocument(
            kind, documentKind: input.query.documentKind,
            MultipartForm.File(fileName: input.query.fileName, contentType: "application/octet-stream", data: data), identity)
        return .created(.init(body: .json(DossierMapping.document(document))))
    }

    func resetAccountPassword(
        _ input: Operations.ResetAccountPassword.Input
    ) async throws
        -> Operations.ResetAccountPassword.Output
    {
        let identity = try identity(for: .usersAdminister)
        let account = try await users.target(id: input.path.userId, identity)
        let password = try await users.resetPassword(account, identity)
        let now = try await services.store.accounts.user(id: account.id) ?? account
        return .ok(.init(body: .json(.init(account: Self.account(now), oneTimePassword: password))))
    }

    static func dossierKind(_ text: String) throws -> DossierKind {
        guard let kind = DossierKind(rawValue: text) else { throw AppError.notFound(DossierPageText.dossier) }
        return kind
    }

    func dossier(_ kind: String, _ identity: Identity) async throws -> Components.Schemas.DossierDetail {
        let service = DossierService(services: services)
        let dossier = try await service.dossier(
            try Self.dossierKind(kind), programmeId: identity.programmeId,
            phases: try await service.phases(identity.programmeId))
        return DossierMapping.dossier(dossier, scope.language)
    }
}

/// The dossiers as the API shows them.
enum DossierMapping {
    static func dossier(_ dossier: Dossier, _ language: UILanguage) -> Components.Schemas.DossierDetail {
        .init(
            kind: dossier.kind == .midterm ? .midterm : .final, due: dossier.due, asOf: dossier.asOf,
            complete: dossier.isComplete,
            sections: dossier.sections.map { section in
                .init(
                    key: section.key, title: section.title.zh, titleEn: section.title.en,
                    version: section.latest?.version ?? 0, text: section.latest?.text, byName: section.latest?.byName,
                    at: section.latest?.at,
                    figures: section.figures.map { .init(label: $0.label.zh, labelEn: $0.label.en, value: $0.value) })
            },
            requiredDocuments: dossier.kind.requiredDocuments.map { .init(key: $0.key, name: $0.name.zh, nameEn: $0.name.en) },
            documents: dossier.documents.map(document), missing: dossier.missing.map { $0.message.text(language) })
    }

    static func document(_ document: DossierDocument) -> Components.Schemas.DossierDocumentView {
        .init(
            id: document.id, kind: document.kind, fileName: document.fileName, contentType: document.contentType,
            size: document.size, sha256: document.sha256, uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt)
    }
}
