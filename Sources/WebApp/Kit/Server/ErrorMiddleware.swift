import Foundation
import Hummingbird
import Logging
import OpenAPIRuntime
import PilotDomain
import PilotStore
import WorkflowEngine

/// Turns every error into a response the user can act on: JSON `{"error": {code, message,
/// fields}}` on /api, a page in the browser; never a stack trace. Unexpected errors are logged
/// with a reference the user can quote, and answered 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            var context = context
            if context.identity == nil { context.language = IdentityMiddleware.language(of: request) }
            let appError = Self.appError(for: error, context: context, request: request)
            let isAPI = request.uri.path.hasPrefix("/api/")
            if appError.status == .unauthorized && !isAPI {
                let target = AppPath.login.url + "?return_to=" + AppPath.encode(request.uri.path)
                return Response(status: .seeOther, headers: [.location: target])
            }
            return isAPI
                ? Self.json(appError, language: context.language) : Self.page(appError, context: context, request: request)
        }
    }

    static func appError(for error: any Error, context: Context, request: Request) -> AppError {
        switch error {
        case let error as AppError: return error
        case let error as ServerError:
            // The generated API layer wraps everything: our own errors, and its own decoding
            // failures (a missing header, a malformed body), which are the client's 400.
            if error.underlyingError is AppError || error.underlyingError is StoreError {
                return appError(for: error.underlyingError, context: context, request: request)
            }
            return AppError(.badRequest, code: "bad_request", message: MalformedRequest.message(error))
        case StoreError.notFound: return .notFound(LocalizedText(zh: "该记录", en: "The record"))
        case StoreError.unreachable:
            return AppError(
                .serviceUnavailable, code: "database_unavailable",
                message: LocalizedText(zh: "数据库暂时无法访问，请稍后再试", en: "The database is unavailable; try again shortly"))
        case StoreError.conflict(let detail):
            return AppError(.conflict, code: "conflict", message: LocalizedText(zh: "数据冲突：\(detail)", en: "Conflict: \(detail)"))
        case let error as HTTPError:
            return AppError(
                error.status, code: "http_\(error.status.code)",
                message: LocalizedText(zh: error.status.reasonPhrase, en: error.status.reasonPhrase))
        default:
            let reference = String(UUID().uuidString.prefix(8))
            context.logger.error(
                "unexpected error \(reference) on \(request.method) \(request.uri.path): \(String(reflecting: error))")
            return AppError(
                .internalServerError, code: "internal",
                message: LocalizedText(
                    zh: "系统内部错误（编号 \(reference)），请联系管理员",
                    en: "Internal error (reference \(reference)); please contact the administrator"))
        }
    }

    static func json(_ error: AppError, language: UILanguage) -> Response {
        var body: [String: JSONValue] = ["code": .string(error.code), "message": .string(error.message.text(language))]
        if !error.fields.isEmpty {
            body["fields"] = .array(
                error.fields.map { .object(["field": .string($0.field), "message": .string($0.message.text(language))]) })
        }
        let text = JSONValue.canonicalText(["error": .object(body)])
        return Response(
            status: error.status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func page(_ error: AppError, context: Context, request: Request) -> Response {
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: request.uri.path
        )
        let html = ErrorView(layout: layout).render(status: Int(error.status.code), message: error.message.text(context.language))
        return Response(
            status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }
}

/// Security headers on every response (a deployment's nginx may add more).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}
