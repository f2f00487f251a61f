/// One line of a line diff: kept, taken out of the old text, or put into the new one.
public enum DiffLine: Sendable, Hashable, Codable {
    case same(String)
    case removed(String)
    case added(String)

    public var text: String {
        switch self {
        case .same(let text), .removed(let text), .added(let text): text
        }
    }
}

/// Line diffs for showing how a plan changed between revisions, so reviewers read the changes
/// instead of re-reading the whole plan.
public enum TextDiff {
    /// The shortest edit from `old` to `new`, line by line (Myers' O((N+M)·D) algorithm), removals
    /// before additions where a line was replaced. Lines end at any line break ("\n", "\r\n", "\r"),
    /// and a final line break does not start another line, so "a\n" and "a" are the same text.
    public static func lines(old: String, new: String) -> [DiffLine] {
        diff(splitLines(old), splitLines(new))
    }

    /// A text's lines as the diff sees them (see `lines(old:new:)`).
    public static func splitLines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Beyond this many removed plus added lines the changed middle is shown as replaced wholesale:
    /// still a correct diff, just not the shortest, and the search's memory (≈ edits² / 2) stays small.
    static let maximumEdits = 2_000

    static func diff(_ old: [String], _ new: [String]) -> [DiffLine] {
        // Revisions mostly touch the middle of a plan: keep the common head and tail out of the search.
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
            && old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let middle = shortestEdit(Array(old[prefix..<(old.count - suffix)]), Array(new[prefix..<(new.count - suffix)]))
        return old[..<prefix].map(DiffLine.same) + middle + old[(old.count - suffix)...].map(DiffLine.same)
    }

    /// Myers' greedy search. Row d holds, for each diagonal k = x − y in −d, −d+2, …, d, the furthest
    /// x reached with d edits; the rows are kept to walk the path back from the end.
    private static func shortestEdit(_ old: [String], _ new: [String]) -> [DiffLine] {
        let n = old.count
        let m = new.count
        if n == 0 || m == 0 { return old.map(DiffLine.removed) + new.map(DiffLine.added) }
        var rows: [[Int]] = []
        var edits: Int?
        search: for d in 0...min(n + m, maximumEdits) {
            var row = [Int](repeating: 0, count: d + 1)
            for (index, k) in stride(from: -d, through: d, by: 2).enumerated() {
                var x = d == 0 ? 0 : startX(diagonal: k, edits: d, previous: rows[d - 1])
                var y = x - k
                while x < n && y < m && old[x] == new[y] {
                    x += 1
                    y += 1
                }
                row[index] = x
                if x >= n && y >= m {
                    rows.append(row)
                    edits = d
                    break search
                }
            }
            rows.append(row)
        }
        guard let edits else { return old.map(DiffLine.removed) + new.map(DiffLine.added) }

        var reversed: [DiffLine] = []
        var x = n
        var y = m
        for d in stride(from: edits, to: 0, by: -1) {
            let k = x - y
            let previous = rows[d - 1]
            let cameDown = isAddition(diagonal: k, edits: d, previous: previous)
            let previousK = cameDown ? k + 1 : k - 1
            let previousX = value(previous, previousK, d - 1)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                reversed.append(.same(old[x - 1]))
                x -= 1
                y -= 1
            }
            if cameDown {
                reversed.append(.added(new[y - 1]))
                y -= 1
            } else {
                reversed.append(.removed(old[x - 1]))
                x -= 1
            }
        }
        while x > 0 && y > 0 {
            reversed.append(.same(old[x - 1]))
            x -= 1
            y -= 1
        }
        return reversed.reversed()
    }

    /// Where diagonal k starts at step d (see `isAddition`).
    private static func startX(diagonal k: Int, edits d: Int, previous: [Int]) -> Int {
        isAddition(diagonal: k, edits: d, previous: previous)
            ? value(previous, k + 1, d - 1) : value(previous, k - 1, d - 1) + 1
    }

    /// Whether step d reaches diagonal k by one line down from k + 1 (an addition) rather than one
    /// line right from k − 1 (a removal): whichever got further. Ties go to the removal, so a
    /// replaced line shows its removal first.
    private static func isAddition(diagonal k: Int, edits d: Int, previous: [Int]) -> Bool {
        k == -d || (k != d && value(previous, k - 1, d - 1) < value(previous, k + 1, d - 1))
    }

    /// The x of diagonal k in row d (which holds diagonals −d, −d+2, …, d).
    private static func value(_ row: [Int], _ k: Int, _ d: Int) -> Int { row[(k + d) / 2] }
}
