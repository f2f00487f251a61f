import Hummingbird
import PilotDomain
import WorkflowEngine

/// An error the user can act on, with its HTTP status and a message in both languages.
/// `ErrorMiddleware` renders it as JSON on the API and as a page in the browser.
public struct AppError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: LocalizedText
    public var fields: [FieldError] = []

    public init(_ status: HTTPResponse.Status, code: String, message: LocalizedText, fields: [FieldError] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    public static let unauthenticated = AppError(
        .unauthorized, code: "unauthenticated", message: LocalizedText(zh: "请先登录", en: "Please sign in"))

    public static let forbidden = AppError(
        .forbidden, code: "forbidden", message: LocalizedText(zh: "您无权执行此操作", en: "You are not allowed to do this"))

    public static func notFound(_ what: LocalizedText) -> AppError {
        AppError(.notFound, code: "not_found", message: LocalizedText(zh: "未找到\(what.zh)", en: "\(what.en) not found"))
    }

    /// A panel expert reading a plan before declaring on conflicts of interest.
    public static let declarationRequired = AppError(
        .forbidden, code: "declaration_required",
        message: LocalizedText(
            zh: "请先就利益冲突作出声明（declare_interest），再查看方案", en: "Declare on conflicts of interest (declare_interest) first"))

    public static let csrf = AppError(
        .forbidden, code: "csrf",
        message: LocalizedText(
            zh: "页面已过期或来源不明，请刷新页面后重试", en: "The form expired or did not come from this site; reload and try again"))

    /// The HTTP status for an engine refusal: who-may problems are 403, stale is 409, the rest 422.
    public static func refusal(_ refusal: Refusal) -> AppError {
        let status: HTTPResponse.Status =
            switch refusal {
            case .roleNotPermitted, .outOfScope, .separationOfDuties: .forbidden
            case .staleVersion, .idempotencyKeyReused: .conflict
            case .unknownTransition, .notAllowedInState, .invalidInput, .guardFailed: .unprocessableContent
            }
        let fields: [FieldError] = if case .invalidInput(let errors) = refusal { errors } else { [] }
        return AppError(status, code: refusal.code, message: refusal.message, fields: fields)
    }
}
