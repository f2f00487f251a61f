/// "A1"-style cell references: zero-based (row, column) ↔ "B3".
///
/// Limits are Excel's (1,048,576 rows × 16,384 columns, "XFD"). The reader refuses references
/// outside them, which also stops a tiny crafted file from making it allocate a huge grid.
enum CellReference {
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384

    /// "A" for 0, "Z" for 25, "AA" for 26, … "XFD" for 16,383.
    static func columnName(_ column: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var remaining = column + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8(digit)))
            remaining = (remaining - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// "B3" for (row 2, column 1).
    static func name(row: Int, column: Int) -> String {
        columnName(column) + String(row + 1)
    }

    /// Parses "B3" (or "$B$3") into zero-based (row, column); nil when malformed or out of range.
    static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, (1...maximumRows).contains(row), column <= maximumColumns else { return nil }
        return (row - 1, column - 1)
    }

}
