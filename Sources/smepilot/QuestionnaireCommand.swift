import ArgumentParser
import Diagnosis
import Foundation

/// `smepilot questionnaire validate [DIR]`: the diagnosis maturity model and questionnaires as data
/// (issue #14). Checks every model and questionnaire file of the directory like `programme validate`.
struct QuestionnaireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questionnaire", abstract: "Check the diagnosis maturity model and questionnaires.",
        subcommands: [Validate.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in the diagnosis files as file:line: kind: message; exit 1 on any.")
        @Argument(help: "The diagnosis directory: model files in it, questionnaires in questionnaires/")
        var directory = DiagnosisCatalogue.defaultDirectory

        func run() throws {
            let (catalogue, problems) = DiagnosisCatalogue.read(directory: directory)
            for model in catalogue.models.values.sorted(by: { $0.key.description < $1.key.description }) {
                print(
                    "ok  \(catalogue.modelFiles[model.key] ?? model.id): model \(model.key), "
                        + "\(model.dimensions.count) dimensions, \(model.grades.count) grades")
            }
            for questionnaire in catalogue.questionnaires.values.sorted(by: { $0.key.description < $1.key.description }) {
                let what = questionnaire.industryGroup.map { "group \($0.id)" } ?? "module"
                print(
                    "ok  \(catalogue.questionnaireFiles[questionnaire.key] ?? questionnaire.id): \(questionnaire.key), "
                        + "\(what), \(questionnaire.items.count) items, model \(questionnaire.model)")
            }
            guard problems.isEmpty else {
                for problem in problems { print(problem.description) }
                print("\(problems.count) problem(s) found")
                throw ExitCode(1)
            }
            if catalogue.models.isEmpty { throw FailureMessage("no maturity model files (*.yaml) in \(directory)") }
        }
    }
}
