import Foundation
import PilotStore

/// Slows password guessing: after `limit` failures for one user name or one client address
/// within `window`, further attempts are refused until the window passes. The failures are kept
/// in the database (`login_failures`), so several server processes behind one proxy count the
/// same attempts instead of each allowing `limit` of its own.
public struct LoginThrottle: Sendable {
    let store: PilotStore
    let limit: Int
    let window: TimeInterval

    public init(store: PilotStore, limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.store = store
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when an attempt is allowed.
    public func retryAfter(keys: [String], now: Date) async throws -> Int? {
        // Failures are stored to the millisecond (rounded), so the wait is counted in whole
        // milliseconds too: with `now` at full precision a failure recorded at this very instant
        // could lie up to half a millisecond in the future and stretch the wait by a second.
        let nowMillis = now.millis
        let windowMillis = Int64((window * 1000).rounded())
        let failures = try await store.loginFailures(keys: keys, since: Date(millis: nowMillis - windowMillis))
        var waitMillis: Int64 = 0
        for recent in failures.values where recent.count >= limit {
            if let oldest = recent.first { waitMillis = max(waitMillis, windowMillis - (nowMillis - oldest.millis)) }
        }
        return waitMillis > 0 ? Int((waitMillis + 999) / 1000) : nil
    }

    public func recordFailure(keys: [String], now: Date) async throws {
        try await store.recordLoginFailure(keys: keys, at: now, forgetBefore: now.addingTimeInterval(-window))
    }

    public func recordSuccess(keys: [String]) async throws {
        try await store.clearLoginFailures(keys: keys)
    }
}
