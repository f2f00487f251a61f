import Foundation
import NationalSyncAPI
import OpenAPIRuntime
import PilotDomain
import PilotStore

/// Our outbox events in the national contract's shape: the one place that knows both, so a real
/// national format can replace `Contracts/national-sync.yaml` by changing only this file.
enum NationalEventMapping {
    static let schemaVersion = "1.0"

    enum Problem: Error, CustomStringConvertible {
        case unknownType(String)
        var description: String {
            switch self {
            case .unknownType(let type): "event type '\(type)' is not in the national contract"
            }
        }
    }

    static func event(_ event: OutboxEvent) throws -> Components.Schemas.Event {
        guard let type = Components.Schemas.EventType(rawValue: event.type) else { throw Problem.unknownType(event.type) }
        let payload = try OpenAPIObjectContainer(unvalidatedValue: event.payload.mapValues(openAPIValue))
        return Components.Schemas.Event(
            eventId: event.eventId, projectId: event.instanceId, sequence: Int64(event.sequence), _type: type,
            occurredAt: event.occurredAt, schemaVersion: schemaVersion, programmeCode: event.programmeId,
            enterpriseUscc: event.payload["enterprise_uscc"]?.stringValue, payload: payload)
    }

    /// A payload value as the generated code holds one, converted directly: printing it as JSON
    /// and parsing that again cost more than the rest of a batch's mapping (issue #16).
    static func openAPIValue(_ value: JSONValue) -> (any Sendable)? {
        switch value {
        case .null: nil
        case .bool(let flag): flag
        case .int(let number): Int(number)
        case .double(let number): number
        case .string(let text): text
        case .array(let items): items.map(openAPIValue)
        case .object(let members): members.mapValues(openAPIValue)
        }
    }

    /// The reverse, for the mock endpoint: a payload value as the generated code decoded it.
    static func jsonValue(_ value: (any Sendable)?) -> JSONValue {
        switch value {
        case nil: .null
        case let flag as Bool: .bool(flag)
        case let number as Int: .int(Int64(number))
        case let number as Int64: .int(number)
        case let number as Double: .double(number)
        case let text as String: .string(text)
        case let items as [(any Sendable)?]: .array(items.map(jsonValue))
        case let members as [String: (any Sendable)?]: .object(members.mapValues(jsonValue))
        case let some?: .string(String(describing: some))
        }
    }

    static func acknowledgement(_ wire: Components.Schemas.Acknowledgement) -> Acknowledgement {
        let status: Acknowledgement.Status =
            switch wire.status {
            case .accepted: .accepted
            case .duplicate: .duplicate
            case .rejected: .rejected
            }
        return Acknowledgement(eventId: wire.eventId, status: status, reason: wire.reason)
    }
}
