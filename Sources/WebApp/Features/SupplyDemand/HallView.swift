import Foundation
import PilotDomain
import PilotStore
import Programmes
import ProviderPool

/// Labels the hall's pages share: scenarios, categories, sub-industries, areas, money.
struct HallLabels {
    var language: UILanguage
    var subIndustryNames: [String: LocalizedText]
    var divisions: DivisionTree

    func t(_ text: LocalizedText) -> String { text.text(language) }
    static let scenarioNames = Dictionary(
        uniqueKeysWithValues: LevelIndexEdition.edition2024.scenarios.map { ($0.key, $0.label) })

    func scenario(_ key: String) -> String { Self.scenarioNames[key].map(t) ?? key }
    func scenarios(_ keys: [String]) -> String { keys.map(scenario).joined(separator: language == .zh ? "、" : ", ") }
    func category(_ raw: String?) -> String {
        raw.flatMap(ProviderCategory.init(rawValue:)).map { t($0.label) } ?? t(HallText.any)
    }
    func subIndustry(_ id: String?) -> String { id.flatMap { subIndustryNames[$0] }.map(t) ?? "—" }
    func area(_ code: String?) -> String { code.flatMap(DivisionCode.init).map { divisions.label($0, language) } ?? "—" }
    func budget(_ content: NeedContent) -> String { "\(Fen(content.budgetMin).yuanText) – \(Fen(content.budgetMax).yuanText)" }
    /// The enterprise's name only when it chose to show it.
    func publicName(_ need: NeedRecord) -> String { need.content.showName ? need.organisationName : t(HallText.anonymous) }
}

/// `/supply-demand`: open needs (no contacts, no name unless shown by choice) and the products of
/// providers in good standing; an enterprise's own needs and the link to post one.
struct HallView {
    var layout: Layout
    var labels: HallLabels
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        open: [NeedRecord], products: [CatalogueEntry], mine: [NeedRecord]?, canPost: Bool, typed: [String: String]
    ) -> HTML {
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let scenarioOptions = LevelIndexEdition.edition2024.scenarios.map { option($0.key, t($0.label), typed["scenario"]) }
            .joined()
        let categoryOptions = ProviderCategory.allCases.map { option($0.rawValue, t($0.label), typed["category"]) }.joined()
        let needRows = open.map { need -> HTML in
            """
            <tr data-need="\(need.id)"><td><a href="/supply-demand/needs/\(need.id)">\(need.content.title)</a></td>\
            <td>\(labels.scenarios(need.content.scenarios))</td><td>\(labels.category(need.content.category))</td>\
            <td>\(labels.budget(need.content))</td><td>\(labels.subIndustry(need.subIndustryId))</td>\
            <td>\(labels.area(need.divisionCode))</td><td>\(labels.publicName(need))</td><td>\(need.content.deadline)</td></tr>
            """
        }.joined()
        let productRows = products.map { entry -> HTML in
            """
            <tr data-product="\(entry.product.id)"><td>\(entry.product.name)</td><td>\(entry.providerName)</td>\
            <td>\(labels.scenarios(entry.product.scenarios))</td><td>\(entry.product.price.yuanText)</td></tr>
            """
        }.joined()
        var own: HTML = .empty
        if let mine {
            let rows = mine.map { need -> HTML in
                """
                <tr data-my-need="\(need.id)"><td><a href="/supply-demand/needs/\(need.id)">\(need.content.title)</a></td>\
                <td>\(t(HallText.status(need.status)))</td><td>\(need.content.deadline)</td></tr>
                """
            }.joined()
            let post: HTML =
                canPost ? "<p><a class=\"button\" href=\"/supply-demand/needs/new\">\(t(HallText.newNeed))</a></p>" : .empty
            own = """
                <section id="my-needs"><h2>\(t(HallText.myNeeds))</h2>\(post)<table><thead><tr><th>\(t(HallText.needTitle))</th>\
                <th>\(t(HallText.status))</th><th>\(t(HallText.deadline))</th></tr></thead><tbody>\(rows)</tbody></table></section>
                """
        }
        return layout.page(
            title: t(HallText.title),
            """
            <h1>\(t(HallText.title))</h1><p class="muted">\(t(HallText.intro))</p>\(own)
            <form method="get" action="/supply-demand" class="card filters" id="hall-filters">
            <div class="field"><label for="h-scenario">\(t(HallText.scenarios))</label><select id="h-scenario" name="scenario">\
            <option value="">\(t(HallText.any))</option>\(scenarioOptions)</select></div>
            <div class="field"><label for="h-category">\(t(HallText.category))</label><select id="h-category" name="category">\
            <option value="">\(t(HallText.any))</option>\(categoryOptions)</select></div>
            <button type="submit">\(t(PolicyText.filter))</button></form>
            <section><h2>\(t(HallText.openNeeds)) <span class="muted">(\(open.count))</span></h2>
            <table id="open-needs"><thead><tr><th>\(t(HallText.needTitle))</th><th>\(t(HallText.scenarios))</th>\
            <th>\(t(HallText.category))</th><th>\(t(HallText.budget))</th><th>\(t(HallText.subIndustry))</th>\
            <th>\(t(HallText.area))</th><th>\(t(HallText.enterprise))</th><th>\(t(HallText.deadline))</th></tr></thead>\
            <tbody>\(needRows)</tbody></table></section>
            <section><h2>\(t(HallText.products)) <span class="muted">(\(products.count))</span></h2>
            <table id="hall-products"><thead><tr><th>\(t(HallText.product))</th><th>\(t(HallText.provider))</th>\
            <th>\(t(HallText.scenarios))</th><th>\(t(HallText.price))</th></tr></thead><tbody>\(productRows)</tbody></table>
            </section>
            """)
    }
}
