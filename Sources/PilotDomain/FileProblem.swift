/// One thing wrong with a data file (a workflow, a programme, the division tree), with where it is:
/// the commands print these as `file:line: kind: message`, the format editors and CI logs link to.
/// Each kind of file names its own kinds of problem.
public struct FileProblem<K>: Error, Sendable, Hashable, CustomStringConvertible
where K: RawRepresentable & Sendable & Hashable, K.RawValue == String {
    /// The kinds of problem of this kind of file (`DefinitionProblem.Kind`, `ProgrammeProblem.Kind`).
    public typealias Kind = K

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

/// A file could not be loaded; carries every problem found, not just the first.
public struct FileProblems<K>: Error, Sendable, CustomStringConvertible
where K: RawRepresentable & Sendable & Hashable, K.RawValue == String {
    public var problems: [FileProblem<K>]
    public init(_ problems: [FileProblem<K>]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
