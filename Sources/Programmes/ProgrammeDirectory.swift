import Foundation
import PilotDomain

/// The programme files of a Workflows directory (`programmes/*.yaml`), read and checked together:
/// what `smepilot programme validate`, `programme create` and the demo use.
public enum ProgrammeDirectory {
    public static let folder = "programmes"

    /// One file read and checked: the definition when it is sound, else every problem.
    public static func load(file: String, validator: ProgrammeValidator) -> Result<ProgrammeDefinition, ProgrammeProblems> {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return .failure(
                ProgrammeProblems([ProgrammeProblem(file: file, line: 0, kind: .missingKey, message: "cannot read the file")]))
        }
        let (definition, problems, lines) = ProgrammeFile.parse(text, file: file)
        guard let definition, problems.isEmpty else {
            return .failure(
                ProgrammeProblems(
                    problems.isEmpty
                        ? [ProgrammeProblem(file: file, line: 1, kind: .missingKey, message: "incomplete programme")] : problems))
        }
        let more = validator.problems(definition, lines: lines, file: file)
        return more.isEmpty ? .success(definition) : .failure(ProgrammeProblems(more))
    }

    /// Every file of `directory` (sorted), and the problems of all of them; codes must be unique.
    public static func loadAll(directory: String, validator: ProgrammeValidator) -> ([ProgrammeDefinition], [ProgrammeProblem]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
        var definitions: [ProgrammeDefinition] = []
        var problems: [ProgrammeProblem] = []
        var files: [String: String] = [:]
        for name in names {
            let file = (directory as NSString).appendingPathComponent(name)
            switch load(file: file, validator: validator) {
            case .success(let definition):
                if let first = files[definition.code] {
                    problems.append(
                        ProgrammeProblem(
                            file: file, line: 1, kind: .duplicate, message: "code \(definition.code) is also used by \(first)"))
                }
                files[definition.code] = file
                definitions.append(definition)
            case .failure(let found): problems += found.problems
            }
        }
        return (definitions, problems)
    }
}
