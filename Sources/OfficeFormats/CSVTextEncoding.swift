import Foundation

#if canImport(CoreFoundation)
    import CoreFoundation
#endif

/// Turns an uploaded CSV's bytes into text, whatever encoding Chinese offices actually send.
///
/// Excel in a Chinese locale saves "CSV (Comma delimited)" in GBK (code page 936), not UTF-8, and
/// most people pick that option; only "CSV UTF-8" writes a BOM. So: a BOM decides; otherwise strict
/// UTF-8 is tried first (GBK text is almost never valid UTF-8), then GB18030, the superset of GBK.
public enum CSVTextEncoding: String, Sendable, Hashable {
    case utf8
    case utf16
    case gb18030

    /// The text of `data` and the encoding it was in.
    public static func decode(_ data: Data) throws(CSVReadError) -> (text: String, encoding: CSVTextEncoding) {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .notText
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(data: data.dropFirst(3), encoding: .utf8) else { throw .notUTF8 }
            return (try checkedText(text), .utf8)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            // Excel's "Unicode Text" export. The BOM tells the byte order; Foundation drops it.
            guard var text = String(data: data, encoding: .utf16) else { throw .notUTF8 }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return (try checkedText(text), .utf16)
        }
        if data.contains(0) { throw .notText }
        if let text = String(data: data, encoding: .utf8) { return (text, .utf8) }
        if let encoding = gb18030Encoding, let text = String(data: data, encoding: encoding) { return (text, .gb18030) }
        throw .notUTF8
    }

    /// Text with NULs in it is not a CSV anyone typed.
    private static func checkedText(_ text: String) throws(CSVReadError) -> String {
        guard !text.unicodeScalars.contains("\u{0}") else { throw .notText }
        return text
    }

    /// GB18030 as a Foundation encoding, where CoreFoundation knows it (Darwin, and Linux through
    /// swift-corelibs-foundation's ICU converters). Without it, non-UTF-8 input is refused with
    /// ``CSVReadError/notUTF8``, which tells the person to save as "CSV UTF-8".
    private static let gb18030Encoding: String.Encoding? = {
        #if canImport(CoreFoundation)
            let code = CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue))
            return String.Encoding(rawValue: code)
        #else
            return nil
        #endif
    }()
}
