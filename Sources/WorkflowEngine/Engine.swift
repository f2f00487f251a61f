import Foundation
import PilotDomain

#if canImport(Glibc)
    import Glibc
#endif

/// Decides commands. Pure and deterministic: given the same instance, definition, actor, input,
/// time and rules it returns the same decision or refusal, and it touches no database, clock or
/// network. Every check a command must pass lives here, in one place (design.md §3):
/// transition known → version current → state allows it → role → scope → separation of duties →
/// input valid → guards pass. Then effects, routes, events and timers make the decision.
public struct Engine: Sendable {
    public let registry: WorkflowRegistry
    public let calendar: HolidayCalendar

    public init(registry: WorkflowRegistry = .standard, calendar: HolidayCalendar = HolidayCalendar()) {
        self.registry = registry
        self.calendar = calendar
    }

    public func decide(
        _ command: Command, instance: InstanceSnapshot, definition: WorkflowDefinition, actor: Actor, now: Date,
        rules: RuleBook = RuleBook()
    ) -> Result<Decision, Refusal> {
        let rules = rules.fresh()
        guard let transition = definition.transition(command.transitionId) else {
            return .failure(.unknownTransition(command.transitionId))
        }
        if let expected = command.expectedVersion, expected != instance.version {
            return .failure(.staleVersion(expected: expected, actual: instance.version))
        }
        guard transition.from.contains(instance.state) else {
            return .failure(.notAllowedInState(transition: transition.id, state: instance.state))
        }
        if let refusal = authorize(actor, transition, instance) { return .failure(refusal) }
        if let refusal = separationOfDuties(actor, transition, instance, definition) { return .failure(refusal) }

        let input: [String: JSONValue]
        switch InputValidation.validate(command.input, against: transition.input) {
        case .success(let values): input = values
        case .failure(let refusal): return .failure(refusal)
        }

        let guardContext = GuardContext(
            instance: instance, input: input, data: instance.data, actor: actor, now: now, rules: rules, facts: command.facts)
        for name in transition.guards {
            guard let check = registry.guards[name] else {
                return .failure(.guardFailed(guardName: name, reason: Self.missing("guard", name)))
            }
            if case .fail(let reason) = check(guardContext) {
                return .failure(.guardFailed(guardName: name, reason: reason))
            }
        }
        // An effect the registry does not know would be skipped silently and the decision written
        // without it; the validator refuses such a file at load, and this refuses it at run time too.
        for name in transition.effects where registry.effects[name] == nil {
            return .failure(.guardFailed(guardName: name, reason: Self.missing("effect", name)))
        }

        let (data, target, participants) = apply(
            transition, to: instance, input: input, actor: actor, now: now, rules: rules, facts: command.facts)

        let timers = target == instance.state ? [] : startTimers(entering: target, definition, now, rules)
        var events: [OutboxEventDraft] = []
        if let type = transition.nationalEvent {
            events.append(
                .projectEvent(
                    type: type, sequence: instance.eventSequence + 1, instance: instance, transition: transition.id,
                    toState: target, at: now, input: input))
        }

        return .success(
            Decision(
                instanceId: instance.id, programmeId: instance.programmeId, transitionId: transition.id,
                fromState: instance.state, toState: target, baseVersion: instance.version,
                definitionVersion: definition.version, data: data, input: input, participants: participants,
                events: events, timers: timers, ruleValues: rules.consultedValues, actor: actor, occurredAt: now,
                facts: command.facts))
    }

    /// What taking `transition` does once every check has passed: the effects on the data, the
    /// route to the target state, and the actor added to the participants. `decide` and `replay`
    /// (the audit) share it, so a replay applies exactly what a decision applied.
    func apply(
        _ transition: TransitionDefinition, to instance: InstanceSnapshot, input: [String: JSONValue], actor: Actor, now: Date,
        rules: RuleBook, facts: [String: JSONValue]
    ) -> (data: [String: JSONValue], target: String, participants: [String: [Participant]]) {
        var effectContext = EffectContext(
            data: instance.data, input: input, actor: actor, instance: instance, transition: transition, now: now,
            facts: facts)
        for name in transition.effects {
            registry.effects[name]?(&effectContext)
        }
        let data = effectContext.data

        var target = transition.target(from: instance.state)
        let routeContext = GuardContext(
            instance: instance, input: input, data: data, actor: actor, now: now, rules: rules, facts: facts)
        for route in transition.routes {
            if case .pass = registry.guards[route.when]?(routeContext) ?? .fail(Self.missing("guard", route.when)) {
                target = route.to
                break
            }
        }

        var participants = instance.participants
        participants[transition.id, default: []].append(
            Participant(userId: actor.userId, organisationId: actor.organisationId, principalUserId: actor.principalUserId))
        return (data, target, participants)
    }

    /// Role first, then scope: "your role may not" reads differently from "not your sub-industry".
    func authorize(_ actor: Actor, _ transition: TransitionDefinition, _ instance: InstanceSnapshot) -> Refusal? {
        let allowed = Set(transition.roles)
        guard actor.grants.contains(where: { allowed.contains($0.role) }) else {
            return .roleNotPermitted(transition: transition.id, allowed: transition.roles)
        }
        guard !actor.grants(covering: instance.scopeKeys, roles: allowed).isEmpty else {
            return .outOfScope(transition: transition.id)
        }
        return nil
    }

    /// Refuses when the actor (or the principal they act for, or — if the rule says so — anyone of
    /// their organisation) took one of the rule's earlier transitions on this instance.
    func separationOfDuties(
        _ actor: Actor, _ transition: TransitionDefinition, _ instance: InstanceSnapshot, _ definition: WorkflowDefinition
    ) -> Refusal? {
        let people = Set([actor.userId, actor.principalUserId].compactMap { $0 })
        for rule in definition.separationOfDuties where rule.transition == transition.id {
            for earlier in rule.notActorOf {
                for participant in instance.participants[earlier] ?? [] {
                    let theirPeople = Set([participant.userId, participant.principalUserId].compactMap { $0 })
                    let samePerson = !people.isDisjoint(with: theirPeople)
                    let sameOrganisation =
                        rule.sameOrganisation && actor.organisationId != nil
                        && participant.organisationId == actor.organisationId
                    if samePerson || sameOrganisation { return .separationOfDuties(rule.message) }
                }
            }
        }
        return nil
    }

    /// The timers that start when an instance enters `state` at `now`.
    public func startTimers(
        entering state: String, _ definition: WorkflowDefinition, _ now: Date, _ rules: RuleBook
    ) -> [TimerStart] {
        definition.timers(enteringState: state).map { timer in
            let days = timer.daysRule.map { Int(rules.int($0, default: Int64(timer.days))) } ?? timer.days
            let counting =
                timer.countingRule.flatMap { rules.string($0).flatMap(TimerDefinition.DayCounting.init(rawValue:)) }
                ?? timer.counting
            let due = calendar.periodEnd(startingAfter: now, days: days, workingDaysOnly: counting == .working)
            return TimerStart(timerId: timer.id, transitionId: timer.transition, state: state, dueAt: due)
        }
    }

    static func missing(_ kind: String, _ name: String) -> LocalizedText {
        let zh = kind == "effect" ? "效果" : "条件"
        return LocalizedText(zh: "流程配置错误：未知的\(zh) \(name)", en: "Workflow configuration error: unknown \(kind) \(name)")
    }

    /// RFC 3339 in UTC with milliseconds ("2024-06-01T00:00:00.000Z"): what the national
    /// contract and the API use. Computed directly: a formatter per call is slow on Linux.
    public static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(millis.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "."
            + pad(Int32(millis - millis.floorDivided(by: 1000) * 1000), 3) + "Z"
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
