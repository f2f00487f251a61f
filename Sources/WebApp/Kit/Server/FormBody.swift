import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, decoded. Repeated names keep the last value,
/// except names ending in `[]` (checkbox groups): their values are joined with commas under the
/// name without the brackets.
public struct FormBody: Sendable {
    public var values: [String: String]

    public subscript(_ name: String) -> String? { values[name] }

    public static func read(_ request: Request, context: AppRequestContext) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormBody(values: parse(String(buffer: buffer)))
    }

    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if name.hasSuffix("[]") {
                let key = String(name.dropLast(2))
                values[key] = values[key].map { $0 + "," + value } ?? value
            } else if !name.isEmpty {
                values[name] = value
            }
        }
        return values
    }

    static func decode(_ component: Substring) -> String {
        String(component).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}
