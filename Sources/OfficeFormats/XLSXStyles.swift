/// The few cell styles an export needs, and the `xl/styles.xml` that declares them.
///
/// Two things matter: header rows in bold, and decimals shown with exactly the decimals they were
/// written with ("0.00" for yuan), because Excel's General format shows 1234.50 as 1234.5 and
/// finance staff read that as a typo. Style indices are fixed by the set of decimal places used,
/// so the same workbook always gives the same file.
struct XLSXStyles {
    /// Decimal places that get their own number format, ascending (0 needs none: General shows it).
    let decimalPlaces: [Int]

    init(workbook: Workbook) {
        var places = Set<Int>()
        for sheet in workbook.sheets {
            for row in sheet.rows {
                for cell in row {
                    if case .decimal(let number) = cell, let digits = number.fractionDigits, digits > 0 {
                        places.insert(digits)
                    }
                }
            }
        }
        decimalPlaces = places.sorted()
    }

    /// The `s` attribute for a cell, or nil for the default style (index 0).
    func styleIndex(for cell: Cell, bold: Bool) -> Int? {
        if case .decimal(let number) = cell, let digits = number.fractionDigits, digits > 0,
            let position = decimalPlaces.firstIndex(of: digits)
        {
            return 2 + 2 * position + (bold ? 1 : 0)
        }
        return bold ? 1 : nil
    }

    /// Custom number formats start at 164; lower ids are Excel's built-in ones.
    private func numberFormatId(position: Int) -> Int { 164 + position }

    var xml: String {
        var xml = XLSXPackageParts.declaration
        xml += "<styleSheet xmlns=\"\(XLSXPackageParts.mainNamespace)\">"
        if !decimalPlaces.isEmpty {
            xml += "<numFmts count=\"\(decimalPlaces.count)\">"
            for (position, places) in decimalPlaces.enumerated() {
                let code = "0." + String(repeating: "0", count: places)
                xml += "<numFmt numFmtId=\"\(numberFormatId(position: position))\" formatCode=\"\(code)\"/>"
            }
            xml += "</numFmts>"
        }
        xml += "<fonts count=\"2\">"
        xml += "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        xml += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        xml += "</fonts>"
        // Excel requires the first two fills to be exactly these.
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        xml += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(2 + 2 * decimalPlaces.count)\">"
        xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        xml += "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        for position in decimalPlaces.indices {
            let format = numberFormatId(position: position)
            for font in 0...1 {
                xml += "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                xml += " applyNumberFormat=\"1\"\(font == 1 ? " applyFont=\"1\"" : "")/>"
            }
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "</styleSheet>"
        return xml
    }
}
