import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// Enterprise import for the district bureau and the platform operator (`enterprises.import`,
/// enforced by the route group).
struct ImportHandlers {
    let services: AppServices
    static let maxBytes = 5 * 1024 * 1024

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return .html(view(context, identity).render(report: nil, validOnly: false, flash: nil))
    }

    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await MultipartForm.read(
            request, identity: identity, maxBytes: Self.maxBytes, tooLarge: LocalizedText(zh: "文件不得超过 5 MB", en: "At most 5 MB"))
        guard let file = form.files["file"], !file.data.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: ProjectText.chooseFile,
                fields: [FieldError(field: "file", message: ProjectText.chooseFile)])
        }
        let validOnly = form.fields["valid_only"] != nil
        let report = try await EnterpriseImport(services: services).run(
            fileName: file.fileName, data: file.data, validOnly: validOnly, identity: identity)
        let failed = report.fileError != nil || (report.invalid > 0 && report.written == 0)
        let flash =
            report.fileError != nil
            ? Flash(kind: .error, text: report.fileError!.text(context.language))
            : report.invalid > 0 && !validOnly
                ? Flash(kind: .error, text: ImportText.nothingWritten.text(context.language))
                : Flash(kind: .ok, text: ImportText.done.text(context.language))
        return .html(
            view(context, identity).render(report: report, validOnly: validOnly, flash: flash),
            status: failed ? .unprocessableContent : .ok)
    }

    func template(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let format = try context.parameters.require("format")
        let rows = EnterpriseImport.template()
        let (data, type): (Data, String)
        switch format {
        case "template.xlsx":
            let sheet = Sheet(name: "企业名单", rows: rows.map { $0.map { Cell.text($0) } }, headerRows: 1)
            data = try XLSXWriter.data(Workbook(sheets: [sheet]))
            type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "template.csv":
            data = CSVWriter.data(rows: rows)
            type = "text/csv; charset=utf-8"
        default:
            throw AppError.notFound(LocalizedText(zh: "该模板", en: "This template"))
        }
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"enterprises-\(format)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> ImportView {
        ImportView(
            layout: Layout(
                language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.enterpriseImport.url)
        )
    }
}
