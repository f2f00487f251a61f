import Foundation

/// Stops hammering an endpoint that is down: after `threshold` consecutive failures the circuit
/// opens and no batch is sent for `cooldown`; then one trial batch is let through (half-open) and
/// its outcome closes or re-opens the circuit.
public final class CircuitBreaker: @unchecked Sendable {
    public enum State: String, Sendable { case closed, open, halfOpen = "half_open" }

    let threshold: Int
    let cooldown: TimeInterval
    private let lock = NSLock()
    private var failures = 0
    private var openedAt: Date?
    private var trialInFlight = false

    /// A trial every 2 s: one refused request per cooldown costs an endpoint that is down next to
    /// nothing, and the cooldown is time the catch-up after an outage waits for nothing (issue #16:
    /// the 30 s catch-up goal lost up to 5 s to a 5 s cooldown).
    public init(threshold: Int = 5, cooldown: TimeInterval = 2) {
        self.threshold = threshold
        self.cooldown = cooldown
    }

    public func state(now: Date) -> State {
        lock.withLock { currentState(now) }
    }

    private func currentState(_ now: Date) -> State {
        guard let openedAt else { return .closed }
        return now.timeIntervalSince(openedAt) >= cooldown ? .halfOpen : .open
    }

    /// Whether a batch may be sent now. In half-open state only one trial at a time.
    public func allowRequest(now: Date) -> Bool {
        lock.withLock {
            switch currentState(now) {
            case .closed: return true
            case .open: return false
            case .halfOpen:
                if trialInFlight { return false }
                trialInFlight = true
                return true
            }
        }
    }

    /// Closes the circuit. True when it was open or half-open: the endpoint has just come back,
    /// and what waited on it may go now.
    @discardableResult
    public func recordSuccess() -> Bool {
        lock.withLock {
            let recovered = openedAt != nil
            failures = 0
            openedAt = nil
            trialInFlight = false
            return recovered
        }
    }

    /// A pass that had nothing to send: the endpoint was not asked, so a half-open trial is given
    /// back untried rather than taken as proof that the endpoint is back.
    public func recordNothingSent() {
        lock.withLock { trialInFlight = false }
    }

    public func recordFailure(now: Date) {
        lock.withLock {
            failures += 1
            if trialInFlight || failures >= threshold { openedAt = now }
            trialInFlight = false
        }
    }
}
