import Foundation
import PilotDomain

/// What taking a transition changes. The store applies all of it in one transaction.
public struct Decision: Sendable, Hashable {
    public var instanceId: String
    public var programmeId: String
    public var transitionId: String
    public var fromState: String
    public var toState: String
    /// The version the decision was made on; the store's conditional update checks it.
    public var baseVersion: Int
    public var definitionVersion: Int
    /// The instance data after the effects.
    public var data: [String: JSONValue]
    /// The validated, normalised input (money in fen, dates as YYYY-MM-DD).
    public var input: [String: JSONValue]
    public var participants: [String: [Participant]]
    public var events: [OutboxEventDraft]
    /// Timers to start because the instance enters a new state. Leaving a state cancels its timers.
    public var timers: [TimerStart]
    /// The programme rules the decision consulted, so an auditor sees which rule applied.
    public var ruleValues: [String: JSONValue]
    public var actor: Actor
    public var occurredAt: Date
    /// The facts the service looked up for the command (`Command.facts`): the history row keeps
    /// them so `smepilot audit verify` can replay the decision.
    public var facts: [String: JSONValue] = [:]

    public var newVersion: Int { baseVersion + 1 }
    public var changesState: Bool { fromState != toState }
}

/// An event for the national platform, written to the outbox in the decision's transaction.
public struct OutboxEventDraft: Sendable, Hashable {
    public var type: String
    /// Per-instance, gapless: the national platform orders a project's events by it.
    public var sequence: Int
    public var payload: [String: JSONValue]

    public init(type: String, sequence: Int, payload: [String: JSONValue]) {
        self.type = type
        self.sequence = sequence
        self.payload = payload
    }

    /// The event a project emits when it moves: what moved, from where to where, when, and the
    /// validated input. The national-sync adapter maps it to the national contract.
    public static func projectEvent(
        type: String, sequence: Int, instance: InstanceSnapshot, transition: String, toState: String, at time: Date,
        input: [String: JSONValue]
    ) -> OutboxEventDraft {
        OutboxEventDraft(
            type: type, sequence: sequence,
            payload: [
                "project_id": .string(instance.id),
                "programme_id": .string(instance.programmeId),
                "enterprise_id": instance.subjectOrganisationId.map(JSONValue.string) ?? .null,
                "transition": .string(transition),
                "from_state": .string(transition == "_start" ? "" : instance.state),
                "to_state": .string(toState),
                "occurred_at": .string(Engine.timestamp(time)),
                "input": .object(input),
            ])
    }
}

public struct TimerStart: Sendable, Hashable {
    public var timerId: String
    public var transitionId: String
    public var state: String
    public var dueAt: Date
}

/// Why a command was refused. Nothing is written for a refusal.
public enum Refusal: Error, Sendable, Hashable {
    case unknownTransition(String)
    case notAllowedInState(transition: String, state: String)
    case roleNotPermitted(transition: String, allowed: [Role])
    case outOfScope(transition: String)
    case separationOfDuties(LocalizedText)
    case invalidInput([FieldError])
    case guardFailed(guardName: String, reason: LocalizedText)
    case staleVersion(expected: Int, actual: Int)
    /// The idempotency key was used before for a different command.
    case idempotencyKeyReused

    /// A stable machine-readable code for the API.
    public var code: String {
        switch self {
        case .unknownTransition: "unknown_transition"
        case .notAllowedInState: "not_allowed_in_state"
        case .roleNotPermitted: "role_not_permitted"
        case .outOfScope: "out_of_scope"
        case .separationOfDuties: "separation_of_duties"
        case .invalidInput: "invalid_input"
        case .guardFailed: "guard_failed"
        case .staleVersion: "stale_version"
        case .idempotencyKeyReused: "idempotency_key_reused"
        }
    }

    public var message: LocalizedText {
        switch self {
        case .unknownTransition(let id):
            LocalizedText(zh: "没有名为“\(id)”的操作", en: "There is no action named '\(id)'")
        case .notAllowedInState(let transition, let state):
            LocalizedText(
                zh: "当前状态（\(state)）下不能执行“\(transition)”，请刷新页面查看最新状态",
                en: "'\(transition)' cannot be taken in the current state (\(state)); reload to see the latest state")
        case .roleNotPermitted(_, let allowed):
            LocalizedText(
                zh: "您的角色无权执行此操作（允许：\(allowed.map(\.label.zh).joined(separator: "、"))）",
                en: "Your role may not take this action (allowed: \(allowed.map(\.label.en).joined(separator: ", ")))")
        case .outOfScope:
            LocalizedText(
                zh: "该项目不在您的管辖范围内（细分行业、区域或单位不符）",
                en: "This project is outside your scope (sub-industry, zone or organisation)")
        case .separationOfDuties(let message):
            message
        case .invalidInput(let errors):
            LocalizedText(
                zh: "填写有误：" + errors.map { $0.message.zh }.joined(separator: "；"),
                en: "Please correct: " + errors.map { $0.message.en }.joined(separator: "; "))
        case .guardFailed(_, let reason):
            reason
        case .staleVersion(let expected, let actual):
            LocalizedText(
                zh: "该项目已被他人更新（您看到的是第 \(expected) 版，当前为第 \(actual) 版），请刷新后重试",
                en: "Someone else updated this project (you saw version \(expected), it is now \(actual)); reload and try again")
        case .idempotencyKeyReused:
            LocalizedText(
                zh: "该幂等键已用于另一项操作，请为新操作使用新的键",
                en: "This idempotency key was already used for a different command; use a new key")
        }
    }
}

/// A problem with one input field, shown beside the field.
public struct FieldError: Sendable, Hashable, Codable {
    public var field: String
    public var message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }
}
