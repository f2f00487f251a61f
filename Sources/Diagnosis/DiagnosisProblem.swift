import PilotDomain

/// What can be wrong with a maturity-model or questionnaire file (`Workflows/diagnosis`, format in
/// that folder's README). `smepilot questionnaire validate` prints each as `file:line: kind: message`.
public enum DiagnosisProblemKind: String, Sendable, Hashable, CaseIterable {
    case yamlSyntax = "yaml_syntax"
    case missingKey = "missing_key"
    case wrongType = "wrong_type"
    case unknownKey = "unknown_key"
    case duplicateId = "duplicate_id"
    case unknownDimension = "unknown_dimension"
    /// A base questionnaire leaves a dimension of its model without an item every firm must answer,
    /// so some firms could get no score on it.
    case uncoveredDimension = "uncovered_dimension"
    case badWeight = "bad_weight"
    case badScore = "bad_score"
    case badCutoff = "bad_cutoff"
    case unknownModel = "unknown_model"
}

/// One thing wrong with a diagnosis file, with where it is.
public typealias DiagnosisProblem = FileProblem<DiagnosisProblemKind>

/// A diagnosis directory could not be loaded; carries every problem found, not only the first.
public typealias DiagnosisProblems = FileProblems<DiagnosisProblemKind>
