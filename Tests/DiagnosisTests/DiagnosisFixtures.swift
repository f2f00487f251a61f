import Diagnosis
import Foundation

/// Small diagnosis directories written to a temporary folder, and the shipped one.
enum DiagnosisFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var shippedDirectory: String { root.appendingPathComponent("Workflows/diagnosis").path }

    /// A model with one dimension carrying all the weight and the shipped ten equal bands, so a
    /// questionnaire's item scores give the total directly.
    static let oneDimensionModel = """
        id: test-model
        version: 1
        name: {zh: 测试模型, en: Test model}
        dimensions:
          - {id: all, name: {zh: 全部, en: All}, weight: 100}
        stages:
          - {id: low, name: {zh: 低, en: Low}}
          - {id: high, name: {zh: 高, en: High}}
        grades:
          - {grade: 1, stage: low, from: 0}
          - {grade: 2, stage: low, from: 10}
          - {grade: 3, stage: low, from: 20}
          - {grade: 4, stage: low, from: 30}
          - {grade: 5, stage: low, from: 40}
          - {grade: 6, stage: high, from: 50}
          - {grade: 7, stage: high, from: 60}
          - {grade: 8, stage: high, from: 70}
          - {grade: 9, stage: high, from: 80}
          - {grade: 10, stage: high, from: 90}
        """

    /// A questionnaire on `oneDimensionModel` whose two items' weights and scores are given.
    static func twoItems(version: Int = 1, weights: (Int, Int), scores: (Int, Int)) -> String {
        """
        id: test-q
        version: \(version)
        title: {zh: 测试问卷, en: Test questionnaire}
        industry_group: {id: test, name: {zh: 测试, en: Test}}
        model: {id: test-model, version: 1}
        items:
          - id: a
            dimension: all
            weight: \(weights.0)
            question: {zh: 甲, en: A}
            help: {zh: 甲, en: A}
            options:
              - {value: low, score: 0, label: {zh: 低, en: Low}}
              - {value: high, score: \(scores.0), label: {zh: 高, en: High}}
          - id: b
            dimension: all
            weight: \(weights.1)
            question: {zh: 乙, en: B}
            help: {zh: 乙, en: B}
            options:
              - {value: low, score: 0, label: {zh: 低, en: Low}}
              - {value: high, score: \(scores.1), label: {zh: 高, en: High}}
        """
    }

    /// A fresh directory holding `model.yaml` (when given) and the questionnaires by file name.
    static func directory(model: String?, questionnaires: [String: String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("diagnosis-\(UUID().uuidString)")
        let folder = base.appendingPathComponent(DiagnosisCatalogue.questionnaireFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let model { try model.write(to: base.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8) }
        for (name, text) in questionnaires {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return base.path
    }
}
