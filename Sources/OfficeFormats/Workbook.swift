/// A spreadsheet file's content: its sheets in tab order.
public struct Workbook: Sendable, Hashable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The sheet with this exact name, if any.
    public func sheet(named name: String) -> Sheet? {
        sheets.first { $0.name == name }
    }
}
