import PilotDomain

/// Builds assessments with a given total and given scenario ratings, so tests state only the numbers.
enum LevelFixture {
    static let edition = LevelIndexEdition.edition2024
    static let constrainedKeys = edition.scenarios.filter(\.isConstrained).map(\.key)
    static let otherKeys = edition.scenarios.filter { !$0.isConstrained }.map(\.key)

    /// `total` points spread over the items in questionnaire order, each filled up to its maximum.
    static func points(_ total: Int) -> [String: Int] {
        var left = total
        var points: [String: Int] = [:]
        for item in edition.items where left > 0 {
            points[item.key] = min(left, item.maximumPoints)
            left -= points[item.key]!
        }
        precondition(left == 0, "more than 100 points")
        return points
    }

    /// A group of scenarios (constrained ones first in questionnaire order, then the others) rated alike.
    struct Rated {
        var constrained: Int
        var other: Int
        var rating: Int
    }

    /// Every scenario used is applicable; groups take scenarios not used by earlier groups.
    static func assessment(points total: Int, _ groups: [Rated]) -> LevelAssessment {
        var constrained = constrainedKeys[...]
        var others = otherKeys[...]
        var assessment = LevelAssessment(points: points(total))
        for group in groups {
            for key in constrained.prefix(group.constrained) + others.prefix(group.other) {
                assessment.applicableScenarios.insert(key)
                if group.rating > 0 { assessment.ratings[key] = group.rating }
            }
            constrained = constrained.dropFirst(group.constrained)
            others = others.dropFirst(group.other)
        }
        return assessment
    }
}
