import Foundation
import Testing

@testable import OfficeFormats

/// Files written by other programs (see `Fixtures/make_fixtures.py`).
@Suite struct XLSXFixtureTests {
    static let firstRows: [[Cell]] = [
        [.text("企业名称"), .text("统一社会信用代码"), .text("补贴金额（元）"), .text("已核验")],
        [.text("深圳市南山区某某科技有限公司"), .text("91440300MA5XXXXX0X"), .decimal(DecimalNumber("1234.56")!), .boolean(true)],
        [.text("A&B <Ltd> \"quoted\" 'single'"), .empty, .integer(42), .boolean(false)],
        [],
        [.text("富文本加粗结尾"), .empty, .decimal(DecimalNumber("-0.05")!)],
    ]
    static let secondSheet = Sheet(name: "第二页", rows: [[.text("仅一格")], [.empty, .integer(7)]])

    @Test func openpyxlInlineStrings() throws {
        let workbook = try XLSXReader.read(Fixture.data("openpyxl-inline-strings.xlsx"))
        // The formula in A6 was never calculated (openpyxl cannot), so it has no value and row 6 is dropped.
        #expect(workbook.sheets == [Sheet(name: "企业名单", rows: Self.firstRows, headerRows: 1), Self.secondSheet])
    }

    @Test func libreOfficeSharedStrings() throws {
        let workbook = try XLSXReader.read(Fixture.data("libreoffice-shared-strings.xlsx"))
        // LibreOffice's headless conversion drops the frozen pane, and stores the formula's result.
        let rows = Self.firstRows + [[.decimal(DecimalNumber("1276.56")!)]]
        #expect(workbook.sheets == [Sheet(name: "企业名单", rows: rows, headerRows: 0), Self.secondSheet])
        #expect(workbook.sheets[0].rows[1][2].units(scale: 2) == 123_456)
    }

    @Test func handwrittenPartsLikeOtherToolsWriteThem() throws {
        let workbook = try XLSXReader.read(Fixture.data("handwritten.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["Second part first", "Data"])
        #expect(workbook.sheets[0].rows == [[], [], [.boolean(true)]])
        #expect(
            workbook.sheets[1].rows == [
                [.text(" 内联 "), .text("東京"), .text("line1\r\nline2"), .text("rich bold")],
                [.empty, .text("run1run2"), .empty, .decimal(DecimalNumber("1.5E-3")!), .text("cached"), .text("#DIV/0!")],
            ])
    }

    @Test func firstSheetAsText() throws {
        let rows = try XLSXReader.firstSheetTextRows(Fixture.data("openpyxl-inline-strings.xlsx"))
        #expect(rows[1] == ["深圳市南山区某某科技有限公司", "91440300MA5XXXXX0X", "1234.56", "TRUE"])
        #expect(rows[2] == ["A&B <Ltd> \"quoted\" 'single'", "", "42", "FALSE"])
    }
}
