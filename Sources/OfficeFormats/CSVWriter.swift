import Foundation

/// Writes CSV as RFC 4180 describes it: fields quoted when they contain the separator, a quote or
/// a line break, quotes doubled, every record ended by CRLF.
public enum CSVWriter {
    /// The CSV text for `rows`. `separator` must be a single ASCII character other than `"`, CR or LF.
    ///
    /// `neutralizingFormulas` guards against CSV injection: spreadsheet programs run a field that
    /// starts with `=`, `+`, `-` or `@` as a formula, so text typed by an enterprise ("=HYPERLINK(…)")
    /// could act on the official who opens the export. When set, such fields get a leading `'`
    /// (OWASP's advice) unless they are plain numbers like "-12.50". Off by default because it
    /// changes the text; turn it on for exports of user-entered text meant to be opened in Excel.
    public static func text(rows: [[String]], separator: Character = ",", neutralizingFormulas: Bool = false) -> String {
        precondition(separator.isASCII && !"\"\r\n".contains(separator), "unsupported CSV separator")
        var text = ""
        for row in rows {
            var first = true
            for value in row {
                if !first { text.append(separator) }
                first = false
                text += field(neutralizingFormulas ? neutralized(value) : value, separator: separator)
            }
            text += "\r\n"
        }
        return text
    }

    /// The CSV as UTF-8 bytes *with* a byte-order mark: without it, Excel in a Chinese locale reads
    /// a CSV as GBK and shows Chinese as mojibake. (Our ``CSVReader`` and most tools skip the BOM.)
    public static func data(rows: [[String]], separator: Character = ",", neutralizingFormulas: Bool = false) -> Data {
        Data([0xEF, 0xBB, 0xBF]) + Data(text(rows: rows, separator: separator, neutralizingFormulas: neutralizingFormulas).utf8)
    }

    static func field(_ value: String, separator: Character) -> String {
        let needsQuotes = value.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\r" || scalar == "\n" || Character(scalar) == separator
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func neutralized(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        if DecimalNumber(value) != nil { return value }
        if first == "+", let rest = DecimalNumber(String(value.dropFirst())), !rest.text.hasPrefix("-") { return value }
        return "'" + value
    }
}
