import Foundation
import Testing

@testable import OfficeFormats

@Suite struct XLSXRoundTripTests {
    /// The workbook an export would produce: CJK, markup characters, gaps, exact amounts, booleans.
    static let workbook = Workbook(sheets: [
        Sheet(
            name: "补贴发放",
            rows: [
                [.text("企业名称"), .text("金额（元）"), .text("已核验"), .text("备注")],
                [.text("深圳市南山区某某科技有限公司"), .yuan(fen: 123_456), .boolean(true), .text("首批")],
                [.text("A&B <Ltd> \"q\" 's'"), .yuan(fen: -5), .boolean(false)],
                [],
                [.text("gap →"), .empty, .empty, .text("D5")],
                [.integer(Int64.max), .integer(Int64.min), .decimal(DecimalNumber("0.1")!), .decimal(DecimalNumber("1.5E-7")!)],
                [.text("  spaces kept  "), .text("line1\nline2\r\nline3"), .text("tab\there"), .text("_x0041_ literal")],
                [.yuan(fen: 10_000_000_000_000), .yuan(fen: 1), .yuan(fen: 0), .decimal(DecimalNumber(units: 1, scale: 3))],
            ],
            headerRows: 1),
        Sheet(name: "Second", rows: [[.integer(1)], [], [], [.empty, .text("B4")]]),
        Sheet(name: "Empty", rows: []),
    ])

    @Test func writeThenReadGivesTheSameWorkbook() throws {
        let data = try XLSXWriter.data(Self.workbook)
        if let path = ProcessInfo.processInfo.environment["OFFICE_FORMATS_SAMPLE_XLSX"] {
            // For checking the output with other programs (openpyxl, LibreOffice) by hand.
            try data.write(to: URL(fileURLWithPath: path))
        }
        let read = try XLSXReader.read(data)
        #expect(read == Self.workbook)
    }

    @Test func amountsAreWrittenAsTheirExactLiteral() throws {
        let sheet = Sheet(name: "S", rows: [[.yuan(fen: 123_456), .yuan(fen: 10), .yuan(fen: 29)]])
        let workbook = Workbook(sheets: [sheet])
        var strings = SharedStringTable()
        let xml = try XLSXWorksheet(sheet: sheet, name: "S", isFirst: true)
            .xml(styles: XLSXStyles(workbook: workbook), strings: &strings)
        #expect(xml.contains("<c r=\"A1\" s=\"2\"><v>1234.56</v></c>"))
        #expect(xml.contains("<v>0.10</v>"))
        #expect(xml.contains("<v>0.29</v>"))
        let read = try XLSXReader.read(XLSXWriter.data(workbook))
        #expect(read.sheets[0].rows[0].map { $0.units(scale: 2) } == [123_456, 10, 29])
    }

    @Test func controlCharactersAreDroppedNotWrittenAsInvalidXML() throws {
        let workbook = Workbook(sheets: [Sheet(name: "S", rows: [[.text("a\u{1}b\u{B}c\u{FFFE}d")]])])
        let read = try XLSXReader.read(XLSXWriter.data(workbook))
        #expect(read.sheets[0].rows == [[.text("abcd")]])
    }

    @Test func trailingEmptyCellsAndRowsAreNotKept() throws {
        let workbook = Workbook(sheets: [Sheet(name: "S", rows: [[.text("a"), .empty, .empty], [], [.empty]])])
        let read = try XLSXReader.read(XLSXWriter.data(workbook))
        #expect(read.sheets[0].rows == [[.text("a")]])
    }

    @Test func outputIsDeterministic() throws {
        #expect(try XLSXWriter.data(Self.workbook) == XLSXWriter.data(Self.workbook))
    }

    @Test func manyRowsRoundTrip() throws {
        let rows: [[Cell]] = (0..<5_000).map { [.integer(Int64($0)), .text("企业\($0 % 50)"), .yuan(fen: Int64($0) * 101)] }
        let workbook = Workbook(sheets: [Sheet(name: "Big", rows: rows, headerRows: 0)])
        #expect(try XLSXReader.read(XLSXWriter.data(workbook)) == workbook)
    }
}
