import Foundation

/// A client's idempotency key for one change of a programme's funds (`Idempotency-Key` of the
/// API), with the fingerprint of the request it was first used for. Keys are the caller's own:
/// two officers may use the same key without meeting.
public struct FundsRequestKey: Sendable, Hashable {
    public var key: String
    /// What makes two requests the same request (the action's parameters as text).
    public var fingerprint: String

    public init(key: String, fingerprint: String) {
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// The key was first used for another request: refused, nothing written.
public struct FundsRequestReused: Error, Sendable {
    public var key: String
}
