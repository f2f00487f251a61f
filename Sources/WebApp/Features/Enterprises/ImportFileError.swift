import OfficeFormats
import PilotDomain

/// A problem with an imported file as a whole, in the reader's language. Each reason the
/// readers give has its own Chinese and English message (issue #11: the Chinese page showed the
/// reader's English text); a reader's technical detail (an XML parser's words) is left out of
/// the Chinese message, which says what to do instead.
struct ImportFileError: Error {
    var message: LocalizedText

    static func unreadable(_ error: SpreadsheetReadError) -> ImportFileError {
        let zh: String =
            switch error {
            case .malformedXML(let part, let line, _): "工作簿已损坏（\(part) 第 \(line) 行），请在 Excel 中打开并另存为 .xlsx 后重新上传"
            case .invalidContent(let part, _): "工作簿已损坏（\(part)），请在 Excel 中打开并另存为 .xlsx 后重新上传"
            case .tooLarge: "工作簿过大，无法导入，请分成几个文件上传"
            default: error.chineseDescription
            }
        return unreadable(zh: zh, en: error.description)
    }

    static func unreadable(_ error: CSVReadError) -> ImportFileError {
        unreadable(zh: error.chineseDescription, en: error.description)
    }

    private static func unreadable(zh: String, en: String) -> ImportFileError {
        ImportFileError(
            message: LocalizedText(
                zh: "无法读取文件：\(zh)。请使用下载的模板另存为 XLSX 或 CSV（UTF-8）",
                en: "The file could not be read: \(en). Use the template, saved as XLSX or CSV (UTF-8)"))
    }
}
