import Foundation

/// Reads `xl/sharedStrings.xml` into an array indexed like the cells' `<v>` numbers.
///
/// An entry is either one `<t>` or rich-text runs `<r><t>…</t></r>` (one cell with a bold word in
/// it); runs are concatenated. Phonetic guides `<rPh>` (furigana, pinyin) also contain `<t>` but are
/// annotations, not the cell's text, so they are skipped.
enum XLSXSharedStrings {
    static func read(_ data: Data, partName: String) throws(SpreadsheetReadError) -> [String] {
        let handler = Handler()
        try XMLEvents.parse(data, part: partName, handler: handler)
        return handler.strings
    }

    private final class Handler: XMLEventHandler {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phoneticDepth = 0

        func start(_ name: String, attributes: [String: String]) {
            switch name {
            case "si": current = ""
            case "rPh": phoneticDepth += 1
            case "t": inText = phoneticDepth == 0
            default: break
            }
        }

        func end(_ name: String) {
            switch name {
            case "si": strings.append(OOXMLStringEscape.decode(current))
            case "rPh": phoneticDepth -= 1
            case "t": inText = false
            default: break
            }
        }

        func text(_ text: String) {
            if inText { current += text }
        }
    }
}
