import Foundation

extension DashboardChart {
    /// Two bars per row (e.g. baseline and latest level; received and disbursed), with a legend.
    /// Bars scale to the largest value of both series.
    static func paired(
        _ rows: [(label: String, first: Int, second: Int, caption: (String, String))], legend: (String, String), title: String
    ) -> HTML {
        let labelWidth = 150
        let barWidth = 330
        let rowHeight = 34
        let top = max(1, rows.map { max($0.first, $0.second) }.max() ?? 0)
        let height = rows.count * rowHeight + 28
        func width(_ value: Int) -> Int { max(0, value) * barWidth / top }
        let body = rows.enumerated().map { index, row -> HTML in
            let y = 26 + index * rowHeight
            return """
                <text x="\(labelWidth - 6)" y="\(y + 18)" text-anchor="end">\(fit(row.label, width: labelWidth - 10))</text>\
                <rect x="\(labelWidth)" y="\(y + 2)" width="\(width(row.first))" height="13" fill="\(grey)">\
                <title>\(row.label) \(legend.0): \(row.caption.0)</title></rect>\
                <text x="\(labelWidth + width(row.first) + 4)" y="\(y + 13)">\(row.caption.0)</text>\
                <rect x="\(labelWidth)" y="\(y + 17)" width="\(width(row.second))" height="13" fill="\(blue)">\
                <title>\(row.label) \(legend.1): \(row.caption.1)</title></rect>\
                <text x="\(labelWidth + width(row.second) + 4)" y="\(y + 28)">\(row.caption.1)</text>
                """
        }.joined()
        return """
            <svg class="chart" role="img" viewBox="0 0 \(labelWidth + barWidth + 90) \(height)" \
            xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\
            <rect x="\(labelWidth)" y="4" width="12" height="12" fill="\(grey)"/>\
            <text x="\(labelWidth + 16)" y="14">\(legend.0)</text>\
            <rect x="\(labelWidth + 150)" y="4" width="12" height="12" fill="\(blue)"/>\
            <text x="\(labelWidth + 166)" y="14">\(legend.1)</text>\(body)</svg>
            """
    }

    /// A small line of weekly values, for a table cell; the last point is marked. Empty with
    /// fewer than two values (one week is not a trend).
    static func sparkline(_ values: [Int], title: String, scale: Int? = nil) -> HTML {
        guard values.count >= 2 else { return .empty }
        let width = 120
        let height = 28
        let top = max(1, scale ?? 0, values.max() ?? 0)
        let step = Double(width - 6) / Double(values.count - 1)
        let points = values.enumerated().map { index, value in
            (x: 3 + Int((Double(index) * step).rounded()), y: height - 3 - max(0, value) * (height - 6) / top)
        }
        let path = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        let last = points[points.count - 1]
        return """
            <svg class="spark" role="img" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" \
            xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\
            <polyline points="\(path)" fill="none" stroke="\(blue)" stroke-width="1.5"/>\
            <circle cx="\(last.x)" cy="\(last.y)" r="2.5" fill="\(blue)"/></svg>
            """
    }
}
