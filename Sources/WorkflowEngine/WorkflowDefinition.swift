import PilotDomain

/// A workflow as written in `Workflows/<id>.yaml` (format: `Workflows/README.md`).
/// Definitions are data: the engine interprets them; guards and effects are named here and
/// implemented in Swift (`WorkflowRegistry`).
public struct WorkflowDefinition: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var initialState: String
    public var states: [StateDefinition]
    public var transitions: [TransitionDefinition]
    public var timers: [TimerDefinition]
    public var separationOfDuties: [SeparationRule]
    /// The file it was read from, for messages.
    public var sourceFile: String

    public init(
        id: String, version: Int, title: LocalizedText, initialState: String, states: [StateDefinition],
        transitions: [TransitionDefinition], timers: [TimerDefinition] = [],
        separationOfDuties: [SeparationRule] = [], sourceFile: String = "<memory>"
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.initialState = initialState
        self.states = states
        self.transitions = transitions
        self.timers = timers
        self.separationOfDuties = separationOfDuties
        self.sourceFile = sourceFile
    }

    public func state(_ id: String) -> StateDefinition? { states.first { $0.id == id } }
    public func transition(_ id: String) -> TransitionDefinition? { transitions.first { $0.id == id } }

    /// Transitions that leave `state`, in file order.
    public func transitions(from state: String) -> [TransitionDefinition] {
        transitions.filter { $0.from.contains(state) }
    }

    /// Timers that start when an instance enters `state`.
    public func timers(enteringState state: String) -> [TimerDefinition] {
        timers.filter { $0.state == state }
    }
}

public struct StateDefinition: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var terminal: Bool
    /// How long an instance should stay here at most (risk lists use it); nil when open-ended.
    public var slaDays: Int?
    public var line: Int

    public init(id: String, label: LocalizedText, terminal: Bool = false, slaDays: Int? = nil, line: Int = 0) {
        self.id = id
        self.label = label
        self.terminal = terminal
        self.slaDays = slaDays
        self.line = line
    }
}

public struct TransitionDefinition: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var from: [String]
    public var to: String
    public var roles: [Role]
    public var guards: [String]
    public var effects: [String]
    public var input: [InputField]
    /// The national-platform event this transition emits (an outbox row), if any.
    public var nationalEvent: String?
    /// Conditional targets: after effects run, the first route whose guard passes replaces `to`.
    public var routes: [TransitionRoute] = []
    /// `changes_funds: true` — the decision matters to the programme's funds book (an approved
    /// subsidy, a milestone that makes a tranche due, a hold, a termination). The store then queues
    /// the project for funds reconciliation in the decision's own transaction, so the book can never
    /// miss it (README "Money and workflow").
    public var changesFunds = false
    /// `admits_to_pool: true` — the decision admits the instance's subject organisation to the
    /// programme's provider pool (policy 002 第六条: 公示期满无异议的纳入资源池), written by the
    /// store in the decision's own transaction: the admission and the member row cannot disagree.
    public var admitsToPool = false
    public var line: Int
    /// Where each part was written, for validator messages.
    public var lines = TransitionLines()

    /// `to: stay` — the transition records something without moving the instance, from any of
    /// its `from` states (e.g. a subsidy release, whichever step the project has reached).
    public static let stay = "stay"

    /// Where the transition goes when taken from `state`.
    public func target(from state: String) -> String { to == Self.stay ? state : to }

    public init(
        id: String, label: LocalizedText, from: [String], to: String, roles: [Role], guards: [String] = [],
        effects: [String] = [], input: [InputField] = [], nationalEvent: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.label = label
        self.from = from
        self.to = to
        self.roles = roles
        self.guards = guards
        self.effects = effects
        self.input = input
        self.nationalEvent = nationalEvent
        self.line = line
    }

    /// Only the system actor (timers) may take it.
    public var isSystemOnly: Bool { roles == [.system] }
}

/// "Go to `to` instead, when guard `when` passes" — e.g. the third signature completes the task book.
public struct TransitionRoute: Sendable, Hashable {
    public var when: String
    public var to: String
    public var line: Int

    public init(when: String, to: String, line: Int = 0) {
        self.when = when
        self.to = to
        self.line = line
    }
}

/// Line numbers of a transition's parts in its file.
public struct TransitionLines: Sendable, Hashable {
    public var to = 0
    public var from = 0
    public var roles = 0
    public var guards: [String: Int] = [:]
    public var effects: [String: Int] = [:]
    public var nationalEvent = 0

    public init(
        to: Int = 0, from: Int = 0, roles: Int = 0, guards: [String: Int] = [:], effects: [String: Int] = [:],
        nationalEvent: Int = 0
    ) {
        self.to = to
        self.from = from
        self.roles = roles
        self.guards = guards
        self.effects = effects
        self.nationalEvent = nationalEvent
    }
}

/// Fires `transition` as the system actor a while after an instance enters `state`.
/// Leaving the state cancels it.
public struct TimerDefinition: Sendable, Hashable {
    public enum DayCounting: String, Sendable, Hashable {
        /// Calendar days (自然日).
        case calendar
        /// Working days on the official holiday calendar (工作日), 调休 included.
        case working
    }

    public var id: String
    public var state: String
    public var transition: String
    /// Fixed number of days, used when `daysRule` is nil or the programme does not set it.
    public var days: Int
    /// A programme rule that overrides `days` (e.g. `publicity_days`); recorded on the decision.
    public var daysRule: String?
    public var counting: DayCounting
    /// A programme rule that overrides `counting` ("calendar" or "working", e.g. `publicity_counting`):
    /// domain.md §2.5 leaves the publicity mode open, so each programme chooses it.
    public var countingRule: String?
    public var line: Int

    public init(
        id: String, state: String, transition: String, days: Int, daysRule: String? = nil,
        counting: DayCounting = .calendar, countingRule: String? = nil, line: Int = 0
    ) {
        self.countingRule = countingRule
        self.id = id
        self.state = state
        self.transition = transition
        self.days = days
        self.daysRule = daysRule
        self.counting = counting
        self.line = line
    }
}

/// "Whoever took one of `notActorOf` on this instance may not take `transition`" — and, with
/// `sameOrganisation`, nobody from their organisation either.
public struct SeparationRule: Sendable, Hashable {
    public var transition: String
    public var notActorOf: [String]
    public var sameOrganisation: Bool
    public var message: LocalizedText
    public var line: Int

    public init(
        transition: String, notActorOf: [String], sameOrganisation: Bool, message: LocalizedText, line: Int = 0
    ) {
        self.transition = transition
        self.notActorOf = notActorOf
        self.sameOrganisation = sameOrganisation
        self.message = message
        self.line = line
    }
}
