import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `POST /api/v1/enterprises/import`: the import page's file as the raw body, through the same
/// `EnterpriseImport` (same formats, same per-row checks, all-or-nothing unless `valid_only`).
extension PilotAPIHandler {
    func importEnterprises(_ input: Operations.ImportEnterprises.Input) async throws -> Operations.ImportEnterprises.Output {
        let identity = try identity(for: .enterprisesImport)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(
            body, upTo: ImportHandlers.maxBytes, tooLarge: LocalizedText(zh: "文件不得超过 5 MB", en: "At most 5 MB"))
        guard !data.isEmpty else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: ProjectText.chooseFile,
                fields: [FieldError(field: "file", message: ProjectText.chooseFile)])
        }
        let validOnly = input.query.validOnly ?? false
        let report = try await EnterpriseImport(services: services).run(
            fileName: "roster." + input.query.format.rawValue, data: data, validOnly: validOnly, identity: identity)
        let language = scope.language
        let rows = report.rows.map { row in
            Components.Schemas.ImportRow(
                line: row.line, name: row.name, created: row.created,
                errors: row.errors.map { .init(field: $0.field, message: $0.message.text(language)) })
        }
        let refusal: LocalizedText? =
            report.fileError ?? (report.invalid > 0 && (!validOnly || report.written == 0) ? ImportText.nothingWritten : nil)
        if let refusal {
            return .unprocessableContent(
                .init(
                    body: .json(
                        .init(error: .init(code: "invalid_input", message: refusal.text(language)), rows: rows))))
        }
        return .ok(.init(body: .json(.init(written: report.written, invalid: report.invalid, rows: rows))))
    }

    /// The request body, refused with `413 too_large` once past `limit` bytes (read no further).
    static func collect(_ body: HTTPBody, upTo limit: Int, tooLarge: LocalizedText) async throws -> Data {
        var data = Data()
        for try await chunk in body {
            data.append(contentsOf: chunk)
            guard data.count <= limit else { throw AppError(.contentTooLarge, code: "too_large", message: tooLarge) }
        }
        return data
    }
}
