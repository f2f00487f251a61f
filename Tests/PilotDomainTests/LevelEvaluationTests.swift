import PilotDomain
import Testing

@Suite("Levels need the points and enough (constrained) scenarios")
struct LevelEvaluationTests {
    typealias Rated = LevelFixture.Rated
    let edition = LevelIndexEdition.edition2024

    @Test("exactly on each threshold reaches the level", arguments: 1...4)
    func onThreshold(level: Int) throws {
        let threshold = try #require(edition.threshold(forLevel: level))
        let constrained = threshold.minimumConstrainedScenarios
        let assessment = LevelFixture.assessment(
            points: threshold.minimumPoints,
            [Rated(constrained: constrained, other: threshold.minimumScenarios - constrained, rating: level)])
        #expect(edition.validate(assessment).isEmpty)
        let result = edition.evaluate(assessment)
        #expect(result.level == level)
        #expect(result.totalPoints == threshold.minimumPoints)
        #expect(result.standing(forLevel: level)?.isMet == true)
        #expect(result.standing(forLevel: level)?.scenarios == threshold.minimumScenarios)
        #expect(result.standing(forLevel: level)?.constrainedScenarios == constrained)
    }

    @Test("one point short falls to the level below", arguments: 1...4)
    func onePointShort(level: Int) throws {
        let threshold = try #require(edition.threshold(forLevel: level))
        let constrained = threshold.minimumConstrainedScenarios
        let assessment = LevelFixture.assessment(
            points: threshold.minimumPoints - 1,
            [Rated(constrained: constrained, other: threshold.minimumScenarios - constrained, rating: level)])
        let result = edition.evaluate(assessment)
        #expect(result.level == level - 1)
        #expect(result.shortfall == LevelShortfall(level: level, points: 1, scenarios: 0, constrainedScenarios: 0))
        #expect(result.shortfall?.message.en == "\(LevelIndexEdition.levelName(level).en) needs 1 more point")
    }

    /// The missing scenario is rated one level lower, so the level below still holds.
    @Test("one scenario short falls to the level below", arguments: 1...4)
    func oneScenarioShort(level: Int) throws {
        let threshold = try #require(edition.threshold(forLevel: level))
        let constrained = threshold.minimumConstrainedScenarios
        let assessment = LevelFixture.assessment(
            points: threshold.minimumPoints,
            [
                Rated(constrained: constrained, other: threshold.minimumScenarios - constrained - 1, rating: level),
                Rated(constrained: 0, other: 1, rating: level - 1),
            ])
        #expect(edition.validate(assessment).isEmpty)
        let result = edition.evaluate(assessment)
        #expect(result.level == level - 1)
        #expect(result.shortfall == LevelShortfall(level: level, points: 0, scenarios: 1, constrainedScenarios: 0))
    }

    @Test("enough scenarios but too few constrained falls to the level below", arguments: 1...4)
    func tooFewConstrained(level: Int) throws {
        let threshold = try #require(edition.threshold(forLevel: level))
        let constrained = threshold.minimumConstrainedScenarios
        let assessment = LevelFixture.assessment(
            points: threshold.minimumPoints,
            [
                Rated(constrained: constrained - 1, other: threshold.minimumScenarios - constrained + 1, rating: level),
                Rated(constrained: 1, other: 0, rating: level - 1),
            ])
        let result = edition.evaluate(assessment)
        #expect(result.standing(forLevel: level)?.scenarios == threshold.minimumScenarios)
        #expect(result.level == level - 1)
        #expect(result.shortfall == LevelShortfall(level: level, points: 0, scenarios: 1, constrainedScenarios: 1))
        let name = LevelIndexEdition.levelName(level)
        #expect(
            result.shortfall?.message
                == LocalizedText(zh: "距\(name.zh)还差 1 个约束性场景", en: "\(name.en) needs 1 more constrained scenario"))
    }

    @Test("the shortfall names points, scenarios and the constrained among them")
    func shortfallMessage() {
        // 55 points; six scenarios at level 3, four constrained: level 2, three needs 5 points, 2 scenarios (1 constrained).
        let assessment = LevelFixture.assessment(points: 55, [Rated(constrained: 4, other: 2, rating: 3)])
        let result = edition.evaluate(assessment)
        #expect(result.level == 2)
        #expect(result.levelName.zh == "二级")
        #expect(result.shortfall == LevelShortfall(level: 3, points: 5, scenarios: 2, constrainedScenarios: 1))
        #expect(
            result.shortfall?.message
                == LocalizedText(
                    zh: "距三级还差 5 分、2 个场景（其中约束性 1 个）",
                    en: "Level 3 needs 5 more points and 2 more scenarios (1 constrained)"))
    }

    @Test("below level 1, with nothing rated")
    func belowLevelOne() {
        let result = edition.evaluate(LevelAssessment(points: LevelFixture.points(19)))
        #expect(result.level == 0)
        #expect(result.levelName.zh == "未达一级")
        #expect(
            result.shortfall?.message
                == LocalizedText(
                    zh: "距一级还差 1 分、6 个场景（其中约束性 3 个）",
                    en: "Level 1 needs 1 more point and 6 more scenarios (3 constrained)"))
    }

    @Test("at the top level nothing is missing")
    func topLevel() {
        let result = edition.evaluate(LevelFixture.assessment(points: 100, [Rated(constrained: 9, other: 7, rating: 4)]))
        #expect(result.level == 4)
        #expect(result.shortfall == nil)
        #expect(result.standings.map(\.scenarios) == [16, 16, 16, 16])
        #expect(result.standings.map(\.constrainedScenarios) == [9, 9, 9, 9])
    }

    @Test("a scenario counts towards its level and every level below")
    func standings() {
        let assessment = LevelFixture.assessment(
            points: 70,
            [
                Rated(constrained: 2, other: 1, rating: 4), Rated(constrained: 2, other: 0, rating: 3),
                Rated(constrained: 1, other: 2, rating: 2), Rated(constrained: 1, other: 1, rating: 1),
                Rated(constrained: 1, other: 1, rating: 0),  // applicable, not rated yet
            ])
        #expect(edition.validate(assessment).isEmpty)
        let result = edition.evaluate(assessment)
        #expect(result.standings.map(\.scenarios) == [10, 8, 5, 3])
        #expect(result.standings.map(\.constrainedScenarios) == [6, 5, 4, 2])
        #expect(result.standings.map(\.isMet) == [true, true, false, false])
        #expect(result.level == 2)
        #expect(result.shortfall?.message.zh == "距三级还差 3 个场景（其中约束性 1 个）")
    }

    @Test("points add up per dimension")
    func subtotals() {
        let assessment = LevelAssessment(points: [
            "equipment_systems": 12, "security": 5, "planning": 9, "resources": 15, "green": 3, "market": 6,
        ])
        let result = edition.evaluate(assessment)
        #expect(result.totalPoints == 50)
        #expect(result.dimensions.map(\.points) == [17, 24, 9])
        #expect(result.dimensions.map(\.maximumPoints) == [50, 30, 20])
        #expect(result.points(inDimension: "management") == 24)
    }

    @Test("a rating for a scenario that does not apply is refused and not counted")
    func notApplicable() {
        var assessment = LevelFixture.assessment(points: 20, [Rated(constrained: 3, other: 3, rating: 1)])
        #expect(edition.evaluate(assessment).level == 1)
        assessment.applicableScenarios.remove("after_sales")
        #expect(assessment.ratings["after_sales"] == 1)
        let result = edition.evaluate(assessment)
        #expect(result.level == 0)
        #expect(result.standing(forLevel: 1)?.scenarios == 5)
        let problems = edition.validate(assessment)
        #expect(problems.map(\.field) == ["after_sales"])
        #expect(problems.map(\.kind) == [.ratedButNotApplicable])
    }

    @Test("the 2022 edition levels by points alone")
    func edition2022() {
        let older = LevelIndexEdition.edition2022
        #expect(older.evaluate(LevelAssessment(points: LevelFixture.points(80))).level == 4)
        #expect(older.evaluate(LevelAssessment(points: LevelFixture.points(60))).level == 3)
        #expect(older.evaluate(LevelAssessment(points: LevelFixture.points(19))).level == 0)
        let result = older.evaluate(LevelAssessment(points: LevelFixture.points(79)))
        #expect(result.level == 3)
        #expect(result.editionID == "2022")
        #expect(result.shortfall?.message == LocalizedText(zh: "距四级还差 1 分", en: "Level 4 needs 1 more point"))
        // Ratings are still counted and shown, they just do not decide the level.
        let rated = older.evaluate(LevelFixture.assessment(points: 45, [Rated(constrained: 1, other: 0, rating: 2)]))
        #expect(rated.level == 2)
        #expect(rated.standing(forLevel: 2)?.scenarios == 1)
    }
}
