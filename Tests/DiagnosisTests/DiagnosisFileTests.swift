import Diagnosis
import Foundation
import Testing

/// The model and questionnaire files: the shipped ones, and every kind of mistake reported with its line.
@Suite("Diagnosis files")
struct DiagnosisFileTests {
    /// "line:kind" of each problem, for compact checks.
    static func found(_ problems: [DiagnosisProblem]) -> Set<String> {
        Set(problems.map { "\($0.line):\($0.kind.rawValue)" })
    }

    @Test("the shipped model and questionnaires validate: Tianjin's four groups and Shanghai's three modules")
    func shipped() throws {
        let (catalogue, problems) = DiagnosisCatalogue.read(directory: DiagnosisFixtures.shippedDirectory)
        #expect(problems.isEmpty, "\(problems)")
        let model = try #require(catalogue.model(ModelKey(id: "dt-maturity", version: 1)))
        #expect(model.dimensions.map(\.id) == ["strategy", "capability", "solution", "governance", "innovation"])
        #expect(model.dimensions.reduce(0) { $0 + $1.weight } == 100)
        #expect(model.stages.map(\.name.zh) == ["规范级", "场景级", "领域级", "平台级", "生态级"])
        #expect(model.grades.map(\.grade) == Array(1...10))
        for group in ["raw_materials", "equipment", "consumer_goods", "electronics"] {
            let questionnaire = try #require(catalogue.questionnaires.values.first { $0.industryGroup?.id == group })
            #expect((8...15).contains(questionnaire.items.count))
            #expect(questionnaire.model == model.key)
        }
        let modules = catalogue.questionnaires.values.filter(\.isModule).map(\.id).sorted()
        #expect(modules == ["shanghai-dcmm", "shanghai-ii-security", "shanghai-smart-manufacturing"])
    }

    @Test("yaml_syntax, missing_key, wrong_type and unknown_key with their lines")
    func shapeProblems() {
        let (_, syntax) = MaturityModelFile.parse("id: m\nversion: 1\nname: [a\n", file: "m.yaml")
        #expect(syntax.map(\.kind) == [.yamlSyntax], "\(syntax)")
        #expect((3...4).contains(syntax.first?.line ?? 0), "\(syntax)")
        #expect(syntax.first?.description.hasPrefix("m.yaml:") == true)

        let text = """
            id: Bad Id
            version: one
            title: {zh: 问卷}
            industry_group: {id: g, name: {zh: 组, en: Group}}
            colour: blue
            model: {id: m, version: 1}
            items:
              - id: a
                dimension: all
                weight: 1
                applies_to: [giant]
                question: {zh: 甲, en: A}
                options:
                  - {value: x, score: 0, label: {zh: 甲, en: A}}
                  - {value: y, score: 10, label: {zh: 乙, en: B}}
            """
        let (questionnaire, problems, _) = QuestionnaireFile.parse(text, file: "q.yaml")
        #expect(questionnaire == nil)
        let found = Self.found(problems)
        #expect(found.contains("1:wrong_type"), "\(problems)")  // id
        #expect(found.contains("2:wrong_type"))  // version
        #expect(found.contains("3:missing_key"))  // title without en
        #expect(found.contains("5:unknown_key"))  // colour
        #expect(found.contains("8:missing_key"))  // item a has no help
        #expect(found.contains("11:wrong_type"))  // size giant
        #expect(problems.allSatisfy { $0.description.hasPrefix("q.yaml:") })
    }

    @Test("duplicate_id, bad_weight and bad_score in a questionnaire, with their lines")
    func questionnaireProblems() {
        let text = DiagnosisFixtures.twoItems(weights: (0, 1), scores: (120, 50))
            .replacingOccurrences(of: "  - id: b", with: "  - id: a")
        let (_, problems, _) = QuestionnaireFile.parse(text, file: "q.yaml")
        let found = Self.found(problems)
        #expect(found.contains("9:bad_weight"), "\(problems)")
        #expect(found.contains("14:bad_score"))
        #expect(found.contains("15:duplicate_id"))
    }

    @Test("bad_weight, duplicate_id and bad_cutoff in a model, with their lines")
    func modelProblems() {
        let text = DiagnosisFixtures.oneDimensionModel
            .replacingOccurrences(of: "weight: 100}", with: "weight: 90}")
            .replacingOccurrences(of: "{id: high, name: {zh: 高", with: "{id: low, name: {zh: 高")
            .replacingOccurrences(of: "{grade: 1, stage: low, from: 0}", with: "{grade: 1, stage: low, from: 5}")
            .replacingOccurrences(of: "{grade: 3, stage: low, from: 20}", with: "{grade: 3, stage: low, from: 10}")
            .replacingOccurrences(of: "{grade: 5, stage: low, from: 40}", with: "{grade: 5, stage: middle, from: 40}")
            .replacingOccurrences(of: "{grade: 8, stage: high, from: 70}", with: "{grade: 9, stage: high, from: 70}")
            .replacingOccurrences(of: "{grade: 10, stage: high, from: 90}", with: "{grade: 10, stage: high, from: 100.5}")
        let (model, problems) = MaturityModelFile.parse(text, file: "m.yaml")
        #expect(model == nil)
        let found = Self.found(problems)
        #expect(found.contains("5:bad_weight"), "\(problems)")  // 90, not 100
        #expect(found.contains("8:duplicate_id"))  // stage low twice
        #expect(found.contains("10:bad_cutoff"))  // grade 1 from 5
        #expect(found.contains("12:bad_cutoff"))  // grade 3 not above grade 2
        #expect(found.contains("14:bad_cutoff"))  // unknown stage
        #expect(found.contains("17:bad_cutoff"))  // grade 9 in place 8
        #expect(found.contains("19:bad_cutoff"))  // beyond 100

        let (_, nine) = MaturityModelFile.parse(
            DiagnosisFixtures.oneDimensionModel.replacingOccurrences(of: "  - {grade: 10, stage: high, from: 90}", with: ""),
            file: "m.yaml")
        #expect(nine.contains { $0.kind == .badCutoff && $0.line == 10 && $0.message.contains("not 9") }, "\(nine)")
    }

    @Test("unknown_model, unknown_dimension, uncovered_dimension and a duplicate version across files")
    func crossFileProblems() throws {
        let good = DiagnosisFixtures.twoItems(weights: (1, 1), scores: (50, 100))
        let directory = try DiagnosisFixtures.directory(
            model: DiagnosisFixtures.oneDimensionModel,
            questionnaires: [
                "a-good.yaml": good,
                "b-copy.yaml": good,
                "c-model.yaml": good.replacingOccurrences(of: "test-q", with: "other")
                    .replacingOccurrences(of: "{id: test-model, version: 1}", with: "{id: test-model, version: 2}"),
                "d-dimension.yaml": good.replacingOccurrences(of: "test-q", with: "third")
                    .replacingOccurrences(of: "  - id: b\n    dimension: all", with: "  - id: b\n    dimension: money")
                    .replacingOccurrences(
                        of: "    weight: 1\n    question: {zh: 甲",
                        with: "    weight: 1\n    allow_not_applicable: true\n    question: {zh: 甲"),
            ])
        let (catalogue, problems) = DiagnosisCatalogue.read(directory: directory)
        let byFile = Dictionary(grouping: problems) { ($0.file as NSString).lastPathComponent }
        #expect(byFile["b-copy.yaml"]?.map(\.kind) == [.duplicateId], "\(problems)")
        #expect(byFile["c-model.yaml"]?.map { "\($0.line):\($0.kind.rawValue)" } == ["5:unknown_model"])
        let third = Self.found(byFile["d-dimension.yaml"] ?? [])
        #expect(third == ["17:unknown_dimension", "7:uncovered_dimension"], "\(problems)")
        #expect(catalogue.questionnaires.keys.map(\.id) == ["test-q"])
        #expect(throws: DiagnosisProblems.self) { try DiagnosisCatalogue.load(directory: directory) }
    }
}
