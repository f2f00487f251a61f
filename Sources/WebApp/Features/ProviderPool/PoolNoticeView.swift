import Foundation
import PilotDomain
import PilotStore
import ProviderPool

/// The public notice of removals (第八条: 不再列入资源池，并向社会公示): provider, reason with its
/// item of article 8, date and the evidence the bureau recorded.
struct PoolNoticeView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(_ removals: [PoolEvent], programmeNames: [String: LocalizedText]) -> HTML {
        let rows = removals.map { event -> HTML in
            let reason = RemovalReason(rawValue: event.detail).map { t(PoolText.reason($0)) } ?? event.detail
            return """
                <tr><td>\(programmeNames[event.programmeId].map(t) ?? "")</td><td>\(event.organisationName)</td>\
                <td>\(reason)</td><td>\(Shanghai.dateText(event.at))</td><td>\(event.evidence)</td></tr>
                """
        }.joined()
        let table: HTML =
            removals.isEmpty
            ? "<p class=\"muted\">\(t(PoolText.none))</p>"
            : """
            <table id="removals"><thead><tr><th>\(t(PoolText.programme))</th><th>\(t(PoolText.provider))</th>\
            <th>\(t(PoolText.reason))</th><th>\(t(PoolText.date))</th><th>\(t(PoolText.evidence))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return layout.page(
            title: t(PoolText.noticeTitle),
            """
            <h1>\(t(PoolText.noticeTitle))</h1><p>\(t(PoolText.noticeIntro))</p>\(table)
            <p><a href="/providers/complaints/public" id="complain-link">\(t(PoolText.publicComplaintTitle))</a> · \
            <a href="/providers/grades">\(t(PoolText.resultsTitle))</a></p>
            """)
    }
}
