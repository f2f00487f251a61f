/// An administrative-division code in the GB/T 2260 style, extended one level down the way the
/// statistics bureau's 统计用区划代码 does: two digits of province, two of prefecture, two of
/// county (six in all), then three of street, town or development zone (nine).
///
/// The code says where a node sits: its ancestors are its own prefixes. That is what keeps scope
/// checks cheap at national scale (issue #12): "does a grant at N cover M" is a string prefix test,
/// and "everything under N" is one index range (`code >= N.prefix AND code < N.prefixEnd`), never a
/// walk of the tree per row.
public struct DivisionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: String

    /// The nation (国家): covers every code.
    public static let nation = DivisionCode(unchecked: "100000")

    /// Accepts six or nine ASCII digits. Checked on the UTF-8 bytes: `Character.isNumber` is a
    /// Unicode property lookup, and the dashboard parses a code per participant (issue #16 profile).
    public init?(_ text: String) {
        let bytes = text.utf8
        guard bytes.count == 6 || bytes.count == 9, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        value = text
    }

    init(unchecked: String) { value = unchecked }

    public var description: String { value }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.value < rhs.value }

    public enum Level: String, Sendable, CaseIterable, Codable, Comparable {
        case nation, province, prefecture, county, township

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// What the digits say the node is: trailing zero pairs mark the higher levels.
    public var level: Level {
        if self == .nation { return .nation }
        if value.count == 9 { return .township }
        if value.hasSuffix("0000") { return .province }
        if value.hasSuffix("00") { return .prefecture }
        return .county
    }

    /// The digits every node beneath this one starts with ("" for the nation).
    public var prefix: String {
        switch level {
        case .nation: ""
        case .province: String(value.prefix(2))
        case .prefecture: String(value.prefix(4))
        case .county, .township: value
        }
    }

    /// Whether `other` is this node or lies beneath it.
    public func covers(_ other: DivisionCode) -> Bool {
        other == self || (other.value.hasPrefix(prefix) && other.level > level)
    }

    /// This node and every node above it that its digits name, nearest first, ending with the
    /// nation. A prefecture a municipality does not have (e.g. 120100) is named all the same: a
    /// grant cannot be held there, so naming it widens nothing.
    public var ancestorsOrSelf: [DivisionCode] {
        var codes = [self]
        if level == .township { codes.append(DivisionCode(unchecked: String(value.prefix(6)))) }
        if level >= .county { codes.append(DivisionCode(unchecked: String(value.prefix(4)) + "00")) }
        if level >= .prefecture { codes.append(DivisionCode(unchecked: String(value.prefix(2)) + "0000")) }
        if level >= .province { codes.append(.nation) }
        return codes
    }

    /// The half-open range of codes beneath and including this node, for an index range scan:
    /// `lower <= code AND code < upper`. nil for the nation (no bound).
    public var range: (lower: String, upper: String)? {
        guard level != .nation else { return nil }
        let digits = Array(prefix.utf8)
        // The prefix plus one in its last digit: "1201" → "1202", "120119" → "12011:" (':' follows '9').
        var upper = digits
        upper[upper.count - 1] += 1
        return (prefix, String(decoding: upper, as: UTF8.self))
    }
}
