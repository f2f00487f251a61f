import Foundation
import PilotDomain
import Programmes
import Testing

/// The division file (`Workflows/divisions/cn.csv`) and the prefix rule scope checks rely on.
@Suite("Administrative-division tree")
struct DivisionTreeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var shippedFile: String { root.appendingPathComponent("Workflows/divisions/cn.csv").path }

    func code(_ text: String) -> DivisionCode { DivisionCode(text)! }

    @Test("the shipped file loads: every code unique, every parent present and named by the code's digits")
    func shippedTree() throws {
        let tree = try DivisionFile.load(path: Self.shippedFile)
        #expect(tree[code("120116")]?.name.zh == "滨海新区")
        #expect(tree[code("120116")]?.parent == code("120000"))
        #expect(tree[code("450102")]?.parent == code("450100"))
        #expect(tree[code("450100")]?.parent == code("450000"))
        #expect(tree[code("310115")]?.name.zh == "浦东新区")
        // 滨海新区: 16 streets, 5 towns, 5 functional zones (domain.md §1).
        let binhai = tree.children(of: code("120116"))
        #expect(binhai.count { $0.name.zh.hasSuffix("街道") } == 16)
        #expect(binhai.count { $0.name.zh.hasSuffix("镇") } == 5)
        #expect(binhai.count == 26)
        #expect(tree.label(code("120116400"), .zh) == "天津经济技术开发区（滨海新区）")
        for division in tree.nodes.values where division.code != .nation {
            let parent = try #require(division.parent)
            #expect(parent.covers(division.code), "\(parent) does not cover \(division.code)")
            #expect(parent.level < division.level)
        }
    }

    @Test("levels and coverage from the digits: a city covers its districts, a district its streets, never a neighbour")
    func coverage() {
        #expect(code("120000").level == .province)
        #expect(code("450100").level == .prefecture)
        #expect(code("120116").level == .county)
        #expect(code("120116400").level == .township)
        #expect(DivisionCode.nation.covers(code("450102")))
        #expect(code("120000").covers(code("120116400")))
        #expect(code("450100").covers(code("450102")))
        #expect(!code("450100").covers(code("450202")))
        #expect(code("120116").covers(code("120116001")))
        #expect(!code("120116").covers(code("120117")))
        #expect(!code("120116001").covers(code("120116002")))
        #expect(!code("120116001").covers(code("120116")))
        #expect(code("120116400").ancestorsOrSelf.map(\.value) == ["120116400", "120116", "120100", "120000", "100000"])
        // The index range is exactly the covered codes.
        let range = code("120116").range!
        for text in ["120116", "120116001", "120116599"] { #expect(range.lower <= text && text < range.upper) }
        for text in ["120117", "120115999", "12011"] { #expect(!(range.lower <= text && text < range.upper)) }
        #expect(DivisionCode("12011") == nil && DivisionCode("12011a") == nil && DivisionCode("1201160010") == nil)
    }

    @Test("a broken file reports every problem with its line")
    func brokenFile() {
        let text = """
            code,parent,name_zh,name_en
            100000,,中华人民共和国,China
            120000,100000,天津市,Tianjin
            120116,100000,滨海新区,Binhai
            120116,120000,滨海新区,Binhai
            12011x,120000,坏,Bad
            450102,450100,兴宁区,Xingning
            """
        #expect(throws: ProgrammeProblems.self) { try DivisionFile.parse(text, file: "cn.csv") }
        do {
            _ = try DivisionFile.parse(text, file: "cn.csv")
        } catch {
            let found = error.problems.map { "\($0.line):\($0.kind.rawValue)" }
            #expect(found.contains("4:wrong_parent"))
            #expect(found.contains("5:duplicate"))
            #expect(found.contains("6:wrong_type"))
            #expect(found.contains("7:unknown_division"))
        }
    }
}
