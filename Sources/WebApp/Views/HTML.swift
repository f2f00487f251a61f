import PilotDomain

/// HTML text that is safe by construction: interpolated `String`s are escaped, interpolated
/// `HTML` is inserted as is. Views build pages from these, so forgetting to escape is not possible.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var text: String

    public init(raw text: String) { self.text = text }
    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    public var description: String { text }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }
        public mutating func appendInterpolation(_ values: [HTML]) { for value in values { text += value.text } }
        public mutating func appendInterpolation(_ value: HTML?) { text += value?.text ?? "" }
    }

    public static func escape(_ value: String) -> String { Markup.escape(value) }

    public static let empty = HTML(raw: "")
}

extension Array where Element == HTML {
    public func joined() -> HTML { HTML(raw: map(\.text).joined()) }
}
