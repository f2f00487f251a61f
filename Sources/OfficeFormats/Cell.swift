/// One spreadsheet cell's value.
///
/// There is no floating-point case on purpose: amounts are fen (Int64) in the app and must reach
/// the file as the exact literal "1234.56", never as the nearest `Double`. Dates are not a case
/// either: XLSX stores them as numbers with a date format, and the reader hands over the number.
public enum Cell: Sendable, Hashable {
    /// No value. Written as nothing at all; read for gaps ("A1", "C1" → B1 is empty).
    case empty
    case text(String)
    case integer(Int64)
    /// An exact decimal number, written to the file as its literal text.
    case decimal(DecimalNumber)
    case boolean(Bool)

    /// An amount in yuan from integer fen: `.yuan(fen: 123456)` is the number 1234.56,
    /// shown with two decimals ("0.00") in the spreadsheet.
    public static func yuan(fen: Int64) -> Cell {
        .decimal(DecimalNumber(units: fen, scale: 2))
    }

    /// The value as a plain string, as a person would type it: numbers as their literal text,
    /// booleans as "TRUE"/"FALSE" (Excel's spelling), empty as "". Handy for imports that
    /// validate every column as text.
    public var stringValue: String {
        switch self {
        case .empty: ""
        case .text(let string): string
        case .integer(let value): String(value)
        case .decimal(let number): number.text
        case .boolean(let value): value ? "TRUE" : "FALSE"
        }
    }

    /// The number as an integer count of `10^-scale` units, if it is one exactly:
    /// `cell.units(scale: 2)` turns a yuan amount into fen, and is nil for "12.345", for text,
    /// and on overflow. Lets imports accept `12` and `12.00` alike without `Double`.
    public func units(scale: Int) -> Int64? {
        switch self {
        case .integer(let value): DecimalNumber(units: value, scale: 0).units(scale: scale)
        case .decimal(let number): number.units(scale: scale)
        case .empty, .text, .boolean: nil
        }
    }

    public var isEmpty: Bool { self == .empty }
}
