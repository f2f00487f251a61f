import PilotDomain
import WorkflowEngine

/// A list's page number from the client, bounded before any arithmetic: `(page - 1) * limit` on
/// an unchecked `Int` traps on overflow, and a trap ends the whole process (every request in
/// flight, the timer loop and the relay). 10,000 pages of 200 rows is far beyond any programme.
enum PageNumber {
    static let range = 1...10_000

    /// The page, or a 400 naming the allowed range. An absent or empty parameter is page 1.
    static func parse(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard text.count <= 6, let page = Int(text) else { throw invalid }
        return try bounded(page)
    }

    static func bounded(_ page: Int) throws -> Int {
        guard range.contains(page) else { throw invalid }
        return page
    }

    /// Rows to skip before `page` (never overflows: both factors are bounded).
    static func offset(_ page: Int, limit: Int) -> Int { (page - 1) * max(1, min(limit, 200)) }

    static let message = LocalizedText(
        zh: "页码须为 \(range.lowerBound)–\(range.upperBound) 之间的整数",
        en: "The page must be a whole number from \(range.lowerBound) to \(range.upperBound)")

    static let invalid = AppError(
        .badRequest, code: "invalid_page", message: message, fields: [FieldError(field: "page", message: message)])
}
