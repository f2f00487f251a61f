/// One worksheet: a name and rows of cells.
///
/// Row `i` of ``rows`` is spreadsheet row `i + 1`, and cell `j` is column `j + 1` ("A" is 0), so
/// an import can report "第 7 行 / row 7" to the person who made the file. Rows may differ in length.
public struct Sheet: Sendable, Hashable {
    /// The tab name. The writer makes it valid for Excel (see ``SheetName``); the reader returns it as stored.
    public var name: String
    public var rows: [[Cell]]
    /// How many leading rows are a header: the writer makes them bold and freezes them, so they stay
    /// in view while scrolling a long export. The reader recovers it from the frozen pane (0 if none).
    public var headerRows: Int

    public init(name: String, rows: [[Cell]], headerRows: Int = 0) {
        self.name = name
        self.rows = rows
        self.headerRows = headerRows
    }

    /// The rows as text (see ``Cell/stringValue``), for imports that validate every column themselves.
    public var textRows: [[String]] { rows.map { $0.map(\.stringValue) } }
}
