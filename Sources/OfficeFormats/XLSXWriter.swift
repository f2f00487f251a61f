import Foundation
import ZIPFoundation

/// Writes a ``Workbook`` as an `.xlsx` file (Office Open XML).
///
/// The parts follow what Excel insists on (schema element order, the fills and cell styles every
/// styles.xml must have, valid sheet names), since Excel answers a deviation with a "repair" prompt
/// that drops data. Output is checked by opening it with openpyxl and LibreOffice.
///
/// The whole file is built in memory: exports are at most a few thousand rows, and a server should
/// not leave temporary files behind. Output is deterministic (fixed timestamps, fixed part order),
/// so the same workbook gives byte-identical files — useful for caching and for tests.
public enum XLSXWriter {
    /// The `.xlsx` bytes for `workbook`. Sheet names are made valid for Excel (see ``SheetName``).
    public static func data(_ workbook: Workbook) throws(SpreadsheetWriteError) -> Data {
        guard !workbook.sheets.isEmpty else { throw .noSheets }
        let names = SheetName.uniqueNames(workbook.sheets.map(\.name))
        let styles = XLSXStyles(workbook: workbook)
        var strings = SharedStringTable()
        var worksheets: [String] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            let worksheet = XLSXWorksheet(sheet: sheet, name: names[index], isFirst: index == 0)
            worksheets.append(try worksheet.xml(styles: styles, strings: &strings))
        }
        let hasSharedStrings = !strings.strings.isEmpty
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", XLSXPackageParts.contentTypes(sheetCount: names.count, hasSharedStrings: hasSharedStrings)),
            ("_rels/.rels", XLSXPackageParts.rootRelationships),
            ("xl/workbook.xml", XLSXPackageParts.workbook(sheetNames: names)),
            (
                "xl/_rels/workbook.xml.rels",
                XLSXPackageParts.workbookRelationships(sheetCount: names.count, hasSharedStrings: hasSharedStrings)
            ),
            ("xl/styles.xml", styles.xml),
        ]
        if hasSharedStrings { parts.append(("xl/sharedStrings.xml", strings.xml)) }
        for (index, xml) in worksheets.enumerated() {
            parts.append((XLSXPackageParts.worksheetPath(index + 1), xml))
        }
        return try zip(parts)
    }

    /// 2000-01-01: any fixed date works (ZIP's DOS dates start in 1980); a fixed one keeps output stable.
    private static let timestamp = Date(timeIntervalSince1970: 946_684_800)

    private static func zip(_ parts: [(path: String, xml: String)]) throws(SpreadsheetWriteError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let bytes = Data(part.xml.utf8)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: timestamp,
                    compressionMethod: .deflate
                ) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw SpreadsheetWriteError.archive("no in-memory data") }
            return data
        } catch let error as SpreadsheetWriteError {
            throw error
        } catch {
            throw .archive(String(describing: error))
        }
    }
}
