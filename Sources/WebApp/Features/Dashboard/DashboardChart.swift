import Foundation

/// Horizontal bar charts drawn on the server as inline SVG: no script and no chart library from a
/// CDN (the intranet has none, and the page must print). Colours are fill attributes, not CSS
/// backgrounds, so they survive printing; every bar also carries its figure as text.
enum DashboardChart {
    struct Bar {
        var label: String
        var value: Int
        /// The figure written after the bar ("85%", "12").
        var caption: String
        var colour: String
    }

    static let green = "#0f7b3f"
    static let amber = "#b7791f"
    static let red = "#b42318"
    static let blue = "#0b5cad"
    static let grey = "#9aa5b1"

    /// The label cut to what fits in `width` points at 12px: CJK characters take a full em, others
    /// about half. The table beside the chart always has the full text.
    static func fit(_ label: String, width: Int) -> String {
        var used = 0
        var result = ""
        for character in label {
            let advance = character.unicodeScalars.first.map { $0.value > 0x2E80 } == true ? 12 : 7
            if used + advance > width - 12 { return result + "…" }
            used += advance
            result.append(character)
        }
        return result
    }

    /// Bars scaled to `scale` (at least the largest value); `reference` draws a dashed line at a
    /// value (100% for the targets).
    static func horizontal(_ bars: [Bar], title: String, scale: Int? = nil, reference: Int? = nil) -> HTML {
        let labelWidth = 230
        let barWidth = 260
        let rowHeight = 22
        let height = max(1, bars.count) * rowHeight + 8
        let top = max(1, scale ?? 0, bars.map(\.value).max() ?? 0)
        func x(_ value: Int) -> Int { labelWidth + min(value, top) * barWidth / top }
        let rows = bars.enumerated().map { index, bar -> HTML in
            let y = 4 + index * rowHeight
            let width = max(0, x(bar.value) - labelWidth)
            return """
                <text x="\(labelWidth - 6)" y="\(y + 15)" text-anchor="end">\(fit(bar.label, width: labelWidth - 10))</text>\
                <rect x="\(labelWidth)" y="\(y + 3)" width="\(width)" height="\(rowHeight - 6)" fill="\(bar.colour)">\
                <title>\(bar.label): \(bar.caption)</title></rect>\
                <text x="\(labelWidth + width + 4)" y="\(y + 15)">\(bar.caption)</text>
                """
        }.joined()
        let line: HTML =
            reference.map {
                "<line x1=\"\(x($0))\" y1=\"0\" x2=\"\(x($0))\" y2=\"\(height)\" stroke=\"#1f2933\" stroke-dasharray=\"4 3\"/>"
            } ?? .empty
        return """
            <svg class="chart" role="img" viewBox="0 0 \(labelWidth + barWidth + 60) \(height)" \
            xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(rows)\(line)</svg>
            """
    }
}
