import PilotDomain
import Testing

@Suite("Plan revisions are shown as line diffs")
struct TextDiffTests {
    @Test("identical texts are all the same")
    func identical() {
        #expect(TextDiff.lines(old: "a\nb\nc", new: "a\nb\nc") == [.same("a"), .same("b"), .same("c")])
    }

    @Test("an insertion in the middle")
    func insertion() {
        #expect(
            TextDiff.lines(old: "a\nb\nc", new: "a\nb\nx\nc") == [.same("a"), .same("b"), .added("x"), .same("c")])
    }

    @Test("a deletion")
    func deletion() {
        #expect(TextDiff.lines(old: "a\nb\nc\nd", new: "a\nd") == [.same("a"), .removed("b"), .removed("c"), .same("d")])
    }

    @Test("a replacement shows the removal first")
    func replacement() {
        #expect(
            TextDiff.lines(old: "a\nb\nc", new: "a\nx\nc") == [.same("a"), .removed("b"), .added("x"), .same("c")])
        #expect(TextDiff.lines(old: "a", new: "b") == [.removed("a"), .added("b")])
    }

    @Test("empty old or new")
    func empty() {
        #expect(TextDiff.lines(old: "", new: "a\nb") == [.added("a"), .added("b")])
        #expect(TextDiff.lines(old: "a\nb", new: "") == [.removed("a"), .removed("b")])
        #expect(TextDiff.lines(old: "", new: "").isEmpty)
    }

    @Test("Chinese text")
    func chinese() {
        let old = "一、建设内容：上云用数\n二、预期成效：降本增效\n三、资金安排：30 万元"
        let new = "一、建设内容：上云用数\n二、预期成效：生产效率提升 20%\n三、资金安排：30 万元\n四、实施周期：6 个月"
        #expect(
            TextDiff.lines(old: old, new: new) == [
                .same("一、建设内容：上云用数"), .removed("二、预期成效：降本增效"), .added("二、预期成效：生产效率提升 20%"),
                .same("三、资金安排：30 万元"), .added("四、实施周期：6 个月"),
            ])
    }

    @Test("line breaks: CRLF equals LF, a final break starts no line, empty lines count")
    func lineBreaks() {
        #expect(TextDiff.lines(old: "a\r\nb\r\n", new: "a\nb") == [.same("a"), .same("b")])
        #expect(TextDiff.lines(old: "a\n\nb", new: "a\nb") == [.same("a"), .removed(""), .same("b")])
    }

    @Test("a shortest diff: the classic ABCABBA → CBABAC has 5 edits")
    func classic() {
        let diff = TextDiff.lines(old: "A\nB\nC\nA\nB\nB\nA", new: "C\nB\nA\nB\nA\nC")
        #expect(diff.count { if case .same = $0 { false } else { true } } == 5)
        #expect(rebuilt(diff) == (old: ["A", "B", "C", "A", "B", "B", "A"], new: ["C", "B", "A", "B", "A", "C"]))
    }

    @Test("random texts: the diff rebuilds both and is as short as the longest common subsequence allows")
    func random() {
        var generator = SplitMix(seed: 20_240_601)
        for _ in 0..<300 {
            let old = (0..<Int(generator.next() % 12)).map { _ in String("abcd".randomElement(using: &generator)!) }
            let new = (0..<Int(generator.next() % 12)).map { _ in String("abcd".randomElement(using: &generator)!) }
            let diff = TextDiff.lines(old: old.joined(separator: "\n"), new: new.joined(separator: "\n"))
            let rebuilt = rebuilt(diff)
            #expect(rebuilt.old == old && rebuilt.new == new)
            let same = diff.count { if case .same = $0 { true } else { false } }
            #expect(same == longestCommonSubsequence(old, new))
        }
    }

    @Test("very different long texts still give a correct diff")
    func long() {
        let old = (0..<1_500).map { "old \($0)" }
        let new = (0..<1_500).map { "new \($0)" }
        let diff = TextDiff.lines(old: old.joined(separator: "\n"), new: new.joined(separator: "\n"))
        #expect(rebuilt(diff) == (old: old, new: new))
    }

    private func rebuilt(_ diff: [DiffLine]) -> (old: [String], new: [String]) {
        var old: [String] = []
        var new: [String] = []
        for line in diff {
            switch line {
            case .same(let text):
                old.append(text)
                new.append(text)
            case .removed(let text): old.append(text)
            case .added(let text): new.append(text)
            }
        }
        return (old, new)
    }

    private func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0..<a.count {
            for j in 0..<b.count {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }
}

/// A small seeded generator so the random test is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
