import Foundation

/// The report's charts, drawn on the server as inline SVG (no script, prints as drawn): the radar
/// of the dimension scores and the ten-bar grade distribution of a peer set. Labels are escaped by
/// the HTML builder; coordinates are numbers we compute.
enum CampaignRadar {
    struct Axis {
        var label: String
        /// Hundredths 0–10,000; nil (not scored) draws at the centre.
        var score: Int?
    }

    static let size = 340
    static let centre = 170
    static let radius = 110

    /// The point of `fraction` (0–1) of the radius on axis `index` of `count`, the first straight up.
    static func point(_ index: Int, of count: Int, _ fraction: Double) -> (x: Int, y: Int) {
        let angle = -Double.pi / 2 + Double(index) * 2 * Double.pi / Double(max(count, 1))
        let length = Double(radius) * min(max(fraction, 0), 1)
        return (centre + Int((cos(angle) * length).rounded()), centre + Int((sin(angle) * length).rounded()))
    }

    static func points(_ fractions: [Double]) -> String {
        fractions.enumerated().map { index, fraction in
            let (x, y) = point(index, of: fractions.count, fraction)
            return "\(x),\(y)"
        }.joined(separator: " ")
    }

    static func radar(_ axes: [Axis], title: String) -> HTML {
        let count = axes.count
        let rings = [0.2, 0.4, 0.6, 0.8, 1.0].map { level -> HTML in
            "<polygon points=\"\(points(Array(repeating: level, count: count)))\" fill=\"none\" stroke=\"#d9e2ec\"/>"
        }.joined()
        let spokes = (0..<count).map { index -> HTML in
            let (x, y) = point(index, of: count, 1)
            return "<line x1=\"\(centre)\" y1=\"\(centre)\" x2=\"\(x)\" y2=\"\(y)\" stroke=\"#d9e2ec\"/>"
        }.joined()
        let fractions = axes.map { Double($0.score ?? 0) / 10_000 }
        let dots = fractions.enumerated().map { index, fraction -> HTML in
            let (x, y) = point(index, of: count, fraction)
            return "<circle class=\"radar-point\" cx=\"\(x)\" cy=\"\(y)\" r=\"3.5\" fill=\"#b42318\"/>"
        }.joined()
        let labels = axes.enumerated().map { index, axis -> HTML in
            let (x, y) = point(index, of: count, 1.22)
            let anchor = x < centre - 5 ? "end" : x > centre + 5 ? "start" : "middle"
            return "<text x=\"\(x)\" y=\"\(y + 4)\" text-anchor=\"\(anchor)\" font-size=\"12\">\(axis.label)</text>"
        }.joined()
        return """
            <svg class="radar" role="img" viewBox="-40 0 \(size + 80) \(size)" width="420" xmlns="http://www.w3.org/2000/svg">\
            <title>\(title)</title>\(rings)\(spokes)\
            <polygon class="radar-score" points="\(points(fractions))" fill="#b42318" fill-opacity="0.25" stroke="#b42318" stroke-width="2"/>\
            \(dots)\(labels)</svg>
            """
    }

    /// Ten bars, grade 1 to 10, the firm's grade marked (filled dark, ▲ beneath).
    static func grades(_ counts: [Int: Int], marked: Int?, title: String) -> HTML {
        let top = max(1, counts.values.max() ?? 0)
        let bars = (1...10).map { grade -> HTML in
            let count = counts[grade] ?? 0
            let height = count * 60 / top
            let x = 4 + (grade - 1) * 22
            let fill = grade == marked ? "#b42318" : "#9aa5b1"
            let mark: HTML =
                grade == marked
                ? "<text class=\"grade-mark\" x=\"\(x + 9)\" y=\"94\" text-anchor=\"middle\" font-size=\"10\">▲</text>" : .empty
            return """
                <rect x="\(x)" y="\(70 - height)" width="18" height="\(height)" fill="\(fill)"><title>\(grade): \(count)</title></rect>\
                <text x="\(x + 9)" y="82" text-anchor="middle" font-size="9">\(grade)</text>\(mark)
                """
        }.joined()
        return """
            <svg class="grades" role="img" viewBox="0 0 226 98" width="226" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(bars)</svg>
            """
    }
}
