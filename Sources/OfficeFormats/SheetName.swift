/// Excel's rules for sheet (tab) names, applied before writing.
///
/// Excel refuses to open a file — or "repairs" it, dropping content — when a name is longer than
/// 31 characters, contains `[ ] : * ? / \`, starts or ends with an apostrophe, is empty, or repeats
/// another sheet's name ignoring case. Names come from programme and district names typed by
/// people, so they are sanitised here rather than trusted.
public enum SheetName {
    /// The longest name Excel accepts, in UTF-16 code units (what Excel counts).
    public static let maximumLength = 31

    /// A valid name for one sheet: forbidden characters become "_", control characters are
    /// dropped, the result is cut to 31 UTF-16 units without splitting a character, and an empty
    /// result becomes `fallback`.
    public static func sanitized(_ name: String, fallback: String = "Sheet") -> String {
        var result = ""
        for character in name {
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { continue }
            let replaced: Character = "[]:*?/\\".contains(character) ? "_" : character
            guard result.utf16.count + String(replaced).utf16.count <= maximumLength else { break }
            result.append(replaced)
        }
        while result.hasPrefix("'") { result.removeFirst() }
        while result.hasSuffix("'") { result.removeLast() }
        // "History" is reserved by Excel for its change-tracking sheet.
        if result.isEmpty || result.lowercased() == "history" { return fallback }
        return result
    }

    /// Valid, pairwise distinct names (ignoring case, as Excel does) for sheets in order: a repeat
    /// gets " (2)", " (3)", … with the base shortened to make room.
    public static func uniqueNames(_ names: [String]) -> [String] {
        var taken = Set<String>()
        var result: [String] = []
        for (index, name) in names.enumerated() {
            let base = sanitized(name, fallback: "Sheet\(index + 1)")
            var candidate = base
            var counter = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = prefix(base, utf16Length: maximumLength - suffix.utf16.count) + suffix
                counter += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    private static func prefix(_ text: String, utf16Length: Int) -> String {
        var result = ""
        for character in text {
            guard result.utf16.count + String(character).utf16.count <= utf16Length else { break }
            result.append(character)
        }
        return result
    }
}
