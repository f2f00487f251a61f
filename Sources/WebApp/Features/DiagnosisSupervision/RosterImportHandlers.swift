import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET/POST /diagnosis/roster/import` and the template (`diagnosis.importRoster`): the unit's
/// roster of above-scale firms, checked row by row, written whole or not at all.
struct RosterImportHandlers {
    let services: AppServices
    static let path = "/diagnosis/roster/import"

    func view(_ context: AppRequestContext, _ identity: Identity) -> RosterImportView {
        RosterImportView(
            layout: Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: Self.path))
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await SupervisionScope.load(identity, services: services, action: .diagnosisImportRoster)
        return .html(view(context, identity).render(result: nil, flash: nil))
    }

    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await SupervisionScope.load(identity, services: services, action: .diagnosisImportRoster)
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: RosterImport.maxBytes, tooLarge: SupervisionText.tooLarge)
        guard let file = form.files["file"], !file.data.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: SupervisionText.chooseFile,
                fields: [FieldError(field: "file", message: SupervisionText.chooseFile)])
        }
        let language = context.language
        switch try await importRoster(identity, fileName: file.fileName, data: file.data) {
        case .refused(let result, let message):
            return .html(
                view(context, identity).render(result: result, flash: Flash(kind: .error, text: message.text(language))),
                status: .unprocessableContent)
        case .written(let count):
            return .html(
                view(context, identity).render(
                    result: .written(count), flash: Flash(kind: .ok, text: SupervisionText.written(count).text(language))))
        }
    }

    /// What importing a roster file came to.
    enum Imported {
        case written(RosterImportCount)
        /// Refused, nothing written: the file's error or the row report, and the message.
        case refused(RosterImportView.Result, LocalizedText)
    }

    /// Imports a roster file (CSV or XLSX) into the person's reach — the page's and the API's one
    /// rule: every row checked, any problem refuses the whole file.
    func importRoster(_ identity: Identity, fileName: String, data: Data) async throws -> Imported {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisImportRoster)
        let table: [[String]]
        switch EnterpriseImport.rows(fileName: fileName, data: data) {
        case .success(let rows): table = rows
        case .failure(let error): return .refused(.fileError(error.message), error.message)
        }
        let importer = RosterImport(programmeId: scope.programme.id, settings: scope.settings, scope: scope)
        switch importer.check(table) {
        case .failure(.file(let message)):
            return .refused(.fileError(message), message)
        case .failure(.rows(let rows, let problems)):
            return .refused(.problems(problems), SupervisionText.rejected(rows, problems.count))
        case .success(let firms):
            let count = try await services.store.diagnoses.importFirms(firms)
            services.logger.notice(
                "diagnosis roster imported",
                metadata: ["programme": .string(scope.programme.id), "added": "\(count.added)", "updated": "\(count.updated)"])
            return .written(count)
        }
    }

    /// `GET /diagnosis/roster/template.xlsx`.
    func template(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisImportRoster)
        let rows = RosterImport.template(scope.settings, division: scope.home)
        let sheet = Sheet(name: "规上企业名单", rows: rows.map { $0.map { Cell.text($0) } }, headerRows: 1)
        let data = try XLSXWriter.data(Workbook(sheets: [sheet]))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"diagnosis-roster-template.xlsx\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The upload form and, after a post, the row report or the summary.
struct RosterImportView {
    enum Result {
        case fileError(LocalizedText)
        case problems([RosterImport.Problem])
        case written(RosterImportCount)
    }

    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(result: Result?, flash: Flash?) -> HTML {
        let report: HTML =
            switch result {
            case nil: .empty
            case .fileError(let message)?:
                "<section class=\"card\" id=\"import-report\"><p class=\"field-error\">\(t(message))</p></section>"
            case .written(let count)?:
                "<section class=\"card\" id=\"import-summary\"><p>\(t(SupervisionText.written(count)))</p></section>"
            case .problems(let problems)?: problemsHTML(problems)
            }
        let body: HTML = """
            <h1>\(t(SupervisionText.importTitle))</h1>
            <form method="post" enctype="multipart/form-data" action="\(RosterImportHandlers.path)" class="card">\(layout.csrfField)
            <p class="muted">\(t(SupervisionText.importIntro))</p>
            <p><a href="/diagnosis/roster/template.xlsx">\(t(SupervisionText.template))</a></p>
            <div class="field"><label for="f-file">\(t(SupervisionText.file))</label>\
            <input type="file" id="f-file" name="file" accept=".xlsx,.csv" required></div>
            <button type="submit">\(t(SupervisionText.check))</button></form>
            \(report)
            """
        return layout.page(title: t(SupervisionText.importTitle), flash: flash, body)
    }

    func problemsHTML(_ problems: [RosterImport.Problem]) -> HTML {
        let rows = problems.prefix(2000).map { problem -> HTML in
            let column = RosterImport.columns.first { $0.key == problem.column }.map { t($0.title) } ?? problem.column
            return "<tr><td class=\"num\">\(problem.line)</td><td>\(column)</td><td>\(t(problem.message))</td></tr>"
        }.joined()
        return """
            <section class="card" id="import-report"><h2>\(t(SupervisionText.report))</h2>
            <table class="report"><thead><tr><th class="num">\(t(SupervisionText.line))</th><th>\(t(SupervisionText.column))</th>\
            <th>\(t(SupervisionText.problem))</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }
}
