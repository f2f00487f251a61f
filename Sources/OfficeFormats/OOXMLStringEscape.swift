/// Office Open XML's own escape for strings, `_xHHHH_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
///
/// Excel writes characters that XML cannot carry as `_xHHHH_` — most often a carriage return in a
/// multi-line cell, `_x000D_`. The reader decodes them so an import sees the real text. Because of
/// that rule, text that literally contains `_x0041_` has to be written with its underscore escaped
/// (`_x005F_x0041_`) or Excel would show "A"; the writer does so, and the round trip is exact.
enum OOXMLStringEscape {
    /// Protects literal `_xHHHH_` sequences so Excel shows them as typed.
    static func encode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        let scalars = text.unicodeScalars
        for index in scalars.indices {
            if hexEscape(in: text, at: index) != nil { result += "_x005F" }
            result.unicodeScalars.append(scalars[index])
        }
        return result
    }

    /// Replaces each `_xHHHH_` with the character it names (invalid scalars are left as written).
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if let (scalar, end) = hexEscape(in: text, at: index) {
                result.unicodeScalars.append(scalar)
                index = end
            } else {
                result.unicodeScalars.append(scalars[index])
                index = scalars.index(after: index)
            }
        }
        return result
    }

    /// The scalar and the index after the escape if `_xHHHH_` starts at `index` (a scalar boundary).
    private static func hexEscape(in text: String, at index: String.Index) -> (Unicode.Scalar, String.Index)? {
        let utf8 = text.utf8
        guard let start = index.samePosition(in: utf8),
            utf8.distance(from: start, to: utf8.endIndex) >= 7,
            utf8[start] == UInt8(ascii: "_"), utf8[utf8.index(start, offsetBy: 1)] == UInt8(ascii: "x"),
            utf8[utf8.index(start, offsetBy: 6)] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt32 = 0
        for byte in utf8[utf8.index(start, offsetBy: 2)..<utf8.index(start, offsetBy: 6)] {
            guard let digit = hexDigitValue(byte) else { return nil }
            value = value * 16 + digit
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, utf8.index(start, offsetBy: 7))
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
