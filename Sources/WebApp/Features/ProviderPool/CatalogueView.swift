import Foundation
import PilotDomain
import PilotStore
import ProviderPool

/// The public product catalogue: filters, then each product with its price, scenarios and provider
/// (categories, latest grade).
struct CatalogueView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ entries: [CatalogueEntry], query: CatalogueQuery, programmes: [Programme], typed: [String: String]
    ) -> HTML {
        let edition = LevelIndexEdition.edition2024
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: value == selected))>\(label)</option>"
        }
        let programmeOptions = programmes.map { option($0.code, t($0.name), typed["programme"]) }.joined()
        let categoryOptions = ProviderCategory.allCases.map { option($0.rawValue, t($0.label), typed["category"]) }.joined()
        let scenarioOptions = edition.scenarios.map { option($0.key, t($0.label), typed["scenario"]) }.joined()
        let names = Dictionary(uniqueKeysWithValues: programmes.map { ($0.id, $0.name) })
        let rows = entries.map { entry -> HTML in
            let scenarios = entry.product.scenarios.compactMap { edition.scenario($0) }.map { t($0.label) }.joined(separator: "、")
            let categories = entry.categories.compactMap(ProviderCategory.init).map { t($0.label) }.joined(separator: "、")
            return """
                <tr><td><strong>\(entry.product.name)</strong><br><span class="muted">\(entry.product.description)</span></td>\
                <td class="num">¥\(entry.product.price.yuanText)</td><td>\(scenarios)</td>\
                <td>\(entry.providerName)<br><span class="muted">\(categories)</span></td>\
                <td>\(entry.grade.map { t($0.label) } ?? "—")</td><td>\(names[entry.programmeId].map(t) ?? "")</td></tr>
                """
        }.joined()
        return layout.page(
            title: t(CatalogueText.title),
            """
            <h1>\(t(CatalogueText.title))</h1><p class="muted">\(t(CatalogueText.intro))</p>
            <form method="get" action="/catalogue" class="card filters" id="catalogue-filters">
            <div class="field"><label for="c-programme">\(t(PoolText.programme))</label><select id="c-programme" name="programme"><option value="">\(t(CatalogueText.all))</option>\(programmeOptions)</select></div>
            <div class="field"><label for="c-category">\(t(ProviderText.categories))</label><select id="c-category" name="category"><option value="">\(t(CatalogueText.all))</option>\(categoryOptions)</select></div>
            <div class="field"><label for="c-scenario">\(t(CatalogueText.scenario))</label><select id="c-scenario" name="scenario"><option value="">\(t(CatalogueText.all))</option>\(scenarioOptions)</select></div>
            <div class="field"><label for="c-max">\(t(CatalogueText.maxPrice))</label><input type="text" id="c-max" name="max_price" inputmode="decimal" maxlength="14" value="\(typed["max_price"] ?? "")"></div>
            <div class="field"><label for="c-q">\(t(CatalogueText.words))</label><input type="text" id="c-q" name="q" maxlength="100" value="\(typed["q"] ?? "")"></div>
            <button type="submit">\(t(CatalogueText.search))</button></form>
            <p>\(t(CatalogueText.count(entries.count)))</p>
            <table id="catalogue"><thead><tr><th>\(t(CatalogueText.product))</th><th>\(t(CatalogueText.price))</th>\
            <th>\(t(CatalogueText.scenario))</th><th>\(t(PoolText.provider))</th><th>\(t(PoolText.latestGrade))</th>\
            <th>\(t(PoolText.programme))</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }
}

enum CatalogueText {
    static let title = LocalizedText(zh: "“小快轻准”产品目录", en: "Small, fast, light, precise product catalogue")
    static let intro = LocalizedText(
        zh: "仅列出资源池中在库服务商的产品；被移出资源池的服务商产品不再展示。",
        en: "Only products of providers in good standing in the pool; a removed provider's products are not shown.")
    static let all = LocalizedText(zh: "全部", en: "All")
    static let scenario = LocalizedText(zh: "业务场景", en: "Business scenario")
    static let maxPrice = LocalizedText(zh: "最高价格（元）", en: "Highest price (yuan)")
    static let words = LocalizedText(zh: "关键词", en: "Words")
    static let search = LocalizedText(zh: "查询", en: "Search")
    static let product = LocalizedText(zh: "产品", en: "Product")
    static let price = LocalizedText(zh: "价格", en: "Price")

    static func count(_ n: Int) -> LocalizedText { LocalizedText(zh: "共 \(n) 个产品", en: "\(n) products") }
}
