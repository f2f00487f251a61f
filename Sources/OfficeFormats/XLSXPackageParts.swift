/// The fixed parts of an XLSX package that tie the sheets together: content types, relationships
/// and `xl/workbook.xml`. Part names follow what Excel itself writes, since some readers (and
/// people unzipping a file to debug it) expect exactly those.
enum XLSXPackageParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let contentTypePrefix = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    static func worksheetPath(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }

    static func contentTypes(sheetCount: Int, hasSharedStrings: Bool) -> String {
        var xml = declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += override("/xl/workbook.xml", "sheet.main+xml")
        xml += override("/xl/styles.xml", "styles+xml")
        if hasSharedStrings { xml += override("/xl/sharedStrings.xml", "sharedStrings+xml") }
        for index in 0..<sheetCount {
            xml += override("/" + worksheetPath(index + 1), "worksheet+xml")
        }
        xml += "</Types>"
        return xml
    }

    private static func override(_ part: String, _ type: String) -> String {
        "<Override PartName=\"\(part)\" ContentType=\"\(contentTypePrefix)\(type)\"/>"
    }

    static let rootRelationships: String =
        declaration + "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        + relationship(id: "rId1", type: "officeDocument", target: "xl/workbook.xml") + "</Relationships>"

    /// Sheets are rId1…rIdN in order, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int, hasSharedStrings: Bool) -> String {
        var xml = declaration + "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        for number in (0..<sheetCount).map({ $0 + 1 }) {
            xml += relationship(id: "rId\(number)", type: "worksheet", target: "worksheets/sheet\(number).xml")
        }
        xml += relationship(id: "rId\(sheetCount + 1)", type: "styles", target: "styles.xml")
        if hasSharedStrings {
            xml += relationship(id: "rId\(sheetCount + 2)", type: "sharedStrings", target: "sharedStrings.xml")
        }
        xml += "</Relationships>"
        return xml
    }

    private static func relationship(id: String, type: String, target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(relationshipsNamespace)/\(type)\" Target=\"\(target)\"/>"
    }

    /// `names` must already be valid and distinct (see ``SheetName/uniqueNames(_:)``).
    static func workbook(sheetNames names: [String]) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets></workbook>"
        return xml
    }
}
