import Foundation
import PilotDomain

/// The maturity models and questionnaires of a diagnosis directory (`Workflows/diagnosis`): model
/// files directly in it, questionnaires in `questionnaires/`. Every version of each stays loadable —
/// a new version is a new file beside the old — so answers keep being scored by the version they
/// were given to.
public struct DiagnosisCatalogue: Sendable {
    public static let defaultDirectory = "Workflows/diagnosis"
    public static let questionnaireFolder = "questionnaires"

    public private(set) var models: [ModelKey: MaturityModel] = [:]
    public private(set) var questionnaires: [QuestionnaireKey: Questionnaire] = [:]
    /// The file each was read from, for messages and `questionnaire validate`'s lines.
    public private(set) var modelFiles: [ModelKey: String] = [:]
    public private(set) var questionnaireFiles: [QuestionnaireKey: String] = [:]

    public init() {}

    public func model(_ key: ModelKey) -> MaturityModel? { models[key] }

    /// The questionnaire of that id in that version: what an answered questionnaire is pinned to.
    public func questionnaire(id: String, version: Int) -> Questionnaire? {
        questionnaires[QuestionnaireKey(id: id, version: version)]
    }

    /// The newest version of a questionnaire, which new diagnoses use.
    public func latest(_ id: String) -> Questionnaire? {
        questionnaires.values.filter { $0.id == id }.max { $0.version < $1.version }
    }

    /// Every sound file of `directory`, and the problems of all of them.
    public static func read(directory: String) -> (DiagnosisCatalogue, [DiagnosisProblem]) {
        var catalogue = DiagnosisCatalogue()
        var problems: [DiagnosisProblem] = []
        for file in yamlFiles(in: directory) {
            guard let text = readText(file, &problems) else { continue }
            let (model, found) = MaturityModelFile.parse(text, file: file)
            problems += found
            guard let model else { continue }
            if let first = catalogue.modelFiles[model.key] {
                problems.append(
                    DiagnosisProblem(file: file, line: 1, kind: .duplicateId, message: "model \(model.key) is also in \(first)"))
                continue
            }
            catalogue.models[model.key] = model
            catalogue.modelFiles[model.key] = file
        }
        let validator = QuestionnaireValidator(models: catalogue.models)
        let folder = (directory as NSString).appendingPathComponent(questionnaireFolder)
        for file in yamlFiles(in: folder) {
            guard let text = readText(file, &problems) else { continue }
            let (parsed, found, lines) = QuestionnaireFile.parse(text, file: file)
            problems += found
            guard let parsed else { continue }
            let more = validator.problems(parsed, lines: lines, file: file)
            problems += more
            guard more.isEmpty else { continue }
            if let first = catalogue.questionnaireFiles[parsed.key] {
                problems.append(
                    DiagnosisProblem(
                        file: file, line: 1, kind: .duplicateId, message: "questionnaire \(parsed.key) is also in \(first)"))
                continue
            }
            catalogue.questionnaires[parsed.key] = parsed
            catalogue.questionnaireFiles[parsed.key] = file
        }
        return (catalogue, problems)
    }

    /// The directory's catalogue, or every problem when any file has one (the server's start-up rule
    /// for data files: refuse rather than run on half of them).
    public static func load(directory: String) throws(DiagnosisProblems) -> DiagnosisCatalogue {
        let (catalogue, problems) = read(directory: directory)
        guard problems.isEmpty else { throw DiagnosisProblems(problems) }
        return catalogue
    }

    static func yamlFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    static func readText(_ file: String, _ problems: inout [DiagnosisProblem]) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            problems.append(DiagnosisProblem(file: file, line: 0, kind: .missingKey, message: "cannot read the file"))
            return nil
        }
        return text
    }
}
