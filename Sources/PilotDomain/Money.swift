/// An amount of money in integer fen (分). Never floating point (domain.md §7).
public struct Fen: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static func yuan(_ yuan: Int64) -> Fen { Fen(yuan * 100) }

    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Fen, rhs: Fen) -> Fen { Fen(lhs.value + rhs.value) }
    public static func - (lhs: Fen, rhs: Fen) -> Fen { Fen(lhs.value - rhs.value) }
    public static let zero = Fen(0)

    /// The largest amount we accept: ¥100 billion, far above any programme, far below overflow.
    public static let maximum = Fen(100_000_000_000 * 100)

    /// "1,234,567.89" — yuan with two decimals and thousands separators.
    public var yuanText: String {
        let negative = value < 0
        let magnitude = value.magnitude
        let whole = String(magnitude / 100)
        let cents = magnitude % 100
        var grouped = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// "123.456789" — 万元 exact to the fen (1 万元 = 1,000,000 fen, so six decimals are exact).
    /// Trailing zeros are dropped but at least two decimals are kept, as officials write it.
    public var wanYuanText: String {
        let negative = value < 0
        let magnitude = value.magnitude
        let whole = magnitude / 1_000_000
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + String(whole) + "." + fraction
    }

    public var description: String { "¥" + yuanText }

    /// "1234567.89": yuan with two decimals and no separators, as forms, the API and
    /// `Fen.parseYuan` read it back.
    public var plainYuanText: String { yuanText.replacingOccurrences(of: ",", with: "") }
}

/// Why a typed amount was refused; every message names what to type instead.
public enum MoneyInputProblem: Error, Sendable, Equatable {
    case empty
    case notANumber
    case negative
    case tooManyDecimals
    case tooLarge

    public var message: LocalizedText {
        switch self {
        case .empty:
            LocalizedText(zh: "请输入金额", en: "Enter an amount")
        case .notANumber:
            LocalizedText(
                zh: "金额须为阿拉伯数字，以元为单位，最多两位小数，例如 12345.67",
                en: "Enter the amount in yuan with digits and at most two decimals, e.g. 12345.67")
        case .negative:
            LocalizedText(zh: "金额不能为负数", en: "The amount cannot be negative")
        case .tooManyDecimals:
            LocalizedText(zh: "金额最多两位小数（精确到分）", en: "At most two decimals (the smallest unit is one fen)")
        case .tooLarge:
            LocalizedText(zh: "金额超出允许范围（不超过 1000 亿元）", en: "The amount is too large (at most ¥100 billion)")
        }
    }
}

extension Fen {
    /// Parses an amount typed in yuan: digits, optional thousands separators, at most two decimals.
    /// Refuses exponents ("1e9"), Chinese numerals ("壹万"), signs and anything else.
    public static func parseYuan(_ raw: String) throws(MoneyInputProblem) -> Fen {
        var text = Substring(raw)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        if text.hasPrefix("¥") || text.hasPrefix("￥") { text.removeFirst() }
        if text.isEmpty { throw .empty }
        if text.hasPrefix("-") { throw .negative }
        let digitsAndSeparators = text.replacingCommas()
        let parts = digitsAndSeparators.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholePart = parts.first, !wholePart.isEmpty,
            wholePart.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw .notANumber }
        var fractionPart = parts.count == 2 ? String(parts[1]) : ""
        guard fractionPart.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notANumber }
        if parts.count == 2 && fractionPart.isEmpty { throw .notANumber }
        guard fractionPart.count <= 2 else { throw .tooManyDecimals }
        guard wholePart.count <= 12, let whole = Int64(wholePart) else { throw .tooLarge }
        while fractionPart.count < 2 { fractionPart.append("0") }
        let fen = Fen(whole * 100 + (Int64(fractionPart) ?? 0))
        guard fen <= Fen.maximum else { throw .tooLarge }
        return fen
    }
}

extension Substring {
    /// Removes thousands separators, but only where they stand between groups of three digits.
    fileprivate func replacingCommas() -> String {
        guard contains(",") else { return String(self) }
        let wholeEnd = firstIndex(of: ".") ?? endIndex
        let groups = self[startIndex..<wholeEnd].split(separator: ",", omittingEmptySubsequences: false)
        let wellFormed = groups.dropFirst().allSatisfy { $0.count == 3 } && !(groups.first?.isEmpty ?? true)
        // A malformed grouping keeps its commas and is refused as not a number.
        return wellFormed ? groups.joined() + self[wholeEnd...] : String(self)
    }
}
