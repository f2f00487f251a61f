import Foundation
import PilotDomain

/// The national roll-up page: one table, a row per programme and the total, each programme's
/// code linking nowhere (its dashboard is read by switching to it in the header).
struct NationalRollupView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ rollup: NationalRollup) -> HTML {
        let rows = rollup.programmes.map { row($0) }.joined()
        let table: HTML =
            rollup.programmes.isEmpty
            ? "<p class=\"muted\">\(t(NationalRollupText.none))</p>"
            : """
            <table class="dash" id="national"><thead><tr><th>\(t(NationalRollupText.programme))</th>\
            <th class="num">\(t(NationalRollupText.projects))</th><th class="num">\(t(NationalRollupText.underWay))</th>\
            <th class="num">\(t(NationalRollupText.completed))</th><th class="num">\(t(NationalRollupText.ended))</th>\
            <th class="num">\(t(NationalRollupText.participants))</th><th class="num">\(t(NationalRollupText.level3))</th>\
            <th class="num">\(t(NationalRollupText.level4))</th><th class="num">\(t(NationalRollupText.overdue))</th>\
            <th class="num">\(t(NationalRollupText.approvedWan))</th><th class="num">\(t(NationalRollupText.centralWan))</th>\
            <th class="num">\(t(NationalRollupText.localWan))</th><th class="num">\(t(NationalRollupText.recoveryWan))</th>\
            </tr></thead><tbody>\(rows)</tbody><tfoot>\(row(rollup.total))</tfoot></table>
            """
        let body: HTML = """
            <h1>\(t(NationalRollupText.title))</h1>
            <p class="muted">\(t(DashboardText.asOf)) \(Shanghai.dateTimeText(rollup.asOf)) · \(t(NationalRollupText.programmes(rollup.programmes.count)))</p>
            <p class="muted">\(t(NationalRollupText.definitions))</p>
            <section class="card">\(table)</section>
            """
        return layout.page(title: t(NationalRollupText.title), body)
    }

    func row(_ row: NationalRollup.Row) -> HTML {
        func wan(_ amount: Fen) -> HTML { "<td class=\"num\" title=\"\(amount.yuanText) 元\">\(amount.wanYuanText)</td>" }
        let name: HTML =
            if let programme = row.programme {
                "<td>\(programme.code) · \(t(programme.name))</td>"
            } else {
                "<th>\(t(NationalRollupText.total))</th>"
            }
        return """
            <tr>\(name)<td class="num">\(row.projects)</td><td class="num">\(row.underWay)</td>\
            <td class="num">\(row.completed)</td><td class="num">\(row.ended)</td><td class="num">\(row.participants)</td>\
            <td class="num">\(row.level3) (\(row.level3Goal))</td><td class="num">\(row.level4) (\(row.level4Goal))</td>\
            <td class="num">\(row.overdue)</td>\(wan(row.approvedSubsidy))\(wan(row.centralPaid))\(wan(row.localPaid))\
            \(wan(row.recoveryOwed))</tr>
            """
    }
}
