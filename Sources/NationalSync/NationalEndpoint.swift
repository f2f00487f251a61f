import PilotStore

/// The national platform as the relay sees it: submit a batch, get one acknowledgement per event.
/// `NationalClient` is the real one (HTTP, the generated client of Contracts/national-sync.yaml).
public protocol NationalEndpoint: Sendable {
    func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement]
}

public struct Acknowledgement: Sendable, Hashable {
    public enum Status: String, Sendable { case accepted, duplicate, rejected }
    public var eventId: String
    public var status: Status
    public var reason: String?

    public init(eventId: String, status: Status, reason: String? = nil) {
        self.eventId = eventId
        self.status = status
        self.reason = reason
    }
}
