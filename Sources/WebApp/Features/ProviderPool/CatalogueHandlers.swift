import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool

/// `GET /catalogue`: the 小快轻准 products of providers in good standing (issue #13), searchable
/// by programme, category, business scenario, highest price and words; open to everyone, as
/// enterprises choose providers from it. Every filter is checked: a bad one is a 400 naming it.
struct CatalogueHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters[name[...]].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let programmes = try await services.store.programmes.programmes()
        var query = CatalogueQuery()
        if let code = value("programme") {
            guard let programme = programmes.first(where: { $0.code == code }) else {
                throw Self.bad(LocalizedText(zh: "没有代码为“\(code)”的试点项目", en: "No programme with code '\(code)'"))
            }
            query.programmeId = programme.id
        }
        if let key = value("category") {
            guard let category = ProviderCategory(rawValue: key) else {
                throw Self.bad(LocalizedText(zh: "未知的服务类别“\(key)”", en: "Unknown category '\(key)'"))
            }
            query.category = category
        }
        if let key = value("scenario") {
            guard LevelIndexEdition.edition2024.scenario(key) != nil else {
                throw Self.bad(LocalizedText(zh: "未知的业务场景“\(key)”", en: "Unknown scenario '\(key)'"))
            }
            query.scenario = key
        }
        if let text = value("max_price") {
            // Bounded before any arithmetic: at most the largest central award.
            guard let price = try? Fen.parseYuan(text), price.value >= 0, price <= .yuan(150_000_000) else {
                throw Self.bad(
                    LocalizedText(zh: "最高价格应为 0–150000000 元之间的金额", en: "The highest price must be 0–150,000,000 yuan"))
            }
            query.maxPrice = price
        }
        if let text = value("q") {
            guard text.count <= 100 else { throw Self.bad(LocalizedText(zh: "搜索词不超过 100 字", en: "At most 100 characters")) }
            query.text = text
        }
        let entries = try await services.store.providers.catalogue(query)
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: "/catalogue")
        return .html(
            CatalogueView(layout: layout).render(
                entries, query: query, programmes: programmes,
                typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) }))
    }

    static func bad(_ message: LocalizedText) -> AppError {
        AppError(.badRequest, code: "bad_filter", message: message)
    }
}
