import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// Our types to and from the contract's wire types: the one place that knows both.
enum APIMapping {
    static func text(_ text: LocalizedText) -> Components.Schemas.LocalizedText { .init(zh: text.zh, en: text.en) }

    static func workflow(_ definition: WorkflowDefinition) -> Components.Schemas.WorkflowDefinition {
        .init(
            id: definition.id, version: definition.version, title: text(definition.title), initialState: definition.initialState,
            states: definition.states.map { .init(id: $0.id, label: text($0.label), terminal: $0.terminal, slaDays: $0.slaDays) },
            transitions: definition.transitions.map { transition in
                .init(
                    id: transition.id, label: text(transition.label), from: transition.from, to: transition.to,
                    roles: transition.roles.compactMap { Components.Schemas.Role(rawValue: $0.rawValue) },
                    input: transition.input.map(field), nationalEvent: transition.nationalEvent)
            })
    }

    static func field(_ field: InputField) -> Components.Schemas.InputField {
        .init(
            name: field.name, _type: Components.Schemas.InputFieldType(rawValue: field.kind.rawValue) ?? .text,
            label: text(field.label),
            required: field.required, min: field.min.map(Int.init), max: field.max.map(Int.init), maxLength: field.maxLength,
            options: field.kind == .choice ? field.options.map { .init(value: $0.value, label: text($0.label)) } : nil)
    }

    static func instance(
        _ instance: InstanceSnapshot, definition: WorkflowDefinition, history: [HistoryRecord], available: [String],
        visibility: ProjectVisibility
    ) throws -> Components.Schemas.Instance {
        .init(
            id: instance.id, programmeId: instance.programmeId, workflowId: instance.definitionId,
            workflowVersion: instance.definitionVersion, state: instance.state,
            stateLabel: text(definition.state(instance.state)?.label ?? LocalizedText(zh: instance.state, en: instance.state)),
            version: instance.version, data: try object(visibility.data(instance.data)), subIndustryId: instance.subIndustryId,
            zoneId: instance.divisionCode,
            subjectOrganisationId: instance.subjectOrganisationId, createdAt: instance.createdAt,
            stateEnteredAt: instance.stateEnteredAt,
            history: try history.map { record in
                .init(
                    seq: record.seq, transition: record.transitionId, fromState: record.fromState, toState: record.toState,
                    actorName: record.actorName, actorUserId: record.actorUserId, occurredAt: record.occurredAt,
                    input: try object(visibility.input(of: record)))
            },
            availableTransitions: available)
    }

    static func task(_ row: TaskRow) -> Components.Schemas.Task {
        .init(
            id: row.instance.id, workflowId: row.instance.definitionId, state: row.instance.state,
            stateLabel: text(
                row.definition?.state(row.instance.state)?.label ?? LocalizedText(zh: row.instance.state, en: row.instance.state)),
            version: row.instance.version, subjectName: row.subjectName, stateEnteredAt: row.instance.stateEnteredAt,
            transitions: row.transitions.map(\.id))
    }

    static func result(_ result: CommandResult) -> Components.Schemas.CommandResult {
        .init(
            instanceId: result.instanceId, transition: result.transitionId, fromState: result.fromState, toState: result.toState,
            version: result.version, replayed: result.replayed)
    }

    static func value(_ value: Components.Schemas.CommandInputValue) -> JSONValue {
        switch value {
        case .CommandInputString(let text): .string(text)
        case .CommandInputInteger(let number): .int(Int64(number))
        case .CommandInputBoolean(let flag): .bool(flag)
        }
    }

    /// A free-form object for the wire: re-decoded from our canonical JSON so every nested
    /// value takes the container's own types.
    static func object(_ values: [String: JSONValue]) throws -> Components.Schemas.FreeFormObject {
        let data = Data(JSONValue.canonicalText(values).utf8)
        return .init(additionalProperties: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: data))
    }
}
