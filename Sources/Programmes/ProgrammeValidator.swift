import Foundation
import PilotDomain

/// Checks a parsed programme against what it refers to: the division tree (its own division and
/// its zone funds' divisions beneath it), the workflow definitions, the dashboard's targets and
/// the holiday calendar. The file's own shape is `ProgrammeFile`'s.
public struct ProgrammeValidator: Sendable {
    public var divisions: DivisionTree
    public var workflows: Set<String>
    public var targetKeys: Set<String>
    /// The Workflows directory, where `holiday_calendar` paths are looked up.
    public var workflowsDirectory: String
    /// The questionnaire ids of the diagnosis catalogue, when the caller has read it: a campaign's
    /// groups and modules must name one of them.
    public var questionnaires: Set<String>? = nil

    public init(divisions: DivisionTree, workflows: Set<String>, targetKeys: Set<String>, workflowsDirectory: String) {
        self.divisions = divisions
        self.workflows = workflows
        self.targetKeys = targetKeys
        self.workflowsDirectory = workflowsDirectory
    }

    public func problems(_ definition: ProgrammeDefinition, lines: [String: Int], file: String) -> [ProgrammeProblem] {
        var problems: [ProgrammeProblem] = []
        func report(_ key: String, _ kind: ProgrammeProblem.Kind, _ message: String) {
            problems.append(ProgrammeProblem(file: file, line: lines[key] ?? 1, kind: kind, message: message))
        }
        if divisions[definition.division] == nil {
            report("division", .unknownDivision, "division \(definition.division) is not in \(DivisionFile.relativePath)")
        }
        for (source, code) in definition.sourceDivisions.sorted(by: { $0.key < $1.key }) {
            if divisions[code] == nil {
                report(
                    "source:\(source)", .unknownDivision,
                    "division \(code) of fund \(source) is not in \(DivisionFile.relativePath)")
            } else if !definition.division.covers(code) || code == definition.division {
                report("source:\(source)", .badFunding, "fund \(source) must pay for a division beneath \(definition.division)")
            }
        }
        for id in definition.workflows where !workflows.contains(id) {
            report("workflow:\(id)", .unknownWorkflow, "no workflow definition '\(id)' in the Workflows directory")
        }
        if definition.kind == .cityPilot {
            if definition.workflows.isEmpty { report("division", .missingKey, "a city pilot runs at least one workflow") }
            if definition.subIndustries.isEmpty { report("division", .missingKey, "a city pilot names its sub-industries") }
            if definition.fundingSources.isEmpty { report("division", .missingKey, "a city pilot names its funding sources") }
        }
        for key in (definition.targets?.goals.keys).map(Array.init) ?? [] where !targetKeys.contains(key) {
            report("goal:\(key)", .badTarget, "unknown target '\(key)' (known: \(targetKeys.sorted().joined(separator: ", ")))")
        }
        if definition.kind == .diagnosisCampaign, definition.diagnosis == nil {
            report("division", .missingKey, "a diagnosis campaign needs its diagnosis section")
        }
        if let settings = definition.diagnosis {
            problems += diagnosisProblems(settings, of: definition, lines: lines, file: file)
        }
        if let calendar = definition.holidayCalendar,
            !FileManager.default.fileExists(atPath: (workflowsDirectory as NSString).appendingPathComponent(calendar))
        {
            report("holiday_calendar", .missingKey, "holiday calendar \(calendar) is not under the Workflows directory")
        }
        if let start = definition.rules["programme_start"]?.stringValue, let end = definition.rules["programme_end"]?.stringValue,
            start > end
        {
            report("division", .badRule, "programme_start \(start) is after programme_end \(end)")
        }
        return problems
    }

    func diagnosisProblems(
        _ settings: DiagnosisSettings, of definition: ProgrammeDefinition, lines: [String: Int], file: String
    ) -> [ProgrammeProblem] {
        var problems: [ProgrammeProblem] = []
        func report(_ key: String, _ kind: ProgrammeProblem.Kind, _ message: String) {
            problems.append(ProgrammeProblem(file: file, line: lines[key] ?? 1, kind: kind, message: message))
        }
        if let known = questionnaires {
            for id in Set(settings.industryGroups.map(\.questionnaire) + settings.modules).sorted() where !known.contains(id) {
                report("questionnaire:\(id)", .badDiagnosis, "no questionnaire '\(id)' in Workflows/diagnosis/questionnaires")
            }
        }
        if settings.unitLevels.first != definition.division.level {
            report(
                "division", .badDiagnosis,
                "unit_levels start at the programme's own level (\(definition.division.level.rawValue))")
        }
        for quota in settings.officialQuotas {
            if divisions[quota.division] == nil {
                report(
                    "quota:\(quota.division)", .unknownDivision,
                    "division \(quota.division) is not in \(DivisionFile.relativePath)")
            } else if !definition.division.covers(quota.division) || quota.division == definition.division {
                report(
                    "quota:\(quota.division)", .badDiagnosis,
                    "quota unit \(quota.division) must lie beneath \(definition.division)")
            }
        }
        return problems
    }
}
