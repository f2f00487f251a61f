import PilotDomain

/// Draws a workflow definition: Graphviz DOT and Mermaid text for people who have those tools,
/// and a self-contained SVG with its own layered layout (`WorkflowLayout`) for the web pages, so
/// nothing needs graphviz at run time.
///
/// Everything here is pure and deterministic: the same definition gives the same text, byte for
/// byte (no dictionary is ever iterated to produce output).
public enum WorkflowGraph {
    /// Transitions whose `from` lists more states than this (`terminate`, `withdraw`) are drawn in
    /// the SVG as one note on their target instead of one arrow per source; otherwise they turn
    /// the diagram into a hairball. DOT and Mermaid keep every edge: they are data for tools.
    static let bundleThreshold = 4

    /// Graphviz DOT text. States are rounded boxes (terminal states doubled) and a point marks
    /// the initial state; transitions are labelled edges, routes dashed, and transitions a timer
    /// fires dotted, labelled with the delay ("⏱ 7天"). `highlight` (a state id) is filled.
    public static func dot(
        _ definition: WorkflowDefinition, language: UILanguage = .zh, highlight: String? = nil
    )
        -> String
    {
        let font = dotQuoted("Noto Sans CJK SC")
        let start = dotQuoted(startNodeName(definition))
        var out = "digraph \(dotQuoted(definition.id)) {\n"
        out += "  graph [rankdir=TB, labelloc=t, fontname=\(font), "
        out += "label=\(dotQuoted("\(definition.title.text(language)) v\(definition.version)"))];\n"
        out += "  node [shape=box, style=rounded, fontname=\(font), fontsize=12];\n"
        out += "  edge [fontname=\(font), fontsize=10];\n"
        out += "  \(start) [shape=point, width=0.15, label=\"\"];\n"
        for state in definition.states {
            var attributes = ["label=\(dotQuoted(state.label.text(language)))"]
            if state.terminal { attributes.append("peripheries=2") }
            if state.id == highlight {
                attributes += [
                    "style=\"rounded,filled,bold\"", "fillcolor=\"\(SVGPalette.currentFill)\"", "fontcolor=\"white\"",
                ]
            }
            out += "  \(dotQuoted(state.id)) [\(attributes.joined(separator: ", "))];\n"
        }
        out += "  \(start) -> \(dotQuoted(definition.initialState));\n"
        for edge in edges(of: definition, language: language) {
            var attributes = ["label=\(dotQuoted(edge.label))"]
            switch edge.kind {
            case .transition: break
            case .route: attributes.append("style=dashed")
            case .timer: attributes.append("style=dotted")
            }
            if edge.isBundled { attributes += ["color=\"gray60\"", "fontcolor=\"gray45\""] }
            out += "  \(dotQuoted(edge.from)) -> \(dotQuoted(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        out += "}\n"
        return out
    }

    /// Mermaid `stateDiagram-v2` text with the same content as `dot`: `[*] --> initial`, every
    /// terminal state `--> [*]`. Mermaid has no dashed or dotted state edges, so routes and
    /// timers say what they are in their labels.
    public static func mermaid(_ definition: WorkflowDefinition, language: UILanguage = .zh) -> String {
        var out = "stateDiagram-v2\n"
        out += "    direction TB\n"
        out += "    %% \(mermaidText("\(definition.id) v\(definition.version)"))\n"
        for state in definition.states {
            out += "    state \"\(mermaidText(state.label.text(language)))\" as \(mermaidName(state.id))\n"
        }
        out += "    [*] --> \(mermaidName(definition.initialState))\n"
        for edge in edges(of: definition, language: language) {
            out += "    \(mermaidName(edge.from)) --> \(mermaidName(edge.to)) : \(mermaidText(edge.label))\n"
        }
        for state in definition.states where state.terminal {
            out += "    \(mermaidName(state.id)) --> [*]\n"
        }
        return out
    }
}

/// One arrow of a workflow diagram: a transition from one of its source states, one of its
/// routes, or a transition a timer fires.
struct GraphEdge: Hashable, Sendable {
    enum Kind: String, Hashable, Sendable {
        /// The transition's `to`.
        case transition
        /// A conditional target (`routes`), taken instead of `to` when its guard passes.
        case route
        /// A transition fired by a timer from this state; labelled with the delay.
        case timer
    }

    var transition: String
    var from: String
    var to: String
    var kind: Kind
    var label: String
    /// The transition leaves from more than `WorkflowGraph.bundleThreshold` states.
    var isBundled: Bool
}

extension WorkflowGraph {
    /// Every arrow, in file order: each transition from each of its states, then its routes.
    /// A transition a timer fires from a state is one dotted arrow (not a solid one plus a
    /// dotted one); a timer whose transition does not leave its state gets an arrow of its own.
    static func edges(of definition: WorkflowDefinition, language: UILanguage) -> [GraphEdge] {
        var edges: [GraphEdge] = []
        for transition in definition.transitions {
            let label = transition.label.text(language)
            let bundled = isBundled(transition)
            for source in transition.from {
                let timer = definition.timers.first { $0.state == source && $0.transition == transition.id }
                edges.append(
                    GraphEdge(
                        transition: transition.id, from: source, to: transition.target(from: source),
                        kind: timer == nil ? .transition : .timer,
                        label: timer.map { "\(label) \(timerText($0, language: language))" } ?? label, isBundled: bundled))
                for route in transition.routes {
                    edges.append(
                        GraphEdge(
                            transition: transition.id, from: source, to: route.to, kind: .route,
                            label: "\(label) [\(route.when)]", isBundled: bundled))
                }
            }
        }
        for timer in definition.timers {
            guard let transition = definition.transition(timer.transition), !transition.from.contains(timer.state) else {
                continue
            }
            edges.append(
                GraphEdge(
                    transition: transition.id, from: timer.state, to: transition.target(from: timer.state), kind: .timer,
                    label: "\(transition.label.text(language)) \(timerText(timer, language: language))", isBundled: false))
        }
        return edges
    }

    static func isBundled(_ transition: TransitionDefinition) -> Bool {
        transition.from.count > bundleThreshold
    }

    /// "⏱ 7天" / "⏱ 7 days"; working days say so.
    static func timerText(_ timer: TimerDefinition, language: UILanguage) -> String {
        switch (timer.counting, language) {
        case (.calendar, .zh): "⏱ \(timer.days)天"
        case (.calendar, .en): "⏱ \(timer.days) \(timer.days == 1 ? "day" : "days")"
        case (.working, .zh): "⏱ \(timer.days)个工作日"
        case (.working, .en): "⏱ \(timer.days) working \(timer.days == 1 ? "day" : "days")"
        }
    }

    /// The invisible start node's name, chosen not to collide with a state id.
    private static func startNodeName(_ definition: WorkflowDefinition) -> String {
        var name = "__start__"
        while definition.state(name) != nil { name = "_\(name)_" }
        return name
    }

    private static func dotQuoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// Mermaid state names are identifiers: anything else becomes `_`.
    private static func mermaidName(_ id: String) -> String {
        let name = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        return name.first?.isNumber == true ? "s_\(name)" : name
    }

    /// Mermaid labels end at the line; `"`, `;` and `#` are written as Mermaid entity codes.
    private static func mermaidText(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case ";": out += "#59;"
            case "#": out += "#35;"
            case "\n", "\r\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
