import OpenAPIRuntime
import PilotDomain

/// What a client is told when the generated API layer cannot decode its request: which field,
/// when the decoder says, and what to check — never the decoder's own text ("DecodingError:
/// typeMismatch Int … underlying error: nil"), which is neither the user's language nor any help.
enum MalformedRequest {
    static func message(_ error: ServerError) -> LocalizedText {
        if let field = field(error.underlyingError) {
            return LocalizedText(
                zh: "请求格式不正确：“\(field)”的类型或取值不符合接口说明，请对照接口文档修改",
                en: "Malformed request: '\(field)' has the wrong type or value for the API contract")
        }
        return LocalizedText(
            zh: "请求格式不正确：参数、请求头或请求体不符合接口说明（类型、取值范围或 JSON 格式），请对照接口文档修改",
            en: "Malformed request: a parameter, header or the body does not match the API contract (type, range or JSON)")
    }

    /// The field the decoder names, if any (the last key of its coding path, or the missing key).
    static func field(_ error: any Error) -> String? {
        guard let decoding = error as? DecodingError else { return nil }
        let path: [any CodingKey]
        switch decoding {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        let names = path.map(\.stringValue).filter { !$0.isEmpty && Int($0) == nil }
        return names.last
    }
}
