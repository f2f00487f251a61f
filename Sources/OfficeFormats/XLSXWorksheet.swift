/// Writes one `xl/worksheets/sheetN.xml`.
///
/// Elements appear in the order the schema requires (dimension, sheetViews, sheetFormatPr, cols,
/// sheetData): Excel is strict about it and "repairs" files that get it wrong. Empty cells and rows
/// without values are not written at all; cell references ("B3") keep the positions.
struct XLSXWorksheet {
    let sheet: Sheet
    let name: String
    let isFirst: Bool

    func xml(styles: XLSXStyles, strings: inout SharedStringTable) throws(SpreadsheetWriteError) -> String {
        try validate()
        let headerRows = min(max(sheet.headerRows, 0), sheet.rows.count)
        var xml = XLSXPackageParts.declaration
        xml += "<worksheet xmlns=\"\(XLSXPackageParts.mainNamespace)\""
        xml += " xmlns:r=\"\(XLSXPackageParts.relationshipsNamespace)\">"
        xml += "<dimension ref=\"\(dimension)\"/>"
        xml += sheetViews(headerRows: headerRows)
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = ColumnWidth.widths(for: sheet.rows)
        if !widths.isEmpty {
            xml += "<cols>"
            for (column, width) in widths.enumerated() {
                let number = column + 1
                xml += "<col min=\"\(number)\" max=\"\(number)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() where row.contains(where: { !$0.isEmpty }) {
            let bold = rowIndex < headerRows
            xml += "<row r=\"\(rowIndex + 1)\">"
            for (column, cell) in row.enumerated() where !cell.isEmpty {
                xml += cellXML(
                    cell, reference: CellReference.name(row: rowIndex, column: column),
                    style: styles.styleIndex(for: cell, bold: bold), strings: &strings)
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    private func cellXML(_ cell: Cell, reference: String, style: Int?, strings: inout SharedStringTable) -> String {
        let head = "<c r=\"\(reference)\"" + (style.map { " s=\"\($0)\"" } ?? "")
        switch cell {
        case .empty: return ""
        case .text(let text): return head + " t=\"s\"><v>\(strings.index(of: text))</v></c>"
        case .integer(let value): return head + "><v>\(value)</v></c>"
        case .decimal(let number): return head + "><v>\(number.text)</v></c>"
        case .boolean(let value): return head + " t=\"b\"><v>\(value ? 1 : 0)</v></c>"
        }
    }

    /// Freezes the header rows; selects the first sheet's tab so Excel opens on it.
    private func sheetViews(headerRows: Int) -> String {
        var xml = "<sheetViews><sheetView\(isFirst ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if headerRows > 0 {
            let topLeft = CellReference.name(row: headerRows, column: 0)
            xml += "<pane ySplit=\"\(headerRows)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        return xml + "</sheetView></sheetViews>"
    }

    /// "A1:D20" — the used range; "A1" for an empty sheet.
    private var dimension: String {
        let lastRow = sheet.rows.lastIndex { $0.contains { !$0.isEmpty } }
        let lastColumn = sheet.rows.map { ($0.lastIndex { !$0.isEmpty } ?? -1) }.max() ?? -1
        guard let lastRow, lastColumn >= 0 else { return "A1" }
        return "A1:" + CellReference.name(row: lastRow, column: lastColumn)
    }

    private func validate() throws(SpreadsheetWriteError) {
        guard sheet.rows.count <= CellReference.maximumRows else {
            throw .tooManyRows(sheet: name, count: sheet.rows.count)
        }
        for (rowIndex, row) in sheet.rows.enumerated() {
            guard row.count <= CellReference.maximumColumns else {
                throw .tooManyColumns(sheet: name, row: rowIndex + 1, count: row.count)
            }
            for (column, cell) in row.enumerated() {
                if case .text(let text) = cell, text.utf16.count > 32_767 {
                    throw .textTooLong(sheet: name, cell: CellReference.name(row: rowIndex, column: column))
                }
            }
        }
    }
}
