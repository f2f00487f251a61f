import PilotDomain

/// The quota page: the unit's own quota per year, the split form, and Shanghai's comparison.
struct QuotaView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ model: QuotaHandlers.Model, flash: Flash?) -> HTML {
        let years = model.years.map { year -> HTML in
            year == model.year
                ? "<strong>\(year)</strong>"
                : "<a href=\"/diagnosis/quotas?unit=\(model.unit.value)&amp;year=\(year)\">\(year)</a>"
        }.joined(separator: " · ")
        let own: HTML =
            model.ownQuota.map { "\($0)" as HTML } ?? "<span class=\"muted\">\(t(SupervisionText.noQuota))</span>"
        let rows = model.subUnits.map { unit -> HTML in
            let value = unit.split.map { String($0) } ?? ""
            let input: HTML =
                model.canSet
                ? "<input type=\"number\" min=\"0\" max=\"\(QuotaHandlers.maxFirms)\" name=\"q_\(unit.code)\" value=\"\(value)\">"
                : "\(value.isEmpty ? "—" : value)"
            return "<tr data-unit=\"\(unit.code)\"><td>\(unit.name)</td><td>\(unit.code)</td><td class=\"num\">\(input)</td></tr>"
        }.joined()
        let sum = model.subUnits.compactMap(\.split).reduce(0, +)
        let form: HTML =
            model.subUnits.isEmpty
            ? "<p class=\"muted\">\(t(SupervisionText.noSubUnits))</p>"
            : """
            <form method="post" action="/diagnosis/quotas">\(layout.csrfField)
            <input type="hidden" name="unit" value="\(model.unit.value)"><input type="hidden" name="year" value="\(model.year)">
            <table><thead><tr><th>\(t(SupervisionText.name))</th><th>\(t(SupervisionText.code))</th>\
            <th class="num">\(t(SupervisionText.quota))</th></tr></thead><tbody>\(rows)</tbody>
            <tfoot><tr><th colspan="2">\(t(SupervisionText.splitSum))</th><th class="num" id="split-sum">\(sum)</th></tr></tfoot></table>
            \(model.canSet ? "<button type=\"submit\">\(t(SupervisionText.save))</button>" as HTML : .empty)</form>
            """
        let body: HTML = """
            <h1>\(t(SupervisionText.quotasTitle)) · \(model.unitName)</h1>
            <p><a href="/diagnosis/coverage?unit=\(model.unit.value)">\(t(SupervisionText.coverageTitle))</a></p>
            <section class="card" id="quota-own"><p>\(t(SupervisionText.year))：\(years)</p>
            <dl class="data"><dt>\(t(SupervisionText.ownQuota))（\(model.year)）</dt><dd id="own-quota">\(own)</dd>
            <dt>\(t(SupervisionText.rosterFirms))</dt><dd>\(model.rosterFirms)</dd></dl></section>
            <section class="card" id="quota-split"><h2>\(t(SupervisionText.splitTitle))（\(model.year)）</h2>\(form)</section>
            \(model.comparison.map(comparisonHTML) ?? .empty)
            """
        return layout.page(title: t(SupervisionText.quotasTitle), flash: flash, body)
    }

    func comparisonHTML(_ comparison: ShanghaiComparison) -> HTML {
        let years = comparison.years
        let head = years.map { year -> HTML in
            "<th class=\"num\">\(year) \(t(SupervisionText.formula))</th><th class=\"num\">\(year) \(t(SupervisionText.official))</th><th class=\"num\">\(t(SupervisionText.difference))</th>"
        }.joined()
        func cell(_ value: Int?) -> HTML { "<td class=\"num\">\(value.map { String($0) } ?? "—")</td>" }
        func difference(_ official: Int?, _ formula: Int?) -> HTML {
            guard let official, let formula else { return "<td class=\"num\">—</td>" }
            let delta = official - formula
            return delta == 0
                ? "<td class=\"num\">0</td>"
                : "<td class=\"num\"><strong class=\"field-error\">\(delta > 0 ? "+" : "")\(delta)</strong></td>"
        }
        let rows = comparison.rows.map { row -> HTML in
            let figures = years.map { year -> HTML in
                let formula = comparison.hasFormula ? row.formula[year] : nil
                return "\(cell(formula))\(cell(row.official[year]))\(difference(row.official[year], formula))"
            }.joined()
            return
                "<tr data-unit=\"\(row.code)\"><td>\(row.name)</td><td>\(row.code)</td><td class=\"num\">\(row.rosterFirms)</td>\(figures)</tr>"
        }.joined()
        func footer(_ label: LocalizedText, _ id: String, _ values: [Int: Int], highlight: Bool) -> HTML {
            let cells = years.map { year -> HTML in
                let value = values[year].map { String($0) } ?? "—"
                let mismatch = highlight && comparison.mismatchedYears.contains(year)
                let shown: HTML = mismatch ? "<strong class=\"field-error\">\(value)</strong>" : "\(value)"
                return "<td class=\"num\" colspan=\"3\" data-year=\"\(year)\">\(shown)</td>"
            }.joined()
            return "<tr id=\"\(id)\"><th colspan=\"3\">\(t(label))</th>\(cells)</tr>"
        }
        let mismatches = comparison.mismatchedYears.map { year -> String in
            "\(year)：\(comparison.officialSums[year] ?? 0) ≠ \(comparison.officialTotals[year] ?? 0)"
        }
        let warning: HTML =
            mismatches.isEmpty
            ? .empty
            : "<div class=\"flash error\" id=\"official-mismatch\" role=\"alert\">\(t(SupervisionText.mismatch))\(mismatches.joined(separator: "；"))</div>"
        return """
            <section class="card" id="shanghai-comparison"><h2>\(t(SupervisionText.formulaTitle))</h2>
            <p class="muted">\(t(SupervisionText.formulaHint))</p>\(warning)
            <table><thead><tr><th>\(t(SupervisionText.name))</th><th>\(t(SupervisionText.code))</th>\
            <th class="num">\(t(SupervisionText.rosterFirms))</th>\(head)</tr></thead><tbody>\(rows)</tbody><tfoot>
            \(comparison.hasFormula ? footer(SupervisionText.formula, "formula-sums", comparison.formulaSums, highlight: false) : .empty)
            \(comparison.hasFormula ? footer(SupervisionText.formulaTotal, "formula-targets", comparison.formulaTargets, highlight: false) : .empty)
            \(footer(SupervisionText.sumOfRows, "official-sums", comparison.officialSums, highlight: true))
            \(footer(SupervisionText.statedTotal, "official-totals", comparison.officialTotals, highlight: true))
            </tfoot></table></section>
            """
    }
}
