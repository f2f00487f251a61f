import Foundation

/// Reads one `xl/worksheets/sheetN.xml` into rows of cells.
///
/// Positions come from the `r` attributes ("C1" after "A1" leaves B1 empty; a row r="5" after r="2"
/// leaves rows 3–4 empty), so row `i` of the result is spreadsheet row `i + 1`. Empty rows *inside*
/// the data are kept as `[]`; trailing empty cells of a row and trailing empty rows are dropped —
/// Excel writes formatted-but-empty cells and rows that hold no data. A formula cell gives its
/// cached value, or `.empty` if the file was never calculated (openpyxl formulas).
struct XLSXWorksheetPart {
    let rows: [[Cell]]
    /// Rows above a frozen pane, taken to be the header (what ``XLSXWriter`` writes).
    let headerRows: Int

    init(
        data: Data, partName: String, sharedStrings: [String], maximumCells: Int
    ) throws(SpreadsheetReadError) {
        let handler = Handler(partName: partName, sharedStrings: sharedStrings, maximumCells: maximumCells)
        try XMLEvents.parse(data, part: partName, handler: handler)
        rows = handler.denseRows()
        headerRows = handler.headerRows
    }

    private final class Handler: XMLEventHandler {
        let partName: String
        let sharedStrings: [String]
        let maximumCells: Int

        var rows: [Int: [Cell]] = [:]
        var cellCount = 0
        var headerRows = 0
        var sawPane = false
        var inSheetData = false
        var row = -1
        var column = -1
        /// The open `<c>`: its type attribute, and text gathered from `<v>` and from `<is><t>`.
        var cellType: String?
        var value = ""
        var inlineText = ""
        var inValue = false
        var inInlineText = false
        var phoneticDepth = 0

        init(partName: String, sharedStrings: [String], maximumCells: Int) {
            self.partName = partName
            self.sharedStrings = sharedStrings
            self.maximumCells = maximumCells
        }

        func start(_ name: String, attributes: [String: String]) throws(SpreadsheetReadError) {
            switch name {
            case "pane": readPane(attributes)
            case "sheetData": inSheetData = true
            case "row" where inSheetData:
                if let reference = attributes["r"] {
                    guard let number = Int(reference), (1...CellReference.maximumRows).contains(number) else {
                        throw .invalidContent(part: partName, reason: "row number \"\(reference)\"")
                    }
                    row = number - 1
                } else {
                    row += 1
                }
                column = -1
            case "c" where inSheetData:
                if let reference = attributes["r"] {
                    guard let position = CellReference.parse(reference) else {
                        throw .invalidContent(part: partName, reason: "cell reference \"\(reference)\"")
                    }
                    // The cell's own reference wins over a missing or inconsistent row number.
                    row = position.row
                    column = position.column
                } else {
                    column += 1
                    guard column < CellReference.maximumColumns, (0..<CellReference.maximumRows).contains(row) else {
                        throw .invalidContent(part: partName, reason: "a cell outside the sheet")
                    }
                }
                cellType = attributes["t"]
                value = ""
                inlineText = ""
            case "v": inValue = true
            case "rPh": phoneticDepth += 1
            case "t": inInlineText = phoneticDepth == 0
            default: break
            }
        }

        func end(_ name: String) throws(SpreadsheetReadError) {
            switch name {
            case "sheetData": inSheetData = false
            case "c" where inSheetData: try store(cell())
            case "v": inValue = false
            case "rPh": phoneticDepth -= 1
            case "t": inInlineText = false
            default: break
            }
        }

        func text(_ text: String) {
            if inValue {
                value += text
            } else if inInlineText {
                inlineText += text
            }
        }

        /// Only the first view's frozen pane counts; a split that is not frozen is not a header.
        private func readPane(_ attributes: [String: String]) {
            guard !sawPane else { return }
            sawPane = true
            guard let state = attributes["state"], state == "frozen" || state == "frozenSplit",
                let split = attributes["ySplit"].flatMap(Double.init), split >= 1, split <= 1_000
            else { return }
            headerRows = Int(split)
        }

        private func cell() throws(SpreadsheetReadError) -> Cell {
            switch cellType ?? "n" {
            case "s":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .empty }
                guard let index = Int(trimmed), sharedStrings.indices.contains(index) else {
                    throw .invalidContent(part: partName, reason: "shared string \(trimmed) does not exist")
                }
                return .text(sharedStrings[index])
            case "inlineStr":
                return .text(OOXMLStringEscape.decode(inlineText.isEmpty ? value : inlineText))
            case "str", "e", "d":
                return value.isEmpty ? .empty : .text(OOXMLStringEscape.decode(value))
            case "b":
                switch value.trimmingCharacters(in: .whitespaces).lowercased() {
                case "": return .empty
                case "1", "true": return .boolean(true)
                case "0", "false": return .boolean(false)
                default: throw .invalidContent(part: partName, reason: "boolean value \"\(value)\"")
                }
            default:
                return Self.number(value.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }

        /// "42" → `.integer`; "1234.56", "1E-3" → `.decimal` (exact); anything else stays text.
        static func number(_ text: String) -> Cell {
            if text.isEmpty { return .empty }
            if let integer = Int64(text) { return .integer(integer) }
            if let decimal = DecimalNumber(text) { return .decimal(decimal) }
            return .text(text)
        }

        private func store(_ cell: Cell) throws(SpreadsheetReadError) {
            guard cell != .empty else { return }
            let count = rows[row]?.count ?? 0
            if count <= column {
                cellCount += column + 1 - count
                guard cellCount <= maximumCells else { throw .tooLarge("more than \(maximumCells) cells") }
                rows[row, default: []].append(contentsOf: repeatElement(.empty, count: column + 1 - count))
            }
            rows[row, default: []][column] = cell
        }

        func denseRows() -> [[Cell]] {
            guard let last = rows.keys.max() else { return [] }
            return (0...last).map { rows[$0] ?? [] }
        }
    }
}
