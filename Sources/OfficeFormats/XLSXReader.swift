import Foundation

/// Reads `.xlsx` files as Excel, WPS, LibreOffice, openpyxl and ``XLSXWriter`` write them: shared or
/// inline strings, any part names and namespace prefixes, sheets in the workbook's tab order.
///
/// What comes back is values, not formatting: text (shared, inline or rich-text runs joined),
/// exact numbers (``Cell/integer`` or ``Cell/decimal``, never `Double`), booleans, and the cached
/// result of formulas. Dates arrive as their serial number (days since 1899-12-30), because a date
/// is only a number format in XLSX. Row and gap rules are on ``Sheet``: row `i` is spreadsheet row
/// `i + 1`, empty rows inside the data are kept as `[]`, trailing empty cells and rows are dropped.
/// Chart sheets and dialog sheets are skipped; hidden worksheets are included in tab order.
public enum XLSXReader {
    /// The default cap on cells per sheet, gaps included: far above any real import (Excel's own
    /// grid holds more, but nobody uploads that), low enough that a crafted file cannot exhaust memory.
    public static let defaultMaximumCells = 5_000_000

    public static func read(
        _ data: Data, maximumCells: Int = defaultMaximumCells
    ) throws(SpreadsheetReadError) -> Workbook {
        let package = try XLSXPackage(data: data)
        let rootRelationships = try relationships(of: "", in: package)
        let workbookPath = rootRelationships.first(kind: "officeDocument")?.path ?? "xl/workbook.xml"
        let workbook = try XLSXWorkbookPart(data: package.requiredPart(workbookPath), partName: workbookPath)
        let workbookRelationships = try relationships(of: workbookPath, in: package)
        var sharedStrings: [String] = []
        if let path = workbookRelationships.first(kind: "sharedStrings")?.path, let data = try package.part(path) {
            sharedStrings = try XLSXSharedStrings.read(data, partName: path)
        }
        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relationship = workbookRelationships.with(id: entry.relationshipId) else {
                throw .invalidContent(part: workbookPath, reason: "sheet \"\(entry.name)\" points to nothing")
            }
            guard relationship.kind == "worksheet" else { continue }
            let part = try XLSXWorksheetPart(
                data: package.requiredPart(relationship.path), partName: relationship.path,
                sharedStrings: sharedStrings, maximumCells: maximumCells)
            sheets.append(Sheet(name: entry.name, rows: part.rows, headerRows: part.headerRows))
        }
        return Workbook(sheets: sheets)
    }

    /// The first sheet's rows as text (see ``Cell/stringValue``): what most imports want.
    /// A workbook without worksheets gives `[]`.
    public static func firstSheetTextRows(_ data: Data) throws(SpreadsheetReadError) -> [[String]] {
        try read(data).sheets.first?.textRows ?? []
    }

    /// A part's relationships; a part without a `.rels` simply has none.
    private static func relationships(
        of source: String, in package: XLSXPackage
    ) throws(SpreadsheetReadError) -> XLSXRelationships {
        let path = XLSXRelationships.relationshipsPath(for: source)
        guard let data = try package.part(path) else { return XLSXRelationships() }
        return try XLSXRelationships(data: data, partName: path, source: source)
    }
}
