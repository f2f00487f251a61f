import Diagnosis
import PilotDomain
import PilotStore

/// Which 小快轻准 products a report recommends: those of providers in good standing in the
/// campaign's own pool (`store.providers.catalogue`, per programme) serving a business scenario of
/// the level index that works on one of the report's shortfalls. The mapping from the maturity
/// model's dimensions to the catalogue's scenarios is ours, kept small and in one place:
///
/// | dimension                 | scenarios                                                   |
/// |---------------------------|-------------------------------------------------------------|
/// | strategy 发展战略          | decision_support 决策支持, collaboration 协同办公            |
/// | capability 新型能力        | production_control 生产管控, quality_management 质量管理, equipment_management 设备管理 |
/// | solution 系统性解决方案    | planning_scheduling 计划排程, warehousing_logistics 仓储物流, procurement 采购管理 |
/// | governance 治理体系        | finance 财务管理, human_resources 人力资源, safety 安全生产   |
/// | innovation 业务创新转型    | product_design 产品设计, marketing 营销管理, after_sales 售后服务 |
enum CampaignRecommendations {
    static let scenarios: [String: [String]] = [
        "strategy": ["decision_support", "collaboration"],
        "capability": ["production_control", "quality_management", "equipment_management"],
        "solution": ["planning_scheduling", "warehousing_logistics", "procurement"],
        "governance": ["finance", "human_resources", "safety"],
        "innovation": ["product_design", "marketing", "after_sales"],
    ]
    static let limit = 8

    /// The products for `shortfalls` (dimension ids), cheapest first, each once, at most `limit`.
    static func products(_ store: PilotStore, programmeId: String, shortfalls: [String]) async throws -> [CatalogueEntry] {
        // One query per scenario, side by side on the pool's connections: the report waits for
        // the slowest, not for their sum.
        let found = try await withThrowingTaskGroup(of: [CatalogueEntry].self) { group in
            for scenario in shortfalls.flatMap({ scenarios[$0] ?? [] }) {
                var query = CatalogueQuery()
                query.programmeId = programmeId
                query.scenario = scenario
                query.limit = limit
                let asked = query
                group.addTask { try await store.providers.catalogue(asked) }
            }
            return try await group.reduce(into: [CatalogueEntry]()) { $0 += $1 }
        }
        var seen: Set<String> = []
        var entries: [CatalogueEntry] = []
        for entry in found where seen.insert(entry.product.id).inserted { entries.append(entry) }
        return Array(
            entries.sorted { ($0.product.price.value, $0.product.name) < ($1.product.price.value, $1.product.name) }.prefix(limit)
        )
    }

    /// Strengths: the two best scored dimensions. Shortfalls: the dimensions below the cut-off of the
    /// firm's own grade (lagging the rest); when none is, the two weakest.
    static func strengthsAndShortfalls(
        _ result: DiagnosisResult, model: MaturityModel?
    ) -> (strengths: [String], shortfalls: [String]) {
        let scored = result.dimensions.compactMap { score in score.score.map { (score.dimension, $0) } }
        let best = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let strengths = best.prefix(2).map(\.0)
        let cut = model?.grades.first { $0.grade == result.grade }?.from
        var shortfalls = cut.map { cut in scored.filter { $0.1 < cut }.sorted { $0.1 < $1.1 }.map(\.0) } ?? []
        if shortfalls.isEmpty { shortfalls = best.reversed().prefix(2).map(\.0) }
        return (strengths, shortfalls)
    }
}
