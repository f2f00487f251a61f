import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The need form and the answer form checked: texts bounded, scenarios of the level index only,
/// the category one of GB/T 47018's, money in yuan within 0 < amount ≤ ¥10 billion (10^12 fen)
/// with the range in order, the deadline a real day from today to three years ahead. On any
/// problem the field errors, and nothing is written.
enum NeedForm {
    /// The largest amount accepted anywhere in the hall: 10^12 fen (¥10 billion).
    static let maximumFen: Int64 = 1_000_000_000_000
    static var scenarioKeys: [String] { LevelIndexEdition.edition2024.scenarios.map(\.key) }

    static func fail(_ errors: inout [FieldError], _ key: String, _ zh: String, _ en: String) {
        errors.append(FieldError(field: key, message: LocalizedText(zh: zh, en: en)))
    }

    static func text(
        _ values: [String: String], _ key: String, _ label: LocalizedText, max: Int, required: Bool = true,
        _ errors: inout [FieldError]
    ) -> String {
        let text = (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { fail(&errors, key, "请填写\(label.zh)", "\(label.en) is required") }
        if text.count > max { fail(&errors, key, "\(label.zh)不超过 \(max) 字", "\(label.en): at most \(max) characters") }
        return text
    }

    /// An amount in yuan (nil after adding its error).
    static func money(_ values: [String: String], _ key: String, _ label: LocalizedText, _ errors: inout [FieldError]) -> Int64? {
        let text = (values[key] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            fail(&errors, key, "请填写\(label.zh)", "\(label.en) is required")
            return nil
        }
        guard let fen = try? Fen.parseYuan(text), fen.value > 0, fen.value <= maximumFen else {
            fail(
                &errors, key, "\(label.zh)“\(text.prefix(20))”无效（大于 0、不超过 100 亿元，最多两位小数）",
                "\(label.en): “\(text.prefix(20))” is not an amount above 0 and up to ¥10 billion with at most two decimals")
            return nil
        }
        return fen.value
    }

    static func check(_ values: [String: String], today: String) -> Result<NeedContent, FieldErrors> {
        var errors: [FieldError] = []
        let title = text(values, "title", HallText.needTitle, max: 200, &errors)
        let description = text(values, "description", HallText.description, max: 4000, &errors)
        let scenarios = PolicyForm.list(values["scenarios"])
        if scenarios.isEmpty {
            fail(&errors, "scenarios", "请至少选择一个应用场景", "Choose at least one scenario")
        } else if let unknown = scenarios.first(where: { !scenarioKeys.contains($0) }) {
            fail(&errors, "scenarios", "未知的应用场景“\(unknown.prefix(40))”", "Unknown scenario “\(unknown.prefix(40))”")
        }
        let categoryText = (values["category"] ?? "").trimmingCharacters(in: .whitespaces)
        if !categoryText.isEmpty && ProviderCategory(rawValue: categoryText) == nil {
            fail(&errors, "category", "未知的服务类别“\(categoryText.prefix(40))”", "Unknown category “\(categoryText.prefix(40))”")
        }
        let low = money(values, "budget_min", HallText.budgetMin, &errors)
        let high = money(values, "budget_max", HallText.budgetMax, &errors)
        if let low, let high, low > high {
            fail(&errors, "budget_max", "预算上限低于下限", "The budget's upper bound is below its lower bound")
        }
        let deadlineText = (values["deadline"] ?? "").trimmingCharacters(in: .whitespaces)
        var deadline: String?
        if let day = PolicyForm.day(deadlineText) {
            let last = Shanghai.parseDate(today).map { Shanghai.dateText($0.addingTimeInterval(3 * 366 * 86_400)) } ?? today
            if day < today || day > last {
                fail(
                    &errors, "deadline", "响应截止日期应在今天（\(today)）至三年内",
                    "The deadline must fall between today (\(today)) and three years ahead")
            } else {
                deadline = day
            }
        } else {
            fail(
                &errors, "deadline", "响应截止日期“\(deadlineText.prefix(20))”不是有效日期（YYYY-MM-DD）",
                "The deadline “\(deadlineText.prefix(20))” is not a date (YYYY-MM-DD)")
        }
        guard errors.isEmpty, let low, let high, let deadline else { return .failure(FieldErrors(errors)) }
        let ordered = scenarioKeys.filter(Set(scenarios).contains)
        return .success(
            NeedContent(
                title: title, description: description, scenarios: ordered, category: categoryText.isEmpty ? nil : categoryText,
                budgetMin: low, budgetMax: high, deadline: deadline, showName: values["show_name"] == "on"))
    }

    /// A provider's answer: proposal, price, timeline and optionally one of its own products.
    struct Answer {
        var proposal: String
        var price: Fen
        var productId: String?
        var timeline: String
    }

    static func checkAnswer(_ values: [String: String], ownProducts: Set<String>) -> Result<Answer, FieldErrors> {
        var errors: [FieldError] = []
        let proposal = text(values, "proposal", HallText.proposal, max: 4000, &errors)
        let timeline = text(values, "timeline", HallText.timeline, max: 500, &errors)
        let price = money(values, "price", HallText.price, &errors)
        let product = (values["product"] ?? "").trimmingCharacters(in: .whitespaces)
        if !product.isEmpty && !ownProducts.contains(product) {
            fail(&errors, "product", "只能关联本单位发布的产品", "Only one of your own products can be named")
        }
        guard errors.isEmpty, let price else { return .failure(FieldErrors(errors)) }
        return .success(
            Answer(proposal: proposal, price: Fen(price), productId: product.isEmpty ? nil : product, timeline: timeline))
    }

    /// The scenarios a need should start from: the project's diagnosis (its `assessment`) — the
    /// applicable scenarios, constrained ones first, then the lowest rated; none without a diagnosis.
    static func suggested(from data: [String: JSONValue]) -> [String] {
        guard let text = data["assessment"]?.stringValue, let assessment = DiagnosisAssessment.decode(text) else { return [] }
        let scenarios = LevelIndexEdition.edition2024.scenarios.filter { assessment.applicableScenarios.contains($0.key) }
        let ranked = scenarios.sorted { left, right in
            let (l, r) = (assessment.ratings[left.key] ?? 0, assessment.ratings[right.key] ?? 0)
            if l != r { return l < r }
            return left.isConstrained && !right.isConstrained
        }
        // The weakest: rated below the best rating the enterprise has, or all when they are even.
        let best = ranked.map { assessment.ratings[$0.key] ?? 0 }.max() ?? 0
        let weak = ranked.filter { (assessment.ratings[$0.key] ?? 0) < best }
        return Array((weak.isEmpty ? ranked : weak).prefix(4)).map(\.key)
    }
}
