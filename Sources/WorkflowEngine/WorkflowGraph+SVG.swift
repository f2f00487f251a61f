import PilotDomain

extension WorkflowGraph {
    /// A self-contained SVG of the workflow (no fonts, CSS or scripts to fetch; presentation
    /// attributes only), laid out by `WorkflowLayout`, top to bottom.
    ///
    /// Each state is a `<g id="state-<id>">` with a `<title>`; each arrow a
    /// `<g class="edge" data-transition="<id>">` with a `<title>` naming the transition.
    /// Transitions from many states (`terminate`, `withdraw`) are one note inside their target.
    /// `highlight` — an instance's current state — is filled, and the arrows leaving it are
    /// drawn in the same colour: they are what can happen next.
    public static func svg(
        _ definition: WorkflowDefinition, language: UILanguage = .zh, highlight: String? = nil
    )
        -> String
    {
        SVGDrawing(
            definition: definition, language: language, highlight: highlight,
            layout: WorkflowLayout(definition, language: language)
        ).render()
    }
}

/// Colours of the drawing; `currentFill` marks the highlighted state in every format.
enum SVGPalette {
    static let ink = "#374151"
    static let line = "#4b5563"
    static let stateFill = "#ffffff"
    static let terminalFill = "#f3f4f6"
    static let noteInk = "#6b7280"
    static let currentFill = "#1d4ed8"
    static let currentStroke = "#1e3a8a"
    static let currentNoteInk = "#dbeafe"
    static let halo = "#ffffff"
}

private struct SVGDrawing {
    typealias M = LayoutMetrics
    typealias P = SVGPalette

    let definition: WorkflowDefinition
    let language: UILanguage
    let highlight: String?
    let layout: WorkflowLayout

    /// Several diagrams may share an HTML page: ids of our own carry the workflow's id.
    var prefix: String {
        "wfg-" + String(definition.id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "_" })
    }

    func render() -> String {
        let legend = legendItems()
        let legendWidth = legend.reduce(M.margin) { $0 + $1.width }
        let width = max(layout.width, legendWidth + M.margin)
        let height = layout.height + 28
        let title = "\(definition.title.text(language)) v\(definition.version)"
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
            viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-labelledby="\(prefix)-title" \
            font-family="'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif">

            """
        out += "<title id=\"\(prefix)-title\">\(xml(title))</title>\n"
        out += "<defs>\n"
        out += marker(id: "\(prefix)-arrow", fill: P.line)
        out += marker(id: "\(prefix)-arrow-current", fill: P.currentFill)
        out += "</defs>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += "<g class=\"edges\">\n"
        for arrow in layout.arrows { out += draw(arrow) }
        out += "</g>\n<g class=\"states\">\n"
        out += startMarker()
        for node in layout.nodes { out += draw(node) }
        out += "</g>\n<g class=\"notes\">\n"
        for node in layout.nodes {
            for note in node.notes { out += draw(note, in: node) }
        }
        out += "</g>\n"
        out += drawLegend(legend, top: layout.height)
        out += "</svg>\n"
        return out
    }

    func marker(id: String, fill: String) -> String {
        """
        <marker id="\(id)" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" \
        markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="\(fill)"/></marker>

        """
    }

    // MARK: States

    func draw(_ node: WorkflowLayout.Node) -> String {
        let state = node.state
        let isCurrent = state.id == highlight
        let isInitial = state.id == definition.initialState
        let classes =
            ["state"] + (state.terminal ? ["terminal"] : []) + (isInitial ? ["initial"] : [])
            + (isCurrent ? ["current"] : [])
        var tooltip = "\(state.label.text(language)) (\(state.id))"
        if let days = state.slaDays {
            tooltip += language == .zh ? " · 时限 \(days) 天" : " · due within \(days) days"
        }
        let box = node.box
        let fill = isCurrent ? P.currentFill : state.terminal ? P.terminalFill : P.stateFill
        let stroke = isCurrent ? P.currentStroke : P.line
        let strokeWidth = isCurrent ? "2.5" : isInitial ? "1.8" : "1.2"
        var out = "<g id=\"state-\(xml(state.id))\" class=\"\(classes.joined(separator: " "))\">\n"
        out += "<title>\(xml(tooltip))</title>\n"
        out += """
            <rect class="state-box" x="\(n(box.x))" y="\(n(box.y))" width="\(n(box.width))" height="\(n(box.height))" \
            rx="8" fill="\(fill)" stroke="\(stroke)" stroke-width="\(strokeWidth)"/>

            """
        if state.terminal {
            out += """
                <rect x="\(n(box.x + 3))" y="\(n(box.y + 3))" width="\(n(box.width - 6))" height="\(n(box.height - 6))" \
                rx="6" fill="none" stroke="\(isCurrent ? P.currentNoteInk : P.line)" stroke-width="1"/>

                """
        }
        out += text(
            node.caption, anchor: "middle", size: M.stateFont, fill: isCurrent ? "#ffffff" : "#111827",
            weight: isCurrent ? "bold" : nil, halo: false)
        out += "</g>\n"
        return out
    }

    func draw(_ note: WorkflowLayout.Note, in node: WorkflowLayout.Node) -> String {
        let label = definition.transition(note.transition)?.label.text(language) ?? note.transition
        let names = note.sources.map { definition.state($0)?.label.text(language) ?? $0 }
        let separator = language == .zh ? "、" : ", "
        let from = language == .zh ? "自" : "from"
        let isCurrentOption = highlight.map(note.sources.contains) ?? false
        let ink =
            node.state.id == highlight ? P.currentNoteInk : isCurrentOption ? P.currentFill : P.noteInk
        var out = """
            <g class="edge" data-transition="\(xml(note.transition))" data-kind="bundle" data-to="\(xml(node.state.id))">

            """
        out += "<title>\(xml("\(label) — \(from) \(names.joined(separator: separator))"))</title>\n"
        out += text(
            note.caption, anchor: "middle", size: M.noteFont, fill: ink, weight: isCurrentOption ? "bold" : nil,
            halo: false)
        out += "</g>\n"
        return out
    }

    func startMarker() -> String {
        guard let initial = layout.nodes.first(where: { $0.state.id == definition.initialState }) else { return "" }
        let start = layout.start
        return """
            <g class="initial-marker"><circle cx="\(n(start.x))" cy="\(n(start.y))" r="6" fill="#111827"/>\
            <path d="M\(n(start.x)),\(n(start.y + 6)) L\(n(start.x)),\(n(initial.box.y))" fill="none" stroke="\(P.line)" \
            stroke-width="1.3" marker-end="url(#\(prefix)-arrow)"/></g>

            """
    }

    // MARK: Arrows

    func draw(_ arrow: WorkflowLayout.Arrow) -> String {
        let edge = arrow.edge
        let isNext = edge.from == highlight
        let from = definition.state(edge.from)?.label.text(language) ?? edge.from
        let to = definition.state(edge.to)?.label.text(language) ?? edge.to
        let separator = language == .zh ? "：" : ": "
        var out = """
            <g class="edge" data-transition="\(xml(edge.transition))" data-kind="\(edge.kind.rawValue)" \
            data-from="\(xml(edge.from))" data-to="\(xml(edge.to))">

            """
        out += "<title>\(xml("\(edge.label)\(separator)\(from) → \(to)"))</title>\n"
        let dash =
            switch edge.kind {
            case .transition: ""
            case .route: " stroke-dasharray=\"6 4\""
            case .timer: " stroke-dasharray=\"2 3\""
            }
        out += """
            <path d="\(pathData(arrow))" fill="none" stroke="\(isNext ? P.currentFill : P.line)" \
            stroke-width="\(isNext ? "2" : "1.3")"\(dash) \
            marker-end="url(#\(prefix)-arrow\(isNext ? "-current" : ""))"/>

            """
        out += text(
            arrow.caption, anchor: "start", size: M.edgeFont, fill: isNext ? P.currentFill : P.ink,
            weight: isNext ? "bold" : nil, halo: true)
        out += "</g>\n"
        return out
    }

    /// Layered arrows leave and enter every point vertically; loops are one Bézier.
    func pathData(_ arrow: WorkflowLayout.Arrow) -> String {
        let points = arrow.points
        guard let first = points.first else { return "" }
        var data = "M\(n(first.x)),\(n(first.y))"
        switch arrow.shape {
        case .loop where points.count == 4:
            data +=
                " C\(n(points[1].x)),\(n(points[1].y)) \(n(points[2].x)),\(n(points[2].y)) \(n(points[3].x)),\(n(points[3].y))"
        case .loop, .layered:
            for (a, b) in zip(points, points.dropFirst()) where a != b {
                if abs(a.x - b.x) < 0.05 {
                    data += " L\(n(b.x)),\(n(b.y))"
                } else {
                    let middle = (a.y + b.y) / 2
                    data += " C\(n(a.x)),\(n(middle)) \(n(b.x)),\(n(middle)) \(n(b.x)),\(n(b.y))"
                }
            }
        }
        return data
    }

    // MARK: Legend

    struct LegendItem {
        enum Sample { case line(dash: String?), terminal, current }
        var sample: Sample
        var label: String
        var width: Double { 34 + TextMetrics.width(label, fontSize: M.edgeFont) + 18 }
    }

    func legendItems() -> [LegendItem] {
        let zh = language == .zh
        var items: [LegendItem] = [
            .init(sample: .line(dash: nil), label: zh ? "操作" : "action"),
            .init(sample: .line(dash: "6 4"), label: zh ? "条件去向" : "conditional route"),
            .init(sample: .line(dash: "2 3"), label: zh ? "定时触发" : "timer"),
            .init(sample: .terminal, label: zh ? "结束状态" : "final state"),
        ]
        if let highlight, definition.state(highlight) != nil {
            items.append(.init(sample: .current, label: zh ? "当前状态" : "current state"))
        }
        return items
    }

    func drawLegend(_ items: [LegendItem], top: Double) -> String {
        var out = "<g class=\"legend\">\n"
        var cursor = M.margin
        let y = top + 10
        for item in items {
            switch item.sample {
            case .line(let dash):
                out += """
                    <path d="M\(n(cursor)),\(n(y)) L\(n(cursor + 28)),\(n(y))" fill="none" stroke="\(P.line)" \
                    stroke-width="1.3"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") marker-end="url(#\(prefix)-arrow)"/>

                    """
            case .terminal:
                out += """
                    <rect x="\(n(cursor))" y="\(n(y - 7))" width="28" height="14" rx="4" fill="\(P.terminalFill)" \
                    stroke="\(P.line)" stroke-width="1.2"/><rect x="\(n(cursor + 2.5))" y="\(n(y - 4.5))" width="23" \
                    height="9" rx="3" fill="none" stroke="\(P.line)" stroke-width="0.8"/>

                    """
            case .current:
                out += """
                    <rect x="\(n(cursor))" y="\(n(y - 7))" width="28" height="14" rx="4" fill="\(P.currentFill)" \
                    stroke="\(P.currentStroke)" stroke-width="1.5"/>

                    """
            }
            out += """
                <text x="\(n(cursor + 34))" y="\(n(y + 4))" font-size="\(n(M.edgeFont))" fill="\(P.ink)">\(xml(item.label))</text>

                """
            cursor += item.width
        }
        return out + "</g>\n"
    }

    // MARK: Text

    func text(
        _ caption: WorkflowLayout.Caption, anchor: String, size: Double, fill: String, weight: String?, halo: Bool
    )
        -> String
    {
        var out = ""
        let extra =
            (weight.map { " font-weight=\"\($0)\"" } ?? "")
            + (halo
                ? " stroke=\"\(P.halo)\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" : "")
        for (offset, line) in caption.lines.enumerated() {
            let y = caption.origin.y + Double(offset) * caption.lineHeight
            out += """
                <text x="\(n(caption.origin.x))" y="\(n(y))" text-anchor="\(anchor)" font-size="\(n(size))" \
                fill="\(fill)"\(extra)>\(xml(line))</text>

                """
        }
        return out
    }

    func xml(_ text: String) -> String { Markup.escape(text) }

    /// A coordinate with at most one decimal, the same on every platform.
    func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
