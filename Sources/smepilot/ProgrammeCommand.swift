import ArgumentParser
import Foundation
import PilotDomain
import PilotStore
import Programmes
import WebApp
import WorkflowEngine

/// `smepilot programme validate|create|update|list`: programmes as data (issue #12). A programme is
/// a file (`Workflows/programmes/<code>.yaml`, format in that folder's README); these commands
/// check it, create it in a database, and apply a changed file as a new version with a reason.
struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme", abstract: "Check, create and update programmes from their files.",
        subcommands: [Validate.self, Create.self, Update.self, List.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in the programme files as file:line: kind: message; exit 1 on any.")
        @Argument(help: "Directory of programme files (default: Workflows/programmes)") var directory = "Workflows/programmes"
        @ArgumentParser.Option(help: "The Workflows directory (divisions, workflows); default: the parent of DIRECTORY")
        var workflows: String?

        func run() throws {
            let base = workflows ?? URL(fileURLWithPath: directory).deletingLastPathComponent().path
            let validator = try ProgrammeCommand.validator(workflows: base)
            let (definitions, problems) = ProgrammeDirectory.loadAll(directory: directory, validator: validator)
            for definition in definitions {
                let summary =
                    if let campaign = definition.diagnosis {
                        "\(campaign.industryGroups.count) industry groups, \(campaign.modules.count) modules, "
                            + "units \(campaign.unitLevels.map(\.rawValue).joined(separator: " → ")), "
                            + "\(campaign.officialQuotas.count) official quota rows"
                    } else {
                        "\(definition.subIndustries.count) sub-industries, \(definition.fundingSources.count) funding sources"
                    }
                print("ok  \(definition.code) (\(definition.kind.rawValue), \(definition.division)): " + summary)
            }
            guard problems.isEmpty else {
                for problem in problems { print(problem.description) }
                print("\(problems.count) problem(s) found")
                throw ExitCode(1)
            }
            if definitions.isEmpty { throw FailureMessage("no programme files (*.yaml) in \(directory)") }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a programme from its file in the database.")
        @ArgumentParser.Option(help: "The programme file") var from: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            defer { Task { await services.store.shutdown() } }
            let (definition, source) = try ProgrammeCommand.load(from, services)
            do {
                let programme = try await services.store.programmes.createProgramme(from: definition, source: source, by: "setup")
                print("created \(programme.code) (\(programme.kind.rawValue), division \(programme.division))")
            } catch StoreError.conflict(let message) {
                throw FailureMessage("not created: \(message)")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a changed programme file as a new version (sub-industries, names, rules, targets).")
        @ArgumentParser.Option(help: "The programme file") var from: String
        @ArgumentParser.Option(help: "Why it changes (kept with the version)") var reason: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw ValidationError("--reason must say why the programme changes") }
            let services = try await openServices(try database.configuration())
            defer { Task { await services.store.shutdown() } }
            let (definition, source) = try ProgrammeCommand.load(from, services)
            do {
                let update = try await services.store.programmes.updateProgramme(
                    from: definition, source: source, by: "setup", reason: reason)
                if update.changes.isEmpty {
                    print("\(definition.code): nothing changed")
                } else {
                    print("\(definition.code) version \(update.version): \(update.changes.joined(separator: "; "))")
                }
            } catch StoreError.conflict(let message) {
                throw FailureMessage("not updated: \(message)")
            } catch StoreError.notFound(let what) {
                throw FailureMessage("not updated: \(what) does not exist; create it with `smepilot programme create --from`")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the programmes of the database.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            defer { Task { await services.store.shutdown() } }
            for programme in try await services.store.programmes.programmes() {
                let version = try await services.store.programmes.programmeVersions(programmeId: programme.id).first?.version ?? 0
                print("\(programme.code)\t\(programme.kind.rawValue)\t\(programme.division)\tv\(version)\t\(programme.name.zh)")
            }
        }
    }

    /// The checks of a Workflows directory read from files alone (no database).
    static func validator(workflows: String) throws -> ProgrammeValidator {
        let divisions: DivisionTree
        do {
            divisions = try DivisionFile.load(path: (workflows as NSString).appendingPathComponent(DivisionFile.relativePath))
        } catch {
            for problem in error.problems { print(problem.description) }
            throw ExitCode(1)
        }
        let catalog: WorkflowCatalog
        do { catalog = try WorkflowCatalog.load(directory: workflows) } catch {
            throw FailureMessage("the workflow files are invalid; run `smepilot workflow validate \(workflows)`")
        }
        return ProgrammeFiles.validator(divisions: divisions, catalog: catalog, workflowsDirectory: workflows)
    }

    static func load(_ path: String, _ services: AppServices) throws -> (ProgrammeDefinition, String) {
        do { return try ProgrammeFiles.load(path, services) } catch {
            for problem in error.problems { print(problem.description) }
            throw ExitCode(1)
        }
    }
}
