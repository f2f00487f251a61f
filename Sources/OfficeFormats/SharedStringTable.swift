/// The workbook's shared strings (`xl/sharedStrings.xml`): each distinct text once, cells refer to
/// it by index.
///
/// Chosen over inline strings because exports repeat the same district, programme and status names
/// thousands of times, and because every reader — including old ones — understands shared strings.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var indices: [String: Int] = [:]
    /// Cells referring to the table, repeats included (the `count` attribute).
    private(set) var references = 0

    /// The index of `text`, adding it if new.
    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        strings.append(text)
        indices[text] = strings.count - 1
        return strings.count - 1
    }

    var xml: String {
        var xml = XLSXPackageParts.declaration
        xml += "<sst xmlns=\"\(XLSXPackageParts.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
        for string in strings {
            xml += "<si><t xml:space=\"preserve\">"
            xml += XMLText.escaped(OOXMLStringEscape.encode(string))
            xml += "</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
