import Foundation

/// Switches the mock national endpoint off and on while it runs: while it is down every batch is
/// refused with 503 (nothing processed), as during the outage in `smepilot bench sync
/// --outage-seconds` (issue #16).
public final class NationalMockOutage: @unchecked Sendable {
    private let lock = NSLock()
    private var down = false

    public init() {}

    public var isDown: Bool { lock.withLock { down } }

    public func set(down: Bool) { lock.withLock { self.down = down } }
}
