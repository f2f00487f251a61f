/// Why an uploaded spreadsheet could not be read. Each case says what the person who uploaded it
/// can do about it, in English (``description``) and Chinese (``chineseDescription``); the app may
/// localise further.
public enum SpreadsheetReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a ZIP container at all (an XLSX is one): a renamed CSV, a PDF, a truncated upload.
    case notAZipArchive
    /// An OLE2 compound file: an old `.xls` (Excel 97–2003) or a password-protected `.xlsx`.
    case legacyOrEncrypted
    /// A ZIP, but without a part every workbook has (e.g. `xl/workbook.xml`): a `.docx`, a `.zip`.
    case missingPart(String)
    /// A part that is not well-formed XML; `line` is within that part.
    case malformedXML(part: String, line: Int, reason: String)
    /// Well-formed XML that breaks the format's rules (a bad cell reference, a string index past
    /// the shared-strings table, a sheet relationship that points nowhere).
    case invalidContent(part: String, reason: String)
    /// Past the reader's limits (a part's size, the number of cells): likely a ZIP bomb.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .notAZipArchive:
            "The file is not an Excel workbook (.xlsx)"
        case .legacyOrEncrypted:
            "The file is an old .xls or password-protected workbook; save it in Excel as an unprotected .xlsx"
        case .missingPart(let part):
            "The file is not an Excel workbook (.xlsx): it has no \(part)"
        case .malformedXML(let part, let line, let reason):
            "The workbook is damaged: \(part), line \(line): \(reason)"
        case .invalidContent(let part, let reason):
            "The workbook is damaged: \(part): \(reason)"
        case .tooLarge(let what):
            "The workbook is too large to import: \(what)"
        }
    }

    public var chineseDescription: String {
        switch self {
        case .notAZipArchive:
            "文件不是 Excel 工作簿（.xlsx）"
        case .legacyOrEncrypted:
            "文件为旧版 .xls 或已加密的工作簿，请在 Excel 中另存为未加密的 .xlsx 后重新上传"
        case .missingPart(let part):
            "文件不是 Excel 工作簿（.xlsx）：缺少 \(part)"
        case .malformedXML(let part, let line, let reason):
            "工作簿已损坏：\(part) 第 \(line) 行：\(reason)"
        case .invalidContent(let part, let reason):
            "工作簿已损坏：\(part)：\(reason)"
        case .tooLarge(let what):
            "工作簿过大，无法导入：\(what)"
        }
    }
}
