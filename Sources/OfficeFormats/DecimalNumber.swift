/// An exact decimal number kept as its literal text, e.g. "1234.56", "-0.5", "1.5E-7".
///
/// Why text and not `Decimal` or `Double`: a spreadsheet's `<v>` element *is* text, and the app's
/// money is integer fen. Keeping the literal means "1234.56" is written byte for byte and read back
/// unchanged — no binary rounding, no locale, no trailing-zero games — and conversion to fen is a
/// separate, exact step (``units(scale:)``) that refuses what does not fit instead of rounding.
public struct DecimalNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal: an optional "-", digits, optionally "." and digits, optionally an exponent.
    public let text: String

    /// Accepts the number syntax of XLSX `<v>` values: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    /// Returns nil for anything else ("1,000", "¥5", " 5", "NaN", ".5").
    public init?(_ text: String) {
        guard Self.parse(text) != nil else { return nil }
        self.text = text
    }

    /// `units × 10^-scale` written with exactly `scale` decimals: `(123456, 2)` → "1234.56",
    /// `(-5, 2)` → "-0.05", `(7, 0)` → "7". `scale` must be in 0...18.
    public init(units: Int64, scale: Int) {
        precondition((0...18).contains(scale), "DecimalNumber scale must be in 0...18")
        var digits = String(units.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        self.text = (units < 0 ? "-" : "") + digits
    }

    public var description: String { text }

    /// Digits after the decimal point, or nil when the literal has an exponent. The writer uses it
    /// to pick the number format ("0.00" for two), so 1234.50 is shown as written, not as 1234.5.
    public var fractionDigits: Int? {
        guard !text.contains(where: { $0 == "e" || $0 == "E" }) else { return nil }
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }

    /// The number as an integer count of `10^-scale` units when that is exact and fits in Int64:
    /// "1234.56" at scale 2 → 123456; "12" → 1200; "12.345" at scale 2 → nil (no rounding);
    /// "1.5E2" at scale 0 → 150.
    public func units(scale: Int) -> Int64? {
        guard let parsed = Self.parse(text) else { return nil }
        var digits = ArraySlice(parsed.digits.drop(while: { $0 == 0 }))
        if digits.isEmpty { return 0 }
        guard (-1_000...1_000).contains(scale) else { return nil }
        var shift = parsed.exponent + scale
        while shift < 0 {
            guard digits.last == 0 else { return nil }
            digits.removeLast()
            shift += 1
        }
        guard digits.count + shift <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits + Array(repeating: 0, count: shift) {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        if parsed.negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The literal split as `±digits × 10^exponent`, or nil if it is not a valid literal.
    /// Exponents of more than six digits are refused: no spreadsheet number is that large or small.
    static func parse(_ text: String) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var exponent = 0
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return nil }
        digits.append(contentsOf: whole.map { $0 - UInt8(ascii: "0") })
        bytes = bytes.dropFirst(whole.count)
        if bytes.first == UInt8(ascii: ".") {
            let fraction = bytes.dropFirst().prefix(while: isDigit)
            guard !fraction.isEmpty else { return nil }
            digits.append(contentsOf: fraction.map { $0 - UInt8(ascii: "0") })
            exponent -= fraction.count
            bytes = bytes.dropFirst(fraction.count + 1)
        }
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var sign = 1
            if let signByte = bytes.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") {
                sign = signByte == UInt8(ascii: "-") ? -1 : 1
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.allSatisfy(isDigit), bytes.count <= 6 else { return nil }
            exponent += sign * bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            bytes = bytes.dropFirst(bytes.count)
        }
        return bytes.isEmpty ? (negative, digits, exponent) : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
