import Diagnosis
import PilotDomain
import Testing

/// Scoring answers: per dimension, the total, the grade at every cut-off, 不适用, pinned versions, refusals.
@Suite("Diagnosis scoring")
struct DiagnosisScoringTests {
    static let equipment = QuestionnaireKey(id: "tianjin-equipment", version: 1)

    static func shipped() throws -> DiagnosisCatalogue {
        try DiagnosisCatalogue.load(directory: DiagnosisFixtures.shippedDirectory)
    }

    /// A large equipment maker's answers to the shipped Tianjin questionnaire.
    static func equipmentAnswers(
        remoteService: QuestionnaireAnswers.Answer = .option("service")
    )
        -> QuestionnaireAnswers
    {
        QuestionnaireAnswers(
            questionnaire: equipment, size: .large,
            answers: [
                "strategy_planning": .option("integrated"), "digital_investment": .option("from_1_to_3"),
                "data_collection": .option("most"), "digital_design": .option("simulation"), "data_use": .option("dashboards"),
                "equipment_connectivity": .option("from_30_to_70"), "erp_mes": .option("erp_mes"),
                "security": .option("managed"), "organisation_talent": .option("department"),
                "remote_service": remoteService, "supply_chain": .option("portal"), "new_business": .option("pilot"),
            ])
    }

    @Test("known answers: each dimension's weighted mean, the weighted total, grade and stage, the versions used")
    func knownAnswers() throws {
        let result = try DiagnosisScoring.score(Self.equipmentAnswers(), in: try Self.shipped())
        // strategy (3×75 + 2×60) / 5 = 69; capability (3×50 + 3×60 + 3×50) / 9 = 53.33…;
        // solution (3×50 + 4×75) / 7 = 64.285…; governance 50; innovation (2×70 + 3×30 + 2×30) / 7 = 41.428…
        #expect(result.dimensions.map(\.score) == [6900, 5333, 6429, 5000, 4143])
        // (15×6900 + 25×5333 + 25×6429 + 15×5000 + 20×4143) / 100 = 5554.1
        #expect(result.total == 5554)
        #expect(result.grade == 6)
        #expect(result.stage == "domain")
        #expect(result.questionnaire == Self.equipment)
        #expect(result.model == ModelKey(id: "dt-maturity", version: 1))
        #expect(DiagnosisResult.text(result.total) == "55.54")
    }

    @Test("不适用 drops an item out of its dimension's mean instead of counting 0; the total rounds half up")
    func notApplicable() throws {
        let catalogue = try Self.shipped()
        let dropped = try DiagnosisScoring.score(Self.equipmentAnswers(remoteService: .notApplicable), in: catalogue)
        let zero = try DiagnosisScoring.score(Self.equipmentAnswers(remoteService: .option("none")), in: catalogue)
        // (3×30 + 2×30) / 5 = 30 without the item; (0 + 90 + 60) / 7 = 21.43 with it scoring 0.
        #expect(dropped.score("innovation") == 3000)
        #expect(zero.score("innovation") == 2143)
        // (15×6900 + 25×5333 + 25×6429 + 15×5000 + 20×3000) / 100 = 5325.5 → 5326.
        #expect(dropped.total == 5326)
    }

    @Test("items not asked of a firm's size are left out: a small firm answers no new_business")
    func sizes() throws {
        var answers = Self.equipmentAnswers()
        answers.size = .small
        answers.answers["new_business"] = nil
        let result = try DiagnosisScoring.score(answers, in: try Self.shipped())
        #expect(result.score("innovation") == 4600)  // (2×70 + 3×30) / 5
    }

    @Test("the shipped cut-offs: just below each one the grade before, at it the grade itself")
    func everyCutoff() throws {
        let model = try #require(try Self.shipped().model(ModelKey(id: "dt-maturity", version: 1)))
        #expect(model.grade(for: 0).grade == 1)
        #expect(model.grade(for: 10_000).grade == 10)
        for grade in model.grades.dropFirst() {
            #expect(model.grade(for: grade.from - 1).grade == grade.grade - 1, "below \(grade.from)")
            #expect(model.grade(for: grade.from).grade == grade.grade, "at \(grade.from)")
        }
        #expect(
            model.grades.map(\.stage) == [
                "standard", "standard", "scenario", "scenario", "domain", "domain", "platform", "platform", "ecosystem",
                "ecosystem",
            ])
    }

    @Test("scored end to end at every cut-off: 19.99 is grade 2, 20.00 grade 3 (no rounding up across a cut-off)")
    func endToEndCutoffs() throws {
        for cutoff in stride(from: 10, through: 90, by: 10) {
            // Version 1: 99 × cutoff + 1 × (cutoff − 1) over 100 = cutoff − 0.01 exactly; version 2: the cut-off.
            let directory = try DiagnosisFixtures.directory(
                model: DiagnosisFixtures.oneDimensionModel,
                questionnaires: [
                    "below.yaml": DiagnosisFixtures.twoItems(version: 1, weights: (99, 1), scores: (cutoff, cutoff - 1)),
                    "at.yaml": DiagnosisFixtures.twoItems(version: 2, weights: (99, 1), scores: (cutoff, cutoff)),
                ])
            let catalogue = try DiagnosisCatalogue.load(directory: directory)
            for version in [1, 2] {
                let result = try DiagnosisScoring.score(
                    QuestionnaireAnswers(
                        questionnaire: QuestionnaireKey(id: "test-q", version: version), size: .medium,
                        answers: ["a": .option("high"), "b": .option("high")]),
                    in: catalogue)
                let atCutoff = version == 2
                #expect(result.total == cutoff * 100 - (atCutoff ? 0 : 1))
                #expect(result.grade == cutoff / 10 + (atCutoff ? 1 : 0), "cut-off \(cutoff), version \(version)")
            }
        }
    }

    @Test("half up once: 12.5 hundredths become 13")
    func halfUp() throws {
        let directory = try DiagnosisFixtures.directory(
            model: DiagnosisFixtures.oneDimensionModel,
            questionnaires: ["q.yaml": DiagnosisFixtures.twoItems(weights: (1, 7), scores: (1, 0))])
        let result = try DiagnosisScoring.score(
            QuestionnaireAnswers(
                questionnaire: QuestionnaireKey(id: "test-q", version: 1), size: .large,
                answers: ["a": .option("high"), "b": .option("low")]),
            in: try DiagnosisCatalogue.load(directory: directory))
        #expect(result.total == 13)
        #expect(result.grade == 1)
    }

    @Test("answers stay pinned: given to v1, scored by v1 even when v2 is in the catalogue")
    func pinnedVersion() throws {
        let directory = try DiagnosisFixtures.directory(
            model: DiagnosisFixtures.oneDimensionModel,
            questionnaires: [
                "test-q.v1.yaml": DiagnosisFixtures.twoItems(version: 1, weights: (1, 1), scores: (40, 60)),
                "test-q.v2.yaml": DiagnosisFixtures.twoItems(version: 2, weights: (1, 1), scores: (90, 100)),
            ])
        let catalogue = try DiagnosisCatalogue.load(directory: directory)
        #expect(catalogue.latest("test-q")?.version == 2)
        #expect(catalogue.questionnaire(id: "test-q", version: 1)?.item("a")?.option("high")?.score == 40)
        #expect(catalogue.questionnaire(id: "test-q", version: 3) == nil)
        let v1 = QuestionnaireAnswers(
            questionnaire: QuestionnaireKey(id: "test-q", version: 1), size: .large,
            answers: ["a": .option("high"), "b": .option("high")])
        let result = try DiagnosisScoring.score(v1, in: catalogue)
        #expect(result.total == 5000)
        #expect(result.grade == 6)
        #expect(result.questionnaire.version == 1)
        // Scoring v1's answers with v2 directly is refused, not re-scored.
        let v2 = try #require(catalogue.latest("test-q"))
        let model = try #require(catalogue.model(v2.model))
        #expect(throws: ScoringRefusal.otherQuestionnaire(answered: v1.questionnaire, scoring: v2.key)) {
            try DiagnosisScoring.score(v1, questionnaire: v2, model: model)
        }
    }

    @Test("refused: unknown item, unknown option, a missing answer, 不适用 where not allowed, a size not asked, another version")
    func refusals() throws {
        let catalogue = try Self.shipped()
        func refusal(_ change: (inout QuestionnaireAnswers) -> Void) -> ScoringRefusal? {
            var answers = Self.equipmentAnswers()
            change(&answers)
            do throws(ScoringRefusal) {
                _ = try DiagnosisScoring.score(answers, in: catalogue)
                return nil
            } catch { return error }
        }
        #expect(refusal { $0.answers["colour"] = .option("blue") } == .unknownItem("colour"))
        #expect(refusal { $0.answers["erp_mes"] = .option("sap") } == .unknownOption(item: "erp_mes", value: "sap"))
        #expect(refusal { $0.answers["security"] = nil } == .missingAnswer("security"))
        #expect(refusal { $0.answers["security"] = .notApplicable } == .notApplicableRefused("security"))
        #expect(
            refusal {
                $0.size = .micro
            } == .notAskedOfSize(item: "new_business", size: .micro))
        let v2 = QuestionnaireKey(id: "tianjin-equipment", version: 2)
        #expect(refusal { $0.questionnaire = v2 } == .unknownQuestionnaire(v2))
        let message = ScoringRefusal.missingAnswer("security").message
        #expect(message.zh.contains("security") && message.zh.contains("尚未作答"))
        #expect(message.en == "Item security is not answered")
    }

    @Test("a module is scored over its own dimensions and never graded")
    func module() throws {
        let answers = QuestionnaireAnswers(
            questionnaire: QuestionnaireKey(id: "shanghai-dcmm", version: 1), size: .medium,
            answers: ["data_strategy": .option("strategy"), "data_quality": .option("rules"), "dcmm_level": .option("level_2")])
        let result = try DiagnosisScoring.score(answers, in: try Self.shipped())
        #expect(result.grade == nil)
        #expect(result.score("solution") == nil)
        // strategy 70, governance 70, capability 50: (15×70 + 25×50 + 15×70) / 55 = 60.909… → 6091.
        #expect(result.total == 6091)
    }
}
