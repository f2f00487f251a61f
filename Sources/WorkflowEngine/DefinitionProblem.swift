/// One thing wrong with a workflow file, with where it is. `smepilot workflow validate` prints
/// these as `file:line: kind: message`, the format editors and CI logs link to.
public struct DefinitionProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case yamlSyntax = "yaml_syntax"
        case missingKey = "missing_key"
        case wrongType = "wrong_type"
        case unknownKey = "unknown_key"
        case unknownRole = "unknown_role"
        case unknownGuard = "unknown_guard"
        case unknownEffect = "unknown_effect"
        case unknownEvent = "unknown_event"
        case unknownState = "unknown_state"
        case unreachableState = "unreachable_state"
        case deadEndState = "dead_end_state"
        case duplicateId = "duplicate_id"
        case badInput = "bad_input"
        case badTimer = "bad_timer"
        case badRule = "bad_rule"
    }

    public var file: String
    public var line: Int
    public var kind: Kind
    public var message: String

    public init(file: String, line: Int, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(file):\(line): \(kind.rawValue): \(message)" }
}

/// A definition could not be loaded; carries every problem found, not just the first.
public struct DefinitionErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [DefinitionProblem]
    public init(_ problems: [DefinitionProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
