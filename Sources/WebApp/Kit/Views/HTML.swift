import PilotDomain

/// HTML text that is safe by construction: interpolated `String`s are escaped, interpolated
/// `HTML` is inserted as is. Views build pages from these, so forgetting to escape is not possible.
///
/// Markup can only come from literals in our source: `HTML(raw:)`, string literals and the
/// literal parts of interpolations are `StaticString`s, so the compiler refuses a `String` read
/// from a request or the database where markup is expected (issue #11: an enterprise name typed
/// on /register reached /admin/users unescaped). The only exceptions are the constructors in
/// HTML+Trusted.swift, each for markup our own code generates.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public typealias StringLiteralType = StaticString

    public private(set) var text: String

    /// Markup written in the source (a compile-time literal).
    public init(raw literal: StaticString) { text = literal.description }
    public init(stringLiteral literal: StaticString) { text = literal.description }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
    /// For the trusted constructors (HTML+Trusted.swift) and `joined()` only.
    init(generated text: String) { self.text = text }

    public var description: String { text }

    public struct Interpolation: StringInterpolationProtocol {
        public typealias StringLiteralType = StaticString

        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: StaticString) { text += literal.description }
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }
        public mutating func appendInterpolation(_ values: [HTML]) { for value in values { text += value.text } }
        public mutating func appendInterpolation(_ value: HTML?) { text += value?.text ?? "" }
    }

    public static func escape(_ value: String) -> String { Markup.escape(value) }

    public static let empty = HTML(raw: "")

    /// An attribute (or class) written only when `condition` holds: `" selected"`, `" checked"`,
    /// `" open"`. The markup is a literal, so a condition can never carry text into the page.
    static func attribute(_ literal: StaticString, if condition: Bool) -> HTML {
        condition ? HTML(generated: literal.description) : .empty
    }

    /// A page's own style sheet: literals only (served inside the page, allowed by the CSP's
    /// `style-src 'unsafe-inline'`).
    static func style(_ sheets: StaticString...) -> HTML {
        HTML(generated: "<style>" + sheets.map(\.description).joined() + "</style>")
    }
}

extension Array where Element == HTML {
    func joined(separator: HTML = .empty) -> HTML { HTML(generated: map(\.text).joined(separator: separator.text)) }
}
