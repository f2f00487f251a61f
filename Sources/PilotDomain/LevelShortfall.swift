/// What the next level still needs, in the terms an enterprise acts on: more points, and more
/// applicable scenarios rated at that level or above, some of which must be constrained.
/// `scenarios` already includes the constrained ones: constrained scenarios count towards both.
public struct LevelShortfall: Sendable, Hashable, Codable {
    public var level: Int
    public var points: Int
    public var scenarios: Int
    public var constrainedScenarios: Int

    public init(level: Int, points: Int, scenarios: Int, constrainedScenarios: Int) {
        self.level = level
        self.points = points
        self.scenarios = scenarios
        self.constrainedScenarios = constrainedScenarios
    }

    /// The gap between a standing and its threshold. A constrained scenario counts as a scenario
    /// too, so the scenarios needed are at least the constrained ones needed.
    public init(_ standing: LevelStanding, totalPoints: Int) {
        let threshold = standing.threshold
        let constrained = max(0, threshold.minimumConstrainedScenarios - standing.constrainedScenarios)
        self.init(
            level: threshold.level,
            points: max(0, threshold.minimumPoints - totalPoints),
            scenarios: max(constrained, threshold.minimumScenarios - standing.scenarios),
            constrainedScenarios: constrained)
    }

    /// "距三级还差 5 分、2 个场景（其中约束性 1 个）" / "Level 3 needs 5 more points and 2 more scenarios (1 constrained)".
    public var message: LocalizedText {
        let name = LevelIndexEdition.levelName(level)
        var zh: [String] = []
        var en: [String] = []
        if points > 0 {
            zh.append("\(points) 分")
            en.append("\(points) more \(points == 1 ? "point" : "points")")
        }
        if scenarios > 0 {
            let noun = scenarios == 1 ? "scenario" : "scenarios"
            switch constrainedScenarios {
            case 0:
                zh.append("\(scenarios) 个场景")
                en.append("\(scenarios) more \(noun)")
            case scenarios:
                zh.append("\(scenarios) 个约束性场景")
                en.append("\(scenarios) more constrained \(noun)")
            default:
                zh.append("\(scenarios) 个场景（其中约束性 \(constrainedScenarios) 个）")
                en.append("\(scenarios) more \(noun) (\(constrainedScenarios) constrained)")
            }
        }
        guard !zh.isEmpty else { return LocalizedText(zh: "已达到\(name.zh)条件", en: "\(name.en) is met") }
        return LocalizedText(
            zh: "距\(name.zh)还差 " + zh.joined(separator: "、"),
            en: "\(name.en) needs " + en.joined(separator: " and "))
    }
}
