import Foundation
import NationalSyncAPI
import PilotDomain
import PilotStore
import Testing

@testable import NationalSync

@Suite("The batch body written by hand is the contract's EventBatch, field for field")
struct NationalBatchBodyTests {
    let events = [
        OutboxEvent(
            rowId: 1, eventId: "evt_\"quoted\"\\1", programmeId: "滨海-2025", instanceId: "prj_1", sequence: 1,
            type: "enterprise_registered",
            payload: [
                "enterprise_uscc": "91310000MA1FL8XQ3K", "name": "滨海精工\n(试点)", "amount_fen": 12_345_600, "ratio": .double(0.125),
                "tags": .array(["a", 1, true, .null]), "nested": .object(["deep": .object(["x": -3])]),
            ], occurredAt: Date(timeIntervalSince1970: 1_740_000_000)),
        OutboxEvent(
            rowId: 2, eventId: "evt_2", programmeId: "p", instanceId: "prj_1", sequence: 2, type: "milestone_reported",
            payload: [:], occurredAt: Date(timeIntervalSince1970: 1_740_000_061)),
    ]

    @Test("it decodes with the generated types to exactly what the mapping gives, payload included")
    func decodesToTheMapping() throws {
        let body = try NationalEventMapping.batchBody(batchId: "b-1", events: events)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try RFC3339Transcoder().decode(try decoder.singleValueContainer().decode(String.self))
        }
        let batch = try decoder.decode(Components.Schemas.EventBatch.self, from: Data(body))
        #expect(batch.batchId == "b-1")
        let mapped = try events.map(NationalEventMapping.event)
        #expect(batch.events.count == mapped.count)
        for (sent, expected) in zip(batch.events, mapped) {
            #expect(
                sent.eventId == expected.eventId && sent.projectId == expected.projectId && sent.sequence == expected.sequence)
            #expect(sent._type == expected._type && sent.occurredAt == expected.occurredAt)
            #expect(sent.schemaVersion == expected.schemaVersion && sent.programmeCode == expected.programmeCode)
            #expect(sent.enterpriseUscc == expected.enterpriseUscc)
        }
        // What the mock endpoint stores of each payload, from the generated type, is the payload.
        #expect(
            batch.events.map { JSONValue.object($0.payload.value.mapValues(NationalEventMapping.jsonValue)) }
                == events.map { .object($0.payload) })
        // The payloads, read back as our own JSON values: nothing lost or changed in the writing.
        let whole = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        guard case .array(let wire)? = whole.objectValue?["events"] else {
            Issue.record("no events array")
            return
        }
        #expect(wire.map { $0.objectValue?["payload"] } == events.map { .object($0.payload) })
    }

    @Test("an event type the contract does not have is refused before anything is sent")
    func unknownType() {
        var event = events[1]
        event.type = "invented"
        #expect(throws: NationalEventMapping.Problem.self) { try NationalEventMapping.batchBody(batchId: "b", events: [event]) }
    }
}
