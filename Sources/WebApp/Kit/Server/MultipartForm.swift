import Foundation
import Hummingbird
import PilotDomain

/// A `multipart/form-data` body (RFC 7578) as browsers send it for a file upload: text fields and
/// files by name. Small on purpose: the whole body is already bounded by the route's size limit,
/// so it is parsed in memory.
struct MultipartForm {
    struct File {
        var fileName: String
        var contentType: String
        var data: Data
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    enum Problem: Error { case notMultipart, malformed }

    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parse(_ body: Data, contentType: String?) throws(Problem) -> MultipartForm {
        guard let boundary = boundary(contentType: contentType) else { throw .notMultipart }
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var form = MultipartForm()
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { throw .malformed }
        cursor = first.upperBound
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw .malformed }
            cursor += 2
            guard let headersRange = body.range(of: headerEnd, in: cursor..<body.endIndex),
                let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headersRange.upperBound..<body.endIndex)
            else { throw .malformed }
            let headers = String(decoding: body[cursor..<headersRange.lowerBound], as: UTF8.self)
            let content = body[headersRange.upperBound..<next.lowerBound]
            var name: String?
            var fileName: String?
            var type = "application/octet-stream"
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line)
                    fileName = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            if let name {
                if let fileName {
                    form.files[name] = File(fileName: fileName, contentType: type, data: Data(content))
                } else {
                    form.fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            cursor = next.upperBound
        }
        return form
    }

    /// `name="value"` in a Content-Disposition line.
    static func parameter(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: " \(key)=\"") ?? line.range(of: ";\(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

extension MultipartForm {
    /// Reads an upload posted by a signed-in user: the body up to `maxBytes` plus room for the
    /// multipart envelope (413 with `tooLarge` beyond), parsed (400 when malformed), and the form's
    /// CSRF token checked against the session's — the upload counterpart of `PageForm.read`.
    static func read(
        _ request: Request, identity: Identity, maxBytes: Int, tooLarge: LocalizedText
    ) async throws -> MultipartForm {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBytes + 64 * 1024)
        } catch {
            throw AppError(.contentTooLarge, code: "too_large", message: tooLarge)
        }
        let form: MultipartForm
        do {
            form = try parse(Data(buffer: body), contentType: request.headers[.contentType])
        } catch {
            throw AppError(.badRequest, code: "bad_upload", message: ProjectText.badUpload)
        }
        guard let expected = identity.csrfToken, let given = form.fields["csrf_token"], Hex.constantTimeEqual(expected, given)
        else { throw AppError.csrf }
        return form
    }
}
