import Foundation
import PilotDomain

/// What a guard sees: the instance, the validated input and the data (before effects for a
/// transition's guards, after effects for its routes).
public struct GuardContext: Sendable {
    public var instance: InstanceSnapshot
    public var input: [String: JSONValue]
    public var data: [String: JSONValue]
    public var actor: Actor
    public var now: Date
    public var rules: RuleBook
    /// What the service looked up for this command (see `Command.facts`).
    public var facts: [String: JSONValue] = [:]

    /// The input value if given, else the instance data value.
    public func value(_ name: String) -> JSONValue? { input[name] ?? data[name] }
}

public enum GuardOutcome: Sendable, Hashable {
    case pass
    case fail(LocalizedText)
}

/// What an effect may change: the instance data. Outbox events and timers come from the definition.
public struct EffectContext: Sendable {
    public var data: [String: JSONValue]
    public let input: [String: JSONValue]
    public let actor: Actor
    public let instance: InstanceSnapshot
    public let transition: TransitionDefinition
    public let now: Date
    /// What the service looked up for this command (see `Command.facts`).
    public var facts: [String: JSONValue] = [:]
}

public typealias Guard = @Sendable (GuardContext) -> GuardOutcome
public typealias Effect = @Sendable (inout EffectContext) -> Void

/// Guards and effects by the names workflow files use. The validator rejects names not here.
public struct WorkflowRegistry: Sendable {
    public var guards: [String: Guard]
    public var effects: [String: Effect]
    /// Event types the national-sync contract knows (`Contracts/national-sync.yaml`).
    public var nationalEvents: Set<String>
    /// Effects that read the command's facts or the actor's roles: history rows written before
    /// those were recorded (migration 19) cannot be replayed past one of them (`Engine.replay`).
    public var effectsReadingContext: Set<String>

    public init(
        guards: [String: Guard], effects: [String: Effect], nationalEvents: Set<String>,
        effectsReadingContext: Set<String> = []
    ) {
        self.guards = guards
        self.effects = effects
        self.nationalEvents = nationalEvents
        self.effectsReadingContext = effectsReadingContext
    }

    public static let standard = WorkflowRegistry(
        guards: StandardGuards.all, effects: StandardEffects.all, nationalEvents: NationalEventType.all,
        effectsReadingContext: StandardEffects.readingContext)
}

/// The event types of the national-sync contract (issue: national sync).
public enum NationalEventType {
    public static let all: Set<String> = [
        "enterprise_registered", "diagnosis_accepted", "plan_filed", "plan_approved", "publicity_opened",
        "publicity_closed", "task_book_signed", "tranche_released", "milestone_reported", "midterm_result",
        "acceptance_result", "level_assessed", "project_terminated",
    ]
}
