/// The checks `smepilot workflow validate` applies to a parsed definition (Workflows/README.md):
/// unknown roles, guards, effects, events and states; duplicate ids; unreachable states;
/// non-terminal states with no way out; bad input schemas; timers that cannot fire.
public struct DefinitionValidator: Sendable {
    public let registry: WorkflowRegistry

    public init(registry: WorkflowRegistry = .standard) {
        self.registry = registry
    }

    public func problems(in definition: WorkflowDefinition) -> [DefinitionProblem] {
        var found: [DefinitionProblem] = []
        let file = definition.sourceFile
        func report(_ line: Int, _ kind: DefinitionProblem.Kind, _ message: String) {
            found.append(DefinitionProblem(file: file, line: line, kind: kind, message: message))
        }

        var stateIds: Set<String> = []
        for state in definition.states {
            if !stateIds.insert(state.id).inserted { report(state.line, .duplicateId, "state '\(state.id)' is defined twice") }
        }
        if !definition.initialState.isEmpty && !stateIds.contains(definition.initialState) {
            report(1, .unknownState, "initial state '\(definition.initialState)' is not defined")
        }

        var transitionIds: Set<String> = []
        for transition in definition.transitions {
            if !transitionIds.insert(transition.id).inserted {
                report(transition.line, .duplicateId, "transition '\(transition.id)' is defined twice")
            }
            for source in transition.from where !stateIds.contains(source) {
                report(
                    transition.lines.from, .unknownState, "transition '\(transition.id)': from-state '\(source)' is not defined")
            }
            if !stateIds.contains(transition.to) && transition.to != TransitionDefinition.stay {
                report(
                    transition.lines.to, .unknownState,
                    "transition '\(transition.id)': to-state '\(transition.to)' is not defined")
            }
            if transition.roles.isEmpty {
                report(transition.lines.roles, .unknownRole, "transition '\(transition.id)' names no role that may take it")
            }
            for name in transition.guards where registry.guards[name] == nil {
                report(
                    transition.lines.guards[name] ?? transition.line, .unknownGuard,
                    "transition '\(transition.id)': unknown guard '\(name)' (known: \(registry.guards.keys.sorted().joined(separator: ", ")))"
                )
            }
            for name in transition.effects where registry.effects[name] == nil {
                report(
                    transition.lines.effects[name] ?? transition.line, .unknownEffect,
                    "transition '\(transition.id)': unknown effect '\(name)' (known: \(registry.effects.keys.sorted().joined(separator: ", ")))"
                )
            }
            for route in transition.routes {
                if registry.guards[route.when] == nil {
                    report(route.line, .unknownGuard, "transition '\(transition.id)': route guard '\(route.when)' is unknown")
                }
                if !stateIds.contains(route.to) {
                    report(route.line, .unknownState, "transition '\(transition.id)': route target '\(route.to)' is not defined")
                }
            }
            if let event = transition.nationalEvent, !registry.nationalEvents.contains(event) {
                report(
                    transition.lines.nationalEvent, .unknownEvent,
                    "transition '\(transition.id)': unknown national event '\(event)' (known: \(registry.nationalEvents.sorted().joined(separator: ", ")))"
                )
            }
            checkInput(transition, report)
        }

        checkGraph(definition, stateIds: stateIds, report)
        checkTimers(definition, stateIds: stateIds, report)

        for rule in definition.separationOfDuties {
            for name in [rule.transition] + rule.notActorOf where !transitionIds.contains(name) {
                report(rule.line, .badRule, "separation rule names unknown transition '\(name)'")
            }
        }
        return found.sorted { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
    }

    func checkInput(_ transition: TransitionDefinition, _ report: (Int, DefinitionProblem.Kind, String) -> Void) {
        var names: Set<String> = []
        for field in transition.input {
            let prefix = "transition '\(transition.id)', field '\(field.name)'"
            if !names.insert(field.name).inserted { report(field.line, .duplicateId, "\(prefix) is defined twice") }
            if field.name.isEmpty || !field.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                report(field.line, .badInput, "\(prefix): a field name must be snake_case")
            }
            if field.kind == .choice && field.options.isEmpty {
                report(field.line, .badInput, "\(prefix): a choice field needs options")
            }
            if field.kind != .choice && !field.options.isEmpty {
                report(field.line, .badInput, "\(prefix): only a choice field takes options")
            }
            if let min = field.min, let max = field.max, min > max {
                report(field.line, .badInput, "\(prefix): min \(min) is greater than max \(max)")
            }
            if (field.min != nil || field.max != nil) && [.text, .longtext, .date, .boolean, .choice].contains(field.kind) {
                report(field.line, .badInput, "\(prefix): min/max apply to numbers only (use max_length for text)")
            }
            if let length = field.maxLength, length < 1 || ![.text, .longtext].contains(field.kind) {
                report(field.line, .badInput, "\(prefix): max_length must be positive and is for text fields only")
            }
        }
    }

    /// Reachability from the initial state, and a way out of every non-terminal state.
    func checkGraph(
        _ definition: WorkflowDefinition, stateIds: Set<String>, _ report: (Int, DefinitionProblem.Kind, String) -> Void
    ) {
        var reachable: Set<String> = []
        var frontier = [definition.initialState]
        while let state = frontier.popLast() {
            guard stateIds.contains(state), reachable.insert(state).inserted else { continue }
            for transition in definition.transitions(from: state) {
                frontier.append(transition.target(from: state))
                frontier.append(contentsOf: transition.routes.map(\.to))
            }
        }
        for state in definition.states {
            if !reachable.contains(state.id) && !definition.initialState.isEmpty && stateIds.contains(definition.initialState) {
                report(state.line, .unreachableState, "state '\(state.id)' cannot be reached from '\(definition.initialState)'")
            }
            let exits = definition.transitions(from: state.id).filter {
                $0.target(from: state.id) != state.id || $0.routes.contains { $0.to != state.id }
            }
            if state.terminal && !exits.isEmpty {
                report(state.line, .deadEndState, "state '\(state.id)' is terminal but has transitions out of it")
            }
            if !state.terminal && exits.isEmpty {
                report(state.line, .deadEndState, "state '\(state.id)' is not terminal but has no way out")
            }
        }
    }

    func checkTimers(
        _ definition: WorkflowDefinition, stateIds: Set<String>, _ report: (Int, DefinitionProblem.Kind, String) -> Void
    ) {
        var ids: Set<String> = []
        for timer in definition.timers {
            if !ids.insert(timer.id).inserted { report(timer.line, .duplicateId, "timer '\(timer.id)' is defined twice") }
            if !stateIds.contains(timer.state) {
                report(timer.line, .unknownState, "timer '\(timer.id)': state '\(timer.state)' is not defined")
            }
            guard let transition = definition.transition(timer.transition) else {
                report(timer.line, .badTimer, "timer '\(timer.id)' fires unknown transition '\(timer.transition)'")
                continue
            }
            if !transition.isSystemOnly {
                report(
                    timer.line, .badTimer, "timer '\(timer.id)' fires '\(transition.id)', whose roles must be exactly [system]")
            }
            if !transition.from.contains(timer.state) {
                report(timer.line, .badTimer, "timer '\(timer.id)' fires '\(transition.id)', which cannot leave '\(timer.state)'")
            }
            if transition.input.contains(where: \.required) {
                report(timer.line, .badTimer, "timer '\(timer.id)' fires '\(transition.id)', which has required input")
            }
        }
    }
}
