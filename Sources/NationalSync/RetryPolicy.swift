import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, capped, so a recovering
/// endpoint is not hit by every relay at the same instant.
public struct RetryPolicy: Sendable {
    public var base: TimeInterval
    public var cap: TimeInterval

    public init(base: TimeInterval = 1, cap: TimeInterval = 300) {
        self.base = base
        self.cap = cap
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1): a random point in the
    /// upper half of min(cap, base·2^(attempt−1)) ("equal jitter").
    public func delay(afterAttempt attempt: Int, random: inout some RandomNumberGenerator) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let ceiling = min(cap, base * pow(2, exponent))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &random)
    }
}
