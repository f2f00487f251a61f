import Foundation
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// The provider pool: each digital provider with its categories and its 小快轻准 products
/// (price, business scenarios served); forms to admit a provider and to add a product.
struct ProvidersView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var providers: [(organisation: Organisation, categories: [String])]
        var products: [ProviderProduct]
        /// Providers the viewer may add products for (all for the bureau, its own for a provider).
        var productOwners: [Organisation]
        var canAdmit: Bool
        /// Each provider's record in the pool (policy 002): standing, grades, complaints.
        var members: [String: PoolMember] = [:]
        /// The bureau: grades, complaint findings and removals.
        var canGovern: Bool = false
        /// The programme's annual evaluation criteria, if its file has them (the grade form asks
        /// one score per criterion).
        var criteria: [ProgrammeDefinition.EvaluationCriterion]? = nil
        /// The bureau's view: each removed provider's projects still open.
        var openProjects: [String: [InstanceSnapshot]] = [:]
        /// Enterprises and providers: the complaint form.
        var canComplain: Bool = false
        /// The bureau's view: complaints waiting for its finding.
        var openComplaints: [(complaintId: String, event: PoolEvent)] = []
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let edition = LevelIndexEdition.edition2024
        let rows = model.providers.map { provider -> HTML in
            let products = model.products.filter { $0.organisationId == provider.organisation.id }.map { product -> HTML in
                let scenarios = product.scenarios.compactMap { edition.scenario($0) }.map { t($0.label) }.joined(separator: "、")
                return
                    "<li><strong>\(product.name)</strong> · ¥\(product.price.yuanText) · \(scenarios)<br><span class=\"muted\">\(product.description)</span></li>"
            }.joined()
            return """
                <tr><td>\(provider.organisation.name)</td><td>\(provider.organisation.uscc ?? "")</td>
                <td>\(provider.categories.map { t(ProviderCategories.label($0)) }.joined(separator: "、"))</td>
                <td>\(products.text.isEmpty ? "—" as HTML : "<ul>\(products)</ul>")</td>
                <td>\(standing(model.members[provider.organisation.id]))\(openWork(model.openProjects[provider.organisation.id]))</td></tr>
                """
        }.joined()
        let body: HTML = """
            <h1>\(t(ProviderText.title))</h1>
            <table id="providers"><thead><tr><th>\(t(ProviderText.name))</th><th>\(t(ProviderText.uscc))</th><th>\(t(ProviderText.categories))</th><th>\(t(ProviderText.products))</th><th>\(t(PoolText.standing))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(model.canGovern ? openComplaintList(model) : .empty)\(model.canGovern ? governForms(model) : .empty)\
            \(model.canComplain ? complaintForm(model) : .empty)
            <div class="grid"><div>\(model.canAdmit ? admitForm(model) : .empty)</div><div>\(model.productOwners.isEmpty ? .empty : productForm(model, edition))</div></div>
            """
        return layout.page(title: t(ProviderText.title), flash: flash, body)
    }

    func error(_ model: Model, _ key: String) -> HTML {
        model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
    }

    func admitForm(_ model: Model) -> HTML {
        let boxes = ProviderCategories.all.enumerated().map { index, category -> HTML in
            let checked = (model.typed["categories"] ?? "").split(separator: ",").contains(Substring(category.key))
            return
                "<div class=\"checkbox\"><input type=\"checkbox\" id=\"f-cat-\(index)\" name=\"categories[]\" value=\"\(category.key)\"\(HTML.attribute(" checked", if: checked))><label for=\"f-cat-\(index)\">\(t(category.label))</label></div>"
        }.joined()
        return """
            <form method="post" action="/providers" class="card" id="admit-provider"><h2>\(t(ProviderText.admit))</h2>\(layout.csrfField)
            <div class="field"><label for="f-name">\(t(ProviderText.name))</label><input type="text" id="f-name" name="name" maxlength="100" value="\(model.typed["name"] ?? "")">\(error(model, "name"))</div>
            <div class="field"><label for="f-uscc">\(t(ProviderText.uscc))</label><input type="text" id="f-uscc" name="uscc" maxlength="18" value="\(model.typed["uscc"] ?? "")">\(error(model, "uscc"))</div>
            <fieldset class="field"><legend>\(t(ProviderText.categories))</legend>\(boxes)\(error(model, "categories"))</fieldset>
            <button type="submit">\(t(ProviderText.admit))</button></form>
            """
    }

    func productForm(_ model: Model, _ edition: LevelIndexEdition) -> HTML {
        let owners = model.productOwners.map {
            "<option value=\"\($0.id)\"\(HTML.attribute(" selected", if: model.typed["provider"] == $0.id))>\($0.name)</option>"
                as HTML
        }.joined()
        let scenarios = edition.scenarios.enumerated().map { index, scenario -> HTML in
            "<div class=\"checkbox\"><input type=\"checkbox\" id=\"f-sc-\(index)\" name=\"scenarios[]\" value=\"\(scenario.key)\"><label for=\"f-sc-\(index)\">\(t(scenario.label))</label></div>"
        }.joined()
        return """
            <form method="post" action="/providers/products" class="card" id="add-product"><h2>\(t(ProviderText.addProduct))</h2>\(layout.csrfField)
            <div class="field"><label for="f-provider">\(t(ProviderText.provider))</label><select id="f-provider" name="provider">\(owners)</select>\(error(model, "provider"))</div>
            <div class="field"><label for="f-product">\(t(ProviderText.productName))</label><input type="text" id="f-product" name="product" maxlength="100" value="\(model.typed["product"] ?? "")">\(error(model, "product"))</div>
            <div class="field"><label for="f-price">\(t(ProviderText.price))</label><input type="text" inputmode="decimal" id="f-price" name="price" value="\(model.typed["price"] ?? "")">\(error(model, "price"))</div>
            <fieldset class="field"><legend>\(t(ProviderText.scenarios))</legend>\(scenarios)\(error(model, "scenarios"))</fieldset>
            <div class="field"><label for="f-description">\(t(ProviderText.description))</label><textarea id="f-description" name="description" maxlength="2000">\(model.typed["description"] ?? "")</textarea></div>
            <button type="submit">\(t(ProviderText.addProduct))</button></form>
            """
    }
}

enum ProviderText {
    static let title = LocalizedText(zh: "数字化服务商资源池", en: "Digital provider pool")
    static let name = LocalizedText(zh: "服务商名称", en: "Provider")
    static let uscc = LocalizedText(zh: "统一社会信用代码", en: "Credit code")
    static let categories = LocalizedText(zh: "服务类别", en: "Categories")
    static let products = LocalizedText(zh: "“小快轻准”产品及服务", en: "“Small, fast, light, precise” products")
    static let admit = LocalizedText(zh: "纳入资源池", en: "Admit to the pool")
    static let addProduct = LocalizedText(zh: "发布产品", en: "Publish a product")
    static let provider = LocalizedText(zh: "服务商", en: "Provider")
    static let productName = LocalizedText(zh: "产品名称", en: "Product")
    static let price = LocalizedText(zh: "价格（元）", en: "Price (yuan)")
    static let scenarios = LocalizedText(zh: "适用业务场景", en: "Business scenarios served")
    static let description = LocalizedText(zh: "产品说明", en: "Description")
    static let admitted = LocalizedText(zh: "已纳入资源池", en: "Admitted to the pool")
    static let published = LocalizedText(zh: "产品已发布", en: "The product is published")
}
