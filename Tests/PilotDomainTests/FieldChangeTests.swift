import PilotDomain
import Testing

@Suite("Field changes between plan revisions")
struct FieldChangeTests {
    @Test("fields added, removed and changed, sorted by key; unchanged left out")
    func fields() {
        let old = ["budget": "30 万元", "content": "上云\n用数", "owner": "张三", "scope": "全厂"]
        let new = ["budget": "30 万元", "content": "上云\n赋智", "period": "6 个月", "scope": "全厂"]
        let changes = TextDiff.fields(old: old, new: new)
        #expect(
            changes == [
                .changed(
                    key: "content", old: "上云\n用数", new: "上云\n赋智",
                    lines: [.same("上云"), .removed("用数"), .added("赋智")]),
                .removed(key: "owner", value: "张三"),
                .added(key: "period", value: "6 个月"),
            ])
        #expect(changes.map(\.key) == ["content", "owner", "period"])
        #expect(changes[1].lines == [.removed("张三")])
        #expect(changes[2].lines == [.added("6 个月")])
    }

    @Test("no changes, and from nothing")
    func edges() {
        #expect(TextDiff.fields(old: ["a": "1"], new: ["a": "1"]).isEmpty)
        #expect(TextDiff.fields(old: [:], new: [:]).isEmpty)
        #expect(
            TextDiff.fields(old: [:], new: ["b": "2", "a": "1"]) == [.added(key: "a", value: "1"), .added(key: "b", value: "2")])
    }
}
