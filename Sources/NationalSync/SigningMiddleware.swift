import Foundation
import HTTPTypes
import OpenAPIRuntime
import PilotDomain

/// Signs every outgoing request (RequestSignature) over the exact bytes that will be sent.
/// The generated client percent-encodes header values, so the four headers are set here, raw.
struct SigningMiddleware: ClientMiddleware {
    let credentials: SyncCredentials
    let clock: any Clock

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        let bytes: [UInt8] = if let body { try await [UInt8](collecting: body, upTo: 32 * 1024 * 1024) } else { [] }
        let headers = RequestSignature.headers(
            method: request.method.rawValue, path: request.path ?? "/", body: bytes, credentials: credentials, now: clock.now())
        for (name, value) in headers { request.headerFields[HTTPField.Name(name)!] = value }
        return try await next(request, body == nil ? nil : HTTPBody(bytes), baseURL)
    }
}
