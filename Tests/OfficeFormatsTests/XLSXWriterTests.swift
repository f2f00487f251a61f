import Foundation
import Testing

@testable import OfficeFormats

@Suite struct XLSXWriterTests {
    @Test func sheetNamesAreMadeValidAndDistinct() {
        let names = SheetName.uniqueNames([
            "2024/Q1 [draft]: *?", "", "History", "'quoted'", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
            "Data", "DATA", "data",
        ])
        #expect(names[0] == "2024_Q1 _draft__ __")
        #expect(names[1] == "Sheet2")
        #expect(names[2] == "Sheet3")
        #expect(names[3] == "quoted")
        #expect(names[4].count == 31)
        #expect(names[5...] == ["Data", "DATA (2)", "data (3)"])
        for name in names { #expect(name.utf16.count <= SheetName.maximumLength) }
    }

    @Test func longDuplicateNamesStayWithinTheLimit() {
        let long = String(repeating: "汇", count: 40)
        let names = SheetName.uniqueNames([long, long])
        #expect(names[0] == String(repeating: "汇", count: 31))
        #expect(names[1] == String(repeating: "汇", count: 27) + " (2)")
    }

    @Test func sanitisedNamesAreWhatTheReaderSees() throws {
        let workbook = Workbook(sheets: [Sheet(name: "a/b", rows: [[.integer(1)]]), Sheet(name: "A/B", rows: [])])
        let read = try XLSXReader.read(XLSXWriter.data(workbook))
        #expect(read.sheets.map(\.name) == ["a_b", "A_B (2)"])
    }

    @Test func stylesDeclareOneNumberFormatPerDecimalPlacesUsed() {
        let workbook = Workbook(sheets: [
            Sheet(name: "S", rows: [[.yuan(fen: 1), .decimal(DecimalNumber("1.500")!), .decimal(DecimalNumber("7")!)]])
        ])
        let styles = XLSXStyles(workbook: workbook)
        #expect(styles.decimalPlaces == [2, 3])
        #expect(styles.xml.contains("<numFmt numFmtId=\"164\" formatCode=\"0.00\"/>"))
        #expect(styles.xml.contains("<numFmt numFmtId=\"165\" formatCode=\"0.000\"/>"))
        #expect(styles.xml.contains("<cellXfs count=\"6\">"))
        #expect(styles.styleIndex(for: .yuan(fen: 1), bold: false) == 2)
        #expect(styles.styleIndex(for: .yuan(fen: 1), bold: true) == 3)
        #expect(styles.styleIndex(for: .text("x"), bold: true) == 1)
        #expect(styles.styleIndex(for: .text("x"), bold: false) == nil)
        #expect(styles.styleIndex(for: .decimal(DecimalNumber("7")!), bold: false) == nil)
    }

    @Test func headerRowsAreBoldAndFrozen() throws {
        let sheet = Sheet(name: "S", rows: [[.text("名称"), .text("金额")], [.text("x"), .yuan(fen: 100)]], headerRows: 1)
        var strings = SharedStringTable()
        let xml = try XLSXWorksheet(sheet: sheet, name: "S", isFirst: true)
            .xml(styles: XLSXStyles(workbook: Workbook(sheets: [sheet])), strings: &strings)
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"))
        #expect(xml.contains("<c r=\"A2\" t=\"s\"><v>2</v></c>"))
        #expect(xml.contains("<dimension ref=\"A1:B2\"/>"))
        #expect(try XLSXReader.read(XLSXWriter.data(Workbook(sheets: [sheet]))).sheets[0].headerRows == 1)
    }

    @Test func columnsAreWidenedForChineseText() {
        let widths = ColumnWidth.widths(for: [[.text("深圳市南山区某某科技有限公司"), .text("ab"), .integer(7)]])
        #expect(widths == [30, 8, 8])
        #expect(ColumnWidth.displayWidth("第一行\nlonger second line") == 18)
        #expect(ColumnWidth.widths(for: [[.text(String(repeating: "长", count: 100))]]) == [60])
    }

    @Test func sharedStringsAreStoredOnce() {
        var table = SharedStringTable()
        #expect(table.index(of: "南山区") == 0)
        #expect(table.index(of: "福田区") == 1)
        #expect(table.index(of: "南山区") == 0)
        #expect(table.xml.contains("count=\"3\" uniqueCount=\"2\""))
    }

    @Test func excelLimitsAreRefusedWithTheCellNamed() {
        #expect(throws: SpreadsheetWriteError.noSheets) { try XLSXWriter.data(Workbook(sheets: [])) }
        let long = Workbook(sheets: [Sheet(name: "S", rows: [[], [.empty, .text(String(repeating: "x", count: 32_768))]])])
        #expect(throws: SpreadsheetWriteError.textTooLong(sheet: "S", cell: "B2")) { try XLSXWriter.data(long) }
        let wide = Workbook(sheets: [Sheet(name: "S", rows: [Array(repeating: .integer(1), count: 16_385)])])
        #expect(throws: SpreadsheetWriteError.tooManyColumns(sheet: "S", row: 1, count: 16_385)) { try XLSXWriter.data(wide) }
    }

    @Test func xmlEscapingCoversMarkupAndIllegalCharacters() {
        #expect(XMLText.escaped("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
        #expect(XMLText.escaped("a\r\nb\tc\u{0}\u{8}\u{1F}\u{FFFF}😀") == "a&#13;\nb\tc😀")
    }

    @Test func ooxmlEscapesRoundTrip() {
        #expect(OOXMLStringEscape.encode("_x0041_ and _x00zz_") == "_x005F_x0041_ and _x00zz_")
        #expect(OOXMLStringEscape.decode("_x005F_x0041_ and _x000D_") == "_x0041_ and \r")
        #expect(OOXMLStringEscape.decode("_x+041_ _xD800_ 中_x4E2D_") == "_x+041_ _xD800_ 中中")
        for text in ["_x0041_", "__x0041__", "plain", "_x005F_", "_x"] {
            #expect(OOXMLStringEscape.decode(OOXMLStringEscape.encode(text)) == text)
        }
    }

    @Test func cellReferences() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16_383) == "XFD")
        #expect(CellReference.parse("XFD1048576")! == (1_048_575, 16_383))
        #expect(CellReference.parse("$b$3")! == (2, 1))
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "1A", "A-1", "ＡＢ1", "AAAA1"] {
            #expect(CellReference.parse(bad) == nil, "\(bad)")
        }
    }
}
