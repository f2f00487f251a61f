import Foundation
import PilotDomain
import PilotStore

/// Whether a target's figure is a count of things or a percentage.
public enum TargetUnit: String, Sendable {
    case count
    case percent
}

/// Red/amber/green: green when the goal is met, amber from 60% of it, red below.
public enum TargetStatus: String, Sendable {
    case red, amber, green

    public init(current: Int, goal: Int) {
        if current >= goal {
            self = .green
        } else if current * 100 >= goal * 60 {
            self = .amber
        } else {
            self = .red
        }
    }
}

/// One of the programme's end-of-2025 targets (domain.md §2 "Binhai targets") and how it is
/// measured from live data. `measure` returns nil when there is no data source, so the page shows
/// "—" rather than a number nobody recorded.
public struct Target: Sendable {
    public var key: String
    public var label: LocalizedText
    /// The policy's figure; a programme's `TargetSettings` may set another.
    public var defaultGoal: Int
    public var unit: TargetUnit
    /// Shown beside the figure: where it comes from, when that is not obvious.
    public var note: LocalizedText?
    public var measure: @Sendable (DashboardData) -> Int?
    /// What the figure is made of, when the page shows it (the benchmarks' three kinds).
    public var detail: (@Sendable (DashboardData) -> LocalizedText?)? = nil
}

/// A target with its current figure and the goal in force.
public struct TargetResult: Sendable {
    public var target: Target
    public var goal: Int
    public var current: Int?
    /// The figure's parts (`Target.detail`), when the target has them.
    public var detail: LocalizedText? = nil

    /// Progress towards the goal, in percent (may exceed 100).
    public var percentOfGoal: Int? { current.map { $0 * 100 / max(1, goal) } }
    public var status: TargetStatus? { current.map { TargetStatus(current: $0, goal: goal) } }
}

/// The twelve targets, in the order of domain.md §2.
public enum Targets {
    public static let all: [Target] = [
        // Above-scale participants ÷ above-scale enterprises. Only above-scale participants are
        // counted above the line, else the share could pass 100% (small enterprises take part too).
        Target(
            key: "participation", label: LocalizedText(zh: "规上中小企业参与改造比例", en: "Above-scale SMEs taking part"),
            defaultGoal: 90, unit: .percent, note: nil
        ) { data in
            let (profiles, others) = (data.aboveScaleProfiles, data.aboveScaleOnProjectsOnly)
            let above = profiles.count + others.count
            guard above > 0 else { return nil }
            let taking = data.participants.countInPlace { project in
                let id = project.enterpriseId ?? project.instanceId
                return profiles.contains(id) || (!others.isEmpty && others.contains(id))
            }
            return taking * 100 / above
        },
        // Participants whose latest on-site assessment is level 2 or higher ÷ participants (a
        // participant not yet assessed does not count above the line).
        Target(
            key: "level2_share", label: LocalizedText(zh: "参与企业达到二级及以上比例", en: "Participants at level 2 or higher"),
            defaultGoal: 100, unit: .percent, note: nil
        ) { data in
            let participants = data.participants
            guard !participants.isEmpty else { return nil }
            return participants.countInPlace { (DashboardData.level($0) ?? 0) >= 2 } * 100 / participants.count
        },
        // Participants whose latest on-site assessment (`assessed_level`) is level 3 or higher.
        Target(
            key: "level3", label: LocalizedText(zh: "达到三级的企业", en: "Participants at level 3"), defaultGoal: 50, unit: .count,
            note: nil
        ) { data in data.participants.countInPlace { (DashboardData.level($0) ?? 0) >= 3 } },
        // Participants whose latest assessed level is 4.
        Target(
            key: "level4", label: LocalizedText(zh: "达到四级的企业", en: "Participants at level 4"), defaultGoal: 20, unit: .count,
            note: nil
        ) { data in data.participants.countInPlace { (DashboardData.level($0) ?? 0) >= 4 } },
        // Participants whose plan includes moving to the cloud, or already on it at registration.
        Target(
            key: "cloud", label: LocalizedText(zh: "上云用云企业", en: "Enterprises on the cloud"), defaultGoal: 320, unit: .count,
            note: nil
        ) { data in
            data.participants.countInPlace { data.onCloud($0) }
        },
        // Participants whose transformation is complete (accepted), not every participant (004 §三:
        // 完成数字化改造).
        Target(
            key: "transformations", label: LocalizedText(zh: "完成数字化改造企业", en: "Transformations completed"),
            defaultGoal: 500, unit: .count, note: nil
        ) { data in data.completedTransformations },
        // Selected typical cases of any subject (a region, an enterprise, a provider) and any stage of
        // their projects (the case register).
        Target(
            key: "typical_cases", label: LocalizedText(zh: "可复制推广的典型案例", en: "Replicable typical cases"), defaultGoal: 10,
            unit: .count, note: nil
        ) { data in data.selectedCases(.typical) },
        // Selected digital workshops, smart factories and benchmark enterprises, each kind shown.
        Target(
            key: "benchmarks",
            label: LocalizedText(zh: "数字化车间、智能工厂、标杆企业", en: "Digital workshops, smart factories, benchmarks"),
            defaultGoal: 20, unit: .count, note: nil,
            measure: { data in CaseKind.benchmarkKinds.reduce(0) { $0 + data.selectedCases($1) } },
            detail: { data in
                let (workshops, factories, benchmarks) = (
                    data.selectedCases(.workshop), data.selectedCases(.factory), data.selectedCases(.benchmark)
                )
                return LocalizedText(
                    zh: "数字化车间 \(workshops) · 智能工厂 \(factories) · 标杆企业 \(benchmarks)",
                    en: "workshops \(workshops) · factories \(factories) · benchmarks \(benchmarks)")
            }),
        // Provider organisations admitted to the pool.
        Target(
            key: "providers", label: LocalizedText(zh: "遴选数字化服务商", en: "Digital service providers selected"), defaultGoal: 30,
            unit: .count, note: nil
        ) { data in data.providers },
        // Products the pool's providers list.
        Target(
            key: "solutions", label: LocalizedText(zh: "“小快轻准”解决方案", en: "Small, fast, light, precise solutions"),
            defaultGoal: 50, unit: .count, note: nil
        ) { data in data.products },
        // Selected chain cases: one per chain, however many SMEs the leader drives (004 §三 "6+").
        Target(
            key: "chain_led", label: LocalizedText(zh: "链式转型案例", en: "Chain-led transformation cases"), defaultGoal: 6,
            unit: .count, note: nil
        ) { data in data.selectedCases(.chain) },
        // Selected practice records of the register. While the register holds no practice record
        // (withdrawn ones aside), the figure the leadership office records with the targets stands
        // (`TargetSettings.recorded`); from the first record on, the register's count does.
        Target(
            key: "distinctive_practices", label: LocalizedText(zh: "特色做法和模式", en: "Distinctive practices and models"),
            defaultGoal: 5, unit: .count,
            note: LocalizedText(
                zh: "案例库中入选的特色做法；库中尚无记录时由领导小组办公室记录",
                en: "Practices selected in the case register; the leadership office's figure while it has none")
        ) { data in data.recordedCases(.practice) > 0 ? data.selectedCases(.practice) : nil },
    ]

    public static func evaluate(_ data: DashboardData, settings: TargetSettings = TargetSettings()) -> [TargetResult] {
        all.map {
            TargetResult(
                target: $0, goal: settings.goal($0), current: $0.measure(data) ?? settings.recorded[$0.key],
                detail: $0.detail?(data))
        }
    }

    public static func target(_ key: String) -> Target? { all.first { $0.key == key } }
}
