/// Escaping for HTML and XML (pages and SVG diagrams share it).
public enum Markup {
    /// Text for an attribute or element: markup characters escaped, characters XML 1.0 forbids
    /// (most control characters) dropped.
    public static func escape(_ text: String) -> String {
        // Most texts (names, numbers, Chinese labels) need nothing: one pass over the bytes
        // instead of rebuilding them scalar by scalar (a dashboard page escapes thousands).
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `escape` would change the text: a markup character, a control character other
    /// than tab and line breaks, or the noncharacters U+FFFE/U+FFFF (UTF-8 EF BF BE/BF).
    static func needsEscaping(_ text: String) -> Bool {
        var before: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
            case 0x09, 0x0A, 0x0D: break
            case 0..<0x20: return true
            case 0xBE,
                0xBF where before == (0xEF, 0xBF):
                return true
            default: break
            }
            before = (before.1, byte)
        }
        return false
    }
}
