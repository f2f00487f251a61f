import PilotDomain

/// What can be wrong with a workflow file. `smepilot workflow validate` prints each problem as
/// `file:line: kind: message` (`FileProblem`).
public enum DefinitionProblemKind: String, Sendable, Hashable, CaseIterable {
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

/// One thing wrong with a workflow file, with where it is.
public typealias DefinitionProblem = FileProblem<DefinitionProblemKind>

/// A definition could not be loaded; carries every problem found, not just the first.
public typealias DefinitionErrors = FileProblems<DefinitionProblemKind>
