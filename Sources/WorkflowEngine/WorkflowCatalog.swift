import Foundation

/// Every workflow definition the server knows, by id and version. Instances are pinned to the
/// version they started on; new instances start on the newest version.
public struct WorkflowCatalog: Sendable {
    public private(set) var definitions: [String: [Int: WorkflowDefinition]] = [:]

    public init(_ definitions: [WorkflowDefinition] = []) {
        for definition in definitions { self.definitions[definition.id, default: [:]][definition.version] = definition }
    }

    public func definition(_ id: String, version: Int) -> WorkflowDefinition? { definitions[id]?[version] }

    public func latest(_ id: String) -> WorkflowDefinition? {
        definitions[id].flatMap { versions in versions.keys.max().flatMap { versions[$0] } }
    }

    /// The newest version of each workflow, by id.
    public var latestDefinitions: [WorkflowDefinition] { definitions.keys.sorted().compactMap(latest) }

    /// Reads and validates every `*.yaml` directly in `directory`. Throws with every problem found
    /// in every file; loads nothing if any file is bad.
    public static func load(
        directory: String, validator: DefinitionValidator = DefinitionValidator()
    ) throws(DefinitionErrors) -> WorkflowCatalog {
        let url = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw DefinitionErrors([
                DefinitionProblem(file: directory, line: 0, kind: .missingKey, message: "cannot read the workflow directory")
            ])
        }
        var problems: [DefinitionProblem] = []
        var definitions: [WorkflowDefinition] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = url.appendingPathComponent(name).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append(DefinitionProblem(file: path, line: 0, kind: .yamlSyntax, message: "not readable as UTF-8 text"))
                continue
            }
            let (parsed, parseProblems) = DefinitionParser.parse(text, file: path)
            problems += parseProblems
            guard let definition = parsed else { continue }
            problems += validator.problems(in: definition)
            let key = "\(definition.id)@\(definition.version)"
            if let other = seen[key] {
                problems.append(
                    DefinitionProblem(
                        file: path, line: 1, kind: .duplicateId,
                        message: "workflow '\(definition.id)' version \(definition.version) is also defined in \(other)"))
            }
            seen[key] = path
            definitions.append(definition)
        }
        if !problems.isEmpty { throw DefinitionErrors(problems) }
        return WorkflowCatalog(definitions)
    }

    /// Parses and validates one text (tests and the validate command use it).
    public static func check(
        _ text: String, file: String, validator: DefinitionValidator = DefinitionValidator()
    )
        -> (WorkflowDefinition?, [DefinitionProblem])
    {
        let (parsed, problems) = DefinitionParser.parse(text, file: file)
        guard let definition = parsed else { return (nil, problems) }
        return (definition, problems + validator.problems(in: definition))
    }
}
