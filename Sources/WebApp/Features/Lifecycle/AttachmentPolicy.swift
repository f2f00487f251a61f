import Foundation
import PilotDomain

/// What may be uploaded as project evidence (milestone reports, acceptance documents): the
/// document types the bureaus use, checked by extension AND by the file's first bytes, so a
/// renamed executable or HTML page is refused; at most `maxBytes` per file.
enum AttachmentPolicy {
    static let maxBytes = 10 * 1024 * 1024

    struct Kind {
        var extensions: [String]
        var contentType: String
        var magic: [UInt8]
    }

    static let kinds: [Kind] = [
        Kind(extensions: ["pdf"], contentType: "application/pdf", magic: Array("%PDF".utf8)),
        Kind(extensions: ["png"], contentType: "image/png", magic: [0x89, 0x50, 0x4E, 0x47]),
        Kind(extensions: ["jpg", "jpeg"], contentType: "image/jpeg", magic: [0xFF, 0xD8, 0xFF]),
        Kind(
            extensions: ["docx"], contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            magic: [0x50, 0x4B, 0x03, 0x04]),
        Kind(
            extensions: ["xlsx"], contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            magic: [0x50, 0x4B, 0x03, 0x04]),
    ]

    static let purposes: [(value: String, label: LocalizedText)] = [
        ("milestone", LocalizedText(zh: "实施进展佐证", en: "Milestone evidence")),
        ("contract", LocalizedText(zh: "服务合同", en: "Service contract")),
        ("invoice", LocalizedText(zh: "发票", en: "Invoices")),
        ("payment", LocalizedText(zh: "支付凭证", en: "Proof of payment")),
        ("summary", LocalizedText(zh: "项目总结报告", en: "Summary report")),
        ("quarterly_report", LocalizedText(zh: "季度进度或财务报告", en: "Quarterly progress or financial report")),
        ("results", LocalizedText(zh: "应用成效佐证", en: "Evidence of results")),
        ("self_assessment", LocalizedText(zh: "改造后自评报告", en: "Self-assessment")),
        ("other", LocalizedText(zh: "其他材料", en: "Other")),
    ]

    /// The papers of a pool application (policy 002 第六条): the provider's evidence of the basic
    /// conditions and its cases, and the district's sealed recommendation (推荐函与汇总表盖章件).
    static let admissionPurposes: [(value: String, label: LocalizedText)] = [
        ("business_licence", LocalizedText(zh: "营业执照", en: "Business licence")),
        ("financial_statements", LocalizedText(zh: "近三年财务报告", en: "Financial statements, last three years")),
        ("credit_record", LocalizedText(zh: "信用记录查询结果", en: "Credit record")),
        ("case_evidence", LocalizedText(zh: "应用案例佐证", en: "Evidence of cases")),
        ("certificates", LocalizedText(zh: "资质证书与知识产权", en: "Certificates and intellectual property")),
        ("sealed_recommendation", LocalizedText(zh: "盖章推荐材料", en: "Sealed recommendation")),
        ("other", LocalizedText(zh: "其他材料", en: "Other")),
    ]

    /// The document types a workflow's instances take.
    static func purposes(for definitionId: String) -> [(value: String, label: LocalizedText)] {
        definitionId == "provider-admission" ? admissionPurposes : purposes
    }

    enum Verdict {
        case accepted(contentType: String)
        case refused(LocalizedText)
    }

    /// The content type to store, or why the file is refused.
    static func check(fileName: String, data: Data) -> Verdict {
        if data.isEmpty {
            return .refused(LocalizedText(zh: "请选择要上传的文件（文件为空）", en: "Choose a file to upload (the file is empty)"))
        }
        if data.count > maxBytes {
            return .refused(
                LocalizedText(
                    zh: "文件过大：\(data.count / 1024) KB，单个文件不得超过 \(maxBytes / 1024 / 1024) MB",
                    en: "The file is too large: \(data.count / 1024) KB; at most \(maxBytes / 1024 / 1024) MB per file"))
        }
        let ext = (fileName as NSString).pathExtension.lowercased()
        let allowed = kinds.flatMap(\.extensions).joined(separator: "、")
        guard let kind = kinds.first(where: { $0.extensions.contains(ext) }) else {
            return .refused(
                LocalizedText(
                    zh: "不支持的文件类型“.\(ext)”，仅限 \(allowed)", en: "File type '.\(ext)' is not accepted; use \(allowed)"))
        }
        guard data.prefix(kind.magic.count).elementsEqual(kind.magic) else {
            return .refused(
                LocalizedText(
                    zh: "文件内容与扩展名“.\(ext)”不符，请上传真实的 \(ext.uppercased()) 文件",
                    en: "The file's content does not match '.\(ext)'; upload a real \(ext.uppercased()) file"))
        }
        return .accepted(contentType: kind.contentType)
    }

    /// A file name safe to show and to offer back for download: no path, no control characters.
    static func cleanName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        let cleaned = base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }
        let text = String(String.UnicodeScalarView(cleaned)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "file" : String(text.prefix(120))
    }
}
