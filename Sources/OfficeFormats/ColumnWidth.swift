/// Column widths that fit the content, counting CJK characters double.
///
/// Excel's default column (8.43 "0"-widths) shows about four Chinese characters, so an enterprise
/// name like "深圳市南山区某某科技有限公司" would be cut off in every export. Excel measures width in
/// widths of the digit "0"; a CJK ideograph is about two of those.
enum ColumnWidth {
    static let minimum = 8.0
    static let maximum = 60.0

    /// One width per column up to the widest row, in Excel's units.
    static func widths(for rows: [[Cell]]) -> [Double] {
        var widths: [Double] = []
        for row in rows {
            if widths.count < row.count { widths += Array(repeating: minimum, count: row.count - widths.count) }
            for (column, cell) in row.enumerated() where !cell.isEmpty {
                widths[column] = max(widths[column], min(maximum, Double(displayWidth(cell.stringValue)) + 2))
            }
        }
        return widths
    }

    /// The widest line of `text` in "0"-widths.
    static func displayWidth(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                current = 0
                continue
            }
            current += isWide(scalar) ? 2 : 1
            widest = max(widest, current)
        }
        return widest
    }

    /// East Asian wide and full-width ranges (Hangul, CJK, Kana, full-width forms, CJK extensions).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
