import HummingbirdBcrypt
import NIOConcurrencyHelpers
import NIOPosix
import PilotStore

/// bcrypt hashing (design.md §6). Hashing is deliberately slow, so it runs on the thread pool,
/// never on an event loop.
public struct Passwords: Sendable {
    public let cost: UInt8
    private let decoy = NIOLockedValueBox<String?>(nil)
    private let hashes = NIOLockedValueBox(0)

    public init(cost: UInt8) { self.cost = cost }

    /// How many hashes this value (and its copies) made: what a request cost in bcrypt, e.g. that
    /// a refused registration cost none (issue #11).
    public var hashesMade: Int { hashes.withLockedValue { $0 } }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        hashes.withLockedValue { $0 += 1 }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random password at this cost, made once on first use: verifying against it
    /// when the user name is unknown takes as long as a wrong password, so names are not revealed.
    public func decoyHash() async throws -> String {
        if let hash = decoy.withLockedValue({ $0 }) { return hash }
        let hash = try await self.hash(SecretToken.make())
        decoy.withLockedValue { $0 = hash }
        return hash
    }
}
