/// One thing wrong with a programme or division file, with where it is: printed by
/// `smepilot programme validate` as `file:line: kind: message`, like the workflow validator.
public struct ProgrammeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case missingKey = "missing_key"
        case wrongType = "wrong_type"
        case unknownKey = "unknown_key"
        case duplicate
        case unknownDivision = "unknown_division"
        case wrongParent = "wrong_parent"
        case unknownWorkflow = "unknown_workflow"
        case badRule = "bad_rule"
        case badTarget = "bad_target"
        case badFunding = "bad_funding"
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

/// A file could not be loaded; carries every problem found, not only the first.
public struct ProgrammeProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ProgrammeProblem]
    public init(_ problems: [ProgrammeProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
