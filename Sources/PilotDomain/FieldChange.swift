/// How one named field differs between two revisions of a record (a plan's 建设内容, 预期成效 …).
public enum FieldChange: Sendable, Hashable, Codable {
    case added(key: String, value: String)
    case removed(key: String, value: String)
    /// Both revisions have the field with different text; `lines` is the line diff between them.
    case changed(key: String, old: String, new: String, lines: [DiffLine])

    public var key: String {
        switch self {
        case .added(let key, _), .removed(let key, _), .changed(let key, _, _, _): key
        }
    }

    /// The change as diff lines, so a page renders every kind of change the same way.
    public var lines: [DiffLine] {
        switch self {
        case .added(_, let value): TextDiff.splitLines(value).map(DiffLine.added)
        case .removed(_, let value): TextDiff.splitLines(value).map(DiffLine.removed)
        case .changed(_, _, _, let lines): lines
        }
    }
}

extension TextDiff {
    /// The fields added, removed or changed between two revisions, sorted by key; unchanged fields
    /// are left out, so an empty list means nothing changed.
    public static func fields(old: [String: String], new: [String: String]) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            switch (old[key], new[key]) {
            case (nil, let value?): .added(key: key, value: value)
            case (let value?, nil): .removed(key: key, value: value)
            case (let before?, let after?) where before != after:
                .changed(key: key, old: before, new: after, lines: lines(old: before, new: after))
            default: nil
            }
        }
    }
}
