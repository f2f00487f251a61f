import Foundation

/// A `.rels` part: which part plays which role, and where it is.
///
/// The reader follows relationships instead of assuming Excel's part names, because other tools
/// name parts freely ("xl/worksheets/Sheet_A.xml", "/xl/workbook2.xml", targets with "../").
/// Types are matched by their last path segment, so both the transitional
/// (schemas.openxmlformats.org) and strict (purl.oclc.org) namespaces work.
struct XLSXRelationships {
    struct Relationship {
        let id: String
        /// The last segment of the type URI: "officeDocument", "worksheet", "sharedStrings", …
        let kind: String
        /// The target as a package path without leading slash, resolved against the source part.
        let path: String
    }

    private(set) var all: [Relationship] = []

    init() {}

    /// Parses the `.rels` part for `source` (a part path; "" for the package itself).
    init(data: Data, partName: String, source: String) throws(SpreadsheetReadError) {
        let handler = Handler(base: Self.directory(of: source))
        try XMLEvents.parse(data, part: partName, handler: handler)
        all = handler.relationships
    }

    func first(kind: String) -> Relationship? { all.first { $0.kind == kind } }
    func with(id: String) -> Relationship? { all.first { $0.id == id } }

    /// "xl/_rels/workbook.xml.rels" for "xl/workbook.xml"; "_rels/.rels" for the package ("").
    static func relationshipsPath(for source: String) -> String {
        let directory = directory(of: source)
        let name = source.split(separator: "/").last.map(String.init) ?? ""
        return directory + "_rels/" + name + ".rels"
    }

    /// "xl/" for "xl/workbook.xml", "" for a top-level part.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Resolves `target` against `base`: absolute targets start at the package root; "." and ".."
    /// segments are applied; percent-escapes ("%20") are decoded.
    static func resolve(_ target: String, base: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let joined = decoded.hasPrefix("/") ? decoded : base + decoded
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private final class Handler: XMLEventHandler {
        let base: String
        var relationships: [Relationship] = []

        init(base: String) { self.base = base }

        func start(_ name: String, attributes: [String: String]) {
            guard name == "Relationship", let id = attributes["Id"], let type = attributes["Type"],
                let target = attributes["Target"], attributes["TargetMode"] != "External"
            else { return }
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            relationships.append(Relationship(id: id, kind: kind, path: XLSXRelationships.resolve(target, base: base)))
        }

        func end(_ name: String) {}
        func text(_ text: String) {}
    }
}
