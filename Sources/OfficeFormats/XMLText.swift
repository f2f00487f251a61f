/// Escaping of text for the XML parts the writer produces.
///
/// Cell text is typed by people and pasted from Word, WeChat and old systems, so it can contain
/// anything. XML 1.0 cannot carry most control characters at all (a file with one is unreadable),
/// so those are dropped; markup characters are escaped; carriage returns are written as a character
/// reference because parsers otherwise normalise "\r\n" to "\n".
enum XMLText {
    /// `text` safe as element content or as a double- or single-quoted attribute value.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// XML 1.0's `Char` production, less tab/LF/CR which `escaped` handles itself.
    /// (Swift strings cannot hold lone surrogates, so only the C0 controls and U+FFFE/U+FFFF remain.)
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF
    }
}
