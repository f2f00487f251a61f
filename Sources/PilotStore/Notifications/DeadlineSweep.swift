import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// What one sweep of the deadlines did.
public struct DeadlineSweep: Sendable, Hashable {
    /// Events noticed now: reminders before a state's SLA runs out, escalations after.
    public var reminders = 0
    public var escalations = 0
    /// Notices written (one per person per event).
    public var notices = 0

    public init() {}
}

/// Reminders and escalations (issue #17): every state with `sla_days` reminds the people whose
/// step it is (`owners`) `reminderLeadDays` before the SLA runs out, and escalates to the
/// supervisors of that step when it has run out. The timer loop sweeps them with the workflow
/// timers, in every server process: each event is keyed (instance, state, the moment it entered
/// the state) and recorded once, with its notices and mails, in one transaction — a second sweep
/// or process finds the key and writes nothing, and a project that re-enters the state later is a
/// new event.
extension WorkflowService {
    /// How many days before the SLA the reminder comes (at most half the SLA, so a 2-day step is
    /// not reminded the moment it starts).
    public static let reminderLeadDays = 2
    static let day: Int64 = 86_400_000

    /// The programme's officials: they may act on most steps (withdraw, correct), so a step is
    /// theirs only when no other party can take it.
    static let officials: Set<Role> = [.districtOfficial, .financeOfficer, .admin, .leadership]

    /// Whose step it is, among those who can act on it: the parties (contractors, providers,
    /// enterprises, experts, task forces) when any of them can, else the officials.
    static func owners(of actors: [Actor]) -> [Actor] {
        let parties = actors.filter { actor in actor.grants.contains { !officials.contains($0.role) } }
        return parties.isEmpty ? actors : parties
    }

    /// Who supervises a step owned by people of these roles: the district bureau oversees the
    /// parties; the leadership the bureau's own officials and the finance officers.
    static func supervisors(of roles: Set<Role>) -> Set<Role> {
        roles.isSubset(of: officials) ? [.leadership] : [.districtOfficial]
    }

    /// Notices every reminder and escalation due at `now` not noticed before; at most `limit`
    /// instances per state and kind per call (the loop calls again on its next pass).
    ///
    /// `window`: only events that fell due within that long before `now`. The query walks the
    /// instances of a state from its cut-off back, checking each against `notice_events`, so a
    /// full sweep costs every overdue instance of the programme's states; the timer loop sweeps
    /// a window of two days each pass and everything once an hour and at start-up, which catches
    /// events a stopped server missed.
    public func sweepDeadlines(now: Date? = nil, window: Duration? = nil, limit: Int = 200) async throws -> DeadlineSweep {
        let now = now ?? store.decisionTime()
        var sweep = DeadlineSweep()
        var people: [String: [Actor]] = [:]
        for versions in catalog.definitions.values {
            for definition in versions.values {
                for state in definition.states where !state.terminal {
                    guard let sla = state.slaDays, sla > 0 else { continue }
                    let remindAfter = Int64(max(sla - Self.reminderLeadDays, (sla + 1) / 2))
                    for (kind, after) in [(NoticeKind.slaReminder, remindAfter), (.slaEscalation, Int64(sla))] {
                        let cutoff = now.millis - after * Self.day
                        let due = try await unnoticed(
                            definition, state: state.id, kind: kind,
                            entered: window.map { cutoff - Int64($0.components.seconds) * 1000 }, before: cutoff,
                            limit: limit)
                        for instance in due {
                            if people[instance.programmeId] == nil {
                                people[instance.programmeId] = try await actors(programmeId: instance.programmeId)
                            }
                            let written = try await notice(
                                instance, definition: definition, state: state, sla: sla, kind: kind, now: now,
                                people: people[instance.programmeId] ?? [])
                            guard let written else { continue }
                            sweep.notices += written
                            if kind == .slaReminder { sweep.reminders += 1 } else { sweep.escalations += 1 }
                        }
                    }
                }
            }
        }
        return sweep
    }

    static func eventKey(_ kind: NoticeKind, instanceId: String, state: String, enteredAt: Int64) -> String {
        "\(kind.rawValue):\(instanceId):\(state):\(enteredAt)"
    }

    /// Instances in `state` since before `before` (and after `entered`, when given) whose event of
    /// `kind` has no row yet. Walks the index `workflow_instances_state_day`.
    func unnoticed(
        _ definition: WorkflowDefinition, state: String, kind: NoticeKind, entered: Int64?, before: Int64, limit: Int
    ) async throws -> [InstanceSnapshot] {
        let since: SQLQueryString = entered.map { "AND i.state_entered_at > \(bind: $0)" } ?? ""
        return try await store.backend.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: InstanceRepository.instanceColumns) FROM workflow_instances i
                WHERE i.definition_id = \(bind: definition.id) AND i.definition_version = \(bind: definition.version)
                AND i.state = \(bind: state) AND i.state_entered_at <= \(bind: before) \(since)
                AND NOT EXISTS (SELECT 1 FROM notice_events e WHERE e.event_key =
                    \(bind: kind.rawValue + ":") || i.id || ':' || i.state || ':' || CAST(i.state_entered_at AS TEXT))
                ORDER BY i.state_entered_at LIMIT \(bind: limit)
                """
            ).all().map { try InstanceRepository.decodeInstance($0) }
        }
    }

    /// Writes the event and its notices; nil when it was noticed meanwhile. An event nobody can be
    /// told of (no account holds the role) is still recorded, so it is not looked at again.
    func notice(
        _ instance: InstanceSnapshot, definition: WorkflowDefinition, state: StateDefinition, sla: Int, kind: NoticeKind,
        now: Date, people: [Actor]
    ) async throws -> Int? {
        let owners = Self.owners(
            of: people.filter { !engine.availableTransitions(instance, definition: definition, actor: $0).isEmpty })
        let recipients: [Actor]
        switch kind {
        case .slaReminder: recipients = owners
        case .slaEscalation:
            let supervising = Self.supervisors(of: Set(owners.flatMap { $0.grants.map(\.role) }))
            recipients = people.filter { !$0.grants(covering: instance.scopeKeys, roles: supervising).isEmpty }
        }
        let name = instance.data["enterprise_name"]?.stringValue ?? instance.data["provider_name"]?.stringValue ?? instance.id
        let dueAt = instance.stateEnteredAt.addingTimeInterval(Double(sla) * 86_400)
        let text = DeadlineText(
            name: name, state: state.label, due: Shanghai.dateText(dueAt),
            daysOver: max(0, Int(now.timeIntervalSince(dueAt) / 86_400)))
        let notices = recipients.map { actor in
            Notice(
                userId: actor.userId, subject: text.subject(kind), body: text.body(kind), link: "/instances/\(instance.id)")
        }
        let event = NoticeEvent(
            key: Self.eventKey(kind, instanceId: instance.id, state: state.id, enteredAt: instance.stateEnteredAt.millis),
            programmeId: instance.programmeId, instanceId: instance.id, kind: kind)
        return try await store.notifications.record(event, notices: notices) ? notices.count : nil
    }

    /// Every active account holding grants in the programme, as the actor it would act as there.
    func actors(programmeId: String) async throws -> [Actor] {
        try await store.backend.read { database in
            var grants: [String: [RoleGrant]] = [:]
            var accounts: [(id: String, name: String, organisation: String?)] = []
            for row in try await database.raw(
                """
                SELECT u.id, u.display_name, u.organisation_id, g.role, g.scope_kind, g.scope_id
                FROM user_grants g JOIN users u ON u.id = g.user_id
                WHERE g.programme_id = \(bind: programmeId) AND u.active <> 0
                ORDER BY u.id, g.role, g.scope_kind, g.scope_id
                """
            ).all() {
                let id = try row.string("id")
                guard let role = Role(rawValue: try row.string("role")),
                    let scope = Scope(kind: try row.string("scope_kind"), id: try row.string("scope_id"))
                else { continue }
                if grants[id] == nil {
                    accounts.append((id, try row.string("display_name"), try row.optionalString("organisation_id")))
                }
                grants[id, default: []].append(RoleGrant(role: role, scope: scope))
            }
            return accounts.map { account in
                var actor = Actor(
                    userId: account.id, displayName: account.name, organisationId: account.organisation,
                    grants: grants[account.id] ?? [])
                actor.programmeId = programmeId
                return actor
            }
        }
    }
}

/// The words of a deadline notice, in both languages.
struct DeadlineText {
    var name: String
    var state: LocalizedText
    var due: String
    var daysOver: Int

    func subject(_ kind: NoticeKind) -> LocalizedText {
        switch kind {
        case .slaReminder:
            LocalizedText(zh: "办理提醒：\(name)「\(state.zh)」将于 \(due) 到期", en: "Reminder: \(name) — “\(state.en)” is due on \(due)")
        case .slaEscalation:
            LocalizedText(zh: "超期督办：\(name)「\(state.zh)」已于 \(due) 到期", en: "Overdue: \(name) — “\(state.en)” was due on \(due)")
        }
    }

    func body(_ kind: NoticeKind) -> LocalizedText {
        switch kind {
        case .slaReminder:
            LocalizedText(
                zh: "项目「\(name)」处于「\(state.zh)」环节，办理期限为 \(due)。请及时办理。",
                en: "The project “\(name)” is at the step “\(state.en)”, due on \(due). Please act on it in time.")
        case .slaEscalation:
            LocalizedText(
                zh: "项目「\(name)」的「\(state.zh)」环节已于 \(due) 到期（超期 \(daysOver) 天），请督促办理。",
                en:
                    "The step “\(state.en)” of the project “\(name)” was due on \(due) (\(daysOver) days overdue). Please follow it up."
            )
        }
    }
}
