/// Why a workbook could not be written. Each case is a limit Excel enforces: writing past it gives
/// a file Excel "repairs" by dropping data, so the writer refuses instead and says where.
public enum SpreadsheetWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Excel cannot open a workbook without a sheet.
    case noSheets
    /// More than 1,048,576 rows in one sheet.
    case tooManyRows(sheet: String, count: Int)
    /// More than 16,384 columns in one row (`row` is 1-based, as shown in Excel).
    case tooManyColumns(sheet: String, row: Int, count: Int)
    /// A text cell longer than Excel's 32,767 characters; `cell` is like "B7".
    case textTooLong(sheet: String, cell: String)
    /// The ZIP container could not be built (not expected in practice: everything is in memory).
    case archive(String)

    public var description: String {
        switch self {
        case .noSheets:
            "A workbook needs at least one sheet"
        case .tooManyRows(let sheet, let count):
            "Sheet \"\(sheet)\" has \(count) rows; Excel allows at most 1,048,576"
        case .tooManyColumns(let sheet, let row, let count):
            "Row \(row) of sheet \"\(sheet)\" has \(count) columns; Excel allows at most 16,384"
        case .textTooLong(let sheet, let cell):
            "Cell \(cell) of sheet \"\(sheet)\" is longer than Excel's 32,767 characters"
        case .archive(let reason):
            "Could not build the XLSX container: \(reason)"
        }
    }
}
