import Foundation
import PilotDomain
import WorkflowEngine

/// Plausible input for any transition, generated from its schema, so the demo follows the
/// workflow file as it changes. Values vary with `seed` so projects differ.
enum DemoInput {
    static func values(for transition: TransitionDefinition, seed: Int, overrides: [String: JSONValue]) -> [String: JSONValue] {
        var input: [String: JSONValue] = [:]
        for field in transition.input {
            if let value = overrides[field.name] {
                input[field.name] = value
            } else if let value = sample(field, seed: seed) {
                input[field.name] = value
            }
        }
        return input
    }

    static func sample(_ field: InputField, seed: Int) -> JSONValue? {
        let name = field.name
        switch field.kind {
        case .boolean:
            return .bool(field.required || (name.contains("cloud") && seed % 3 != 0))
        case .choice:
            let preferred = field.options.first { ["pass", "approve", "recommend", "2024"].contains($0.value) }
            return (preferred ?? field.options.first).map { .string($0.value) }
        case .level:
            let (low, high) = InputValidation.bounds(field)
            // Targets and assessments spread over levels 2–4, as a pilot's results would.
            let wanted: Int64 =
                name.contains("target") || name.contains("assessed")
                ? 2 + Int64(seed % 3 == 0 ? 1 : 0) + Int64(seed % 5 == 0 ? 1 : 0) : 2
            return .int(min(high ?? 4, max(low ?? 1, wanted)))
        case .score:
            let (low, high) = InputValidation.bounds(field)
            let top = high ?? 100
            return .int(max(low ?? 0, min(top, top * 8 / 10 + Int64(seed % 3))))
        case .integer:
            let (low, high) = InputValidation.bounds(field)
            if name.contains("percent") { return .int(40 + Int64(seed % 5) * 10) }
            if name.contains("scenarios") { return .int(min(high ?? 16, 10)) }
            return .int(max(low ?? 1, min(high ?? 10, 2)))
        case .money:
            let cost = 400_000 + (seed % 7) * 150_000
            // 30% of cost, within the smallest cap per level (¥300k for level 2, binhai-2024.yaml).
            if name.contains("subsidy") || name.contains("tranche") { return .string(String(min(cost * 3 / 10, 300_000))) }
            return .string(String(cost))
        case .date:
            let day = 1 + seed % 27
            if name.contains("end") || name.contains("deadline") || name.contains("completed") {
                return .string(String(format: "2025-06-%02d", day))
            }
            return .string(String(format: "2024-07-%02d", day))
        case .text:
            if name.contains("uscc") { return .string(DemoData.providerUSCC) }
            if name.contains("provider") { return .string(DemoData.providerName) }
            if name.contains("contact") { return .string("138\(String(format: "%08d", 10_000_000 + seed))") }
            if name.contains("no") { return .string("BH-2024-\(String(format: "%03d", seed + 1))") }
            return field.required ? .string(field.label.zh + "（示例）") : nil
        case .longtext:
            if name == "budget_lines" {
                // Adds up to the sampled total cost exactly.
                let cost = 400_000 + (seed % 7) * 150_000
                return .string("工业软件及许可 | \(cost * 6 / 10)\n实施与集成服务 | \(cost - cost * 6 / 10)")
            }
            if name == "milestones" { return .string("2024-10-31 | 系统上线\n2025-03-31 | 试运行完成") }
            return field.required ? .string(longText(name)) : nil
        }
    }

    static func longText(_ name: String) -> String {
        if name.contains("scenario") { return "设备联网与数据采集；生产计划排程；质量追溯" }
        if name.contains("objection") { return "该企业申报材料中的上云情况与实际不符，请核实。" }
        if name.contains("comment") || name.contains("opinion") { return "方案目标明确，场景选择合理，预算基本可行，同意。" }
        if name.contains("reason") { return "企业经营调整，暂不参加本期试点。" }
        return "按计划推进，详见附件。"
    }
}
