import Foundation
import NationalSyncAPI
import PilotDomain
import PilotStore

extension NationalEventMapping {
    /// The body of `POST /national/v1/events:batch` (the contract's `EventBatch`), written by hand:
    /// the same fields as `event(_:)` maps, keys sorted, the payload as its canonical text.
    ///
    /// Why not the generated client's `JSONEncoder`: it walks every event's payload through
    /// `OpenAPIObjectContainer` and Codable boxes, which cost more than the rest of a relay's round
    /// (issue #16 profile); this is one pass into one string. The mock endpoint decodes these
    /// bodies with the generated server code, so every test of the relay checks them against the
    /// contract, and `NationalBatchBodyTests` checks they decode to exactly what `event(_:)` maps.
    static func batchBody(batchId: String, events: [OutboxEvent]) throws -> [UInt8] {
        var text = "{\"batch_id\":"
        text.reserveCapacity(64 + events.count * 320)
        text += JSONValue.canonicalText(.string(batchId))
        text += ",\"events\":["
        for (index, event) in events.enumerated() {
            guard let type = Components.Schemas.EventType(rawValue: event.type) else { throw Problem.unknownType(event.type) }
            text += index == 0 ? "{" : ",{"
            if let uscc = event.payload["enterprise_uscc"]?.stringValue {
                text += "\"enterprise_uscc\":" + JSONValue.canonicalText(.string(uscc)) + ","
            }
            text += "\"event_id\":" + JSONValue.canonicalText(.string(event.eventId))
            text += ",\"occurred_at\":\"" + RFC3339Transcoder.string(from: event.occurredAt)
            text += "\",\"payload\":" + JSONValue.canonicalText(event.payload)
            text += ",\"programme_code\":" + JSONValue.canonicalText(.string(event.programmeId))
            text += ",\"project_id\":" + JSONValue.canonicalText(.string(event.instanceId))
            text += ",\"schema_version\":\"" + schemaVersion
            text += "\",\"sequence\":" + String(event.sequence)
            text += ",\"type\":\"" + type.rawValue + "\"}"
        }
        text += "]}"
        return Array(text.utf8)
    }
}
