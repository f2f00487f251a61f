import ArgumentParser
import Foundation
import PilotDomain
import WorkflowEngine

struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow", abstract: "Check and draw workflow definitions.", subcommands: [Validate.self, Graph.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in the workflow files as file:line: kind: message; exit 1 on any.")
        @Argument(help: "Directory of workflow YAML files") var directory = "Workflows"

        func run() throws {
            do {
                let catalog = try WorkflowCatalog.load(directory: directory)
                for definition in catalog.latestDefinitions {
                    print(
                        "ok  \(definition.id) v\(definition.version): \(definition.states.count) states, \(definition.transitions.count) transitions"
                    )
                }
            } catch {
                for problem in error.problems { print(problem.description) }
                print("\(error.problems.count) problem(s) found")
                throw ExitCode(1)
            }
        }
    }

    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a workflow as DOT and Mermaid text; --svg writes an SVG.")
        @Argument(help: "Workflow id, e.g. enterprise-project") var id: String
        @ArgumentParser.Option(help: "Directory of workflow YAML files") var directory = "Workflows"
        @ArgumentParser.Option(help: "dot, mermaid or both") var format = "both"
        @ArgumentParser.Option(help: "Write an SVG diagram to this file") var svg: String?
        @ArgumentParser.Option(help: "Label language: zh or en") var language = "zh"

        func run() throws {
            let catalog: WorkflowCatalog
            do { catalog = try WorkflowCatalog.load(directory: directory) } catch {
                throw FailureMessage("the workflow files are invalid; run `smepilot workflow validate \(directory)`")
            }
            guard let definition = catalog.latest(id) else {
                let known = catalog.latestDefinitions.map(\.id).joined(separator: ", ")
                throw FailureMessage("unknown workflow '\(id)' (known: \(known))")
            }
            guard let lang = UILanguage(rawValue: language) else { throw ValidationError("--language must be zh or en") }
            guard ["dot", "mermaid", "both"].contains(format) else {
                throw ValidationError("--format must be dot, mermaid or both")
            }
            if let svg {
                try WorkflowGraph.svg(definition, language: lang).write(toFile: svg, atomically: true, encoding: .utf8)
                print("wrote \(svg)")
                return
            }
            if format != "mermaid" { print(WorkflowGraph.dot(definition, language: lang)) }
            if format != "dot" { print(WorkflowGraph.mermaid(definition, language: lang)) }
        }
    }
}
