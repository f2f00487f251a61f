import PilotDomain

/// Where everything in `WorkflowGraph.svg` goes: a layered (Sugiyama-style) layout, top to bottom.
///
/// 1. Ranks: a depth-first search from the initial state, following transitions in file order,
///    marks back edges (returns for revision, objections); a state's rank is its longest path
///    from the top over the remaining forward edges. Each rank is a row.
/// 2. Between two rows sits a row of edge labels. An edge spanning rows gets a placeholder in
///    every row it crosses, and its label is one of them, so labels take real space and never
///    overlap a state or each other. Back edges are laid out reversed and drawn upwards.
/// 3. Order within a row: barycenter sweeps down and up plus adjacent swaps; the order with the
///    fewest crossings wins.
/// 4. Positions: each row is pulled towards the mean of its neighbours and then spread apart
///    (weighted isotonic regression), a few rounds; placeholders pull harder so long edges run
///    straight.
struct WorkflowLayout: Sendable {
    struct Point: Hashable, Sendable {
        var x: Double
        var y: Double
    }

    struct Box: Hashable, Sendable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        var maxX: Double { x + width }
        var maxY: Double { y + height }
        var midX: Double { x + width / 2 }
        var midY: Double { y + height / 2 }

        func overlaps(_ other: Box) -> Bool {
            x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
        }
    }

    /// Lines of text; `origin` is the baseline of the first line.
    struct Caption: Hashable, Sendable {
        var lines: [String]
        var origin: Point
        var lineHeight: Double
    }

    /// Transitions from many states (`WorkflowGraph.bundleThreshold`), written inside their target.
    struct Note: Hashable, Sendable {
        var transition: String
        var sources: [String]
        var caption: Caption
    }

    struct Node: Hashable, Sendable {
        var state: StateDefinition
        var box: Box
        var caption: Caption
        var notes: [Note]
    }

    struct Arrow: Hashable, Sendable {
        enum Shape: Hashable, Sendable {
            /// Through `points`, leaving and entering each point vertically.
            case layered
            /// One cubic Bézier: start, two control points, end.
            case loop
        }

        var edge: GraphEdge
        var shape: Shape
        var points: [Point]
        /// Drawn upwards, against the flow.
        var isBack: Bool
        /// Left-aligned at its origin.
        var caption: Caption
    }

    var nodes: [Node]
    var arrows: [Arrow]
    /// The dot that points at the initial state.
    var start: Point
    var width: Double
    var height: Double

    init(_ definition: WorkflowDefinition, language: UILanguage) {
        var builder = LayoutBuilder(definition: definition, language: language)
        self = builder.build()
    }

    fileprivate init(nodes: [Node], arrows: [Arrow], start: Point, width: Double, height: Double) {
        self.nodes = nodes
        self.arrows = arrows
        self.start = start
        self.width = width
        self.height = height
    }
}

/// Sizes in px. Text widths are estimates (`TextMetrics`); the boxes leave room for error.
enum LayoutMetrics {
    static let stateFont = 13.0
    static let stateLine = 17.0
    static let noteFont = 11.0
    static let noteLine = 14.0
    static let edgeFont = 11.0
    static let edgeLine = 13.0
    static let statePadding = (x: 12.0, y: 9.0)
    static let stateTextWidth = 180.0
    static let edgeTextWidth = 130.0
    static let minStateWidth = 76.0
    static let margin = 20.0
    /// Above the first row, for the initial dot.
    static let startSpace = 34.0
    static let rowGap = 12.0
    static let stateGap = 32.0
    static let laneGap = 10.0
    static let loopReach = 24.0
    static let portSpacing = 12.0
    static let labelOffset = 5.0
}

/// Rough text widths for laying out boxes: CJK and full-width characters are 1em, Latin ~0.6em.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ems($1) } * fontSize
    }

    static func ems(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x20: 0.3
        case 0x21...0x7E:
            if "il.,:;'|!`[]()".unicodeScalars.contains(scalar) {
                0.3
            } else if "mwMW@%".unicodeScalars.contains(scalar) {
                0.85
            } else if scalar.properties.isUppercase {
                0.68
            } else {
                0.56
            }
        case 0x1100...0x115F, 0x2190...0x21FF, 0x2300...0x23FF, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F000...0x1FAFF:
            1.0
        default: 0.6
        }
    }

    static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { ems($0) >= 1.0 } ?? false
    }

    /// Greedy line breaking: between words, anywhere between CJK characters, and preferably
    /// before a full-width parenthesis ("已批准" / "（待公示）").
    static func wrap(_ text: String, fontSize: Double, maxWidth: Double) -> [String] {
        guard width(text, fontSize: fontSize) > maxWidth else { return [text] }
        if let open = text.firstIndex(of: "（"), open != text.startIndex {
            let head = String(text[..<open])
            let tail = String(text[open...])
            if width(head, fontSize: fontSize) <= maxWidth && width(tail, fontSize: fontSize) <= maxWidth {
                return [head, tail]
            }
        }
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character == " " {
                word.append(character)
                tokens.append(word)
                word = ""
            } else if isWide(character) {
                if !word.isEmpty { tokens.append(word) }
                word = ""
                tokens.append(String(character))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }

        let noLineStart: Set<String> = ["）", "，", "。", "、", "：", "；", "」", ")", ",", ".", ":", ";"]
        var lines: [String] = []
        var line = ""
        for token in tokens {
            if line.isEmpty || noLineStart.contains(token)
                || width(line + token.trimmingTrailingSpaces, fontSize: fontSize) <= maxWidth
            {
                line += token
            } else {
                lines.append(line.trimmingTrailingSpaces)
                line = token
            }
        }
        if !line.isEmpty { lines.append(line.trimmingTrailingSpaces) }
        return lines
    }

    static func widest(_ lines: [String], fontSize: Double) -> Double {
        lines.map { width($0, fontSize: fontSize) }.max() ?? 0
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Builds a `WorkflowLayout`; the steps are the numbered ones in its documentation.
private struct LayoutBuilder {
    typealias M = LayoutMetrics

    enum VertexKind {
        case state(Int)
        /// A placeholder of link `n` in a row it crosses.
        case bend(Int)
        /// The placeholder of link `n` that carries its label.
        case label(Int)
    }

    struct Vertex {
        var kind: VertexKind
        var layer: Int
        /// Extents from the vertex's x: a state's box, plus its self-loops on the right.
        var left: Double
        var right: Double
        var height: Double
        var up: [Int] = []
        var down: [Int] = []

        var isState: Bool {
            if case .state = kind { true } else { false }
        }
    }

    /// A state's contents, sized before it is placed.
    struct StateContent {
        var lines: [String]
        var notes: [(transition: String, sources: [String], lines: [String])] = []
        var loops: [(edge: GraphEdge, lines: [String])] = []
        var width: Double = 0
        var height: Double = 0
        var loopExtent: Double = 0
    }

    let definition: WorkflowDefinition
    let language: UILanguage
    var index: [String: Int] = [:]
    var contents: [StateContent] = []
    var links: [GraphEdge] = []
    var linkLabels: [[String]] = []
    /// Per link, its vertices from the top row to the bottom row.
    var chains: [[Int]] = []
    var rank: [Int] = []
    var vertices: [Vertex] = []
    var layers: [[Int]] = []
    var position: [Int] = []
    var x: [Double] = []

    init(definition: WorkflowDefinition, language: UILanguage) {
        self.definition = definition
        self.language = language
        for (offset, state) in definition.states.enumerated() where index[state.id] == nil {
            index[state.id] = offset
        }
    }

    mutating func build() -> WorkflowLayout {
        let edges = WorkflowGraph.edges(of: definition, language: language).filter {
            index[$0.from] != nil && index[$0.to] != nil
        }
        measureStates(edges)
        rankStates(edges)
        makeVertices()
        orderRows()
        placeHorizontally()
        return finish()
    }

    // MARK: Sizes

    mutating func measureStates(_ edges: [GraphEdge]) {
        contents = definition.states.map {
            StateContent(lines: TextMetrics.wrap($0.label.text(language), fontSize: M.stateFont, maxWidth: M.stateTextWidth))
        }
        for edge in edges {
            let target = index[edge.to]!
            if edge.isBundled && edge.kind != .timer {
                if let at = contents[target].notes.firstIndex(where: { $0.transition == edge.transition }) {
                    contents[target].notes[at].sources.append(edge.from)
                } else {
                    contents[target].notes.append((edge.transition, [edge.from], []))
                }
            } else if edge.from == edge.to {
                contents[target].loops.append(
                    (edge, TextMetrics.wrap(edge.label, fontSize: M.edgeFont, maxWidth: M.edgeTextWidth)))
            } else {
                links.append(edge)
                linkLabels.append(TextMetrics.wrap(edge.label, fontSize: M.edgeFont, maxWidth: M.edgeTextWidth))
            }
        }
        let active = definition.states.filter { !$0.terminal }.map(\.id)
        for state in contents.indices {
            for note in contents[state].notes.indices {
                let item = contents[state].notes[note]
                let label = definition.transition(item.transition)?.label.text(language) ?? item.transition
                let fromAll = Set(item.sources) == Set(active)
                let text =
                    switch (language, fromAll) {
                    case (.zh, true): "← 任一进行中状态：\(label)"
                    case (.zh, false): "← \(item.sources.count) 个状态：\(label)"
                    case (.en, true): "← from any active state: \(label)"
                    case (.en, false): "← from \(item.sources.count) states: \(label)"
                    }
                contents[state].notes[note].lines = TextMetrics.wrap(
                    text, fontSize: M.noteFont, maxWidth: M.stateTextWidth)
            }
            let content = contents[state]
            let noteLines = content.notes.flatMap(\.lines)
            let textWidth = max(
                TextMetrics.widest(content.lines, fontSize: M.stateFont),
                TextMetrics.widest(noteLines, fontSize: M.noteFont))
            contents[state].width = max(M.minStateWidth, textWidth + 2 * M.statePadding.x)
            let textHeight =
                Double(content.lines.count) * M.stateLine
                + (noteLines.isEmpty ? 0 : 4 + Double(noteLines.count) * M.noteLine)
            let loopsHeight = content.loops.reduce(0) { $0 + loopSlot($1.lines) }
            contents[state].height = max(textHeight + 2 * M.statePadding.y, loopsHeight + 8)
            if !content.loops.isEmpty {
                let labelWidth = TextMetrics.widest(content.loops.flatMap(\.lines), fontSize: M.edgeFont)
                contents[state].loopExtent = M.loopReach + labelWidth + 8
            }
        }
    }

    func loopSlot(_ lines: [String]) -> Double {
        max(18, Double(lines.count) * M.edgeLine + 5)
    }

    // MARK: 1. Ranks

    mutating func rankStates(_ edges: [GraphEdge]) {
        let count = definition.states.count
        var successors = Array(repeating: [Int](), count: count)
        for edge in edges where edge.from != edge.to {
            let (source, target) = (index[edge.from]!, index[edge.to]!)
            if !successors[source].contains(target) { successors[source].append(target) }
        }
        // Depth-first from the initial state, then from whatever it does not reach, in file order.
        var visit = Array(repeating: 0, count: count)  // 0 new, 1 on the stack, 2 done
        var isBack = Array(repeating: Array(repeating: false, count: count), count: count)
        let roots = (index[definition.initialState].map { [$0] } ?? []) + Array(0..<count)
        for root in roots where visit[root] == 0 {
            var stack: [(state: Int, next: Int)] = [(root, 0)]
            visit[root] = 1
            while let top = stack.last {
                if top.next < successors[top.state].count {
                    stack[stack.count - 1].next += 1
                    let target = successors[top.state][top.next]
                    if visit[target] == 1 {
                        isBack[top.state][target] = true
                    } else if visit[target] == 0 {
                        visit[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    visit[top.state] = 2
                    stack.removeLast()
                }
            }
        }
        // Longest path over forward edges, back edges reversed, in topological order.
        var forward = Array(repeating: [Int](), count: count)
        var incoming = Array(repeating: 0, count: count)
        for source in 0..<count {
            for target in successors[source] {
                let (from, to) = isBack[source][target] ? (target, source) : (source, target)
                if !forward[from].contains(to) {
                    forward[from].append(to)
                    incoming[to] += 1
                }
            }
        }
        rank = Array(repeating: 0, count: count)
        var done = Array(repeating: false, count: count)
        for _ in 0..<count {
            guard let next = (0..<count).first(where: { !done[$0] && incoming[$0] == 0 }) else { break }
            done[next] = true
            for target in forward[next] {
                rank[target] = max(rank[target], rank[next] + 1)
                incoming[target] -= 1
            }
        }
    }

    // MARK: 2. Rows and placeholders

    mutating func makeVertices() {
        for (state, content) in contents.enumerated() {
            vertices.append(
                Vertex(
                    kind: .state(state), layer: 2 * rank[state], left: content.width / 2,
                    right: content.width / 2 + content.loopExtent, height: content.height))
        }
        for (link, edge) in links.enumerated() {
            let (source, target) = (index[edge.from]!, index[edge.to]!)
            let isBack = rank[source] > rank[target]
            let (top, bottom) = isBack ? (target, source) : (source, target)
            let (topLayer, bottomLayer) = (2 * rank[top], 2 * rank[bottom])
            // The label sits in the label row nearest the middle, on the source's side.
            let half = (bottomLayer - topLayer) / 2
            let labelLayer = topLayer + (half % 2 == 1 ? half : (isBack ? half + 1 : half - 1))
            let labelWidth = TextMetrics.widest(linkLabels[link], fontSize: M.edgeFont)
            var chain = [top]
            for layer in (topLayer + 1)..<bottomLayer {
                let isLabel = layer == labelLayer
                vertices.append(
                    Vertex(
                        kind: isLabel ? .label(link) : .bend(link), layer: layer, left: 3,
                        right: isLabel ? labelWidth + M.labelOffset + 4 : 3,
                        height: isLabel ? Double(linkLabels[link].count) * M.edgeLine : 0))
                chain.append(vertices.count - 1)
            }
            chain.append(bottom)
            for (upper, lower) in zip(chain, chain.dropFirst()) {
                vertices[upper].down.append(lower)
                vertices[lower].up.append(upper)
            }
            chains.append(chain)
        }
        let layerCount = (rank.max() ?? 0) * 2 + 1
        layers = Array(repeating: [], count: layerCount)
        for vertex in vertices.indices { layers[vertices[vertex].layer].append(vertex) }
        position = Array(repeating: 0, count: vertices.count)
        for layer in layers {
            for (offset, vertex) in layer.enumerated() { position[vertex] = offset }
        }
    }

    // MARK: 3. Order within rows

    mutating func orderRows() {
        var best = layers
        var fewest = crossings()
        for round in 0..<8 {
            if round % 2 == 0 {
                for layer in layers.indices.dropFirst() { sortByBarycenter(layer, upwards: true) }
            } else {
                for layer in layers.indices.dropLast().reversed() { sortByBarycenter(layer, upwards: false) }
            }
            transpose()
            let count = crossings()
            if count < fewest {
                fewest = count
                best = layers
            }
        }
        layers = best
        for layer in layers {
            for (offset, vertex) in layer.enumerated() { position[vertex] = offset }
        }
    }

    mutating func sortByBarycenter(_ layer: Int, upwards: Bool) {
        let keyed = layers[layer].map { vertex -> (key: Double, position: Int, vertex: Int) in
            let neighbours = upwards ? vertices[vertex].up : vertices[vertex].down
            let key =
                neighbours.isEmpty
                ? Double(position[vertex])
                : neighbours.reduce(0) { $0 + Double(position[$1]) } / Double(neighbours.count)
            return (key, position[vertex], vertex)
        }
        layers[layer] = keyed.sorted { ($0.key, $0.position) < ($1.key, $1.position) }.map(\.vertex)
        for (offset, vertex) in layers[layer].enumerated() { position[vertex] = offset }
    }

    /// Swaps neighbours in a row while that removes crossings.
    mutating func transpose() {
        for _ in 0..<6 {
            var improved = false
            for layer in layers.indices where layers[layer].count > 1 {
                for offset in 0..<(layers[layer].count - 1) {
                    let (left, right) = (layers[layer][offset], layers[layer][offset + 1])
                    if pairCrossings(left, right) > pairCrossings(right, left) {
                        layers[layer].swapAt(offset, offset + 1)
                        position[left] = offset + 1
                        position[right] = offset
                        improved = true
                    }
                }
            }
            if !improved { return }
        }
    }

    /// Crossings between the edges of `left` and of `right` when `left` is to the left.
    func pairCrossings(_ left: Int, _ right: Int) -> Int {
        var count = 0
        for (a, b) in [(vertices[left].up, vertices[right].up), (vertices[left].down, vertices[right].down)] {
            for u in a {
                for v in b where position[u] > position[v] { count += 1 }
            }
        }
        return count
    }

    func crossings() -> Int {
        var count = 0
        for layer in layers.indices.dropLast() {
            var segments: [(Int, Int)] = []
            for vertex in layers[layer] {
                for lower in vertices[vertex].down { segments.append((position[vertex], position[lower])) }
            }
            for i in segments.indices {
                for j in segments.indices where j > i {
                    if (segments[i].0 - segments[j].0) * (segments[i].1 - segments[j].1) < 0 { count += 1 }
                }
            }
        }
        return count
    }

    // MARK: 4. Horizontal positions

    func separation(_ left: Int, _ right: Int) -> Double {
        let gap: Double =
            switch (vertices[left].isState, vertices[right].isState) {
            case (true, true): M.stateGap
            case (false, false): M.laneGap
            default: 16
            }
        return vertices[left].right + gap + vertices[right].left
    }

    /// How hard an edge pulls its ends into line: placeholder chains most, so long edges are straight.
    func pull(_ a: Int, _ b: Int) -> Double {
        switch (vertices[a].isState, vertices[b].isState) {
        case (true, true): 1
        case (false, false): 8
        default: 2
        }
    }

    mutating func placeHorizontally() {
        x = Array(repeating: 0, count: vertices.count)
        for layer in layers {
            for (offset, vertex) in layer.enumerated() {
                x[vertex] = offset == 0 ? vertices[vertex].left : x[layer[offset - 1]] + separation(layer[offset - 1], vertex)
            }
        }
        for round in 0..<30 {
            // Down, up, then both ways; the last round is "both".
            let direction = round % 3
            let order = direction == 1 ? Array(layers.indices.reversed()) : Array(layers.indices)
            for layer in order where !layers[layer].isEmpty {
                let row = layers[layer]
                var desired: [Double] = []
                var weights: [Double] = []
                for vertex in row {
                    var neighbours =
                        direction == 0 ? vertices[vertex].up : direction == 1 ? vertices[vertex].down : []
                    if neighbours.isEmpty { neighbours = vertices[vertex].up + vertices[vertex].down }
                    let weight = neighbours.reduce(0) { $0 + pull(vertex, $1) }
                    if weight == 0 {
                        desired.append(x[vertex])
                        weights.append(0.1)
                    } else {
                        desired.append(neighbours.reduce(0) { $0 + pull(vertex, $1) * x[$1] } / weight)
                        weights.append(weight)
                    }
                }
                let separations = zip(row, row.dropFirst()).map { separation($0, $1) }
                let placed = Self.isotonic(desired: desired, weights: weights, separations: separations)
                for (vertex, value) in zip(row, placed) { x[vertex] = value }
            }
        }
        let shift = M.margin - (vertices.indices.map { x[$0] - vertices[$0].left }.min() ?? 0)
        for vertex in x.indices { x[vertex] += shift }
    }

    /// Positions as close as possible (weighted least squares) to `desired` that keep item i+1 at
    /// least `separations[i]` right of item i: pool-adjacent-violators on targets shifted by the
    /// cumulative separations.
    static func isotonic(desired: [Double], weights: [Double], separations: [Double]) -> [Double] {
        var offsets = [0.0]
        for separation in separations { offsets.append(offsets[offsets.count - 1] + separation) }
        var blocks: [(sum: Double, weight: Double, count: Int)] = []
        for item in desired.indices {
            blocks.append(((desired[item] - offsets[item]) * weights[item], weights[item], 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1]
                let previous = blocks[blocks.count - 2]
                guard previous.sum / previous.weight > last.sum / last.weight else { break }
                blocks.removeLast(2)
                blocks.append((previous.sum + last.sum, previous.weight + last.weight, previous.count + last.count))
            }
        }
        var result: [Double] = []
        for block in blocks {
            for _ in 0..<block.count { result.append(block.sum / block.weight + offsets[result.count]) }
        }
        return result
    }

    // MARK: Geometry

    mutating func finish() -> WorkflowLayout {
        var layerTop: [Double] = []
        var layerHeight: [Double] = []
        var cursor = M.margin + M.startSpace
        for (offset, layer) in layers.enumerated() {
            let height = layer.map { vertices[$0].height }.max() ?? 0
            layerTop.append(cursor)
            layerHeight.append(max(height, offset % 2 == 1 ? 4 : 0))
            cursor += layerHeight[offset] + M.rowGap
        }
        let bottom = cursor - M.rowGap
        func middle(_ layer: Int) -> Double { layerTop[layer] + layerHeight[layer] / 2 }

        var nodes: [WorkflowLayout.Node] = []
        for (state, content) in contents.enumerated() {
            let box = WorkflowLayout.Box(
                x: x[state] - content.width / 2, y: middle(vertices[state].layer) - content.height / 2,
                width: content.width, height: content.height)
            let noteLines = content.notes.flatMap(\.lines)
            let textHeight =
                Double(content.lines.count) * M.stateLine
                + (noteLines.isEmpty ? 0 : 4 + Double(noteLines.count) * M.noteLine)
            let textTop = box.midY - textHeight / 2
            let caption = WorkflowLayout.Caption(
                lines: content.lines, origin: .init(x: box.midX, y: textTop + M.stateLine * 0.78), lineHeight: M.stateLine)
            var noteTop = textTop + Double(content.lines.count) * M.stateLine + 4
            var notes: [WorkflowLayout.Note] = []
            for note in content.notes {
                notes.append(
                    .init(
                        transition: note.transition, sources: note.sources,
                        caption: .init(
                            lines: note.lines, origin: .init(x: box.midX, y: noteTop + M.noteLine * 0.78),
                            lineHeight: M.noteLine)))
                noteTop += Double(note.lines.count) * M.noteLine
            }
            nodes.append(.init(state: definition.states[state], box: box, caption: caption, notes: notes))
        }

        var arrows: [WorkflowLayout.Arrow] = []
        let ports = portPositions(nodes)
        for (link, chain) in chains.enumerated() {
            let (top, bottomState) = (chain[0], chain[chain.count - 1])
            var points = [WorkflowLayout.Point(x: ports.bottom[link], y: nodes[top].box.maxY)]
            var labelOrigin = WorkflowLayout.Point(x: 0, y: 0)
            for vertex in chain.dropFirst().dropLast() {
                let layer = vertices[vertex].layer
                points.append(.init(x: x[vertex], y: layerTop[layer]))
                points.append(.init(x: x[vertex], y: layerTop[layer] + layerHeight[layer]))
                if case .label = vertices[vertex].kind {
                    let height = vertices[vertex].height
                    labelOrigin = .init(
                        x: x[vertex] + M.labelOffset, y: middle(layer) - height / 2 + M.edgeLine * 0.78)
                }
            }
            points.append(.init(x: ports.top[link], y: nodes[bottomState].box.y))
            let isBack = index[links[link].from]! != top
            arrows.append(
                .init(
                    edge: links[link], shape: .layered, points: isBack ? points.reversed() : points, isBack: isBack,
                    caption: .init(lines: linkLabels[link], origin: labelOrigin, lineHeight: M.edgeLine)))
        }
        for (state, content) in contents.enumerated() where !content.loops.isEmpty {
            let box = nodes[state].box
            let total = content.loops.reduce(0) { $0 + loopSlot($1.lines) }
            var slotTop = box.midY - total / 2
            for loop in content.loops {
                let slot = loopSlot(loop.lines)
                let y = slotTop + slot / 2
                slotTop += slot
                let right = box.maxX
                arrows.append(
                    .init(
                        edge: loop.edge, shape: .loop,
                        points: [
                            .init(x: right, y: y - 4), .init(x: right + M.loopReach, y: y - 14),
                            .init(x: right + M.loopReach, y: y + 14), .init(x: right, y: y + 4),
                        ],
                        isBack: false,
                        caption: .init(
                            lines: loop.lines,
                            origin: .init(
                                x: right + M.loopReach * 0.8 + 4,
                                y: y - Double(loop.lines.count) * M.edgeLine / 2 + M.edgeLine * 0.78),
                            lineHeight: M.edgeLine)))
            }
        }

        let initial = index[definition.initialState].map { nodes[$0].box } ?? nodes.first?.box
        let start = WorkflowLayout.Point(
            x: initial?.midX ?? M.margin, y: (initial?.y ?? M.margin + M.startSpace) - M.startSpace + 8)
        let width = (vertices.indices.map { x[$0] + vertices[$0].right }.max() ?? 0) + M.margin
        return WorkflowLayout(nodes: nodes, arrows: arrows, start: start, width: width, height: bottom + M.margin)
    }

    /// Where each link leaves its upper state (bottom side) and enters its lower one (top side):
    /// spread along the side, ordered by where the link goes, so they do not cross at the box.
    func portPositions(_ nodes: [WorkflowLayout.Node]) -> (bottom: [Double], top: [Double]) {
        var bottom = Array(repeating: 0.0, count: chains.count)
        var top = Array(repeating: 0.0, count: chains.count)
        for state in nodes.indices {
            let box = nodes[state].box
            let leaving = chains.indices.filter { chains[$0][0] == state }
                .sorted { (x[chains[$0][1]], $0) < (x[chains[$1][1]], $1) }
            let entering = chains.indices.filter { chains[$0][chains[$0].count - 1] == state }
                .sorted { (x[chains[$0][chains[$0].count - 2]], $0) < (x[chains[$1][chains[$1].count - 2]], $1) }
            for (links, isBottom) in [(leaving, true), (entering, false)] {
                let spacing =
                    links.count > 1 ? min(M.portSpacing, (box.width - 20) / Double(links.count - 1)) : 0
                for (offset, link) in links.enumerated() {
                    let port = box.midX + (Double(offset) - Double(links.count - 1) / 2) * spacing
                    if isBottom { bottom[link] = port } else { top[link] = port }
                }
            }
        }
        return (bottom, top)
    }
}
