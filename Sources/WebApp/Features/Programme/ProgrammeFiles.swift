import Diagnosis
import Foundation
import PilotDomain
import Programmes
import WorkflowEngine

/// Programme files as this server reads them: checked against its division tree, its workflow
/// definitions and the dashboard's targets. `smepilot programme validate|create|update` and the
/// demo use it.
public enum ProgrammeFiles {
    /// The Binhai pilot's file, which `--demo` creates the demo programme from.
    public static let binhai = "binhai-2024.yaml"

    public static func validator(_ services: AppServices) -> ProgrammeValidator {
        validator(
            divisions: services.divisions, catalog: services.catalog,
            workflowsDirectory: services.configuration.workflowsDirectory)
    }

    /// The same checks from the files alone (`smepilot programme validate` needs no database).
    public static func validator(
        divisions: DivisionTree, catalog: WorkflowCatalog, workflowsDirectory: String
    )
        -> ProgrammeValidator
    {
        var validator = ProgrammeValidator(
            divisions: divisions, workflows: Set(catalog.definitions.keys), targetKeys: Set(Targets.all.map(\.key)),
            workflowsDirectory: workflowsDirectory)
        let diagnosis = URL(fileURLWithPath: workflowsDirectory).appendingPathComponent("diagnosis").path
        validator.questionnaires = Set(DiagnosisCatalogue.read(directory: diagnosis).0.questionnaires.keys.map(\.id))
        return validator
    }

    /// The file at `path`, checked; its text is kept with the version the store writes.
    public static func load(
        _ path: String, _ services: AppServices
    ) throws(ProgrammeProblems) -> (
        definition: ProgrammeDefinition, source: String
    ) {
        switch ProgrammeDirectory.load(file: path, validator: validator(services)) {
        case .success(let definition):
            return (definition, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        case .failure(let problems): throw problems
        }
    }

    /// `Workflows/programmes/<name>` of this server.
    public static func shipped(_ name: String, _ services: AppServices) -> String {
        URL(fileURLWithPath: services.configuration.workflowsDirectory).appendingPathComponent(ProgrammeDirectory.folder)
            .appendingPathComponent(name).path
    }
}
