import Foundation
import PilotDomain
import WorkflowEngine

/// The contract's length, count and value limits, checked by hand: the generated layer decodes
/// types but not `maxLength`/`maxItems`/`maximum`, and a request outside the contract must be
/// refused (400) rather than quietly cut short or stored.
enum APIBounds {
    /// `text` (absent counts as empty) has `range` characters, else `400 bad_request` naming `field`.
    /// Characters as the contract counts them (JSON Schema's `maxLength`: Unicode code points), not
    /// as Swift's `count` does (grapheme clusters): a letter followed by forty combining marks is one
    /// grapheme but forty-one code points, and the contract test sent such text to slip past a limit.
    static func check(_ text: String?, _ field: String, _ range: ClosedRange<Int>) throws {
        try count((text ?? "").unicodeScalars.count, field, range)
    }

    static func count(_ count: Int, _ field: String, _ range: ClosedRange<Int>) throws {
        try within(
            count, field, range,
            LocalizedText(
                zh: "“\(field)”的长度或数量须在 \(range.lowerBound)–\(range.upperBound) 之间",
                en: "'\(field)' must have \(range.lowerBound)–\(range.upperBound) characters or items"))
    }

    /// A number of the body within the contract's `minimum`/`maximum`.
    static func value(_ value: Int, _ field: String, _ range: ClosedRange<Int>) throws {
        try within(
            value, field, range,
            LocalizedText(
                zh: "“\(field)”的取值须在 \(range.lowerBound)–\(range.upperBound) 之间",
                en: "'\(field)' must be from \(range.lowerBound) to \(range.upperBound)"))
    }

    static func within(_ number: Int, _ field: String, _ range: ClosedRange<Int>, _ message: LocalizedText) throws {
        guard !range.contains(number) else { return }
        throw AppError(.badRequest, code: "bad_request", message: message, fields: [FieldError(field: field, message: message)])
    }

    /// An `Idempotency-Key` as the contract's pattern allows: 1–200 letters, digits and `. _ ~ : -`
    /// (what a header carries unchanged — the OpenAPI layer percent-decodes header values, so "%"
    /// would not arrive as sent). Nil stays nil (an optional key left out).
    @discardableResult
    static func idempotencyKey(_ key: String?) throws -> String? {
        guard let key else { return nil }
        guard (1...200).contains(key.unicodeScalars.count),
            key.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._~:-".unicodeScalars.contains($0))
            })
        else {
            throw AppError(
                .badRequest, code: "bad_request",
                message: LocalizedText(
                    zh: "Idempotency-Key 须为 1–200 个英文字母、数字或 . _ ~ : -",
                    en: "Idempotency-Key must be 1–200 letters, digits or . _ ~ : -"))
        }
        return key
    }
}
