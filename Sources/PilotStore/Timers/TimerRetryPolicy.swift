import Foundation

/// When a timer whose firing failed is tried again, and when it is given up (issue #11). A
/// failure is an error while firing (the database refused the write, a row could not be read),
/// not a refusal by the engine: a refused or outdated timer is cancelled at once, as before.
/// Deterministic (no jitter): timers fail one by one, not as a crowd hitting one endpoint, and
/// the tests hold the schedule to the injected clock.
public struct TimerRetryPolicy: Sendable, Hashable {
    /// Failed attempts after which the timer is dead.
    public var maxAttempts: Int
    /// The wait after the first failure; it doubles with each further one, up to `cap`.
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(maxAttempts: Int = 5, base: TimeInterval = 60, cap: TimeInterval = 3600) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.cap = cap
    }

    /// The wait before the next attempt after `attempts` failed ones (counting from 1).
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(cap, base * pow(2, Double(max(0, min(attempts - 1, 30)))))
    }
}
