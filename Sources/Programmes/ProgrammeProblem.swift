import PilotDomain

/// What can be wrong with a programme or division file. `smepilot programme validate` prints each
/// problem as `file:line: kind: message` (`FileProblem`), like the workflow validator.
public enum ProgrammeProblemKind: String, Sendable, Hashable {
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
    case badEvaluation = "bad_evaluation"
    case badDiagnosis = "bad_diagnosis"
    case badPhase = "bad_phase"
}

/// One thing wrong with a programme or division file, with where it is.
public typealias ProgrammeProblem = FileProblem<ProgrammeProblemKind>

/// A file could not be loaded; carries every problem found, not only the first.
public typealias ProgrammeProblems = FileProblems<ProgrammeProblemKind>
