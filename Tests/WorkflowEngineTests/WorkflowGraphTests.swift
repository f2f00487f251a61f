import Foundation
import PilotDomain
import Testing
import WorkflowEngine

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Workflow diagrams: DOT, Mermaid and a self-contained SVG")
struct WorkflowGraphTests {
    /// Small, but with every kind of arrow: a return (back edge), a route, a self-loop, a timer,
    /// a transition from five states (drawn as a note) and markup characters in a label.
    static let review: WorkflowDefinition = {
        func text(_ zh: String, _ en: String) -> LocalizedText { LocalizedText(zh: zh, en: en) }
        return WorkflowDefinition(
            id: "review", version: 2, title: text("评审 & 签约", "Review & signing"), initialState: "draft",
            states: [
                StateDefinition(id: "draft", label: text("草稿 <A&B>", "Draft <A&B>")),
                StateDefinition(id: "review", label: text("审核中", "Under review"), slaDays: 10),
                StateDefinition(id: "revise", label: text("修改中", "Being revised")),
                StateDefinition(id: "signing", label: text("签署中", "Signing")),
                StateDefinition(id: "active", label: text("执行中", "In force")),
                StateDefinition(id: "closed", label: text("已结项", "Closed"), terminal: true),
                StateDefinition(id: "expired", label: text("已过期", "Expired"), terminal: true),
                StateDefinition(id: "cancelled", label: text("已取消", "Cancelled"), terminal: true),
            ],
            transitions: [
                TransitionDefinition(
                    id: "submit", label: text("提交 \"审核\" & 通知", "Submit \"for review\""), from: ["draft"],
                    to: "review", roles: [.enterprise]),
                TransitionDefinition(
                    id: "send_back", label: text("退回", "Send back"), from: ["review"], to: "revise",
                    roles: [.districtOfficial]),
                TransitionDefinition(
                    id: "resubmit", label: text("重新提交", "Resubmit"), from: ["revise"], to: "review",
                    roles: [.enterprise]),
                {
                    var vote = TransitionDefinition(
                        id: "vote", label: text("表决", "Vote"), from: ["review"], to: "review", roles: [.expertReviewer])
                    vote.routes = [TransitionRoute(when: "all_votes_in", to: "signing")]
                    return vote
                }(),
                TransitionDefinition(
                    id: "sign", label: text("签署", "Sign"), from: ["signing"], to: "active", roles: [.enterprise]),
                TransitionDefinition(
                    id: "report", label: text("报告进度", "Report progress"), from: ["active"], to: "active",
                    roles: [.enterprise]),
                TransitionDefinition(
                    id: "close", label: text("结项", "Close"), from: ["active"], to: "closed", roles: [.districtOfficial]),
                TransitionDefinition(
                    id: "expire", label: text("签署期满", "Signing period ends"), from: ["signing"], to: "expired",
                    roles: [.system]),
                TransitionDefinition(
                    id: "cancel", label: text("取消", "Cancel"), from: ["draft", "review", "revise", "signing", "active"],
                    to: "cancelled", roles: [.districtOfficial]),
            ],
            timers: [TimerDefinition(id: "signing_ends", state: "signing", transition: "expire", days: 7)])
    }()

    static func enterpriseProject() throws -> WorkflowDefinition {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Workflows").path
        return try #require(try WorkflowCatalog.load(directory: directory).latest("enterprise-project"))
    }

    // MARK: DOT

    @Test("DOT names every state once and draws each edge once, routes dashed and timers dotted")
    func dotEdges() {
        let definition = Self.review

        let dot = WorkflowGraph.dot(definition, highlight: "review")

        #expect(dot.hasPrefix("digraph \"review\" {"))
        for state in definition.states {
            #expect(occurrences(of: "  \"\(state.id)\" [label=", in: dot) == 1, "state \(state.id)")
        }
        for transition in definition.transitions {
            for source in transition.from {
                let edge = "  \"\(source)\" -> \"\(transition.to)\" [label=\"\(dotEscaped(transition.label.zh))"
                #expect(occurrences(of: edge, in: dot) == 1, "edge \(transition.id) from \(source)")
            }
        }
        #expect(dot.contains("\"review\" -> \"signing\" [label=\"表决 [all_votes_in]\", style=dashed]"))
        #expect(dot.contains("\"signing\" -> \"expired\" [label=\"签署期满 ⏱ 7天\", style=dotted]"))
        #expect(dot.contains("\"__start__\" -> \"draft\";"))
        #expect(dot.contains("\"closed\" [label=\"已结项\", peripheries=2]"))
        #expect(dot.contains("\"review\" [label=\"审核中\", style=\"rounded,filled,bold\""))
        #expect(dot.contains("提交 \\\"审核\\\" & 通知"))
    }

    @Test("DOT of the enterprise project keeps all nineteen terminate edges")
    func dotEnterprise() throws {
        let definition = try Self.enterpriseProject()

        let dot = WorkflowGraph.dot(definition, language: .en)

        // Nineteen terminate edges, plus the record of a release paid before the termination
        // (`record_release`, `to: stay`, drawn as a loop on the terminal state).
        #expect(occurrences(of: "-> \"terminated\"", in: dot) == 20)
        #expect(occurrences(of: "\"terminated\" -> \"terminated\"", in: dot) == 1)
        #expect(occurrences(of: "-> \"withdrawn\"", in: dot) == 12)
        #expect(dot.contains("\"publicity\" -> \"task_book_signing\" [label=\"Publicity period ends ⏱ 7 days\", style=dotted]"))
    }

    // MARK: Mermaid

    @Test("Mermaid is a stateDiagram-v2 with the initial and terminal states marked")
    func mermaid() {
        let definition = Self.review

        let text = WorkflowGraph.mermaid(definition, language: .en)

        #expect(text.hasPrefix("stateDiagram-v2\n"))
        #expect(text.contains("    [*] --> draft\n"))
        #expect(text.contains("    closed --> [*]\n"))
        #expect(!text.contains("    review --> [*]\n"))
        #expect(text.contains("    state \"Under review\" as review\n"))
        #expect(text.contains("    draft --> review : Submit #quot;for review#quot;\n"))
        #expect(text.contains("    review --> signing : Vote [all_votes_in]\n"))
        #expect(text.contains("    signing --> expired : Signing period ends ⏱ 7 days\n"))
        #expect(occurrences(of: " --> cancelled : Cancel\n", in: text) == 5)
    }

    // MARK: SVG

    @Test("the SVG is well-formed XML with a group per state and per arrow")
    func svgStructure() throws {
        let definition = Self.review

        let svg = WorkflowGraph.svg(definition)
        let document = try SVGDocument(svg)

        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        for state in definition.states {
            #expect(svg.contains("<g id=\"state-\(state.id)\""), "state \(state.id)")
            #expect(document.stateBoxes[state.id] != nil)
        }
        let edges = document.edges
        for transition in definition.transitions where transition.id != "cancel" {
            #expect(edges.contains { $0.transition == transition.id && $0.title.contains(transition.label.zh) })
        }
        // The return is drawn, the route dashed, the timer dotted.
        #expect(edges.contains { $0.transition == "send_back" && $0.kind == "transition" })
        #expect(edges.contains { $0.transition == "vote" && $0.kind == "route" })
        #expect(edges.contains { $0.transition == "expire" && $0.kind == "timer" })
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        #expect(svg.contains("⏱ 7天"))
        // A transition from five states is one note, not five arrows.
        #expect(edges.filter { $0.transition == "cancel" }.count == 1)
        #expect(edges.first { $0.transition == "cancel" }?.kind == "bundle")
        #expect(!svg.contains("<script") && !svg.contains("<style") && !svg.contains("href=\"http"))
    }

    @Test("markup characters in labels are escaped")
    func svgEscapes() throws {
        let svg = WorkflowGraph.svg(Self.review)

        #expect(svg.contains("草稿 &lt;A&amp;B&gt;"))
        #expect(svg.contains("提交 &quot;审核&quot; &amp; 通知"))
        #expect(!svg.contains("<A&B>"))
        #expect(throws: Never.self) { try SVGDocument(WorkflowGraph.svg(Self.review, language: .en)) }
    }

    @Test("the highlighted state is filled and only it")
    func svgHighlight() throws {
        let plain = try SVGDocument(WorkflowGraph.svg(Self.review))
        let highlighted = try SVGDocument(WorkflowGraph.svg(Self.review, highlight: "review"))

        #expect(highlighted.stateBoxes["review"]?.fill == "#1d4ed8")
        #expect(highlighted.stateBoxes.filter { $0.value.fill == "#1d4ed8" }.count == 1)
        #expect(plain.stateBoxes.allSatisfy { $0.value.fill != "#1d4ed8" })
        #expect(highlighted.stateGroupClasses["review"]?.contains("current") == true)
    }

    @Test("the same definition gives the same text, byte for byte", arguments: [UILanguage.zh, .en])
    func deterministic(language: UILanguage) throws {
        let enterprise = try Self.enterpriseProject()
        for definition in [Self.review, enterprise] {
            #expect(WorkflowGraph.svg(definition, language: language) == WorkflowGraph.svg(definition, language: language))
            #expect(
                WorkflowGraph.svg(definition, language: language, highlight: definition.initialState)
                    == WorkflowGraph.svg(definition, language: language, highlight: definition.initialState))
            #expect(WorkflowGraph.dot(definition, language: language) == WorkflowGraph.dot(definition, language: language))
            #expect(
                WorkflowGraph.mermaid(definition, language: language) == WorkflowGraph.mermaid(definition, language: language))
        }
    }

    @Test("state boxes never overlap", arguments: [UILanguage.zh, .en])
    func noOverlap(language: UILanguage) throws {
        for definition in [Self.review, try Self.enterpriseProject()] {
            let document = try SVGDocument(WorkflowGraph.svg(definition, language: language, highlight: "review"))

            let boxes = document.stateBoxes.sorted { $0.key < $1.key }
            #expect(boxes.count == definition.states.count)
            for (i, a) in boxes.enumerated() {
                #expect(a.value.width > 0 && a.value.height > 0)
                #expect(a.value.maxX <= document.width && a.value.maxY <= document.height, "\(a.key) off the canvas")
                for b in boxes[(i + 1)...] {
                    #expect(!a.value.overlaps(b.value), "\(a.key) overlaps \(b.key)")
                }
            }
        }
    }

    @Test("the enterprise project reads top to bottom, with terminate and withdraw as notes")
    func enterpriseSVG() throws {
        let definition = try Self.enterpriseProject()

        let document = try SVGDocument(WorkflowGraph.svg(definition, highlight: "publicity"))

        #expect(document.stateBoxes.count == 25)
        #expect(document.edges.filter { $0.transition == "terminate" }.count == 1)
        #expect(document.edges.filter { $0.transition == "withdraw" }.count == 1)
        let boxes = document.stateBoxes
        let top = try #require(boxes["registered"]).y
        #expect(boxes.values.allSatisfy { $0.y >= top })
        #expect(try #require(boxes["diagnosing"]).y > top)
        #expect(try #require(boxes["accepted"]).y > #require(boxes["final_settlement"]).y)
        // Every non-bundled transition shows up, each drawn from each of its states.
        for transition in definition.transitions where transition.from.count <= 4 {
            let drawn = document.edges.filter { $0.transition == transition.id && $0.kind != "route" }
            #expect(drawn.count == transition.from.count, "\(transition.id)")
        }
    }

    // MARK: Helpers

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func dotEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// The parts of an SVG the tests look at, read with Foundation's XML parser (so it must parse).
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Box {
        var x, y, width, height: Double
        var fill: String
        var maxX: Double { x + width }
        var maxY: Double { y + height }

        func overlaps(_ other: Box) -> Bool {
            x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
        }
    }

    struct Edge {
        var transition: String
        var kind: String
        var title = ""
    }

    struct ParseError: Error {
        var description: String
    }

    private(set) var width = 0.0
    private(set) var height = 0.0
    private(set) var stateBoxes: [String: Box] = [:]
    private(set) var stateGroupClasses: [String: String] = [:]
    private(set) var edges: [Edge] = []
    private var groups: [[String: String]] = []
    private var inEdgeTitle = false

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw ParseError(description: parser.parserError.map { "\($0)" } ?? "XML does not parse")
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "svg":
            width = Double(attributes["width"] ?? "") ?? 0
            height = Double(attributes["height"] ?? "") ?? 0
        case "g":
            groups.append(attributes)
            if let id = attributes["id"], id.hasPrefix("state-") {
                stateGroupClasses[String(id.dropFirst(6))] = attributes["class"] ?? ""
            }
            if attributes["class"] == "edge" {
                edges.append(Edge(transition: attributes["data-transition"] ?? "", kind: attributes["data-kind"] ?? ""))
            }
        case "rect" where attributes["class"] == "state-box":
            guard let id = groups.last?["id"], id.hasPrefix("state-") else { return }
            let number = { (key: String) in Double(attributes[key] ?? "") ?? .nan }
            stateBoxes[String(id.dropFirst(6))] = Box(
                x: number("x"), y: number("y"), width: number("width"), height: number("height"),
                fill: attributes["fill"] ?? "")
        case "title":
            inEdgeTitle = groups.last?["class"] == "edge"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inEdgeTitle, !edges.isEmpty { edges[edges.count - 1].title += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "g": groups.removeLast()
        case "title": inEdgeTitle = false
        default: break
        }
    }
}
