import Foundation

/// The sheet list of `xl/workbook.xml`: tab names in tab order and the relationship id of each.
///
/// Tab order is the order of `<sheet>` elements, not the sheetId or the part names: a person who
/// dragged "汇总" to the front expects it first.
struct XLSXWorkbookPart {
    struct SheetEntry {
        let name: String
        let relationshipId: String
    }

    let sheets: [SheetEntry]

    init(data: Data, partName: String) throws(SpreadsheetReadError) {
        let handler = Handler(partName: partName)
        try XMLEvents.parse(data, part: partName, handler: handler)
        sheets = handler.sheets
    }

    private final class Handler: XMLEventHandler {
        let partName: String
        var sheets: [SheetEntry] = []

        init(partName: String) { self.partName = partName }

        func start(_ name: String, attributes: [String: String]) throws(SpreadsheetReadError) {
            guard name == "sheet" else { return }
            // "r:id" arrives as "id" (prefixes are stripped); the sheet element has no other "id".
            guard let sheetName = attributes["name"], let id = attributes["id"] else {
                throw .invalidContent(part: partName, reason: "a <sheet> without name or r:id")
            }
            sheets.append(SheetEntry(name: sheetName, relationshipId: id))
        }

        func end(_ name: String) {}
        func text(_ text: String) {}
    }
}
