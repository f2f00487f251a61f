import Foundation
import Testing

@testable import OfficeFormats

/// Uploads are untrusted: every damaged or hostile file must end in a `SpreadsheetReadError`.
@Suite struct XLSXCorruptInputTests {
    static let valid = try! XLSXWriter.data(XLSXRoundTripTests.workbook)

    @Test func notAZip() {
        #expect(throws: SpreadsheetReadError.notAZipArchive) { try XLSXReader.read(Data()) }
        #expect(throws: SpreadsheetReadError.notAZipArchive) { try XLSXReader.read(Data("企业名称,金额\r\n".utf8)) }
        #expect(throws: SpreadsheetReadError.notAZipArchive) { try XLSXReader.read(Data("PK\u{3}\u{4}junk".utf8)) }
    }

    @Test func oldExcelOrPasswordProtected() {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        #expect(throws: SpreadsheetReadError.legacyOrEncrypted) { try XLSXReader.read(ole) }
    }

    @Test func zipWithoutWorkbook() throws {
        // Renaming the part in the ZIP's headers leaves a ZIP whose relationships point nowhere.
        let renamed = Self.replacing(Data("xl/workbook.xml".utf8), with: Data("xl/workbook.xmm".utf8), in: Self.valid)
        #expect(throws: SpreadsheetReadError.missingPart("xl/workbook.xml")) { try XLSXReader.read(renamed) }
    }

    @Test func malformedWorksheetXML() throws {
        let error = #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(Fixture.data("malformed.xlsx")) }
        guard case .malformedXML(let part, _, _) = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
        #expect(error?.chineseDescription.contains("工作簿已损坏") == true)
    }

    @Test func xmlThatStopsOrMismatchesIsMalformed() {
        let documents = [
            "<worksheet><sheetData><row r=\"1\">", "<worksheet><sheetData></worksheet>", "", "not xml",
            "<worksheet><c>&bogus;</c></worksheet>",
        ]
        for xml in documents {
            let error = #expect(throws: SpreadsheetReadError.self) {
                try XLSXWorksheetPart(data: Data(xml.utf8), partName: "p.xml", sharedStrings: [], maximumCells: 10)
            }
            guard case .malformedXML(part: "p.xml", _, _) = error else {
                Issue.record("\(xml): expected malformedXML, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func truncatedAtAnyLengthIsAnErrorNotACrash() {
        for length in stride(from: 0, to: Self.valid.count, by: 97) {
            #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(Self.valid.prefix(length)) }
        }
    }

    @Test func deflateStreamCutShortFailsFast() throws {
        // Halve the sheet's compressed size in the central directory: inflate runs out of input
        // before the stream's end marker, the case that hangs ZIPFoundation 0.9.20 on Linux.
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        let nameOffset = try #require(Self.valid.range(of: name, options: .backwards)).lowerBound
        var damaged = Self.valid
        let sizeOffset = nameOffset - 46 + 20
        let size = Int(damaged[sizeOffset]) | Int(damaged[sizeOffset + 1]) << 8
        damaged[sizeOffset] = UInt8((size / 2) & 0xFF)
        damaged[sizeOffset + 1] = UInt8((size / 2) >> 8)
        let error = #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(damaged) }
        guard case .invalidContent(part: "xl/worksheets/sheet1.xml", _) = error else {
            Issue.record("expected invalidContent of the sheet, got \(String(describing: error))")
            return
        }
    }

    @Test func flippedBytesAreAnErrorOrStillReadable() {
        // Damage inside compressed data is caught by inflate or the CRC; damage in metadata may be
        // harmless. Either way: no crash and no hang (ZIPFoundation 0.9.20's own extract spins forever
        // on some of these; see ZIPEntryReader).
        for offset in stride(from: 0, to: Self.valid.count, by: 53) {
            var damaged = Self.valid
            damaged[offset] ^= 0x5A
            do {
                _ = try XLSXReader.read(damaged)
            } catch {
                _ = error.description
            }
        }
    }

    @Test func sharedStringIndexOutOfRange() {
        #expect(throws: SpreadsheetReadError.self) {
            try Self.worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>", strings: ["a"])
        }
    }

    @Test func badReferencesAndValues() {
        #expect(throws: SpreadsheetReadError.self) { try Self.worksheet("<row r=\"0\"><c><v>1</v></c></row>") }
        #expect(throws: SpreadsheetReadError.self) { try Self.worksheet("<row><c r=\"XFE1\"><v>1</v></c></row>") }
        #expect(throws: SpreadsheetReadError.self) { try Self.worksheet("<row><c r=\"A1\" t=\"b\"><v>yes</v></c></row>") }
    }

    @Test func cellLimitStopsHugeGrids() throws {
        // One cell in the last column would need 16,384 cells of row: over a limit of 10,000.
        #expect(throws: SpreadsheetReadError.tooLarge("more than 10000 cells")) {
            try Self.worksheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>", maximumCells: 10_000)
        }
        #expect(try Self.worksheet("<row r=\"1\"><c r=\"J1\"><v>1</v></c></row>", maximumCells: 10).rows[0].count == 10)
    }

    @Test func lenientWhereHarmless() throws {
        let part = try Self.worksheet(
            "<row r=\"2\"><c r=\"A2\"><v> 12 </v></c><c><v>not a number</v></c><c t=\"s\"><v></v></c></row>")
        #expect(part.rows == [[], [.integer(12), .text("not a number")]])
    }

    static func worksheet(_ sheetData: String, strings: [String] = [], maximumCells: Int = 1_000) throws -> XLSXWorksheetPart {
        let xml = "<worksheet xmlns=\"\(XLSXPackageParts.mainNamespace)\"><sheetData>\(sheetData)</sheetData></worksheet>"
        return try XLSXWorksheetPart(
            data: Data(xml.utf8), partName: "sheet.xml", sharedStrings: strings, maximumCells: maximumCells)
    }

    static func replacing(_ old: Data, with new: Data, in data: Data) -> Data {
        var result = data
        var searchStart = result.startIndex
        while let range = result.range(of: old, in: searchStart..<result.endIndex) {
            result.replaceSubrange(range, with: new)
            searchStart = range.upperBound
        }
        return result
    }
}
