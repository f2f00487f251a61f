import Foundation

/// The key id and shared secret that sign requests to the national endpoint. The secret is never
/// printed: `description` and `debugDescription` show the key id only, so it cannot reach a log.
public struct SyncCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let keyId: String
    let secret: [UInt8]

    public init(keyId: String, secret: String) {
        self.keyId = keyId
        self.secret = Array(secret.utf8)
    }

    public var description: String { "SyncCredentials(keyId: \(keyId), secret: ***)" }
    public var debugDescription: String { description }
}
