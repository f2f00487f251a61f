import Crypto
import Foundation
import Hummingbird
import PilotDomain

/// A stored file as a download, the one way every feature serves its uploads (project attachments,
/// diagnosis evidence, centre, case, policy, dossier and record documents). The digest kept at upload
/// proves the bytes are the ones uploaded: a mismatch is a storage fault and nothing is served. The
/// name goes in RFC 5987 `filename*`, so a Chinese name survives and no quote in it can break the header.
enum FileDownload {
    /// `cacheControl`: `private, no-store` for files behind a sign-in; public files still `no-store`.
    static func response(
        _ data: Data, sha256: String, fileName: String, contentType: String, cacheControl: String = "private, no-store"
    ) throws -> Response {
        guard Hex.encode(SHA256.hash(data: data)) == sha256 else {
            throw AppError(.internalServerError, code: "storage", message: ProjectText.storageFailed)
        }
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .cacheControl: cacheControl,
                .contentDisposition: "attachment; filename=\"download\"; filename*=UTF-8''\(encoded)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
