import PilotDomain
import Testing

@Suite("Level index editions are data with the published structure")
struct LevelIndexEditionTests {
    let edition = LevelIndexEdition.edition2024

    @Test("editions are found by the id officials cite")
    func named() throws {
        #expect(LevelIndexEdition.all.map(\.id) == ["2024", "2022"])
        #expect(try #require(LevelIndexEdition.named("2024")) == .edition2024)
        #expect(try #require(LevelIndexEdition.named("2022")) == .edition2022)
        #expect(LevelIndexEdition.named("2023") == nil)
    }

    @Test("item maxima sum to 100, dimensions to 50/30/20")
    func maxima() {
        #expect(edition.maximumPoints == 100)
        #expect(edition.items.reduce(0) { $0 + $1.maximumPoints } == 100)
        #expect(edition.dimensions.map(\.key) == ["foundation", "management", "results"])
        #expect(edition.dimensions.map(\.maximumPoints) == [50, 30, 20])
        let maxima = Dictionary(uniqueKeysWithValues: edition.items.map { ($0.key, $0.maximumPoints) })
        #expect(
            maxima == [
                "equipment_systems": 20, "data_collection": 10, "information_systems": 10, "security": 10,
                "planning": 15, "resources": 15, "green": 7, "quality": 7, "market": 6,
            ])
        #expect(edition.item("security")?.label == LocalizedText(zh: "信息安全", en: "Information security"))
    }

    @Test("16 scenarios, exactly 9 constrained, 产品设计 not (yet) among them")
    func scenarios() {
        #expect(edition.scenarios.count == 16)
        #expect(Set(edition.scenarios.map(\.key)).count == 16)
        let constrained = Set(edition.scenarios.filter(\.isConstrained).map(\.key))
        #expect(
            constrained == [
                "marketing", "production_control", "quality_management", "equipment_management", "safety", "energy",
                "procurement", "warehousing_logistics", "finance",
            ])
        #expect(edition.scenario("product_design")?.isConstrained == false)
        #expect(edition.scenario("finance")?.label.zh == "财务管理")
        #expect(edition.scenarios.filter { $0.area == .production }.count == 6)
    }

    @Test("thresholds: 2024 needs points and scenarios, 2022 points alone")
    func thresholds() {
        #expect(edition.thresholds.map(\.minimumPoints) == [20, 40, 60, 80])
        #expect(edition.thresholds.map(\.minimumScenarios) == [6, 6, 8, 10])
        #expect(edition.thresholds.map(\.minimumConstrainedScenarios) == [3, 3, 5, 6])
        let older = LevelIndexEdition.edition2022
        #expect(older.thresholds.map(\.minimumPoints) == [20, 40, 60, 80])
        #expect(older.thresholds.allSatisfy { $0.minimumScenarios == 0 && $0.minimumConstrainedScenarios == 0 })
        #expect(older.items == edition.items && older.scenarios == edition.scenarios)
    }

    @Test("level names")
    func levelNames() {
        #expect(LevelIndexEdition.levelName(0) == LocalizedText(zh: "未达一级", en: "Below level 1"))
        #expect(LevelIndexEdition.levelName(3) == LocalizedText(zh: "三级", en: "Level 3"))
        #expect(edition.topLevel == 4)
    }
}
