import Foundation
import Testing

@testable import OfficeFormats

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsQuoting() {
        let text = CSVWriter.text(rows: [["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", ""], ["中文", " x "]])
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",\r\n中文, x \r\n")
    }

    @Test func dataStartsWithTheUTF8ByteOrderMark() {
        let data = CSVWriter.data(rows: [["企业"]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "企业\r\n")
    }

    @Test func otherSeparators() {
        #expect(CSVWriter.text(rows: [["a;b", "c,d"]], separator: ";") == "\"a;b\";c,d\r\n")
        #expect(CSVWriter.text(rows: [["a\tb", "c"]], separator: "\t") == "\"a\tb\"\tc\r\n")
    }

    @Test func formulaNeutralisingOnRequest() {
        let rows = [["=HYPERLINK(\"x\")", "+86 138", "-12.50", "+3", "@SUM(A1)", "-x", "a=b", "12"]]
        #expect(CSVWriter.text(rows: rows) == "\"=HYPERLINK(\"\"x\"\")\",+86 138,-12.50,+3,@SUM(A1),-x,a=b,12\r\n")
        #expect(
            CSVWriter.text(rows: rows, neutralizingFormulas: true)
                == "\"'=HYPERLINK(\"\"x\"\")\",'+86 138,-12.50,+3,'@SUM(A1),'-x,a=b,12\r\n")
    }
}

@Suite struct CSVReaderTests {
    static let awkward: [[String]] = [
        ["企业名称", "金额", "备注"],
        ["深圳市南山区某某科技有限公司", "1234.56", "含,逗号"],
        ["say \"hi\"", "", "多行\n文本"],
        ["", "", ""],
        [""],
        ["cr\r\nlf", "\"", ",,"],
        ["  spaced  ", "😀", "end"],
    ]

    @Test func roundTrip() throws {
        #expect(try CSVReader.rows(CSVWriter.data(rows: Self.awkward)) == Self.awkward)
        #expect(try CSVReader.rows(Data(CSVWriter.text(rows: Self.awkward).utf8)) == Self.awkward)
        let semicolons = CSVWriter.text(rows: Self.awkward, separator: ";")
        #expect(try CSVReader.rows(text: semicolons, separator: ";") == Self.awkward)
    }

    @Test func lineEndings() throws {
        let expected = [["a", "b"], ["c", "d"]]
        #expect(try CSVReader.rows(text: "a,b\r\nc,d\r\n") == expected)
        #expect(try CSVReader.rows(text: "a,b\nc,d\n") == expected)
        #expect(try CSVReader.rows(text: "a,b\rc,d") == expected)
        #expect(try CSVReader.rows(text: "a,b\nc,d") == expected)
        #expect(try CSVReader.rows(text: "a,b\n\nc,d\n") == [["a", "b"], [""], ["c", "d"]])
        #expect(try CSVReader.rows(text: "") == [])
        #expect(try CSVReader.rows(text: "\r\n") == [[""]])
        #expect(try CSVReader.rows(text: "a,") == [["a", ""]])
        #expect(try CSVReader.rows(text: "\"\"") == [[""]])
    }

    @Test func quotedFields() throws {
        #expect(try CSVReader.rows(text: "\"a,b\",\"c\"\"d\",\"e\r\nf\"\r\n") == [["a,b", "c\"d", "e\r\nf"]])
        // Lenient like Excel: a quote inside an unquoted field, and text after a closing quote, are kept.
        #expect(try CSVReader.rows(text: "ab\"c,\"x\"y") == [["ab\"c", "xy"]])
    }

    @Test func byteOrderMarks() throws {
        #expect(try CSVReader.rows(Data([0xEF, 0xBB, 0xBF]) + Data("企业,1\r\n".utf8)) == [["企业", "1"]])
        var utf16 = Data([0xFF, 0xFE])
        for unit in "企业\t1\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try CSVReader.rows(utf16, separator: "\t") == [["企业", "1"]])
        #expect(try CSVTextEncoding.decode(utf16).encoding == .utf16)
    }

    @Test func unterminatedQuoteNamesTheLineItOpenedOn() {
        #expect(throws: CSVReadError.unterminatedQuote(line: 4)) {
            try CSVReader.rows(text: "a,b\n\"multi\nline\",ok\nc,\"never closed\nd,e\n")
        }
        #expect(throws: CSVReadError.unterminatedQuote(line: 1)) { try CSVReader.rows(text: "\"") }
        #expect(CSVReadError.unterminatedQuote(line: 3).chineseDescription.contains("第 3 行"))
    }

    @Test func gb18030FromChineseExcel() throws {
        // "企业名称,金额\r\n深圳“测试”,1.00\r\n" as Excel saves "CSV (Comma delimited)" in a Chinese locale.
        let gbk = Data([
            0xC6, 0xF3, 0xD2, 0xB5, 0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xBD, 0xF0, 0xB6, 0xEE, 0x0D, 0x0A, 0xC9, 0xEE, 0xDB, 0xDA,
            0xA1, 0xB0, 0xB2, 0xE2, 0xCA, 0xD4, 0xA1, 0xB1, 0x2C, 0x31, 0x2E, 0x30, 0x30, 0x0D, 0x0A,
        ])
        #expect(try CSVReader.rows(gbk) == [["企业名称", "金额"], ["深圳“测试”", "1.00"]])
        #expect(try CSVTextEncoding.decode(gbk).encoding == .gb18030)
    }

    @Test func binaryAndWorkbooksAreNotText() throws {
        #expect(throws: CSVReadError.notText) { try CSVReader.rows(Data([0x61, 0x00, 0x62])) }
        let xlsx = try XLSXWriter.data(Workbook(sheets: [Sheet(name: "S", rows: [[.text("x")]])]))
        #expect(throws: CSVReadError.notText) { try CSVReader.rows(xlsx) }
    }

    @Test func invalidUTF8AfterABOMIsRefused() {
        #expect(throws: CSVReadError.notUTF8) { try CSVReader.rows(Data([0xEF, 0xBB, 0xBF, 0xC3, 0x28])) }
    }
}
