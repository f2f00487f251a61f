import PilotDomain
import Testing

@Suite("Level assessments are checked field by field")
struct LevelIndexValidationTests {
    let edition = LevelIndexEdition.edition2024

    @Test("a sound assessment has no problems")
    func sound() {
        let assessment = LevelAssessment(
            points: ["equipment_systems": 20, "market": 0], ratings: ["finance": 4, "safety": 1],
            applicableScenarios: ["finance", "safety", "energy"])
        #expect(edition.validate(assessment).isEmpty)
    }

    @Test("one problem per bad field, with the field's key")
    func problems() {
        let assessment = LevelAssessment(
            points: ["equipment_systems": 21, "security": -1, "green": 7, "profit": 5],
            ratings: ["finance": 0, "marketing": 5, "procurement": 3, "after_sales": 2, "robots": 2],
            applicableScenarios: ["finance", "marketing", "procurement", "drones"])
        let problems = edition.validate(assessment)
        #expect(
            problems.map(\.field) == [
                "equipment_systems", "security", "profit", "marketing", "after_sales", "finance", "drones", "robots",
            ])
        #expect(
            problems.map(\.kind) == [
                .pointsOutOfRange(points: 21, maximum: 20), .pointsOutOfRange(points: -1, maximum: 10), .unknownItem,
                .ratingOutOfRange(rating: 5), .ratedButNotApplicable, .ratingOutOfRange(rating: 0), .unknownScenario,
                .unknownScenario,
            ])
        #expect(problems.allSatisfy { !$0.message.zh.isEmpty && !$0.message.en.isEmpty })
        #expect(problems[0].message.zh == "“设备系统”得分须在 0–20 分之间，填写的是 21")
        #expect(problems[0].message.en == "Points for “Equipment and systems” must be 0–20, not 21")
        #expect(problems[3].message.zh == "“营销管理”场景等级须为 1 至 4 级，填写的是 5")
    }

    @Test("refused values count as nothing")
    func refusedValuesIgnored() {
        let assessment = LevelAssessment(
            points: ["equipment_systems": 25, "data_collection": 10, "profit": 50],
            ratings: ["finance": 5, "safety": 2], applicableScenarios: ["finance", "safety"])
        let result = edition.evaluate(assessment)
        #expect(result.totalPoints == 10)
        #expect(result.standing(forLevel: 1)?.scenarios == 1)
    }
}
