import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// A product as a provider types it (the catalogue form or the API), checked once for both:
/// a name, a price in yuan, scenarios of the level index, and a publisher still in the pool.
struct ProductInput: Sendable {
    var name: String
    var price: Fen
    var scenarios: [String]
    var description: String

    /// The typed fields, or nil and every problem with them (by field name).
    static func validate(
        name: String, price: String, scenarios: [String], description: String
    ) -> (product: ProductInput?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            errors.append(FieldError(field: "product", message: LocalizedText(zh: "请填写产品名称", en: "Enter the product name")))
        }
        var fen = Fen.zero
        do { fen = try Fen.parseYuan(price) } catch {
            errors.append(FieldError(field: "price", message: error.message))
        }
        let edition = LevelIndexEdition.edition2024
        if scenarios.isEmpty || scenarios.contains(where: { edition.scenario($0) == nil }) {
            errors.append(
                FieldError(field: "scenarios", message: LocalizedText(zh: "请选择适用的业务场景", en: "Choose the scenarios it serves")))
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (ProductInput(name: name, price: fen, scenarios: scenarios, description: String(description.prefix(2000))), [])
    }

    /// A provider removed from the pool (policy 002 第八条) publishes no new products.
    static func removalProblem(_ owner: Organisation, _ member: PoolMember?) -> FieldError? {
        guard case .removed(let reason) = member?.standing else { return nil }
        return FieldError(
            field: "provider",
            message: LocalizedText(
                zh: "\(owner.name) 已被移出资源池（\(reason.label.zh)），不能发布新产品",
                en: "\(owner.name) was removed from the pool (\(reason.label.en)) and cannot publish products"))
    }
}
