import Foundation

/// Slows password guessing: after `limit` failures for one user name or one client address
/// within `window`, further attempts are refused until the window passes. Kept in memory per
/// process; several processes each keep their own count (the limit then applies per process).
public actor LoginThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when an attempt is allowed.
    public func retryAfter(keys: [String], now: Date = Date()) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent
            if recent.count >= limit, let oldest = recent.first {
                wait = max(wait, window - now.timeIntervalSince(oldest))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    public func recordFailure(keys: [String], now: Date = Date()) {
        for key in keys { failures[key, default: []].append(now) }
    }

    public func recordSuccess(keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
