import Foundation
import PilotDomain
import PilotStore

/// `/policies`: the search form, an enterprise's matching policies first with the reasons (new
/// ones marked), then the others. Public: nothing here is private.
struct PolicyListView {
    var layout: Layout
    var describe: PolicyDescriptions
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    struct Match {
        var record: PolicyRecord
        var reasons: [PolicyMatch.Reason]
        var isNew: Bool
    }

    func render(
        relevant: [Match]?, others: [PolicyRecord], subIndustries: [SubIndustry], typed: [String: String], today: String,
        canPublish: Bool
    ) -> HTML {
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let subOptions = subIndustries.map { option($0.id, t($0.name), typed["sub_industry"]) }.joined()
        let publish: HTML =
            canPublish ? "<p><a class=\"button\" href=\"/policies/new\">\(t(PolicyText.newTitle))</a></p>" : .empty
        var sections: [HTML] = []
        if let relevant {
            let items = relevant.map { match -> HTML in
                let badge: HTML = match.isNew ? " <span class=\"badge\">\(t(PolicyText.isNew))</span>" : .empty
                let reasons = match.reasons.map { "<li>\(describe.reason($0))</li>" as HTML }.joined()
                return """
                    <li class="card" data-policy="\(match.record.id)"><a href="/policies/\(match.record.id)"><strong>\
                    \(match.record.content.title)</strong></a>\(badge)<br><span class="muted">\(match.record.content.issuer) \
                    \(match.record.content.documentNumber)</span><div>\(t(PolicyText.why))：<ul class="reasons">\(reasons)</ul></div></li>
                    """
            }.joined()
            let list: HTML =
                relevant.isEmpty ? "<p class=\"muted\">\(t(PolicyText.none))</p>" : "<ul class=\"plain\">\(items)</ul>"
            sections.append(
                """
                <section id="relevant"><h2>\(t(PolicyText.relevant)) <span class="muted">(\(relevant.count))</span></h2>\
                <p class="muted">\(t(PolicyText.relevantIntro))</p>\
                \(list)</section>
                """)
        }
        let rows = others.map { record -> HTML in
            let force = record.content.inForce(on: today) ? PolicyText.inForce : PolicyText.notInForce
            return """
                <tr data-policy="\(record.id)"><td><a href="/policies/\(record.id)">\(record.content.title)</a></td>\
                <td>\(record.content.issuer)</td><td>\(record.content.documentNumber)</td><td>\(record.content.issuedOn)</td>\
                <td>\(t(force))</td><td>\(describe.criteria(record.content.criteria).joined(separator: "；"))</td></tr>
                """
        }.joined()
        sections.append(
            """
            <section id="other-policies"><h2>\(t(relevant == nil ? PolicyText.all : PolicyText.others)) \
            <span class="muted">(\(others.count))</span></h2>\
            <table id="policies"><thead><tr><th>\(t(PolicyText.policyTitle))</th><th>\(t(PolicyText.issuer))</th>\
            <th>\(t(PolicyText.documentNumber))</th><th>\(t(PolicyText.issuedOn))</th><th>\(t(PolicyText.validity))</th>\
            <th>\(t(PolicyText.appliesTo))</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """)
        return layout.page(
            title: t(PolicyText.title),
            """
            <h1>\(t(PolicyText.title))</h1><p class="muted">\(t(PolicyText.intro))</p>\(publish)
            <form method="get" action="/policies" class="card filters" id="policy-filters">
            <div class="field"><label for="p-q">\(t(PolicyText.words))</label><input id="p-q" name="q" maxlength="100" \
            value="\(typed["q"] ?? "")"></div>
            <div class="field"><label for="p-issuer">\(t(PolicyText.issuer))</label><input id="p-issuer" name="issuer" \
            maxlength="100" value="\(typed["issuer"] ?? "")"></div>
            <div class="field"><label for="p-sub">\(t(PolicyText.subIndustries))</label><select id="p-sub" name="sub_industry">\
            <option value="">\(t(PolicyText.any))</option>\(subOptions)</select></div>
            <div class="field"><label><input type="checkbox" name="in_force" value="1"\
            \(HTML.attribute(" checked", if: typed["in_force"] == "1"))> \(t(PolicyText.onlyInForce))</label></div>
            <button type="submit">\(t(PolicyText.filter))</button></form>
            \(sections)
            """)
    }
}
