/// Why a CSV upload could not be read, in English (``description``) and Chinese
/// (``chineseDescription``), each saying what to do about it.
public enum CSVReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A quoted field still open at the end of the file; `line` is where its quote opened (1-based).
    case unterminatedQuote(line: Int)
    /// Neither UTF-8 (with or without BOM), UTF-16 with BOM, nor GB18030.
    case notUTF8
    /// Binary content: NUL bytes, or an Excel workbook (.xlsx/.xls) uploaded where CSV was expected.
    case notText

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            "A quoted field opened on line \(line) is never closed: check that line for a stray \" character"
        case .notUTF8:
            "The file is not UTF-8 text: in Excel, save it as \"CSV UTF-8 (Comma delimited)\""
        case .notText:
            "The file is not a CSV text file (is it an Excel workbook? save it as \"CSV UTF-8\", or upload it as .xlsx)"
        }
    }

    public var chineseDescription: String {
        switch self {
        case .unterminatedQuote(let line):
            "第 \(line) 行的引号未闭合，请检查该行是否有多余的 \" 字符"
        case .notUTF8:
            "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"
        case .notText:
            "文件不是 CSV 文本文件（是否为 Excel 工作簿？请另存为“CSV UTF-8”，或按 .xlsx 上传）"
        }
    }
}
